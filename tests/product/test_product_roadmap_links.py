"""Shared roadmap links: a secret shown once and stored hashed, only the fields chosen
for the link (never scores, customers, votes or revenue), nothing of a private project,
and a revoked link is gone at once."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.test import Client
from django.utils import timezone

from cairn.errors import Forbidden, Invalid, NotFound
from cairn.product.models import Customer, Feature, Objective, Release, RoadmapLink
from cairn.product.services import backlog, roadmap_links
from cairn.product.services import roadmap as roadmaps
from cairn.tracker import services as tracker

PUBLIC_KEYS = {"title", "description", "lane", "start", "end", "month", "quarter", "status", "type", "kind",
               "theme", "objective", "release", "progress", "issue", "color"}


@pytest.fixture
def roadmap(alice, product, web):
    now = timezone.now()
    epic = tracker.create_issue(actor=alice, project=web, fields={"title": "Search epic", "type": "Epic"}, now=now)
    search = backlog.create_feature(actor=alice, product=product, title="Search", now=now, issue=epic.key,
                                    description="Find anything in a keystroke.")
    billing = backlog.create_feature(actor=alice, product=product, title="Billing", now=now)
    goal = Objective.objects.create(product=product, title="Win teams", period="2027 Q1", starts_on=now.date(),
                                    ends_on=now.date() + dt.timedelta(days=90), color="#ff8800")
    release = Release.objects.create(product=product, name="Spring release", created_at=now,
                                     target_date=now.date() + dt.timedelta(days=30))
    # Internal numbers a customer must never see.
    Feature.objects.filter(pk=search.pk).update(reach=98765, impact=3, confidence=80, effort=2, rice_score=31604.8,
                                                theme="Findability", objective=goal, release=release)
    Customer.objects.create(workspace=product.workspace, company="Megacorp", contact_email="ceo@megacorp.example",
                            annual_revenue=4_200_000, created_at=now)
    roadmaps.move_feature(actor=alice, product=product, feature_id=search.pk, lane="now")
    roadmaps.move_feature(actor=alice, product=product, feature_id=billing.pk, lane="next")
    roadmaps.set_dates(actor=alice, product=product, feature_id=billing.pk, start=now.date(),
                       end=now.date() + dt.timedelta(days=20))
    return {"search": search, "billing": billing, "epic": epic}


def make(api_as, user, product, fields, label="Customers"):
    return api_as(user).post(f"/api/v1/products/{product.pk}/roadmap/links", json={"label": label, "fields": fields})


def public(token):
    return Client().get(f"/api/v1/public/roadmaps/{token}")


def test_the_token_is_shown_once_and_only_its_hash_is_kept(api_as, alice, product, roadmap):
    response = make(api_as, alice, product, ["title", "lane"])
    assert response.status_code == 201, response.content
    body = response.json()
    token = body["token"]
    assert body["url"] == f"/roadmap/{token}/" and body["active"] and body["fields"] == ["title", "lane"]
    link = RoadmapLink.objects.get()
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(RoadmapLink.objects.values().get())
    listed = api_as(alice).get(f"/api/v1/products/{product.pk}/roadmap/links").json()
    assert listed["total"] == 1 and "token" not in listed["items"][0] and token not in str(listed)


def test_a_link_shows_only_the_fields_chosen_for_it(api_as, alice, product, roadmap):
    token = make(api_as, alice, product, ["title", "lane"]).json()["token"]
    response = public(token)
    assert response.status_code == 200
    body = response.json()
    assert body["product"] == "Cairn Cloud" and body["fields"] == ["title", "lane"]
    assert [lane["lane"] for lane in body["lanes"]] == ["now", "next", "later"]
    items = [item for lane in body["lanes"] for item in lane["items"]]
    assert items == [{"title": "Search", "lane": "now"}, {"title": "Billing", "lane": "next"}]
    assert "scales" not in body and "releases" not in body and "legend" not in body
    assert "Find anything" not in response.content.decode()


def test_without_the_lane_a_link_shows_one_list(api_as, alice, product, roadmap):
    body = public(make(api_as, alice, product, ["title"]).json()["token"]).json()
    assert body["lanes"] == [{"lane": "all", "label": "Roadmap", "items": [{"title": "Search"}, {"title": "Billing"}]}]


def test_no_internal_field_ever_shows_even_with_every_field_chosen(api_as, alice, product, roadmap):
    token = make(api_as, alice, product, list(roadmap_links.SHAREABLE)).json()["token"]
    response = public(token)
    text = response.content.decode()
    for secret in ("98765", "31604", "rice", "reach", "Megacorp", "megacorp.example", "4200000", "vote", "revenue"):
        assert secret not in text
    body = response.json()
    for lane in body["lanes"]:
        for item in lane["items"]:
            assert set(item) <= PUBLIC_KEYS
    search = body["lanes"][0]["items"][0]
    assert search["issue"] == roadmap["epic"].key and search["type"] == "Epic" and search["objective"] == "Win teams"
    assert search["color"] == "#ff8800" and search["release"] == "Spring release"
    assert body["releases"][0]["name"] == "Spring release" and "id" not in body["releases"][0]
    assert body["legend"][0] == {"label": "Win teams", "color": "#ff8800"}


def test_only_shareable_fields_can_be_chosen(api_as, alice, product, roadmap):
    for fields in (["title", "rice_score"], ["customers"], [], "title"):
        response = make(api_as, alice, product, fields)
        assert response.status_code == 422 and "fields" in response.json()["errors"], fields
    response = make(api_as, alice, product, ["title"], label=" ")
    assert response.status_code == 422 and "label" in response.json()["errors"]
    assert not RoadmapLink.objects.exists()


def test_a_revoked_link_is_gone_at_once(api_as, alice, product, roadmap):
    made = make(api_as, alice, product, ["title"]).json()
    assert public(made["token"]).status_code == 200
    response = api_as(alice).delete(f"/api/v1/products/{product.pk}/roadmap/links/{made['id']}")
    assert response.status_code == 204
    assert public(made["token"]).status_code == 404
    assert Client().get(f"/roadmap/{made['token']}/").status_code == 404
    listed = api_as(alice).get(f"/api/v1/products/{product.pk}/roadmap/links").json()["items"]
    assert listed[0]["active"] is False and listed[0]["revoked_at"]


def test_unknown_tokens_are_not_found_and_a_view_is_noted(alice, product, roadmap):
    link, token = roadmap_links.create_link(actor=alice, product=product, label="Board", fields=["title"],
                                            now=timezone.now())
    for wrong in ("x", token[:-1] + ("A" if token[-1] != "A" else "B"), "\x00" * 20):
        with pytest.raises(NotFound):
            roadmap_links.roadmap_for_link(wrong, timezone.now())
    assert public("nothing-like-a-token-here").status_code == 404
    assert RoadmapLink.objects.get().last_viewed_at is None
    now = timezone.now()
    roadmap_links.roadmap_for_link(token, now)
    assert RoadmapLink.objects.get().last_viewed_at == now


def test_only_managers_share_and_revoke(api_as, alice, bob, gus, charlie, product, roadmap):
    for person in (bob, gus):
        assert make(api_as, person, product, ["title"]).status_code == 403
        assert api_as(person).get(f"/api/v1/products/{product.pk}/roadmap/links").status_code == 403
    assert make(api_as, charlie, product, ["title"]).status_code == 404
    link, _ = roadmap_links.create_link(actor=alice, product=product, label="Board", fields=["title"],
                                        now=timezone.now())
    assert api_as(bob).delete(f"/api/v1/products/{product.pk}/roadmap/links/{link.pk}").status_code == 403
    assert api_as(charlie).delete(f"/api/v1/products/{product.pk}/roadmap/links/{link.pk}").status_code == 404
    with pytest.raises(Forbidden):
        roadmap_links.revoke_link(actor=bob, product=product, link_id=link.pk, now=timezone.now())
    assert RoadmapLink.objects.get().revoked_at is None
    with pytest.raises(Invalid):
        roadmap_links.create_link(actor=alice, product=product, label="x", fields=["scores"], now=timezone.now())


def test_a_link_never_shows_anything_of_a_private_project(alice, product, sec, roadmap):
    secret = tracker.create_issue(actor=alice, project=sec, fields={
        "title": "Acquire Initech", "type": "Epic", "start_date": "2027-02-01", "due_date": "2027-02-10"},
        now=timezone.now())
    made = backlog.create_feature(actor=alice, product=product, title="Enterprise plan", now=timezone.now(),
                                  issue=secret.key)
    roadmaps.move_feature(actor=alice, product=product, feature_id=made.pk, lane="later")
    _, token = roadmap_links.create_link(actor=alice, product=product, label="All", now=timezone.now(),
                                         fields=list(roadmap_links.SHAREABLE))
    response = public(token)
    text = response.content.decode()
    assert "Enterprise plan" in text and secret.key not in text and "Initech" not in text
    later = response.json()["lanes"][2]["items"][0]
    assert later["issue"] is None and later["type"] == "Feature" and later["start"] is None


def test_the_public_page_needs_no_login_and_shows_only_chosen_fields(alice, product, roadmap):
    _, token = roadmap_links.create_link(actor=alice, product=product, label="Customers", fields=["title", "lane"],
                                         now=timezone.now())
    page = Client().get(f"/roadmap/{token}/")
    text = page.content.decode()
    assert page.status_code == 200 and "Search" in text and "Billing" in text
    assert "Find anything" not in text and "Findability" not in text and roadmap["epic"].key not in text
    assert page["Referrer-Policy"] == "no-referrer"
    assert Client().get("/roadmap/not-a-real-token-at-all/").status_code == 404
