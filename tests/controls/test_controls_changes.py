"""Change requests: raised with their impact computed by the engine on a copy of the
plan (exact on a small plan), decided by a manager, approval baselining the plan, and
scope creep flagged."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cairn.controls import changes
from cairn.controls.models import ChangeRequest
from cairn.errors import Conflict, Forbidden, Invalid, NotFound
from cairn.planning import plans
from cairn.planning import services as planning
from cairn.planning.models import Baseline, TaskSchedule
from cairn.tracker import services as tracker

DAY = 480
LONGER_B_AND_A_TASK_AFTER_C = [{"issue": "WEB-2", "duration_minutes": 3 * DAY},
                               {"title": "Security review", "duration_minutes": DAY, "after": ["WEB-3"]}]


def _stored_dates():
    return {t.issue.key: (t.start, t.finish, t.duration_minutes) for t in TaskSchedule.objects.select_related(
        "issue__project")}


def test_the_computed_delta_is_exact_on_a_small_plan(plan, bob, web, now):
    stored = _stored_dates()
    change = changes.raise_change(actor=bob, project=web, now=now, data={
        "title": "Harden checkout", "reason": "Audit finding", "schedule_changes": LONGER_B_AND_A_TASK_AFTER_C})
    computed = change.impact
    # A Mon–Tue, B Wed–Thu, C Fri–Mon; B takes a day more, C follows it, the review
    # follows C: the project ends two working days later.
    assert (computed["finish_before"], computed["finish_after"]) == ("2026-11-09T17:00", "2026-11-11T17:00")
    assert (computed["finish_delta_minutes"], computed["finish_delta_days"]) == (2 * DAY, 2.0)
    assert [(m["key"], m["start_delta_days"], m["finish_delta_days"]) for m in computed["moved"]] == [
        ("WEB-3", 1.0, 1.0), ("WEB-2", 0.0, 1.0)]
    assert computed["moved"][0]["finish_after"] == "2026-11-10T17:00"
    assert computed["added"] == [{"title": "Security review", "start": "2026-11-11T08:00",
                                  "finish": "2026-11-11T17:00"}]
    assert _stored_dates() == stored  # a copy: nothing in the plan moved


def test_a_change_without_schedule_changes_has_no_delta(plan, bob, web, now):
    change = changes.raise_change(actor=bob, project=web, now=now, data={"title": "Wording", "cost_impact": "120.50"})
    assert change.impact["finish_delta_minutes"] == 0 and change.impact["moved"] == []
    assert change.cost_impact == Decimal("120.50") and change.ref == "CR-1"


@pytest.mark.parametrize(("schedule_changes", "why"), [
    ([{"issue": "WEB-9", "duration_minutes": DAY}], "not in the schedule"),
    ([{"issue": "WEB-1", "duration_minutes": -5}], "duration"),
    ([{"title": "", "duration_minutes": DAY}], "required"),
    ([{"title": "Loop", "duration_minutes": DAY, "after": ["WEB-3"], "before": ["WEB-1"]}], "loop"),
    ([{"issue": "WEB-1", "duration_minutes": DAY, "colour": "red"}], "only issue"),
    ("longer", "must be a list"),
])
def test_impossible_schedule_changes_are_refused(plan, bob, web, now, schedule_changes, why):
    with pytest.raises(Invalid) as refused:
        changes.raise_change(actor=bob, project=web, now=now, data={"title": "X", "schedule_changes": schedule_changes})
    assert why in str(refused.value.message)
    assert not ChangeRequest.objects.exists()


def test_approval_puts_the_change_into_the_plan_and_baselines_it(plan, alice, bob, web, now):
    change = changes.raise_change(actor=bob, project=web, now=now, data={
        "title": "Harden checkout", "schedule_changes": LONGER_B_AND_A_TASK_AFTER_C})
    changes.approve(actor=alice, change=change, note="Worth two days", now=now)
    change.refresh_from_db()
    assert (change.state, change.decided_by, change.decision_note) == ("approved", alice, "Worth two days")
    assert change.baseline.name == "CR-1: Harden checkout"
    assert Baseline.objects.get(change_request=change) == change.baseline
    finish = max(e.finish for e in change.baseline.tasks.all())
    assert plans.naive(finish).isoformat(timespec="minutes") == change.impact["finish_after"] == "2026-11-11T17:00"
    added = [i.key for i in change.scope_issues.all()]
    assert added == ["WEB-5"] and TaskSchedule.objects.get(issue__number=5).duration_minutes == DAY
    assert TaskSchedule.objects.get(issue__number=2).duration_minutes == 3 * DAY


def test_only_managers_decide_and_a_decision_needs_a_note(plan, alice, bob, web, now):
    change = changes.raise_change(actor=bob, project=web, now=now, data={"title": "X"})
    with pytest.raises(Forbidden):
        changes.approve(actor=bob, change=change, note="mine", now=now)
    with pytest.raises(Invalid):
        changes.reject(actor=alice, change=change, note="  ", now=now)
    changes.reject(actor=alice, change=change, note="Not now", now=now)
    assert change.state == "rejected" and change.baseline is None
    with pytest.raises(Conflict):
        changes.approve(actor=alice, change=change, note="changed my mind", now=now)


def test_only_its_author_withdraws_a_change(plan, alice, bob, web, now):
    change = changes.raise_change(actor=bob, project=web, now=now, data={"title": "X"})
    with pytest.raises(Forbidden):
        changes.withdraw(actor=alice, change=change, now=now)
    changes.withdraw(actor=bob, change=change, now=now)
    assert change.state == "withdrawn"


def test_work_added_after_the_baseline_without_an_approved_change_is_scope_creep(plan, alice, bob, web, now):
    later = now + dt.timedelta(minutes=1)
    planning.save_baseline(actor=alice, project=web, name="Plan", now=now)
    sneaked = tracker.create_issue(actor=bob, project=web, fields={"title": "Dark mode"}, now=later)
    covered = tracker.create_issue(actor=bob, project=web, fields={"title": "Audit log"}, now=later)
    pending = changes.raise_change(actor=bob, project=web, now=later, data={"title": "Audit", "scope_issues": [covered.key]})
    assert [i.key for i in changes.scope_creep(web)] == [sneaked.key, covered.key]
    changes.approve(actor=alice, change=pending, note="ok", now=later)
    # The approval saved a new baseline: what came before it is no longer creep.
    assert list(changes.scope_creep(web)) == []
    newer = tracker.create_issue(actor=bob, project=web, fields={"title": "Confetti"}, now=later + dt.timedelta(minutes=1))
    assert list(changes.scope_creep(web)) == [newer]


def test_no_baseline_no_scope_creep(issue, web):
    assert list(changes.scope_creep(web)) == []


def test_outsiders_cannot_see_a_private_projects_changes(alice, bob, sec, now):
    change = changes.raise_change(actor=alice, project=sec, now=now, data={"title": "Secret"})
    with pytest.raises(NotFound):
        changes.withdraw(actor=bob, change=change, now=now)


# The API


def test_the_api_raises_a_change_and_answers_its_impact(api_as, plan, bob, alice):
    made = api_as(bob).post("/api/v1/projects/WEB/changes", json={
        "title": "Harden checkout", "cost_impact": "1500.00", "schedule_changes": LONGER_B_AND_A_TASK_AFTER_C})
    assert made.status_code == 201, made.json()
    body = made.json()
    assert (body["ref"], body["state"], body["impact"]["finish_delta_days"]) == ("CR-1", "proposed", 2.0)
    assert api_as(bob).post("/api/v1/projects/WEB/changes/1/approve", json={"note": "mine"}).status_code == 403
    approved = api_as(alice).post("/api/v1/projects/WEB/changes/1/approve", json={"note": "Worth it"}).json()
    assert approved["state"] == "approved" and approved["baseline"]["name"] == "CR-1: Harden checkout"
    assert approved["scope_issues"] == ["WEB-5"]
    assert api_as(alice).get("/api/v1/projects/WEB/changes?state=approved").json()["total"] == 1


def test_the_api_refuses_a_decision_without_a_note_naming_it(api_as, plan, bob, alice):
    api_as(bob).post("/api/v1/projects/WEB/changes", json={"title": "X"})
    response = api_as(alice).post("/api/v1/projects/WEB/changes/1/reject", json={})
    assert response.status_code == 422 and "note" in response.json()["errors"]


def test_the_api_lists_scope_creep(api_as, alice, bob, web, issue, now):
    planning.save_baseline(actor=alice, project=web, name="Plan", now=now)
    tracker.create_issue(actor=bob, project=web, fields={"title": "Sneaked in"}, now=now + dt.timedelta(seconds=1))
    body = api_as(bob).get("/api/v1/projects/WEB/scope-creep").json()
    assert body["baseline"]["name"] == "Plan" and [i["key"] for i in body["items"]] == ["WEB-2"]


ROUTES = [
    ("get", "/api/v1/projects/{key}/changes", None, 200, 200),
    ("post", "/api/v1/projects/{key}/changes", {"title": "T"}, 403, 201),
    ("get", "/api/v1/projects/{key}/changes/1", None, 200, 200),
    ("patch", "/api/v1/projects/{key}/changes/1", {"title": "T2"}, 403, 403),
    ("post", "/api/v1/projects/{key}/changes/1/impact", None, 403, 200),
    ("post", "/api/v1/projects/{key}/changes/1/approve", {"note": "n"}, 403, 403),
    ("post", "/api/v1/projects/{key}/changes/1/reject", {"note": "n"}, 403, 403),
    ("post", "/api/v1/projects/{key}/changes/1/withdraw", None, 403, 403),
    ("get", "/api/v1/projects/{key}/scope-creep", None, 200, 200),
]


@pytest.mark.parametrize(("method", "path", "body", "guest", "member"), ROUTES)
def test_every_change_route_answers_each_persona_by_their_role(api_as, alice, bob, gus, charlie, web, sec, now,
                                                               method, path, body, guest, member):
    # Raised by Alice: Bob is a member but not its author.
    changes.raise_change(actor=alice, project=web, now=now, data={"title": "Web change"})
    changes.raise_change(actor=alice, project=sec, now=now, data={"title": "Secret change"})

    def call(user, key):
        return getattr(api_as(user), method)(path.format(key=key), json=body if body is not None else {})

    assert call(charlie, "WEB").status_code == 404
    assert call(bob, "SEC").status_code == 404
    assert call(gus, "WEB").status_code == guest
    assert call(bob, "WEB").status_code == member
    assert call(alice, "SEC").status_code in (200, 201)


# The pages


def test_a_member_raises_a_change_from_the_page_in_days(page_as, plan, bob, web):
    response = page_as(bob).post("/projects/WEB/changes/", {
        "title": "Harden checkout", "reason": "Audit", "scope_impact": "", "scope_issues": "", "cost_impact": "",
        "changed_issue": ["WEB-2"], "changed_days": ["3"],
        "added_title": ["Security review"], "added_days": ["1"], "added_after": ["WEB-3"], "added_before": [""]})
    assert response.status_code == 302 and response["Location"] == "/projects/WEB/changes/1/"
    page = page_as(bob).get("/projects/WEB/changes/1/").content.decode()
    assert "2026-11-11" in page and "+2 working days" in page and "Approve" not in page


def test_a_manager_approves_from_the_page_and_sees_the_baseline(page_as, plan, alice, bob, web, now):
    changes.raise_change(actor=bob, project=web, now=now, data={"title": "Harden", "schedule_changes":
                                                                 LONGER_B_AND_A_TASK_AFTER_C})
    response = page_as(alice).post("/projects/WEB/changes/1/", {"action": "approve", "note": "Go"})
    assert response.status_code == 302
    page = page_as(alice).get("/projects/WEB/changes/1/").content.decode()
    assert "CR-1: Harden" in page and 'id="change-baseline"' in page


def test_a_bad_raise_form_answers_422(page_as, plan, bob):
    response = page_as(bob).post("/projects/WEB/changes/", {"title": "X", "changed_issue": ["WEB-99"],
                                                            "changed_days": ["2"]})
    assert response.status_code == 422 and b"not in the schedule" in response.content


def test_the_list_page_counts_scope_creep(page_as, alice, bob, web, issue, now):
    planning.save_baseline(actor=alice, project=web, name="Plan", now=now)
    tracker.create_issue(actor=bob, project=web, fields={"title": "Sneaked in"}, now=now + dt.timedelta(seconds=1))
    page = page_as(bob).get("/projects/WEB/changes/").content.decode()
    assert "1 issue of scope creep" in page and "Sneaked in" in page


@pytest.mark.parametrize("url", ["/projects/{key}/changes/", "/projects/{key}/changes/1/"])
def test_change_pages_hide_private_projects_and_let_guests_read(page_as, alice, bob, gus, charlie, web, sec, now, url):
    changes.raise_change(actor=alice, project=web, now=now, data={"title": "Web change"})
    changes.raise_change(actor=alice, project=sec, now=now, data={"title": "Secret change"})
    assert page_as(charlie).get(url.format(key="WEB")).status_code == 404
    assert page_as(bob).get(url.format(key="SEC")).status_code == 404
    assert page_as(gus).get(url.format(key="WEB")).status_code == 200
    assert page_as(alice).get(url.format(key="SEC")).status_code == 200


def test_guests_cannot_raise_or_decide_from_the_pages(page_as, alice, bob, gus, web, now):
    changes.raise_change(actor=alice, project=web, now=now, data={"title": "Web change"})
    assert page_as(gus).post("/projects/WEB/changes/", {"title": "X"}).status_code == 403
    assert page_as(bob).post("/projects/WEB/changes/1/", {"action": "approve", "note": "n"}).status_code == 403
    assert page_as(bob).post("/projects/WEB/changes/1/", {"action": "withdraw"}).status_code == 403
    assert ChangeRequest.objects.get(number=1).state == "proposed"


def test_raising_and_deciding_are_told_after_commit(plan, alice, bob, web, now, django_capture_on_commit_callbacks):
    from cairn.events.bus import subscribe

    heard = []
    stop = subscribe(heard.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            change = changes.raise_change(actor=bob, project=web, now=now, data={"title": "X"})
            changes.reject(actor=alice, change=change, note="no", now=now)
    finally:
        stop()
    told = [(e.name, e.payload["state"]) for e in heard if e.name.startswith("change_request.")]
    assert told == [("change_request.raised", "proposed"), ("change_request.decided", "rejected")]
