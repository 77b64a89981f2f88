"""The product backlog: features created, edited and deleted; features and ideas ranked
by hand (a move writes one row) and sorted by any score; the pages that show it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cairn.errors import Forbidden, Invalid, NotFound
from cairn.product.models import Feature, Idea, IdeaStatus, Insight, ResearchNote
from cairn.product.services import backlog, scoring
from cairn.tracker import services as tracker


def make_features(actor, product, *titles):
    return [backlog.create_feature(actor=actor, product=product, title=t, now=timezone.now()) for t in titles]


def make_idea(product, title, rank, **fields):
    now = timezone.now()
    return Idea.objects.create(product=product, title=title, rank=rank, created_at=now, updated_at=now, **fields)


def titles(items):
    return [i.title for i in items]


def _client(user, password):
    client = Client()
    assert client.login(username=user.username, password=password)
    return client


# ---------------------------------------------------------------- features

def test_a_feature_takes_its_title_from_the_issue_that_delivers_it(bob, product, issue):
    feature = backlog.create_feature(actor=bob, product=product, title="", issue="web-1", now=timezone.now())
    assert feature.title == "First issue" and feature.issue == issue


def test_a_member_edits_a_feature_and_links_it_to_an_issue(bob, product, issue):
    [feature] = make_features(bob, product, "Dark mode")
    backlog.update_feature(actor=bob, feature=feature, now=timezone.now(),
                           fields={"title": "Dark theme", "theme": "Looks", "issue": "WEB-1", "description": "*x*"})
    feature.refresh_from_db()
    assert (feature.title, feature.theme, feature.issue, feature.description) == ("Dark theme", "Looks", issue, "*x*")
    backlog.update_feature(actor=bob, feature=feature, fields={"issue": ""}, now=timezone.now())
    assert Feature.objects.get(pk=feature.pk).issue is None


@pytest.mark.parametrize(("fields", "field"), [
    ({"title": " "}, "title"), ({"issue": "WEB-999"}, "issue"), ({"objective": 999}, "objective"),
    ({"release": "x"}, "release"), ({"colour": "red"}, "colour"), ({"theme": "t" * 61}, "theme"),
])
def test_a_bad_feature_field_is_named(bob, product, fields, field):
    [feature] = make_features(bob, product, "Dark mode")
    with pytest.raises(Invalid) as failure:
        backlog.update_feature(actor=bob, feature=feature, fields=fields, now=timezone.now())
    assert field in failure.value.fields


def test_an_issue_of_a_private_project_cannot_deliver_a_members_feature(bob, alice, product, sec):
    secret = tracker.create_issue(actor=alice, project=sec, fields={"title": "Hidden"}, now=timezone.now())
    with pytest.raises(Invalid):
        backlog.create_feature(actor=bob, product=product, title="", issue=f"SEC-{secret.number}", now=timezone.now())


def test_only_managers_delete_features_and_guests_edit_nothing(alice, bob, gus, product):
    [feature] = make_features(bob, product, "Dark mode")
    with pytest.raises(Forbidden):
        backlog.update_feature(actor=gus, feature=feature, fields={"title": "x"}, now=timezone.now())
    with pytest.raises(Forbidden):
        backlog.delete_feature(actor=bob, feature=feature)
    backlog.delete_feature(actor=alice, feature=feature)
    assert not Feature.objects.exists()


# ---------------------------------------------------------------- moving by hand

def test_moving_a_feature_to_the_top_writes_only_its_rank(bob, product):
    first, second, third = make_features(bob, product, "A", "B", "C")
    ranks = dict(Feature.objects.values_list("id", "rank"))
    with CaptureQueriesContext(connection) as queries:
        backlog.move_feature(actor=bob, feature=third, before=first.pk)
    writes = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))]
    assert len(writes) == 1 and "rank" in writes[0]
    assert titles(backlog.backlog(bob, product)) == ["C", "A", "B"]
    assert dict(Feature.objects.exclude(pk=third.pk).values_list("id", "rank")) == {
        first.pk: ranks[first.pk], second.pk: ranks[second.pk]}


def test_after_puts_an_item_just_below_its_neighbour(bob, product):
    a, b, c, d = make_features(bob, product, "A", "B", "C", "D")
    backlog.move_feature(actor=bob, feature=a, after=c.pk)
    assert titles(backlog.backlog(bob, product)) == ["B", "C", "A", "D"]
    backlog.move_feature(actor=bob, feature=d, after=b.pk, before=c.pk)
    assert titles(backlog.backlog(bob, product)) == ["B", "D", "C", "A"]
    backlog.move_feature(actor=bob, feature=b)
    assert titles(backlog.backlog(bob, product)) == ["B", "D", "C", "A"]


def test_many_moves_into_one_gap_spread_the_ranks_again(bob, product):
    a, b, mover = make_features(bob, product, "A", "B", "Mover")
    for _ in range(120):
        # Always into the gap just below A: the key grows a digit every few moves.
        backlog.move_feature(actor=bob, feature=mover, after=a.pk)
        backlog.move_feature(actor=bob, feature=b, after=mover.pk)
        backlog.move_feature(actor=bob, feature=mover, after=a.pk, before=b.pk)
    assert titles(backlog.backlog(bob, product)) == ["A", "Mover", "B"]
    assert max(len(r) for r in Feature.objects.values_list("rank", flat=True)) <= backlog.LONGEST_KEY


def test_equal_ranks_made_elsewhere_are_spread_rather_than_refused(bob, product):
    a = make_idea(product, "A", "m")
    b = make_idea(product, "B", "m")
    c = make_idea(product, "C", "m")
    backlog.move_idea(actor=bob, idea=c, after=a.pk, before=b.pk)
    assert titles(backlog.backlog(bob, product, kind="ideas")) == ["A", "C", "B"]


def test_a_neighbour_must_be_in_the_same_backlog(alice, bob, workspace, product):
    from cairn.product.services import products

    [mine] = make_features(bob, product, "Mine")
    other = products.create_product(actor=alice, workspace=workspace, name="Other", now=timezone.now())
    [theirs] = make_features(alice, other, "Theirs")
    with pytest.raises(Invalid) as failure:
        backlog.move_feature(actor=bob, feature=mine, after=theirs.pk)
    assert "after" in failure.value.fields


def test_guests_may_not_move(gus, bob, product):
    a, b = make_features(bob, product, "A", "B")
    with pytest.raises(Forbidden):
        backlog.move_feature(actor=gus, feature=b, before=a.pk)
    idea = make_idea(product, "I", "i")
    with pytest.raises(Forbidden):
        backlog.move_idea(actor=gus, idea=idea)


# ---------------------------------------------------------------- sorting

def test_the_backlog_sorts_by_any_score_with_the_unscored_last(bob, product):
    a, b, c = make_features(bob, product, "A", "B", "C")
    now = timezone.now()
    scoring.set_scores(actor=bob, item=b, inputs={"reach": 100, "impact": 1, "confidence": 100, "effort": 1,
                                                  "moscow": "could", "value": 2}, now=now)
    scoring.set_scores(actor=bob, item=c, inputs={"reach": 900, "impact": 1, "confidence": 100, "effort": 1,
                                                  "moscow": "must", "business_value": 1, "time_criticality": 1,
                                                  "risk_reduction": 1, "job_size": 1, "value": 1}, now=now)
    assert titles(backlog.backlog(bob, product, sort="rice")) == ["C", "B", "A"]
    assert titles(backlog.backlog(bob, product, sort="wsjf")) == ["C", "A", "B"]
    assert titles(backlog.backlog(bob, product, sort="value_effort")) == ["B", "C", "A"]
    assert titles(backlog.backlog(bob, product, sort="moscow")) == ["C", "B", "A"]
    assert titles(backlog.backlog(bob, product, sort="rank")) == ["A", "B", "C"]


def test_merged_ideas_leave_the_backlog(bob, product):
    make_idea(product, "Kept", "a")
    make_idea(product, "Gone", "b", status=IdeaStatus.MERGED)
    assert titles(backlog.backlog(bob, product, kind="ideas")) == ["Kept"]


@pytest.mark.parametrize(("kind", "sort", "field"), [("epics", "rank", "kind"), ("ideas", "votes", "sort")])
def test_an_unknown_kind_or_sort_is_named(bob, product, kind, sort, field):
    with pytest.raises(Invalid) as failure:
        backlog.backlog(bob, product, kind=kind, sort=sort)
    assert field in failure.value.fields


# ---------------------------------------------------------------- the API

def test_the_api_creates_reads_edits_and_deletes_a_feature(api_as, alice, bob, product, issue):
    base = f"/api/v1/products/{product.pk}/features"
    response = api_as(bob).post(base, json={"title": "", "issue": "WEB-1"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "First issue" and body["issue"]["key"] == "WEB-1" and body["issue"]["progress"] == 0
    assert body["explanations"]["rice"] == "No RICE score: reach is missing"
    url = f"{base}/{body['id']}"
    response = api_as(bob).patch(url, json={"theme": "Growth", "title": "Onboarding"})
    assert response.status_code == 200 and response.json()["theme"] == "Growth"
    assert api_as(bob).get(base).json()["items"][0]["title"] == "Onboarding"
    assert api_as(bob).delete(url).status_code == 403
    assert api_as(alice).delete(url).status_code == 204
    assert api_as(alice).get(url).status_code == 404


def test_the_api_moves_features_and_ideas(api_as, bob, product):
    a, b, c = make_features(bob, product, "A", "B", "C")
    response = api_as(bob).post(f"/api/v1/products/{product.pk}/features/{c.pk}/move",
                                json={"after": None, "before": a.pk})
    assert response.status_code == 200, response.content
    items = api_as(bob).get(f"/api/v1/products/{product.pk}/backlog?kind=features&sort=rank").json()["items"]
    assert titles_of(items) == ["C", "A", "B"]
    x, y = make_idea(product, "X", "a"), make_idea(product, "Y", "b")
    response = api_as(bob).post(f"/api/v1/products/{product.pk}/ideas/{x.pk}/move", json={"after": y.pk})
    assert response.status_code == 200
    assert titles_of(api_as(bob).get(f"/api/v1/products/{product.pk}/backlog?kind=ideas").json()["items"]) == ["Y", "X"]


def titles_of(items):
    return [i["title"] for i in items]


def test_the_api_backlog_is_paged_and_sorted(api_as, bob, product):
    features = make_features(bob, product, *[f"F{n}" for n in range(5)])
    for n, feature in enumerate(features):
        scoring.set_scores(actor=bob, item=feature, inputs={"value": n + 1, "effort": 1}, now=timezone.now())
    url = f"/api/v1/products/{product.pk}/backlog?sort=value_effort&limit=2"
    first = api_as(bob).get(url).json()
    assert first["total"] == 5 and titles_of(first["items"]) == ["F4", "F3"]
    second = api_as(bob).get(f"{url}&cursor={first['next_cursor']}").json()
    assert titles_of(second["items"]) == ["F2", "F1"]
    assert first["items"][0]["scores"]["quadrant"] == "fill-in"
    response = api_as(bob).get(f"/api/v1/products/{product.pk}/backlog?sort=votes")
    assert response.status_code == 422 and "sort" in response.json()["errors"]


def test_guests_read_the_backlog_but_do_not_move_or_create(api_as, gus, bob, product):
    a, b = make_features(bob, product, "A", "B")
    assert api_as(gus).get(f"/api/v1/products/{product.pk}/backlog").json()["total"] == 2
    assert api_as(gus).post(f"/api/v1/products/{product.pk}/features/{b.pk}/move",
                            json={"before": a.pk}).status_code == 403
    assert api_as(gus).post(f"/api/v1/products/{product.pk}/features", json={"title": "Mine"}).status_code == 403


def test_outsiders_get_not_found_everywhere(api_as, charlie, bob, product):
    [a] = make_features(bob, product, "A")
    idea = make_idea(product, "I", "i")
    client = api_as(charlie)
    assert client.get(f"/api/v1/products/{product.pk}/backlog").status_code == 404
    assert client.get(f"/api/v1/products/{product.pk}/features/{a.pk}").status_code == 404
    assert client.post(f"/api/v1/products/{product.pk}/features/{a.pk}/move", json={}).status_code == 404
    assert client.post(f"/api/v1/products/{product.pk}/ideas/{idea.pk}/move", json={}).status_code == 404
    assert client.delete(f"/api/v1/products/{product.pk}/features/{a.pk}").status_code == 404


def test_a_feature_delivered_by_a_private_issue_does_not_show_it_to_others(api_as, alice, bob, product, sec):
    secret = tracker.create_issue(actor=alice, project=sec, fields={"title": "Hidden"}, now=timezone.now())
    feature = backlog.create_feature(actor=alice, product=product, title="Secret work",
                                     issue=f"SEC-{secret.number}", now=timezone.now())
    assert api_as(alice).get(f"/api/v1/products/{product.pk}/features/{feature.pk}").json()["issue"]["title"] == "Hidden"
    assert api_as(bob).get(f"/api/v1/products/{product.pk}/features/{feature.pk}").json()["issue"] is None
    with pytest.raises(NotFound):
        backlog.feature_for(bob, product, "nope")


# ---------------------------------------------------------------- the pages

def test_the_backlog_page_shows_scores_with_their_formulas(bob, password, product):
    [feature] = make_features(bob, product, "Dark mode")
    scoring.set_scores(actor=bob, item=feature, inputs={"reach": 2000, "impact": 2, "confidence": 80, "effort": 4,
                                                        "value": 8}, now=timezone.now())
    page = _client(bob, password).get(f"/products/{product.pk}/backlog/").content.decode()
    assert 'title="RICE = 2,000 × 2 × 80% ÷ 4 = 800"' in page and ">800</td>" in page
    assert "data-sortable" in page and "Sortable.min.js" in page
    assert "<svg class=\"value-effort\"" in page and "Big bets" in page and "Quick wins" in page
    assert f'href="/products/{product.pk}/features/{feature.pk}/"><circle class="point big-bet"' in page


def test_the_page_lists_ideas_sorted_by_rice_without_drag_handles(bob, password, product):
    make_idea(product, "Low", "a", rice_score=1)
    make_idea(product, "High", "b", rice_score=9)
    make_idea(product, "Merged", "c", status=IdeaStatus.MERGED, rice_score=99)
    page = _client(bob, password).get(f"/products/{product.pk}/backlog/?kind=ideas&sort=rice").content.decode()
    assert page.index("High") < page.index("Low") and "Merged" not in page
    assert "data-sortable" not in page


def test_a_guest_sees_the_backlog_without_editing_controls(gus, bob, password, product):
    make_features(bob, product, "A")
    page = _client(gus, password).get(f"/products/{product.pk}/backlog/").content.decode()
    assert "A</a>" in page and "data-sortable" not in page and "Save scores" not in page and "New feature" not in page


def test_the_page_creates_a_feature_from_an_issue_key(bob, password, product, issue):
    client = _client(bob, password)
    response = client.post(f"/products/{product.pk}/backlog/", {"title": "", "issue": "WEB-1"})
    assert response.status_code == 302
    assert Feature.objects.get().title == "First issue"
    response = client.post(f"/products/{product.pk}/backlog/", {"title": "", "issue": "WEB-77"})
    assert response.status_code == 422 and "no issue" in response.content.decode()


def test_the_feature_page_shows_delivery_ideas_and_evidence(alice, bob, password, product, web):
    epic = tracker.create_issue(actor=alice, project=web, fields={"title": "Epic"}, now=timezone.now())
    tracker.create_issue(actor=alice, project=web, fields={"title": "Story", "parent": f"WEB-{epic.number}"},
                         now=timezone.now())
    feature = backlog.create_feature(actor=bob, product=product, title="Reports", issue=f"WEB-{epic.number}",
                                     now=timezone.now())
    make_idea(product, "PDF export", "a", feature=feature, vote_count=7)
    now = timezone.now()
    note = ResearchNote.objects.create(product=product, title="Interview with Acme", body="We print every report.",
                                       created_at=now)
    insight = Insight.objects.create(note=note, passage="We print every report.", start=0, end=22, created_at=now)
    insight.features.add(feature)
    page = _client(bob, password).get(f"/products/{product.pk}/features/{feature.pk}/").content.decode()
    assert f"WEB-{epic.number}" in page and "0 of 1 sub-tasks done" in page
    assert "PDF export" in page and ">7</td>" in page
    assert "We print every report." in page and "Interview with Acme" in page


def test_the_feature_page_edits_scores_and_fields_and_managers_delete(alice, bob, password, product):
    [feature] = make_features(bob, product, "Reports")
    client = _client(bob, password)
    url = f"/products/{product.pk}/features/{feature.pk}/"
    assert client.post(url, {"action": "scores", "value": "7", "effort": "2"}).status_code == 302
    assert Feature.objects.get().value_effort_score == 3.5
    response = client.post(url, {"action": "scores", "effort": "0"})
    assert response.status_code == 422 and "must be more than 0" in response.content.decode()
    assert client.post(url, {"action": "update", "title": "Reporting", "theme": "Insight"}).status_code == 302
    assert Feature.objects.get().title == "Reporting"
    assert client.post(url, {"action": "delete"}).status_code == 403
    assert _client(alice, password).post(url, {"action": "delete"}).status_code == 302
    assert not Feature.objects.exists()


def test_outsiders_get_not_found_on_the_pages(charlie, bob, password, product):
    [feature] = make_features(bob, product, "A")
    client = _client(charlie, password)
    assert client.get(f"/products/{product.pk}/backlog/").status_code == 404
    assert client.get(f"/products/{product.pk}/features/{feature.pk}/").status_code == 404
    assert client.post(f"/products/{product.pk}/backlog/features/{feature.pk}/scores/", {"reach": 1}).status_code == 404


def test_the_chart_redraws_on_its_own_after_an_inline_score(bob, password, product):
    [feature] = make_features(bob, product, "A")
    client = _client(bob, password)
    response = client.post(f"/products/{product.pk}/backlog/features/{feature.pk}/scores/", {"value": "2", "effort": "9"})
    assert response["HX-Trigger"] == "backlog-scored"
    chart = client.get(f"/products/{product.pk}/backlog/chart/?kind=features").content.decode()
    assert 'class="point money-pit"' in chart and "<html" not in chart


def test_the_api_names_a_bad_neighbour_and_neither_neighbour_means_the_top(api_as, bob, product):
    a, b = make_features(bob, product, "A", "B")
    url = f"/api/v1/products/{product.pk}/features/{b.pk}/move"
    response = api_as(bob).post(url, json={"after": 999999})
    assert response.status_code == 422 and "after" in response.json()["errors"]
    response = api_as(bob).post(url, json={"after": None, "before": None})
    assert response.status_code == 200
    assert titles(backlog.backlog(bob, product)) == ["B", "A"]
