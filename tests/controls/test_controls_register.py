"""The stakeholder register with its power/interest grid and communication plan, and the
decision log — services, API, pages and who may do what."""

from __future__ import annotations

import datetime as dt

import pytest

from cairn.controls import decisions, stakeholders
from cairn.controls.models import Communication, Decision, Stakeholder
from cairn.engine.project.stakeholders import Quadrant
from cairn.errors import Forbidden, Invalid, NotFound


@pytest.fixture
def sponsor(alice, web):
    return stakeholders.add_stakeholder(actor=alice, project=web, data={
        "name": "Dana", "role": "Sponsor", "organisation": "Acme", "interest": 5, "influence": 5})


def test_stakeholders_sit_in_their_quadrant(alice, web, sponsor):
    stakeholders.add_stakeholder(actor=alice, project=web, data={"name": "Legal", "interest": 1, "influence": 4})
    stakeholders.add_stakeholder(actor=alice, project=web, data={"user": "bob", "interest": 4, "influence": 1})
    stakeholders.add_stakeholder(actor=alice, project=web, data={"name": "Press", "interest": 1, "influence": 1})
    grid = {q: [s.name for s in people] for q, people in stakeholders.grid(web).items()}
    assert grid == {Quadrant.MANAGE_CLOSELY: ["Dana"], Quadrant.KEEP_SATISFIED: ["Legal"],
                    Quadrant.KEEP_INFORMED: ["Bob"], Quadrant.MONITOR: ["Press"]}


@pytest.mark.parametrize(("data", "field"), [({"name": ""}, "name"), ({"name": "X", "interest": 6}, "interest"),
                                             ({"name": "X", "user": "charlie"}, "user"), ({"nom": "X"}, "nom")])
def test_a_bad_stakeholder_is_refused_by_field(alice, web, data, field):
    with pytest.raises(Invalid) as refused:
        stakeholders.add_stakeholder(actor=alice, project=web, data=data)
    assert field in refused.value.fields and not Stakeholder.objects.exists()


def test_only_managers_keep_the_register(bob, web, sponsor):
    with pytest.raises(Forbidden):
        stakeholders.add_stakeholder(actor=bob, project=web, data={"name": "X"})
    with pytest.raises(Forbidden):
        stakeholders.update_stakeholder(actor=bob, stakeholder=sponsor, data={"interest": 1})


def test_the_communication_plan_names_its_audience(alice, bob, web, sponsor):
    line = stakeholders.add_communication(actor=alice, project=web, data={
        "what": "Status report", "channel": "e-mail", "frequency": "weekly", "report": "Weekly status report",
        "audience": [sponsor.pk], "owner": "bob"})
    assert [s.name for s in line.audience.all()] == ["Dana"] and line.owner == bob
    with pytest.raises(Invalid) as refused:
        stakeholders.add_communication(actor=alice, project=web, data={"what": "X", "audience": [999]})
    assert "audience" in refused.value.fields
    with pytest.raises(Invalid):
        stakeholders.add_communication(actor=alice, project=web, data={"what": "X", "frequency": "hourly"})


def test_a_decision_is_logged_by_a_member_with_its_issues(bob, web, issue, now):
    logged = decisions.log_decision(actor=bob, project=web, now=now, data={
        "title": "Use Stripe", "options": "- Stripe\n- Adyen", "rationale": "Cheaper", "issues": [issue.key]})
    assert (logged.ref, logged.decided_by, logged.decided_on) == ("D-1", bob, now.date())
    assert [i.key for i in logged.issues.all()] == [issue.key]


def test_guests_cannot_log_and_members_cannot_remove_decisions(bob, gus, web, now):
    with pytest.raises(Forbidden):
        decisions.log_decision(actor=gus, project=web, now=now, data={"title": "X"})
    logged = decisions.log_decision(actor=bob, project=web, now=now, data={"title": "X"})
    with pytest.raises(Forbidden):
        decisions.remove_decision(actor=bob, decision=logged)


