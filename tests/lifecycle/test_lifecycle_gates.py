"""Phases and gates: the workspace's template, ticking, approving, the phase on the
project list — services, API, pages and who may do what."""

from __future__ import annotations

import pytest

from cairn.errors import Conflict, Forbidden, Invalid, NotFound
from cairn.lifecycle import gates
from cairn.lifecycle.models import GateApproval, GateItem, Phase


def test_a_project_without_a_record_is_in_initiation(web):
    assert gates.phase_of(web) == Phase.INITIATION
    assert gates.phases_of([web]) == {web.pk: Phase.INITIATION}


def test_the_template_is_made_from_the_defaults_once(web):
    first = gates.template(web.workspace)
    again = gates.template(web.workspace)
    assert [i.text for i in first[Phase.INITIATION]] == list(gates.DEFAULTS[Phase.INITIATION])
    assert GateItem.objects.count() == sum(len(t) for t in gates.DEFAULTS.values())
    assert [i.pk for i in again[Phase.CLOSURE]] == [i.pk for i in first[Phase.CLOSURE]]


def test_approval_is_refused_naming_the_open_items(alice, bob, web, now):
    first = gates.gate(web).checks[0]
    gates.tick(actor=bob, project=web, item_id=first.item.pk, ticked=True, now=now)
    with pytest.raises(Invalid) as refused:
        gates.approve(actor=alice, project=web, now=now)
    assert "Charter approved" in refused.value.message and "Business case written" not in refused.value.message
    assert gates.phase_of(web) == Phase.INITIATION and not GateApproval.objects.exists()


def test_approving_a_ticked_gate_moves_to_the_next_phase_and_records_who(alice, bob, web, now, tick_all):
    tick_all(bob, web, now)
    approval = gates.approve(actor=alice, project=web, now=now)
    assert (approval.phase, approval.by, approval.at) == (Phase.INITIATION, alice, now)
    assert approval.checklist[0] == {"text": "Business case written", "by": "bob"}
    assert gates.phase_of(web) == Phase.PLANNING
    assert gates.gate(web).open_items == list(gates.DEFAULTS[Phase.PLANNING])


def test_approving_the_closure_gate_closes_the_project(alice, web, now, tick_all):
    for _ in range(5):
        tick_all(alice, web, now)
        gates.approve(actor=alice, project=web, now=now)
    assert gates.phase_of(web) == Phase.CLOSURE and gates.is_closed(web)
    assert [a.phase for a in gates.approvals(web)] == list(Phase.values)
    with pytest.raises(Conflict):
        gates.approve(actor=alice, project=web, now=now)


def test_only_the_current_gates_items_can_be_ticked(bob, web, now):
    later = gates.template(web.workspace)[Phase.PLANNING][0]
    with pytest.raises(Conflict):
        gates.tick(actor=bob, project=web, item_id=later.pk, ticked=True, now=now)


def test_an_item_can_be_unticked(bob, web, now):
    item = gates.gate(web).checks[0].item
    gates.tick(actor=bob, project=web, item_id=item.pk, ticked=True, now=now)
    assert not gates.tick(actor=bob, project=web, item_id=item.pk, ticked=False, now=now).checks[0].ticked


def test_members_tick_managers_approve_guests_read(bob, gus, web, now):
    item = gates.gate(web).checks[0].item
    with pytest.raises(Forbidden):
        gates.tick(actor=gus, project=web, item_id=item.pk, ticked=True, now=now)
    with pytest.raises(Forbidden):
        gates.approve(actor=bob, project=web, now=now)


def test_a_private_projects_gate_is_hidden(bob, sec, now):
    item = gates.gate(sec).checks[0].item
    with pytest.raises(NotFound):
        gates.tick(actor=bob, project=sec, item_id=item.pk, ticked=True, now=now)


