"""An issue's actual start and finish: recorded when work is reported started (its status
moves out of To do) and finished (into Done), and taken back when the status is."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cairn.tracker import services as tracker

MONDAY = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)


def _move(issue: Any, alice: Any, status: str, at: dt.datetime) -> Any:
    return tracker.update_issue(actor=alice, issue=issue, fields={"status": status}, now=at)


def test_starting_work_records_the_actual_start(issue: Any, alice: Any) -> None:
    started = _move(issue, alice, "In progress", MONDAY)
    assert (started.actual_start, started.actual_finish) == (MONDAY, None)


def test_finishing_records_the_actual_finish_and_keeps_the_start(issue: Any, alice: Any) -> None:
    _move(issue, alice, "In progress", MONDAY)
    _move(issue, alice, "In review", MONDAY + dt.timedelta(days=1))
    done = _move(issue, alice, "Done", MONDAY + dt.timedelta(days=2))
    done.refresh_from_db()
    assert (done.actual_start, done.actual_finish) == (MONDAY, MONDAY + dt.timedelta(days=2))


def test_an_issue_done_without_being_started_has_no_known_start(issue: Any, alice: Any) -> None:
    done = _move(issue, alice, "Done", MONDAY)
    assert (done.actual_start, done.actual_finish) == (None, MONDAY)


def test_reopening_takes_back_the_finish_and_going_back_to_do_takes_back_the_start(issue: Any, alice: Any) -> None:
    _move(issue, alice, "In progress", MONDAY)
    _move(issue, alice, "Done", MONDAY + dt.timedelta(days=1))
    reopened = _move(issue, alice, "In progress", MONDAY + dt.timedelta(days=2))
    assert (reopened.actual_start, reopened.actual_finish) == (MONDAY, None)
    back = _move(issue, alice, "To do", MONDAY + dt.timedelta(days=3))
    assert (back.actual_start, back.actual_finish) == (None, None)


def test_reopening_work_done_without_a_start_starts_it_then(issue: Any, alice: Any) -> None:
    _move(issue, alice, "Done", MONDAY)
    reopened = _move(issue, alice, "In progress", MONDAY + dt.timedelta(days=1))
    assert (reopened.actual_start, reopened.actual_finish) == (MONDAY + dt.timedelta(days=1), None)


def test_an_issue_created_in_progress_or_done_has_its_actual_dates(web: Any, alice: Any) -> None:
    started = tracker.create_issue(actor=alice, project=web, fields={"title": "Begun", "status": "In progress"},
                                   now=MONDAY)
    done = tracker.create_issue(actor=alice, project=web, fields={"title": "Finished", "status": "Done"}, now=MONDAY)
    assert (started.actual_start, started.actual_finish) == (MONDAY, None)
    assert (done.actual_start, done.actual_finish) == (None, MONDAY)


def test_bulk_edit_records_actual_dates_too(web: Any, alice: Any, issue: Any) -> None:
    other = tracker.create_issue(actor=alice, project=web, fields={"title": "Second"}, now=MONDAY)
    moved = tracker.bulk_update(actor=alice, project=web, keys=[issue.key, other.key],
                                fields={"status": "In progress"}, now=MONDAY)
    assert [i.actual_start for i in moved] == [MONDAY, MONDAY]


def test_the_api_shows_actual_dates(client: Any, issue: Any, alice: Any) -> None:
    _move(issue, alice, "In progress", MONDAY)
    client.force_login(alice)
    body = client.get(f"/api/v1/issues/{issue.key}").json()
    assert body["actual_start"] == "2026-11-02T09:30:00Z" and body["actual_finish"] is None


def test_issues_from_before_actual_dates_get_them_from_their_status_history(web: Any, alice: Any) -> None:
    from importlib import import_module

    from django.apps import apps

    from cairn.tracker.models import Issue

    migration = import_module("cairn.tracker.migrations.0006_issue_actual_dates")
    walks = [["In progress", "Done"], ["Done"], ["In progress", "To do", "In review"], ["Done", "In progress"],
             ["In review", "Done", "In progress", "Done"]]
    for n, walk in enumerate(walks):
        issue = tracker.create_issue(actor=alice, project=web, fields={"title": f"Walk {n}"}, now=MONDAY)
        for step, status in enumerate(walk, start=1):
            issue = _move(issue, alice, status, MONDAY + dt.timedelta(hours=step * 7 + n))
    tracker.create_issue(actor=alice, project=web, fields={"title": "Begun", "status": "In review"}, now=MONDAY)
    recorded = list(Issue.objects.order_by("pk").values_list("actual_start", "actual_finish"))
    Issue.objects.update(actual_start=None, actual_finish=None)
    migration.replay_status_history(apps, None)
    assert list(Issue.objects.order_by("pk").values_list("actual_start", "actual_finish")) == recorded
    assert sum(1 for start, finish in recorded if start or finish) == 6