def test_a_decision_needs_a_title_and_real_issues(bob, web, now):
    for data, field in (({"title": ""}, "title"), ({"title": "X", "issues": ["WEB-77"]}, "issues"),
                        ({"title": "X", "decided_on": "yesterday"}, "decided_on")):
        with pytest.raises(Invalid) as refused:
            decisions.log_decision(actor=bob, project=web, now=now, data=data)
        assert field in refused.value.fields
    assert not Decision.objects.exists()


def test_a_private_projects_register_is_hidden(alice, bob, sec):
    stakeholders.add_stakeholder(actor=alice, project=sec, data={"name": "Spy"})
    with pytest.raises(NotFound):
        stakeholders.add_stakeholder(actor=bob, project=sec, data={"name": "X"})


# The API


def test_the_api_keeps_the_register_and_the_grid(api_as, alice, web):
    made = api_as(alice).post("/api/v1/projects/WEB/stakeholders", json={"name": "Dana", "interest": 5,
                                                                         "influence": 2})
    assert made.status_code == 201 and made.json()["quadrant"] == "keep informed"
    patched = api_as(alice).patch(f"/api/v1/projects/WEB/stakeholders/{made.json()['id']}", json={"influence": 5})
    assert patched.json()["quadrant"] == "manage closely"
    grid = api_as(alice).get("/api/v1/projects/WEB/stakeholders/grid").json()["quadrants"]
    assert [(q["quadrant"], len(q["stakeholders"])) for q in grid] == [
        ("manage closely", 1), ("keep satisfied", 0), ("keep informed", 0), ("monitor", 0)]
    line = api_as(alice).post("/api/v1/projects/WEB/communications", json={
        "what": "Demo", "frequency": "fortnightly", "audience": [made.json()["id"]]})
    assert line.status_code == 201 and line.json()["audience"] == [made.json()["id"]]


def test_the_api_logs_decisions(api_as, bob, web, issue):
    made = api_as(bob).post("/api/v1/projects/WEB/decisions", json={"title": "Ship in May", "issues": [issue.key],
                                                                    "decided_on": "2026-05-01"})
    assert made.status_code == 201 and made.json()["ref"] == "D-1" and made.json()["decided_by"] == "bob"
    assert api_as(bob).get("/api/v1/projects/WEB/decisions").json()["items"][0]["issues"] == [issue.key]
    assert api_as(bob).post("/api/v1/projects/WEB/decisions", json={"title": ""}).status_code == 422


READ, MEMBER, MANAGER = "read", "member", "manager"
ROUTES = [
    ("get", "/api/v1/projects/{key}/stakeholders", None, READ),
    ("post", "/api/v1/projects/{key}/stakeholders", {"name": "N"}, MANAGER),
    ("get", "/api/v1/projects/{key}/stakeholders/grid", None, READ),
    ("get", "/api/v1/projects/{key}/stakeholders/{stakeholder}", None, READ),
    ("patch", "/api/v1/projects/{key}/stakeholders/{stakeholder}", {"interest": 2}, MANAGER),
    ("delete", "/api/v1/projects/{key}/stakeholders/{stakeholder}", None, MANAGER),
    ("get", "/api/v1/projects/{key}/communications", None, READ),
    ("post", "/api/v1/projects/{key}/communications", {"what": "W"}, MANAGER),
    ("patch", "/api/v1/projects/{key}/communications/{communication}", {"what": "W2"}, MANAGER),
    ("delete", "/api/v1/projects/{key}/communications/{communication}", None, MANAGER),
    ("get", "/api/v1/projects/{key}/decisions", None, READ),
    ("post", "/api/v1/projects/{key}/decisions", {"title": "T"}, MEMBER),
    ("get", "/api/v1/projects/{key}/decisions/1", None, READ),
    ("patch", "/api/v1/projects/{key}/decisions/1", {"title": "T2"}, MEMBER),
    ("delete", "/api/v1/projects/{key}/decisions/1", None, MANAGER),
]


