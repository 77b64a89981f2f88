"""Progress counts in the plan: done work keeps its actual dates, work in progress its
actual start, and levelling moves only what has not started."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cairn.planning import levelling, queries
from cairn.planning import services as planning
from cairn.tracker import services as tracker
from cairn.tracker.models import Issue

DAY = 480
UTC = dt.UTC
STATUS_DATE = dt.datetime(2026, 11, 10, 12, tzinfo=UTC)  # a Tuesday, "now" in these tests


def _row(web: Any, key: str) -> dict[str, Any]:
    return next(t for t in queries.schedule_view(web, now=STATUS_DATE)["tasks"] if t["key"] == key)


def _work(issue: Any, alice: Any, started: dt.datetime, finished: dt.datetime | None = None) -> None:
    tracker.update_issue(actor=alice, issue=issue, fields={"status": "In progress"}, now=started)
    if finished is not None:
        tracker.update_issue(actor=alice, issue=issue, fields={"status": "Done"}, now=finished)


def test_done_work_stays_where_it_happened_and_its_successor_follows(plan: dict[str, Any], alice: Any,
                                                                      web: Any) -> None:
    # B was done on Monday and Tuesday, while A (its predecessor) was still planned.
    _work(plan["B"], alice, dt.datetime(2026, 11, 2, 8, tzinfo=UTC), dt.datetime(2026, 11, 3, 17, tzinfo=UTC))
    planning.reschedule(web, actor=alice, now=STATUS_DATE)
    b, c = _row(web, plan["B"].key), _row(web, plan["C"].key)
    assert (b["start"], b["finish"]) == ("2026-11-02T08:00", "2026-11-03T17:00")
    assert c["start"] == "2026-11-04T08:00"
    assert Issue.objects.get(pk=plan["B"].pk).due_date == dt.date(2026, 11, 3)
    assert queries.schedule_view(web, now=STATUS_DATE)["violations"] == []


def test_late_work_in_progress_keeps_its_start_and_runs_until_now(plan: dict[str, Any], alice: Any, web: Any) -> None:
    _work(plan["A"], alice, dt.datetime(2026, 11, 2, 8, tzinfo=UTC))
    planning.reschedule(web, actor=alice, now=STATUS_DATE)
    a, b = _row(web, plan["A"].key), _row(web, plan["B"].key)
    assert (a["start"], a["finish"]) == ("2026-11-02T08:00", "2026-11-10T12:00")
    assert b["start"] == "2026-11-10T13:00"


@pytest.fixture
def bobs_week(alice: Any, bob: Any, web: Any) -> dict[str, Any]:
    """Two tasks Bob finished side by side last week, one he is on, and two to do: all
    full time, unlinked, so levelling has every reason to move things."""
    planning.set_calendar(actor=alice, project=web, start_date=dt.date(2026, 11, 2), now=STATUS_DATE)
    tasks = {}
    for name in ("Done 1", "Done 2", "Running", "Next 1", "Next 2"):
        issue = tracker.create_issue(actor=alice, project=web, fields={"title": name}, now=STATUS_DATE)
        planning.add_to_schedule(actor=alice, issue=issue, duration_minutes=2 * DAY, now=STATUS_DATE)
        planning.assign(actor=alice, issue=issue, user=bob, units=100)
        tasks[name] = issue
    for name in ("Done 1", "Done 2"):
        _work(tasks[name], alice, dt.datetime(2026, 11, 4, 8, tzinfo=UTC), dt.datetime(2026, 11, 5, 17, tzinfo=UTC))
    _work(tasks["Running"], alice, dt.datetime(2026, 11, 10, 8, tzinfo=UTC))
    planning.reschedule(web, actor=alice, now=STATUS_DATE)
    return tasks


def test_the_levelling_preview_never_proposes_moving_done_or_running_work(bobs_week: dict[str, Any], web: Any) -> None:
    preview = levelling.preview(web, now=STATUS_DATE)
    moved = {m["key"] for m in preview.moves}
    assert moved and moved <= {bobs_week["Next 1"].key, bobs_week["Next 2"].key}


def test_applying_levelling_leaves_done_and_running_work_where_it_is(bobs_week: dict[str, Any], alice: Any,
                                                                       web: Any) -> None:
    before = {k: _row(web, i.key) for k, i in bobs_week.items()}
    levelling.apply(actor=alice, project=web, now=STATUS_DATE)
    after = {k: _row(web, i.key) for k, i in bobs_week.items()}
    for name in ("Done 1", "Done 2", "Running"):
        assert (after[name]["start"], after[name]["finish"]) == (before[name]["start"], before[name]["finish"])
        assert after[name]["constraint"] is None
    assert Issue.objects.get(pk=bobs_week["Done 1"].pk).due_date == dt.date(2026, 11, 5)
    # Bob is busy on "Running" until Wednesday evening: what he has not started waits.
    starts = sorted(after[name]["start"] for name in ("Next 1", "Next 2"))
    assert starts == ["2026-11-12T08:00", "2026-11-16T08:00"]


def test_finishing_a_planned_task_reschedules_the_plan_at_once(api_as: Any, alice: Any, plan: dict[str, Any]) -> None:
    """No other edit is needed: A done today moves B and C to follow what happened."""
    api = api_as(alice)
    before = {t["key"]: t for t in api.get("/api/v1/projects/WEB/schedule").json()["tasks"]}
    moments_before = {k: (t["start"], t["finish"]) for k, t in before.items()}
    changed = api.patch(f"/api/v1/issues/{plan['A'].key}", {"status": "Done"})
    assert changed.status_code == 200, changed.content
    after = {t["key"]: t for t in api.get("/api/v1/projects/WEB/schedule").json()["tasks"]}
    today = timezone.localdate().isoformat()
    assert after[plan["A"].key]["finish"][:10] == today
    assert after[plan["B"].key]["start"][:10] >= today
    assert moments_before[plan["B"].key] != (after[plan["B"].key]["start"], after[plan["B"].key]["finish"])
    # The answer to the PATCH is the issue as the plan left it: its ETag is current.
    assert changed["ETag"] == api.get(f"/api/v1/issues/{plan['A'].key}")["ETag"]


def test_a_bulk_status_change_reschedules_once(api_as: Any, alice: Any, plan: dict[str, Any]) -> None:
    api = api_as(alice)
    done = api.post("/api/v1/projects/WEB/issues/bulk", {"issues": [plan["A"].key, plan["B"].key], "set": {"status": "In progress"}})
    assert done.status_code == 200, done.content
    after = {t["key"]: t for t in api.get("/api/v1/projects/WEB/schedule").json()["tasks"]}
    assert after[plan["C"].key]["start"][:10] >= timezone.localdate().isoformat()
