"""Actual dates: work that is done stays where it happened, work in progress keeps its
start and schedules what remains; only work not yet started is planned."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_scheduling_properties import MONDAY, link_holds, plans

from cairn.engine.scheduling import (
    Calendar,
    Constraint,
    ConstraintType,
    Dependency,
    DependencyType,
    Plan,
    PlanError,
    Task,
    schedule,
)

DAY = 480
STANDARD = Calendar.standard()


def chain(*tasks: Task, status_date: datetime | None = None) -> Plan:
    """A, then each given task after the previous one (finish to start)."""
    ids = ["A", *(task.id for task in tasks)]
    links = tuple(Dependency(before, after) for before, after in zip(ids, ids[1:]))
    return Plan(MONDAY, STANDARD, (Task("A", 3 * DAY), *tasks), links, status_date=status_date)


def test_a_done_task_stays_where_it_happened_whatever_its_predecessors_say() -> None:
    done = Task("B", DAY, actual_start=datetime(2025, 1, 6, 13), actual_finish=datetime(2025, 1, 7, 10))
    result = schedule(chain(done, Task("C", DAY)))
    b = result["B"]
    assert (b.start_at, b.finish_at) == (done.actual_start, done.actual_finish)
    assert result["C"].start_at == datetime(2025, 1, 7, 10)  # its successor follows what happened
    assert result.violations == ()  # reality broke the link from A: nothing to fix


def test_a_done_task_without_a_known_start_keeps_its_duration_ending_on_its_finish() -> None:
    done = Task("B", 2 * DAY, actual_finish=datetime(2025, 1, 8, 17))
    b = schedule(chain(done))["B"]
    assert (b.start_at, b.finish_at, b.duration) == (datetime(2025, 1, 7, 8), datetime(2025, 1, 8, 17), 2 * DAY)


def test_work_in_progress_keeps_its_start_and_runs_its_duration_from_there() -> None:
    started = Task("B", 2 * DAY, actual_start=datetime(2025, 1, 6, 8), constraint=Constraint(
        ConstraintType.MSO, datetime(2025, 1, 13, 8)))
    b = schedule(chain(started, status_date=datetime(2025, 1, 6, 12)))["B"]
    assert (b.start_at, b.finish_at) == (datetime(2025, 1, 6, 8), datetime(2025, 1, 7, 17))


def test_work_in_progress_does_not_finish_before_the_status_date() -> None:
    started = Task("B", DAY, actual_start=datetime(2025, 1, 6, 8))
    result = schedule(chain(started, Task("C", DAY), status_date=datetime(2025, 1, 9, 12)))
    assert result["B"].finish_at == datetime(2025, 1, 9, 12)
    assert result["C"].start_at == datetime(2025, 1, 9, 13)


def test_a_manual_task_that_is_done_sits_on_its_actual_dates() -> None:
    done = Task("B", DAY, manual_start=datetime(2025, 1, 20, 8), manual_finish=datetime(2025, 1, 20, 17),
                actual_start=datetime(2025, 1, 6, 8), actual_finish=datetime(2025, 1, 6, 17))
    b = schedule(chain(done))["B"]
    assert (b.start_at, b.finish_at) == (datetime(2025, 1, 6, 8), datetime(2025, 1, 6, 17))


def test_a_summary_spans_its_children_whatever_its_own_actual_dates() -> None:
    plan = Plan(MONDAY, STANDARD, (
        Task("S", actual_start=datetime(2025, 1, 1, 8)), Task("A", DAY, parent="S"),
        Task("B", DAY, parent="S", actual_start=datetime(2025, 1, 7, 8), actual_finish=datetime(2025, 1, 8, 17)),
    ))
    s = schedule(plan)["S"]
    assert (s.start_at, s.finish_at) == (MONDAY, datetime(2025, 1, 8, 17))


def test_a_task_cannot_finish_before_it_started() -> None:
    with pytest.raises(PlanError, match="actually finished before it started"):
        Task("B", DAY, actual_start=datetime(2025, 1, 7, 8), actual_finish=datetime(2025, 1, 6, 8))


@st.composite
def plans_with_progress(draw: st.DrawFn) -> Plan:
    """Random plans in which some tasks are done and some in progress."""
    plan = draw(plans())
    tasks = []
    for task in plan.tasks:
        state = draw(st.sampled_from(["todo", "todo", "started", "done", "done without start"]))
        start = MONDAY + timedelta(minutes=draw(st.integers(-3000, 20000)))
        finish = start + timedelta(minutes=draw(st.integers(0, 6000)))
        if state == "started":
            task = replace(task, actual_start=start)
        elif state == "done":
            task = replace(task, actual_start=start, actual_finish=finish)
        elif state == "done without start":
            task = replace(task, actual_finish=finish)
        tasks.append(task)
    status = MONDAY + timedelta(minutes=draw(st.integers(0, 20000)))
    return replace(plan, tasks=tuple(tasks), status_date=draw(st.sampled_from([None, status])))


def shaken(plan: Plan, durations: list[int], kinds: list[DependencyType]) -> Plan:
    """The same plan with other durations for the work not started and other links."""
    tasks = [task if task.has_actuals else replace(task, duration=d) for task, d in zip(plan.tasks, durations)]
    links = [replace(link, type=kind) for link, kind in zip(plan.dependencies, kinds)]
    return replace(plan, tasks=tuple(tasks), dependencies=tuple(links))


progress = settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])


@progress
@given(plans_with_progress(), st.lists(st.sampled_from([0, 60, 480, 2400]), min_size=14, max_size=14),
       st.lists(st.sampled_from(list(DependencyType)), min_size=28, max_size=28))
def test_a_done_tasks_dates_never_change(plan: Plan, durations: list[int], kinds: list[DependencyType]) -> None:
    for result in (schedule(plan), schedule(shaken(plan, durations, kinds))):
        offset = result.timeline.offset
        for task in plan.tasks:
            if task.actual_finish is None:
                continue
            found = result[task.id]
            assert found.finish == offset(task.actual_finish)
            if task.actual_start is not None:
                assert found.start == offset(task.actual_start)
            else:
                assert found.duration == task.duration


@progress
@given(plans_with_progress())
def test_work_in_progress_keeps_its_actual_start_and_its_remaining_work(plan: Plan) -> None:
    result = schedule(plan)
    offset = result.timeline.offset
    for task in plan.tasks:
        if task.actual_start is None or task.actual_finish is not None:
            continue
        found = result[task.id]
        assert found.start == offset(task.actual_start)
        assert found.finish >= found.start + task.duration
        if plan.status_date is not None:
            assert found.finish >= offset(plan.status_date)


@progress
@given(plans_with_progress())
def test_what_has_not_started_still_follows_every_link_unless_reported(plan: Plan) -> None:
    result = schedule(plan)
    broken = {(v.dependency, v.task_id) for v in result.violations if v.dependency is not None}
    started = {task.id for task in plan.tasks if task.has_actuals}
    assert not {task_id for _, task_id in broken} & started
    for link in plan.dependencies:
        if link.successor not in started and (link, link.successor) not in broken:
            assert link_holds(result, link, link.successor), link
