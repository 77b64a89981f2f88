"""Alice edits the dates of scheduled issues through `PATCH /issues/{key}`: each edit
becomes an edit of the plan (a new start: start no earlier than; a new due date: finish
no later than), is answered with the dates the schedule then gives, and survives the
next reschedule. The plan: A → B → C, two days each, from Monday 2 November 2026."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from cairn.planning import services as planning
from cairn.planning.models import TaskSchedule
from cairn.tracker import services as tracker
from cairn.tracker.models import Change, Issue

DAY = 480


def _dates(body: dict[str, Any]) -> tuple[str, str]:
    return body["start_date"], body["due_date"]


def _constraint(issue: Any) -> tuple[str, str | None]:
    task = TaskSchedule.objects.get(issue=issue)
    return task.constraint, task.constraint_date and task.constraint_date.strftime("%Y-%m-%dT%H:%M")


def _bob_reschedules(plan: dict[str, Any], bob: Any, now: Any) -> None:
    planning.update_task(actor=bob, issue=plan["A"], changes={"duration_minutes": 1 * DAY}, now=now)


def test_a_new_start_becomes_start_no_earlier_than_and_survives_a_reschedule(
        api_as: Any, alice: Any, bob: Any, plan: dict[str, Any], now: Any) -> None:
    response = api_as(alice).patch(f"/api/v1/issues/{plan['B'].key}", {"start_date": "2026-11-10"})
    assert response.status_code == 200, response.content
    assert _dates(response.json()) == ("2026-11-10", "2026-11-11")
    assert _constraint(plan["B"]) == ("SNET", "2026-11-10T08:00")
    assert Issue.objects.get(pk=plan["C"].pk).start_date.isoformat() == "2026-11-12"

    _bob_reschedules(plan, bob, now)
    b = api_as(alice).get(f"/api/v1/issues/{plan['B'].key}").json()
    assert _dates(b) == ("2026-11-10", "2026-11-11")


def test_a_new_due_date_becomes_finish_no_later_than_and_survives_a_reschedule(
        api_as: Any, alice: Any, bob: Any, plan: dict[str, Any], now: Any) -> None:
    api = api_as(alice)
    # C would finish on the 9th; due on the 6th, it is pulled in (the plan honours
    # constraints, and the link from B that this breaks is reported on the Gantt).
    response = api.patch(f"/api/v1/issues/{plan['C'].key}", {"due_date": "2026-11-06"})
    assert response.status_code == 200, response.content
    assert _dates(response.json()) == ("2026-11-05", "2026-11-06")
    assert _constraint(plan["C"]) == ("FNLT", "2026-11-06T17:00")
    _bob_reschedules(plan, bob, now)
    assert _dates(api.get(f"/api/v1/issues/{plan['C'].key}").json()) == ("2026-11-05", "2026-11-06")


def test_a_due_date_the_schedule_already_meets_is_kept_as_the_deadline(api_as: Any, alice: Any,
                                                                      plan: dict[str, Any]) -> None:
    response = api_as(alice).patch(f"/api/v1/issues/{plan['C'].key}", {"due_date": "2026-11-20"})
    assert response.status_code == 200
    assert _dates(response.json()) == ("2026-11-06", "2026-11-09")
    assert _constraint(plan["C"]) == ("FNLT", "2026-11-20T17:00")


def test_clearing_the_start_removes_its_constraint(api_as: Any, alice: Any, plan: dict[str, Any]) -> None:
    api = api_as(alice)
    api.patch(f"/api/v1/issues/{plan['B'].key}", {"start_date": "2026-11-10"})
    response = api.patch(f"/api/v1/issues/{plan['B'].key}", {"start_date": None})
    assert response.status_code == 200
    assert _dates(response.json()) == ("2026-11-04", "2026-11-05")
    assert _constraint(plan["B"]) == ("ASAP", None)


def test_both_dates_at_once_are_refused_and_nothing_changes(api_as: Any, alice: Any, plan: dict[str, Any]) -> None:
    before = Issue.objects.get(pk=plan["B"].pk)
    response = api_as(alice).patch(f"/api/v1/issues/{plan['B'].key}",
                                   {"title": "Renamed", "start_date": "2026-11-10", "due_date": "2026-11-20"})
    assert response.status_code == 422
    assert "not both" in response.json()["errors"]["due_date"]
    after = Issue.objects.get(pk=plan["B"].pk)
    assert (after.title, after.start_date, after.version) == (before.title, before.start_date, before.version)
    assert _constraint(plan["B"]) == ("ASAP", None)


def test_dates_sent_back_unchanged_pin_nothing(api_as: Any, alice: Any, plan: dict[str, Any]) -> None:
    response = api_as(alice).patch(f"/api/v1/issues/{plan['B'].key}",
                                   {"title": "Pour it", "start_date": "2026-11-04", "due_date": "2026-11-05"})
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Pour it"
    assert _constraint(plan["B"]) == ("ASAP", None)


def test_a_manual_task_moves_to_its_new_start_and_keeps_its_length(api_as: Any, alice: Any, bob: Any,
                                                                   plan: dict[str, Any], now: Any) -> None:
    planning.update_task(actor=alice, issue=plan["B"], changes={"mode": "manual"}, now=now)
    api = api_as(alice)
    response = api.patch(f"/api/v1/issues/{plan['B'].key}", {"start_date": "2026-11-16"})
    assert _dates(response.json()) == ("2026-11-16", "2026-11-17")
    response = api.patch(f"/api/v1/issues/{plan['B'].key}", {"due_date": "2026-11-18"})
    assert _dates(response.json()) == ("2026-11-16", "2026-11-18")
    _bob_reschedules(plan, bob, now)
    assert _dates(api.get(f"/api/v1/issues/{plan['B'].key}").json()) == ("2026-11-16", "2026-11-18")
    cleared = api.patch(f"/api/v1/issues/{plan['B'].key}", {"due_date": None})
    assert cleared.status_code == 422 and "due_date" in cleared.json()["errors"]


def test_a_summary_tasks_dates_are_refused(api_as: Any, alice: Any, web: Any, plan: dict[str, Any], now: Any) -> None:
    child = tracker.create_issue(actor=alice, project=web, fields={"title": "Part of A", "parent": plan["A"].key},
                                 now=now)
    planning.add_to_schedule(actor=alice, issue=child, now=now)
    response = api_as(alice).patch(f"/api/v1/issues/{plan['A'].key}", {"start_date": "2026-11-10"})
    assert response.status_code == 422
    assert "sub-tasks" in response.json()["errors"]["start_date"]


def test_the_history_shows_alices_edit_as_the_schedules_moves(api_as: Any, alice: Any, plan: dict[str, Any],
                                                             now: Any) -> None:
    api_as(alice).patch(f"/api/v1/issues/{plan['B'].key}", {"start_date": "2026-11-10"})
    lines = Change.objects.filter(issue=plan["B"], field__in=["start_date", "due_date"]).order_by("id")
    assert list(lines.values_list("actor__username", "field", "old_value", "new_value", "via"))[-2:] == [
        ("alice", "start_date", "2026-11-04", "2026-11-10", "schedule"),
        ("alice", "due_date", "2026-11-05", "2026-11-11", "schedule"),
    ]


def test_the_answer_carries_the_etag_of_the_moved_issue(api_as: Any, alice: Any, plan: dict[str, Any]) -> None:
    api = api_as(alice)
    etag = api.get(f"/api/v1/issues/{plan['B'].key}")["ETag"]
    response = api.patch(f"/api/v1/issues/{plan['B'].key}", {"start_date": "2026-11-10"}, headers={"If-Match": etag})
    assert response.status_code == 200
    assert response["ETag"] == Issue.objects.get(pk=plan["B"].pk).etag != etag
    stale = api.patch(f"/api/v1/issues/{plan['B'].key}", {"start_date": "2026-11-11"}, headers={"If-Match": etag})
    assert stale.status_code == 412


def test_a_bulk_due_date_is_a_deadline_for_scheduled_issues_and_a_value_for_the_others(
        api_as: Any, alice: Any, web: Any, plan: dict[str, Any], now: Any) -> None:
    loose = tracker.create_issue(actor=alice, project=web, fields={"title": "Unplanned"}, now=now)
    response = api_as(alice).post("/api/v1/projects/WEB/issues/bulk",
                                  {"issues": [plan["C"].key, loose.key], "set": {"due_date": "2026-11-06"}})
    assert response.status_code == 200, response.content
    assert {i["key"]: _dates(i) for i in response.json()} == {
        plan["C"].key: ("2026-11-05", "2026-11-06"), loose.key: (None, "2026-11-06"),
    }
    assert _constraint(plan["C"]) == ("FNLT", "2026-11-06T17:00")


HX = {"HTTP_HOST": "127.0.0.1", "HTTP_HX_REQUEST": "true"}


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_on_the_issue_page_a_new_start_moves_the_due_date_too_and_survives_a_reschedule(
        alice: Any, bob: Any, plan: dict[str, Any], now: Any) -> None:
    client = Client()
    client.force_login(alice)
    key = plan["B"].key
    form = client.get(f"/issues/{key}/fields/start_date/edit", **HX).content.decode()
    assert "Scheduled: the task will start no earlier than this day." in form
    version = Issue.objects.get(pk=plan["B"].pk).version
    saved = client.post(f"/issues/{key}/fields/start_date", {"start_date": "2026-11-10", "version": version}, **HX)
    assert saved.status_code == 200, saved.content
    html = saved.content.decode()
    due = re.search(r'<div class="field-value" id="field-due_date"[^>]*hx-swap-oob="true".*?</div>', html, re.S)
    assert due and "2026-11-11" in due.group(0)
    assert f'value="{Issue.objects.get(pk=plan["B"].pk).version}" hx-swap-oob="true"' in html
    assert "Alice (via schedule) moved start from 2026-11-04 to 2026-11-10" in _text(html)

    _bob_reschedules(plan, bob, now)
    page = client.get(f"/issues/{key}/", HTTP_HOST="127.0.0.1").content.decode()
    assert re.search(r'id="field-start_date".*?2026-11-10', page, re.S)


def test_the_issue_page_says_nothing_of_the_schedule_for_an_unplanned_issue(alice: Any, issue: Any) -> None:
    client = Client()
    client.force_login(alice)
    form = client.get(f"/issues/{issue.key}/fields/start_date/edit", **HX).content.decode()
    assert "Scheduled" not in form
