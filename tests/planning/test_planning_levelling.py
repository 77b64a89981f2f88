"""Levelling and workload: Bob cannot work two full-time tasks on the same days."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cairn.errors import Forbidden
from cairn.planning import levelling, queries, workload
from cairn.planning import services as planning
from cairn.tracker import services as tracker

DAY = 480
# Before the plan starts: levelling puts no work that has not started into the past.
BEFORE = dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC)


@pytest.fixture
def clash(alice: Any, bob: Any, web: Any, now: Any) -> list[Any]:
    planning.set_calendar(actor=alice, project=web, start_date=dt.date(2026, 11, 2), now=now)
    tasks = []
    for title in ("Write the API", "Write the docs"):
        issue = tracker.create_issue(actor=alice, project=web, fields={"title": title}, now=now)
        planning.add_to_schedule(actor=alice, issue=issue, duration_minutes=3 * DAY, now=now)
        planning.assign(actor=alice, issue=issue, user=bob, units=100)
        tasks.append(issue)
    return tasks


def test_the_preview_says_which_task_moves_and_by_how_much(clash: list[Any], web: Any) -> None:
    preview = levelling.preview(web, now=BEFORE)
    assert preview.overloaded_days_before == 3
    assert (preview.makespan_days_before, preview.makespan_days_after) == (3, 6)
    assert len(preview.moves) == 1 and preview.moves[0]["delta_days"] == 3
    assert not preview.applied


def test_applying_levelling_leaves_nobody_over_allocated(clash: list[Any], alice: Any, bob: Any, web: Any, now: Any) -> None:
    levelling.apply(actor=alice, project=web, now=BEFORE)
    rows = [t for t in queries.schedule_view(web)["tasks"]]
    first, second = sorted(rows, key=lambda r: r["start"])
    assert second["start"] > first["finish"]
    load = workload.weekly(bob, start=dt.date(2026, 11, 2), weeks=2)
    bobs = next(p for p in load.people if p.username == "bob")
    assert not any(bobs.over)
    assert levelling.preview(web, now=BEFORE).moves == []


def test_workload_flags_bob_over_capacity_before_levelling(clash: list[Any], bob: Any) -> None:
    load = workload.weekly(bob, start=dt.date(2026, 11, 2), weeks=1)
    bobs = next(p for p in load.people if p.username == "bob")
    assert bobs.load_hours == [48.0] and bobs.capacity_hours == [40.0] and bobs.over == [True]


def test_only_managers_apply_levelling(clash: list[Any], bob: Any, web: Any, now: Any) -> None:
    with pytest.raises(Forbidden):
        levelling.apply(actor=bob, project=web, now=now)


def test_workload_hides_private_projects_from_outsiders(clash: list[Any], alice: Any, bob: Any, sec: Any, gus: Any, now: Any) -> None:
    secret = tracker.create_issue(actor=alice, project=sec, fields={"title": "Secret work"}, now=now)
    planning.add_to_schedule(actor=alice, issue=secret, duration_minutes=DAY, now=now)
    planning.assign(actor=alice, issue=secret, user=alice, units=100)
    seen_by_gus = workload.weekly(gus, start=dt.date(2026, 11, 2), weeks=2)
    assert all(t["key"] != secret.key for p in seen_by_gus.people for t in p.tasks)


def test_bobs_time_off_stops_levelling_from_booking_him(clash: list[Any], alice: Any, bob: Any, web: Any) -> None:
    from cairn.planning import time_off

    time_off.add(actor=bob, person=bob, start="2026-11-02", end="2026-11-04", reason="Holiday")
    preview = levelling.preview(web, now=BEFORE)
    assert {m["new_start"] for m in preview.moves} >= {"2026-11-05"}
    assert min(m["new_start"] for m in preview.moves) >= "2026-11-05"
    load = workload.weekly(bob, start=dt.date(2026, 11, 2), weeks=1)
    assert next(p for p in load.people if p.username == "bob").capacity_hours == [16.0]


def test_only_bob_or_a_manager_plans_his_time_off(alice: Any, bob: Any, gus: Any, workspace: Any) -> None:
    from cairn.errors import Invalid
    from cairn.planning import time_off

    with pytest.raises(Forbidden):
        time_off.add(actor=gus, person=bob, start="2026-12-01")
    time_off.add(actor=alice, person=bob, start="2026-12-01", end="2026-12-02")
    with pytest.raises(Invalid) as refused:
        time_off.add(actor=bob, person=bob, start="2026-12-05", end="2026-12-01")
    assert "end_date" in refused.value.fields


def test_the_workload_page_adds_and_removes_time_off(client: Any, bob: Any, workspace: Any) -> None:
    from cairn.planning.models import TimeOff

    client.force_login(bob)
    added = client.post("/workload/", {"action": "add-time-off", "username": "bob", "start_date": "2026-12-07",
                                       "end_date": "2026-12-09", "reason": "Conference"}, HTTP_HOST="127.0.0.1")
    assert added.status_code == 302
    period = TimeOff.objects.get(user=bob)
    bad = client.post("/workload/", {"action": "add-time-off", "username": "bob", "start_date": "soon"},
                      HTTP_HOST="127.0.0.1")
    assert bad.status_code == 422 and b"is not a date" in bad.content
    removed = client.post("/workload/", {"action": "remove-time-off", "username": "bob", "id": period.pk},
                          HTTP_HOST="127.0.0.1")
    assert removed.status_code == 302 and not TimeOff.objects.exists()


def test_alice_manages_everyones_time_off_and_bob_only_his(alice: Any, bob: Any, gus: Any, charlie: Any,
                                                           workspace: Any) -> None:
    from cairn.planning import time_off

    assert [u.username for u in time_off.manageable_people(alice)] == ["alice", "bob", "gus"]
    assert [u.username for u in time_off.manageable_people(bob)] == ["bob"]
    assert [u.username for u in time_off.manageable_people(charlie)] == ["charlie"]
