from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cairn.errors import Invalid
from cairn.planning import queries
from cairn.planning import services as planning
from cairn.planning.models import Dependency, TaskSchedule
from cairn.tracker.models import Issue

DAY = 480


def _row(web: Any, key: str) -> dict[str, Any]:
    return next(t for t in queries.schedule_view(web)["tasks"] if t["key"] == key)


def test_a_chain_is_scheduled_back_to_back_and_is_critical(plan: dict[str, Any], web: Any) -> None:
    a, b, c = (_row(web, plan[n].key) for n in "ABC")
    assert (a["start"], a["finish"]) == ("2026-11-02T08:00", "2026-11-03T17:00")
    assert (b["start"], b["finish"]) == ("2026-11-04T08:00", "2026-11-05T17:00")
    assert (c["start"], c["finish"]) == ("2026-11-06T08:00", "2026-11-09T17:00")  # over the weekend
    assert all(t["critical"] and t["total_float_minutes"] == 0 for t in (a, b, c))


def test_the_issue_dates_follow_the_schedule_and_its_etag_changes(plan: dict[str, Any], alice: Any, now: Any) -> None:
    c = Issue.objects.get(pk=plan["C"].pk)
    version = c.version
    assert (c.start_date, c.due_date) == (dt.date(2026, 11, 6), dt.date(2026, 11, 9))
    planning.update_task(actor=alice, issue=plan["A"], changes={"duration_minutes": 4 * DAY}, now=now)
    c.refresh_from_db()
    assert c.due_date == dt.date(2026, 11, 11)
    assert c.version > version


def test_a_link_that_makes_a_loop_is_refused_naming_the_tasks(plan: dict[str, Any], alice: Any, web: Any, now: Any) -> None:
    with pytest.raises(Invalid) as refused:
        planning.add_dependency(actor=alice, project=web, predecessor=plan["C"], successor=plan["A"], now=now)
    assert plan["A"].key in refused.value.message and plan["C"].key in refused.value.message
    assert not Dependency.objects.filter(predecessor=plan["C"]).exists()


def test_a_holiday_is_skipped(plan: dict[str, Any], alice: Any, web: Any, now: Any) -> None:
    planning.set_calendar(actor=alice, project=web, holidays=[{"date": "2026-11-04", "name": "Founders' day"}], now=now)
    b = _row(web, plan["B"].key)
    assert (b["start"], b["finish"]) == ("2026-11-05T08:00", "2026-11-06T17:00")


def test_moving_a_task_moves_its_successors(plan: dict[str, Any], alice: Any, web: Any, now: Any) -> None:
    planning.update_task(actor=alice, issue=plan["A"], changes={"start": "2026-11-09T08:00"}, now=now)
    assert _row(web, plan["A"].key)["constraint"] == {"type": "SNET", "date": "2026-11-09T08:00"}
    assert _row(web, plan["C"].key)["start"] == "2026-11-13T08:00"


def test_a_baseline_shows_how_far_the_plan_slipped(plan: dict[str, Any], alice: Any, web: Any, now: Any) -> None:
    from cairn.planning.levelling import variance_rows

    baseline = planning.save_baseline(actor=alice, project=web, name="Approved", now=now)
    planning.update_task(actor=alice, issue=plan["B"], changes={"duration_minutes": 3 * DAY}, now=now)
    rows = {r["key"]: r for r in variance_rows(web, baseline, now=now)}
    assert rows[plan["A"].key]["finish_days"] == 0
    assert rows[plan["B"].key]["duration_days"] == 1
    assert rows[plan["C"].key]["finish_days"] == 1


def test_bob_the_member_can_move_tasks_but_gus_the_guest_cannot(plan: dict[str, Any], bob: Any, gus: Any, now: Any) -> None:
    from cairn.errors import Forbidden

    planning.update_task(actor=bob, issue=plan["A"], changes={"duration_minutes": DAY}, now=now)
    with pytest.raises(Forbidden):
        planning.update_task(actor=gus, issue=plan["A"], changes={"duration_minutes": DAY}, now=now)
    assert TaskSchedule.objects.get(issue=plan["A"]).duration_minutes == DAY


@pytest.mark.parametrize(("changes", "field"), [
    ({"duration_minutes": -1}, "duration_minutes"),
    ({"mode": "sometimes"}, "mode"),
    ({"constraint": "SNET"}, "constraint_date"),
    ({"constraint": "NEVER"}, "constraint"),
    ({"start": "next tuesday"}, "start"),
    ({"colour": "red"}, "colour"),
    ({"position": 9223372036854775808}, "position"),
    ({"position": 2**31}, "position"),
    ({"position": -1}, "position"),
    ({"position": True}, "position"),
])
def test_bad_schedule_input_names_the_field_and_changes_nothing(plan: dict[str, Any], alice: Any, now: Any,
                                                                changes: dict[str, Any], field: str) -> None:
    before = TaskSchedule.objects.get(issue=plan["A"])
    with pytest.raises(Invalid) as refused:
        planning.update_task(actor=alice, issue=plan["A"], changes=changes, now=now)
    assert field in refused.value.fields
    after = TaskSchedule.objects.get(issue=plan["A"])
    assert (after.duration_minutes, after.mode, after.constraint) == (before.duration_minutes, before.mode, before.constraint)
