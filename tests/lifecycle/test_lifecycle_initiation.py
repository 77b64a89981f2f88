"""Initiation: the business case and the charter with its approval — services, API,
pages and who may do what."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cairn.errors import Forbidden, Invalid, NotFound
from cairn.lifecycle import initiation
from cairn.lifecycle.models import BusinessCase, Charter

CHARTER = {"objectives": "Sell **online**", "scope_summary": "Shop and checkout", "sponsor": "Dana (CFO)",
           "manager": "alice", "milestones": "- Beta in May", "budget": "120000"}


def test_a_manager_writes_the_business_case(alice, web, now):
    case = initiation.save_business_case(actor=alice, project=web, now=now, data={
        "problem": "Phone orders", "options": "Build or buy", "benefits": "Sales", "costs": "120k",
        "feasibility": "Done it before"})
    assert (case.problem, case.updated_by) == ("Phone orders", alice)
    again = initiation.save_business_case(actor=alice, project=web, now=now, data={"problem": "Fax orders"})
    assert (again.pk, again.problem, again.costs) == (case.pk, "Fax orders", "120k")


def test_the_business_case_refuses_unknown_fields_and_members(alice, bob, web, now):
    with pytest.raises(Invalid) as refused:
        initiation.save_business_case(actor=alice, project=web, now=now, data={"risks": "x"})
    assert "risks" in refused.value.fields
    with pytest.raises(Forbidden):
        initiation.save_business_case(actor=bob, project=web, now=now, data={"problem": "x"})
    assert not BusinessCase.objects.exists()


def test_the_charter_is_approved_with_who_and_when(alice, web, now):
    charter = initiation.save_charter(actor=alice, project=web, now=now, data=CHARTER)
    assert (charter.manager, charter.budget, charter.approved) == (alice, Decimal("120000.00"), False)
    approved = initiation.approve_charter(actor=alice, project=web, now=now)
    assert (approved.approved, approved.approved_by, approved.approved_at) == (True, alice, now)


def test_editing_an_approved_charter_asks_for_approval_again(alice, web, now):
    initiation.save_charter(actor=alice, project=web, now=now, data=CHARTER)
    initiation.approve_charter(actor=alice, project=web, now=now)
    unchanged = initiation.save_charter(actor=alice, project=web, now=now, data={"budget": "120000.00"})
    assert unchanged.approved
    edited = initiation.save_charter(actor=alice, project=web, now=now, data={"budget": "150000"})
    assert (edited.approved, edited.approved_by, edited.lapsed_approval_at) == (False, None, now)
    assert initiation.approve_charter(actor=alice, project=web, now=now).lapsed_approval_at is None


def test_a_charter_needs_objectives_to_be_approved(alice, web, now):
    with pytest.raises(Invalid):
        initiation.approve_charter(actor=alice, project=web, now=now)
    initiation.save_charter(actor=alice, project=web, now=now, data={"sponsor": "Dana"})
    with pytest.raises(Invalid) as refused:
        initiation.approve_charter(actor=alice, project=web, now=now)
    assert "objectives" in refused.value.fields


@pytest.mark.parametrize(("data", "field"), [({"budget": "-5"}, "budget"), ({"budget": "lots"}, "budget"),
                                             ({"manager": "charlie"}, "manager"), ({"goal": "x"}, "goal")])
def test_a_bad_charter_is_refused_by_field(alice, charlie, web, now, data, field):
    with pytest.raises(Invalid) as refused:
        initiation.save_charter(actor=alice, project=web, now=now, data=data)
    assert field in refused.value.fields and not Charter.objects.exists()


def test_members_cannot_write_or_approve_the_charter_and_outsiders_see_nothing(alice, bob, sec, web, now):
    initiation.save_charter(actor=alice, project=web, now=now, data=CHARTER)
    with pytest.raises(Forbidden):
        initiation.save_charter(actor=bob, project=web, now=now, data={"sponsor": "x"})
    with pytest.raises(Forbidden):
        initiation.approve_charter(actor=bob, project=web, now=now)
    with pytest.raises(NotFound):
        initiation.save_charter(actor=bob, project=sec, now=now, data={"sponsor": "x"})


# The API


def test_the_api_writes_and_approves_the_charter(api_as, alice, bob, web):
    empty = api_as(bob).get("/api/v1/projects/WEB/charter").json()
    assert (empty["objectives"], empty["approved"], empty["updated_at"]) == ("", False, None)
    written = api_as(alice).put("/api/v1/projects/WEB/charter", json={**CHARTER, "budget": 1000})
    assert written.status_code == 200 and written.json()["manager"] == "alice"
    approved = api_as(alice).post("/api/v1/projects/WEB/charter/approve").json()
    assert (approved["approved"], approved["approved_by"]) == (True, "alice")
    lapsed = api_as(alice).put("/api/v1/projects/WEB/charter", json={"budget": 2000}).json()
    assert (lapsed["approved"], lapsed["needs_reapproval"], lapsed["budget"]) == (False, True, "2000.00")
    assert api_as(alice).put("/api/v1/projects/WEB/charter", json={"budget": -1}).status_code == 422
    assert api_as(alice).put("/api/v1/projects/WEB/charter", json={"goal": "x"}).status_code == 422


def test_the_api_writes_the_business_case(api_as, alice, web):
    answer = api_as(alice).put("/api/v1/projects/WEB/business-case", json={"problem": "Slow", "options": None})
    assert answer.status_code == 200 and (answer.json()["problem"], answer.json()["options"]) == ("Slow", "")
    assert api_as(alice).get("/api/v1/projects/WEB/business-case").json()["updated_by"] == "alice"


READ, MANAGER = "read", "manager"
ROUTES = [
    ("get", "/api/v1/projects/{key}/business-case", None, READ, 200),
    ("put", "/api/v1/projects/{key}/business-case", {"problem": "P"}, MANAGER, 200),
    ("get", "/api/v1/projects/{key}/charter", None, READ, 200),
    ("put", "/api/v1/projects/{key}/charter", {"objectives": "O"}, MANAGER, 200),
    ("post", "/api/v1/projects/{key}/charter/approve", None, MANAGER, 200),
]


@pytest.mark.parametrize(("method", "path", "body", "needs", "ok"), ROUTES)
def test_every_initiation_route_answers_each_persona_by_their_role(api_as, alice, bob, gus, charlie, web, sec, now,
                                                                   method, path, body, needs, ok):
    for project in (web, sec):
        initiation.save_charter(actor=alice, project=project, now=now, data={"objectives": "Ship"})

    def call(user, key):
        client = api_as(user)
        url = path.format(key=key)
        return getattr(client, method)(url, json=body) if body is not None else getattr(client, method)(url)

    assert call(charlie, "WEB").status_code == 404
    assert call(bob, "SEC").status_code == 404
    assert call(gus, "WEB").status_code == (ok if needs == READ else 403)
    assert call(bob, "WEB").status_code == (ok if needs == READ else 403)
    assert call(alice, "SEC").status_code == ok


# The pages


def test_the_charter_page_shows_the_charter_rendered_and_its_approval(page_as, alice, gus, web, now):
    initiation.save_charter(actor=alice, project=web, now=now, data=CHARTER)
    initiation.approve_charter(actor=alice, project=web, now=now)
    html = page_as(gus).get("/projects/WEB/charter/").content.decode()
    assert "<strong>online</strong>" in html and "approved by Alice" in html and "Dana (CFO)" in html
    assert "Approve the charter" not in html and "?edit=charter" not in html


def test_a_manager_writes_and_approves_from_the_page(page_as, alice, web):
    browser = page_as(alice)
    assert browser.post("/projects/WEB/charter/", {"action": "case", "problem": "Slow"}).status_code == 302
    assert browser.post("/projects/WEB/charter/", {"action": "charter", **CHARTER}).status_code == 302
    assert browser.post("/projects/WEB/charter/", {"action": "approve"}).status_code == 302
    assert initiation.charter(web).approved and initiation.business_case(web).problem == "Slow"
    browser.post("/projects/WEB/charter/", {"action": "charter", **CHARTER, "sponsor": "Eve"})
    assert "needs approving again" in browser.get("/projects/WEB/charter/").content.decode()
    refused = browser.post("/projects/WEB/charter/", {"action": "charter", "budget": "lots"})
    assert refused.status_code == 422 and "budget" in refused.content.decode()


@pytest.mark.parametrize(("method", "data"), [("get", None), ("post", {"action": "approve"})])
def test_the_charter_page_hides_private_projects_and_refuses_by_role(page_as, alice, bob, gus, charlie, web, sec,
                                                                     method, data):
    def call(user, key):
        return getattr(page_as(user), method)(f"/projects/{key}/charter/", data or {})
    assert call(charlie, "WEB").status_code == 404
    assert call(bob, "SEC").status_code == 404
    assert call(gus, "WEB").status_code == (200 if method == "get" else 403)
    assert call(bob, "WEB").status_code == (200 if method == "get" else 403)
