"""The risk register: raising, re-rating with history, actions as issues, the heat map,
the exposure over time, overdue reviews — through the services, the API and the pages."""

from __future__ import annotations

import datetime as dt

import pytest

from cairn.controls import risks
from cairn.controls.models import Risk, RiskChange
from cairn.errors import Forbidden, Invalid, NotFound


def test_a_raised_risk_is_scored_and_numbered(risk, web):
    assert (risk.ref, risk.score, risks.level(risk).value, risk.owner.username) == ("R-1", 12, "high", "bob")
    assert list(RiskChange.objects.filter(risk=risk).values_list("probability", "impact", "status", "note")) == [
        (3, 4, "open", "raised")]


def test_each_rating_change_is_kept_but_a_title_edit_is_not(risk, bob, now):
    risks.update_risk(actor=bob, risk=risk, data={"title": "Payment provider very late"}, now=now)
    risks.update_risk(actor=bob, risk=risk, data={"probability": 5, "note": "contract lawyer ill"}, now=now)
    risks.update_risk(actor=bob, risk=risk, data={"status": "occurred"}, now=now)
    assert risk.score == 20
    assert list(risk.history.values_list("probability", "impact", "status")) == [
        (3, 4, "open"), (5, 4, "open"), (5, 4, "occurred")]


@pytest.mark.parametrize(("data", "field"), [
    ({"probability": 6}, "probability"), ({"impact": 0}, "impact"), ({"impact": "high"}, "impact"),
    ({"category": "weather"}, "category"), ({"response": "ignore"}, "response"), ({"status": "gone"}, "status"),
    ({"owner": "charlie"}, "owner"), ({"owner": "gus"}, "owner"), ({"actions": ["SEC-1"]}, "actions"),
    ({"actions": ["WEB-99"]}, "actions"), ({"title": ""}, "title"), ({"review_date": "someday"}, "review_date"),
    ({"colour": "red"}, "colour"),
])
def test_bad_input_names_its_field_and_changes_nothing(risk, bob, now, data, field):
    with pytest.raises(Invalid) as refused:
        risks.update_risk(actor=bob, risk=risk, data=data, now=now)
    assert field in refused.value.fields
    risk.refresh_from_db()
    assert (risk.probability, risk.impact, risk.history.count()) == (3, 4, 1)


def test_a_risk_needs_a_probability_and_an_impact(alice, web, now):
    with pytest.raises(Invalid) as refused:
        risks.create_risk(actor=alice, project=web, data={"title": "Vague", "probability": 2}, now=now)
    assert "impact" in refused.value.fields
    assert not Risk.objects.exists()


def test_actions_link_existing_issues_or_create_new_ones(risk, bob, issue, now):
    risks.add_action(actor=bob, risk=risk, key=issue.key, now=now)
    created = risks.add_action(actor=bob, risk=risk, title="Sign the contract", now=now)
    assert created.project == risk.project and "R-1" in created.description
    assert sorted(i.key for i in risk.actions.all()) == sorted([issue.key, created.key])
    risks.remove_action(actor=bob, risk=risk, key=issue.key)
    assert [i.key for i in risk.actions.all()] == [created.key]


def test_the_heat_map_places_open_risks_in_their_cell(risk, alice, web, now):
    risks.create_risk(actor=alice, project=web, data={"title": "Closed", "probability": 1, "impact": 1,
                                                      "status": "closed"}, now=now)
    cells = {(c["probability"], c["impact"]): c for c in risks.heat_map(web)}
    assert len(cells) == 25 and cells[(3, 4)]["count"] == 1 and cells[(3, 4)]["risks"][0]["number"] == 1
    assert cells[(1, 1)]["count"] == 0 and cells[(5, 5)]["level"] == "critical"


def test_exposure_over_time_follows_the_history(alice, web):
    day = dt.datetime(2026, 10, 1, 12, tzinfo=dt.UTC)
    first = risks.create_risk(actor=alice, project=web, data={"title": "A", "probability": 2, "impact": 3}, now=day)
    risks.create_risk(actor=alice, project=web, data={"title": "B", "probability": 4, "impact": 4},
                      now=day + dt.timedelta(days=1))
    risks.update_risk(actor=alice, risk=first, data={"status": "closed"}, now=day + dt.timedelta(days=2))
    series = risks.exposure(web, today=dt.date(2026, 10, 4))
    assert series == [(dt.date(2026, 10, 1), 6), (dt.date(2026, 10, 2), 22), (dt.date(2026, 10, 3), 16),
                      (dt.date(2026, 10, 4), 16)]


