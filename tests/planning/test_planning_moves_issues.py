"""The schedule moves issues' dates through the tracker, like any other edit: each moved
date is a line of the issue's history in the name of whoever caused the move, marked as
made via the schedule; the version (the ETag) and `updated_at` change; and one event
names every issue that moved."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.test import Client

from cairn.events import bus
from cairn.planning import services as planning
from cairn.tracker.models import Change, Issue

DAY = 480


def _moves(issue: Any, actor: Any) -> list[tuple[str, str, str, str]]:
    return list(Change.objects.filter(issue=issue, actor=actor).order_by("id")
                .values_list("field", "old_value", "new_value", "via"))


def test_a_reschedule_writes_each_moved_date_in_the_name_of_who_caused_it(plan: dict[str, Any], bob: Any,
                                                                           now: Any) -> None:
    planning.update_task(actor=bob, issue=plan["A"], changes={"duration_minutes": 4 * DAY}, now=now)
    assert _moves(plan["A"], bob) == [("due_date", "2026-11-03", "2026-11-05", "schedule")]
    assert _moves(plan["C"], bob) == [
        ("start_date", "2026-11-06", "2026-11-10", "schedule"),
        ("due_date", "2026-11-09", "2026-11-11", "schedule"),
    ]
    c = Issue.objects.get(pk=plan["C"].pk)
    assert (c.start_date, c.due_date, c.updated_at) == (dt.date(2026, 11, 10), dt.date(2026, 11, 11), now)


def test_a_reschedule_that_moves_nothing_writes_nothing(plan: dict[str, Any], bob: Any, now: Any) -> None:
    versions = dict(Issue.objects.values_list("pk", "version"))
    planning.update_task(actor=bob, issue=plan["C"], changes={"position": 5}, now=now)
    assert not Change.objects.filter(actor=bob).exists()
    assert dict(Issue.objects.values_list("pk", "version")) == versions


def test_one_event_names_every_issue_that_moved(plan: dict[str, Any], bob: Any, now: Any,
                                               django_capture_on_commit_callbacks: Any) -> None:
    heard: list[bus.Event] = []
    stop = bus.subscribe(heard.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            planning.update_task(actor=bob, issue=plan["B"], changes={"duration_minutes": 3 * DAY}, now=now)
    finally:
        stop()
    moved = [e for e in heard if e.name == "issues.dates_moved"]
    assert len(moved) == 1 and moved[0].actor_id == bob.pk and moved[0].payload["via"] == "schedule"
    assert sorted(moved[0].payload["keys"]) == [plan["B"].key, plan["C"].key]


def test_the_api_history_says_the_move_was_made_via_the_schedule(api_as: Any, alice: Any, bob: Any,
                                                                 plan: dict[str, Any], now: Any) -> None:
    planning.update_task(actor=bob, issue=plan["A"], changes={"duration_minutes": 3 * DAY}, now=now)
    items = api_as(alice).get(f"/api/v1/issues/{plan['C'].key}/history").json()["items"]
    by_bob = [(c["actor"], c["field"], c["old_value"], c["new_value"], c["via"]) for c in items if c["actor"] == "bob"]
    assert by_bob == [("bob", "start_date", "2026-11-06", "2026-11-09", "schedule"),
                      ("bob", "due_date", "2026-11-09", "2026-11-10", "schedule")]
    assert items[0]["field"] == "created" and items[0]["via"] is None


def test_the_issue_page_history_reads_bob_via_schedule_moved_start(alice: Any, bob: Any, plan: dict[str, Any],
                                                                  now: Any) -> None:
    planning.update_task(actor=bob, issue=plan["A"], changes={"duration_minutes": 3 * DAY}, now=now)
    client = Client()
    client.force_login(alice)
    page = client.get(f"/issues/{plan['C'].key}/", HTTP_HOST="127.0.0.1").content.decode()
    history = re.sub(r"<[^>]+>", "", page.split('id="history"', 1)[1])
    text = " ".join(history.split())
    assert "Bob (via schedule) moved start from 2026-11-06 to 2026-11-09" in text
    assert "Bob (via schedule) moved due from 2026-11-09 to 2026-11-10" in text