def test_a_workspace_manager_edits_the_template_keeping_ticks(alice, bob, web, now):
    kept = gates.gate(web).checks[1].item
    gates.tick(actor=bob, project=web, item_id=kept.pk, ticked=True, now=now)
    items = gates.set_template(actor=alice, workspace=web.workspace, phase="initiation",
                               items=["Security review", "Charter approved", "", "Security review"])
    assert [i.text for i in items] == ["Security review", "Charter approved"]
    assert [c.ticked for c in gates.gate(web).checks] == [False, True]
    with pytest.raises(Forbidden):
        gates.set_template(actor=bob, workspace=web.workspace, phase="initiation", items=["X"])
    with pytest.raises(Invalid) as refused:
        gates.set_template(actor=alice, workspace=web.workspace, phase="dreaming", items=["X"])
    assert "phase" in refused.value.fields


# The API


def test_the_api_ticks_and_approves_a_gate(api_as, alice, bob, web):
    state = api_as(bob).get("/api/v1/projects/WEB/lifecycle").json()
    assert (state["phase"], state["closed"], state["approvals"]) == ("initiation", False, [])
    refused = api_as(alice).post("/api/v1/projects/WEB/lifecycle/gate/approve")
    assert refused.status_code == 422 and "Charter approved" in refused.json()["errors"]["gate"]
    for item in state["gate"]["items"]:
        ticked = api_as(bob).put(f"/api/v1/projects/WEB/lifecycle/gate/items/{item['id']}", json={"ticked": True})
        assert ticked.status_code == 200
    assert ticked.json()["open_items"] == [] and ticked.json()["items"][-1]["ticked_by"] == "bob"
    moved = api_as(alice).post("/api/v1/projects/WEB/lifecycle/gate/approve")
    assert moved.status_code == 201 and moved.json()["phase"] == "planning"
    assert moved.json()["approvals"][0]["approved_by"] == "alice"


def test_the_api_edits_the_workspace_template(api_as, alice, bob, workspace):
    answer = api_as(alice).put("/api/v1/workspaces/acme/gate-template/closure", json={"items": ["Party"]})
    assert answer.status_code == 200 and answer.json()["items"] == ["Party"]
    phases = api_as(bob).get("/api/v1/workspaces/acme/gate-template").json()["phases"]
    assert [p["phase"] for p in phases] == Phase.values and phases[-1]["items"] == ["Party"]
    assert api_as(bob).put("/api/v1/workspaces/acme/gate-template/closure", json={"items": []}).status_code == 403
    assert api_as(alice).put("/api/v1/workspaces/acme/gate-template/later", json={"items": []}).status_code == 422


READ, MEMBER, MANAGER = "read", "member", "manager"
ROUTES = [
    ("get", "/api/v1/projects/{key}/lifecycle", None, READ),
    ("put", "/api/v1/projects/{key}/lifecycle/gate/items/{item}", {"ticked": True}, MEMBER),
    ("post", "/api/v1/projects/{key}/lifecycle/gate/approve", None, MANAGER),
]


@pytest.mark.parametrize(("method", "path", "body", "needs"), ROUTES)
def test_every_gate_route_answers_each_persona_by_their_role(api_as, alice, bob, gus, charlie, web, sec, now,
                                                             tick_all, method, path, body, needs):
    item = gates.gate(web).checks[0].item.pk
    for project in (web, sec):
        tick_all(alice, project, now)

    def call(user, key):
        url = path.format(key=key, item=item)
        client = api_as(user)
        return getattr(client, method)(url, json=body) if body is not None else getattr(client, method)(url)

    ok = {"get": 200, "post": 201, "put": 200}[method]
    assert call(charlie, "WEB").status_code == 404
    assert call(bob, "SEC").status_code == 404
    assert call(gus, "WEB").status_code == (ok if needs == READ else 403)
    assert call(bob, "WEB").status_code == (403 if needs == MANAGER else ok)
    assert call(alice, "SEC").status_code == ok


def test_the_template_routes_are_for_the_workspace_only(api_as, charlie, gus, workspace):
    assert api_as(charlie).get("/api/v1/workspaces/acme/gate-template").status_code == 404
    assert api_as(gus).get("/api/v1/workspaces/acme/gate-template").status_code == 200
    assert api_as(gus).put("/api/v1/workspaces/acme/gate-template/planning", json={"items": []}).status_code == 403


# The pages