@pytest.mark.parametrize(("method", "path", "body", "needs"), ROUTES)
def test_every_register_route_answers_each_persona_by_their_role(api_as, alice, bob, gus, charlie, web, sec, now,
                                                                 method, path, body, needs):
    ids = {}
    for project in (web, sec):
        person = stakeholders.add_stakeholder(actor=alice, project=project, data={"name": "S"})
        line = stakeholders.add_communication(actor=alice, project=project, data={"what": "C"})
        decisions.log_decision(actor=alice, project=project, now=now, data={"title": "D"})
        ids[project.key] = {"stakeholder": person.pk, "communication": line.pk}

    def call(user, key):
        url = path.format(key=key, **ids[key])
        client = api_as(user)
        return getattr(client, method)(url, json=body) if body is not None else getattr(client, method)(url)

    ok = {"get": 200, "post": 201, "patch": 200, "delete": 204}[method]
    assert call(charlie, "WEB").status_code == 404
    assert call(bob, "SEC").status_code == 404
    assert call(gus, "WEB").status_code == (ok if needs == READ else 403)
    assert call(bob, "WEB").status_code == (403 if needs == MANAGER else ok)
    assert call(alice, "SEC").status_code == ok


# The pages


def test_the_stakeholder_page_shows_the_grid_and_the_plan(page_as, gus, alice, web, sponsor):
    stakeholders.add_communication(actor=alice, project=web, data={"what": "Steering meeting", "audience": [sponsor.pk]})
    html = page_as(gus).get("/projects/WEB/stakeholders/").content.decode()
    assert 'data-quadrant="manage-closely"' in html and "Dana" in html and "Steering meeting" in html
    assert "Add a stakeholder" not in html


def test_a_manager_edits_the_register_from_the_page(page_as, alice, web, sponsor):
    browser = page_as(alice)
    assert browser.post("/projects/WEB/stakeholders/", {"action": "save-stakeholder", "name": "Ops",
                                                        "interest": "2", "influence": "4"}).status_code == 302
    assert browser.post("/projects/WEB/stakeholders/", {"action": "save-stakeholder", "id": str(sponsor.pk),
                                                        "name": "Dana K.", "interest": "1", "influence": "1"}).status_code == 302
    assert browser.post("/projects/WEB/stakeholders/", {"action": "add-communication", "what": "Newsletter",
                                                        "frequency": "monthly", "audience": [str(sponsor.pk)]}).status_code == 302
    sponsor.refresh_from_db()
    assert (sponsor.name, stakeholders.place(sponsor)) == ("Dana K.", Quadrant.MONITOR)
    assert Communication.objects.get().what == "Newsletter"
    refused = browser.post("/projects/WEB/stakeholders/", {"action": "save-stakeholder", "name": "", "interest": "9"})
    assert refused.status_code == 422


def test_a_member_logs_a_decision_from_the_page(page_as, bob, web, issue):
    response = page_as(bob).post("/projects/WEB/decisions/", {"title": "Use Stripe", "options": "**Stripe** or Adyen",
                                                              "rationale": "", "decided_by": "bob",
                                                              "decided_on": "2026-10-01", "issues": issue.key})
    assert response.status_code == 302
    html = page_as(bob).get("/projects/WEB/decisions/").content.decode()
    assert "<strong>Stripe</strong>" in html and 'id="D-1"' in html and issue.key in html


@pytest.mark.parametrize("url", ["/projects/{key}/stakeholders/", "/projects/{key}/decisions/"])
def test_register_pages_hide_private_projects_and_let_guests_read(page_as, alice, bob, gus, charlie, web, sec, url):
    assert page_as(charlie).get(url.format(key="WEB")).status_code == 404
    assert page_as(bob).get(url.format(key="SEC")).status_code == 404
    assert page_as(gus).get(url.format(key="WEB")).status_code == 200
    assert page_as(alice).get(url.format(key="SEC")).status_code == 200


def test_the_pages_refuse_writes_by_role(page_as, bob, gus, web):
    assert page_as(bob).post("/projects/WEB/stakeholders/", {"action": "save-stakeholder", "name": "X"}).status_code == 403
    assert page_as(gus).post("/projects/WEB/decisions/", {"title": "X"}).status_code == 403
    assert not Stakeholder.objects.exists() and not Decision.objects.exists()


def test_decided_on_defaults_to_today(bob, web):
    when = dt.datetime(2026, 3, 4, 10, tzinfo=dt.UTC)
    assert decisions.log_decision(actor=bob, project=web, now=when, data={"title": "X"}).decided_on == when.date()