def test_a_review_date_past_is_overdue_only_while_open(risk, bob, now):
    risks.update_risk(actor=bob, risk=risk, data={"review_date": "2026-01-05"}, now=now)
    assert risks.review_overdue(risk, dt.date(2026, 1, 6))
    assert not risks.review_overdue(risk, dt.date(2026, 1, 5))
    risks.update_risk(actor=bob, risk=risk, data={"status": "closed"}, now=now)
    assert not risks.review_overdue(risk, dt.date(2026, 1, 6))


def test_members_raise_risks_but_only_managers_remove_them(risk, bob, gus, web, now):
    risks.create_risk(actor=bob, project=web, data={"title": "Bob's", "probability": 1, "impact": 2}, now=now)
    with pytest.raises(Forbidden):
        risks.create_risk(actor=gus, project=web, data={"title": "Gus's", "probability": 1, "impact": 2}, now=now)
    with pytest.raises(Forbidden):
        risks.delete_risk(actor=bob, risk=risk)


def test_outsiders_cannot_touch_a_private_projects_risks(secret_risk, bob, now):
    with pytest.raises(NotFound):
        risks.update_risk(actor=bob, risk=secret_risk, data={"probability": 1}, now=now)


# The API


def test_the_api_raises_lists_and_rerates_risks(api_as, bob, web):
    client = api_as(bob)
    made = client.post("/api/v1/projects/WEB/risks", json={"title": "Scope grows", "probability": 4, "impact": 5,
                                                             "owner": "bob", "category": "scope"})
    assert made.status_code == 201, made.json()
    assert (made.json()["ref"], made.json()["score"], made.json()["level"]) == ("R-1", 20, "critical")
    client.post("/api/v1/projects/WEB/risks", json={"title": "Small", "probability": 1, "impact": 2})
    listed = client.get("/api/v1/projects/WEB/risks").json()
    assert [r["ref"] for r in listed["items"]] == ["R-1", "R-2"] and listed["total"] == 2
    assert [r["ref"] for r in client.get("/api/v1/projects/WEB/risks?sort=-score").json()["items"]] == ["R-2", "R-1"]
    patched = client.patch("/api/v1/projects/WEB/risks/1", json={"impact": 2, "note": "descoped"}).json()
    assert patched["score"] == 8 and [h["score"] for h in patched["history"]] == [20, 8]
    heat = client.get("/api/v1/projects/WEB/risks/heat-map").json()["cells"]
    assert sum(c["count"] for c in heat) == 2
    assert client.get("/api/v1/projects/WEB/risks/exposure").json()["points"][-1]["exposure"] == 10


def test_the_api_answers_422_naming_the_field(api_as, bob, web):
    response = api_as(bob).post("/api/v1/projects/WEB/risks", json={"title": "X", "probability": 9, "impact": 1})
    assert response.status_code == 422 and "probability" in response.json()["errors"]


def test_the_api_creates_an_action_issue(api_as, bob, risk):
    response = api_as(bob).post("/api/v1/projects/WEB/risks/1/actions", json={"title": "Call the provider"})
    assert response.status_code == 201 and response.json()["actions"] == ["WEB-1"]


ROUTES = [
    ("get", "/api/v1/projects/{key}/risks", None),
    ("post", "/api/v1/projects/{key}/risks", {"title": "T", "probability": 1, "impact": 1}),
    ("get", "/api/v1/projects/{key}/risks/heat-map", None),
    ("get", "/api/v1/projects/{key}/risks/exposure", None),
    ("get", "/api/v1/projects/{key}/risks/1", None),
    ("patch", "/api/v1/projects/{key}/risks/1", {"probability": 2}),
    ("post", "/api/v1/projects/{key}/risks/1/actions", {"title": "Act"}),
    ("delete", "/api/v1/projects/{key}/risks/1", None),
]
READS = {"get"}