def test_the_lifecycle_page_shows_the_steps_the_gate_and_the_history(page_as, alice, gus, web, now, tick_all):
    tick_all(alice, web, now)
    gates.approve(actor=alice, project=web, now=now)
    html = page_as(gus).get("/projects/WEB/lifecycle/").content.decode()
    assert 'aria-current="step"' in html and "Planning gate" in html and "Scope statement agreed" in html
    assert "approved by Alice" in html and "Approve the" not in html and "Gate checklists of the workspace" not in html
    assert "Gate checklists of the workspace" in page_as(alice).get("/projects/WEB/lifecycle/").content.decode()


def test_a_member_ticks_from_the_page_and_a_manager_approves(page_as, alice, bob, web):
    items = gates.gate(web).checks
    for check in items:
        answer = page_as(bob).post("/projects/WEB/lifecycle/tick", {"item": str(check.item.pk), "ticked": "1"})
        assert answer.status_code == 200
    assert 'id="gate"' in answer.content.decode() and "ticked by Bob" in answer.content.decode()
    assert page_as(alice).post("/projects/WEB/lifecycle/", {"action": "approve"}).status_code == 302
    assert gates.phase_of(web) == Phase.PLANNING


def test_the_page_refuses_an_open_gate_with_its_items(page_as, alice, web):
    refused = page_as(alice).post("/projects/WEB/lifecycle/", {"action": "approve"})
    assert refused.status_code == 422 and "still open" in refused.content.decode()


def test_a_workspace_manager_edits_the_template_from_the_page(page_as, alice, web):
    answer = page_as(alice).post("/projects/WEB/lifecycle/", {"action": "template", "phase": "initiation",
                                                              "items": "Idea pitched\r\nSponsor found\r\n"})
    assert answer.status_code == 302
    assert gates.gate(web).open_items == ["Idea pitched", "Sponsor found"]


def test_the_phase_shows_on_the_project_list_and_overview(page_as, alice, bob, web, sec, now, tick_all):
    tick_all(alice, web, now)
    gates.approve(actor=alice, project=web, now=now)
    listing = page_as(alice).get("/projects/").content.decode()
    assert 'class="pill phase planning" href="/projects/WEB/lifecycle/"' in listing
    assert 'class="pill phase initiation" href="/projects/SEC/lifecycle/"' in listing
    assert "Planning" in page_as(bob).get("/projects/WEB/").content.decode()


@pytest.mark.parametrize(("method", "url", "data"), [("get", "/projects/{key}/lifecycle/", None),
                                                     ("post", "/projects/{key}/lifecycle/", {"action": "approve"}),
                                                     ("post", "/projects/{key}/lifecycle/tick", {"item": "1"})])
def test_lifecycle_pages_hide_private_projects_and_refuse_by_role(page_as, alice, bob, gus, charlie, web, sec,
                                                                  method, url, data):
    def call(user, key):
        return getattr(page_as(user), method)(url.format(key=key), data or {})
    assert call(charlie, "WEB").status_code == 404
    assert call(bob, "SEC").status_code == 404
    if method == "get":
        assert call(gus, "WEB").status_code == 200
    else:
        assert call(gus, "WEB").status_code == 403


def test_a_closed_project_says_closed_on_the_list_and_overview(page_as, alice, web, sec, now, tick_all):
    for _ in range(5):
        tick_all(alice, web, now)
        gates.approve(actor=alice, project=web, now=now)
    assert gates.closed_among([web, sec]) == {web.pk}
    listing = page_as(alice).get("/projects/").content.decode()
    assert 'class="pill phase closed" href="/projects/WEB/lifecycle/" title="Project phase">Closed</a>' in listing
    assert ">Closed</a>" in page_as(alice).get("/projects/WEB/").content.decode()


def test_a_list_reads_every_project_s_phase_and_closure_in_one_query(web, sec, django_assert_num_queries):
    from cairn.lifecycle import gates as lifecycle_gates
    from cairn.lifecycle.models import Phase as LifecyclePhase

    with django_assert_num_queries(1):
        found = lifecycle_gates.standing_of([web, sec])
    assert found == {web.pk: (LifecyclePhase.INITIATION, False), sec.pk: (LifecyclePhase.INITIATION, False)}