@pytest.mark.parametrize(("method", "path", "body"), ROUTES)
def test_every_risk_route_answers_each_persona_by_their_role(api_as, alice, bob, gus, charlie, risk, secret_risk,
                                                             method, path, body):
    def call(user, key):
        client = api_as(user)
        url = path.format(key=key)
        return getattr(client, method)(url, json=body) if body is not None else getattr(client, method)(url)

    assert call(charlie, "WEB").status_code == 404
    assert call(bob, "SEC").status_code == 404
    assert call(gus, "WEB").status_code == (200 if method in READS else 403)
    expected_bob = 403 if method == "delete" else (200 if method in READS | {"patch"} else 201)
    assert call(bob, "WEB").status_code == expected_bob
    assert call(alice, "SEC").status_code in (200, 201, 204)


# The pages


def test_the_register_page_shows_the_heat_map_and_the_table(page_as, gus, risk):
    page = page_as(gus).get("/projects/WEB/risks/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-probability="3" data-impact="4" data-count="1"' in html and "Payment provider late" in html
    assert "Raise a risk" not in html and 'name="probability" aria-label' not in html


def test_a_member_raises_a_risk_from_the_page(page_as, bob, web):
    page = page_as(bob).post("/projects/WEB/risks/", {"title": "Team leaves", "probability": "2", "impact": "5",
                                                      "category": "resources", "response": "mitigate",
                                                      "status": "open", "owner": "bob", "review_date": ""})
    assert page.status_code == 302
    assert Risk.objects.get(project=web).score == 10


def test_a_bad_form_answers_422_and_keeps_what_was_typed(page_as, bob, web):
    page = page_as(bob).post("/projects/WEB/risks/", {"title": "Typed", "probability": "2", "impact": "7"})
    assert page.status_code == 422 and b"impact" in page.content and b'value="Typed"' in page.content


def test_rerating_answers_the_redrawn_heat_map(page_as, bob, risk):
    page = page_as(bob).post("/projects/WEB/risks/1/rate", {"probability": "5", "impact": "5"}, HTTP_HX_REQUEST="true")
    html = page.content.decode()
    assert page.status_code == 200 and page["HX-Trigger"] == "risks-changed"
    assert 'data-probability="5" data-impact="5" data-count="1"' in html and 'hx-swap-oob="true"' in html


def test_the_risk_page_shows_history_and_saves_with_a_reason(page_as, bob, risk):
    page = page_as(bob).post("/projects/WEB/risks/1/", {"action": "save", "title": risk.title, "probability": "1",
                                                        "impact": "4", "note": "fallback provider found"})
    assert page.status_code == 302
    shown = page_as(bob).get("/projects/WEB/risks/1/").content.decode()
    assert "fallback provider found" in shown and "1 × 4" in shown


@pytest.mark.parametrize("url", ["/projects/{key}/risks/", "/projects/{key}/risks/1/"])
def test_pages_hide_private_risks_and_let_guests_read(page_as, alice, gus, charlie, bob, risk, secret_risk, url):
    assert page_as(charlie).get(url.format(key="WEB")).status_code == 404
    assert page_as(bob).get(url.format(key="SEC")).status_code == 404
    assert page_as(gus).get(url.format(key="WEB")).status_code == 200
    assert page_as(alice).get(url.format(key="SEC")).status_code == 200


def test_guests_and_outsiders_cannot_post_to_the_pages(page_as, gus, charlie, bob, risk, secret_risk):
    assert page_as(gus).post("/projects/WEB/risks/1/rate", {"probability": "5"}).status_code == 403
    assert page_as(charlie).post("/projects/WEB/risks/1/rate", {"probability": "5"}).status_code == 404
    assert page_as(bob).post("/projects/SEC/risks/1/rate", {"probability": "5"}).status_code == 404
    assert page_as(gus).post("/projects/WEB/risks/", {"title": "x", "probability": "1", "impact": "1"}).status_code == 403
    assert page_as(bob).post("/projects/WEB/risks/1/", {"action": "delete"}).status_code == 403
    assert Risk.objects.filter(number=1).count() == 2


def test_a_rerating_is_told_after_commit(risk, bob, now, django_capture_on_commit_callbacks):
    from cairn.events.bus import subscribe

    heard = []
    stop = subscribe(heard.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            risks.update_risk(actor=bob, risk=risk, data={"impact": 5}, now=now)
    finally:
        stop()
    assert [(e.name, e.payload) for e in heard if e.name.startswith("risk.")] == [
        ("risk.updated", {"project": "WEB", "risk": 1, "score": 15, "status": "open"})]
