"""Tasks on their own calendars: a task calendar, or resource assignments."""

from __future__ import annotations

from datetime import datetime

import pytest

from cairn.engine.scheduling import (
    Assignment,
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
from cairn.engine.scheduling.timeline import Timeline

DAY = 480
TUESDAY = datetime(2003, 1, 7, 8)
STANDARD = Calendar.standard()
NIGHTS = Calendar.weekly(
    {
        0: "23:00-24:00",
        1: "00:00-03:00, 04:00-08:00, 23:00-24:00",
        2: "00:00-03:00, 04:00-08:00, 23:00-24:00",
        3: "00:00-03:00, 04:00-08:00, 23:00-24:00",
        4: "00:00-03:00, 04:00-08:00, 23:00-24:00",
        5: "00:00-03:00, 04:00-08:00",
    },
    name="Night Shift",
)
SATURDAYS = Calendar.weekly({5: "09:00-13:00"}, name="Saturdays")


def plan_of(tasks: list[Task], links: list[Dependency] = ()) -> Plan:  # type: ignore[assignment]
    return Plan(TUESDAY, STANDARD, tuple(tasks), tuple(links))


def second_task() -> Task:
    """MS Project's sample.xml: 200 h at 50 % by day, 300 h at 75 % by night."""
    return Task(
        "2",
        100 * DAY,
        assignments=(
            Assignment("First Resource", 200 * 60, 0.5),
            Assignment("Second Resource", 300 * 60, 0.75, NIGHTS),
        ),
    )


def test_a_task_finishes_with_its_last_assignment_on_its_resource_calendar() -> None:
    result = schedule(plan_of([second_task(), Task("next", DAY)], [Dependency("2", "next")]))
    task = result["2"]
    assert (task.start_at, task.finish_at) == (TUESDAY, datetime(2003, 3, 18, 8))
    assert task.assignments == (
        ("First Resource", TUESDAY, datetime(2003, 3, 17, 17)),
        ("Second Resource", datetime(2003, 1, 7, 23), datetime(2003, 3, 18, 8)),
    )
    after = result["next"]  # the next working minute of the plan's calendar
    assert (after.start_at, after.finish_at) == (datetime(2003, 3, 18, 8), datetime(2003, 3, 18, 17))
    assert result.finish_at == datetime(2003, 3, 18, 17)
    assert task.critical and task.total_float == 0


def test_a_task_calendar_and_an_assignment_without_work_last_the_duration() -> None:
    result = schedule(
        plan_of(
            [
                Task("sat", 2 * 240, calendar=SATURDAYS),
                Task("who", DAY, assignments=(Assignment("Ann", calendar=SATURDAYS),)),
            ]
        )
    )
    assert (result["sat"].start_at, result["sat"].finish_at) == (
        datetime(2003, 1, 11, 9),
        datetime(2003, 1, 18, 13),
    )
    assert result["who"].finish_at == datetime(2003, 1, 18, 13)  # two Saturday mornings


def test_a_resource_on_the_plans_calendar_changes_nothing() -> None:
    plain = schedule(plan_of([Task("a", 3 * DAY)]))["a"]
    assigned = schedule(plan_of([Task("a", 3 * DAY, assignments=(Assignment("Bob", 3 * DAY),))]))["a"]
    assert (plain.start_at, plain.finish_at) == (assigned.start_at, assigned.finish_at)
    assert assigned.assignments == (("Bob", plain.start_at, plain.finish_at),)
    half = schedule(plan_of([Task("a", 3 * DAY, assignments=(Assignment("Bob", 3 * DAY, 0.5),))]))["a"]
    assert half.duration == 6 * DAY


def test_links_into_and_out_of_a_calendared_task_hold() -> None:
    tasks = [
        Task("a", DAY),
        Task("sat", 240, calendar=SATURDAYS),
        Task("b", DAY),
        Task("c", DAY, calendar=SATURDAYS),
    ]
    links = [
        Dependency("a", "sat", DependencyType.FF, 5 * DAY),  # must finish a week after a
        Dependency("sat", "b"),
        Dependency("b", "c", DependencyType.SF),
    ]
    result = schedule(plan_of(tasks, links))
    sat = result["sat"]
    assert sat.finish >= result["a"].finish + 5 * DAY
    assert (sat.start_at, sat.finish_at) == (datetime(2003, 1, 18, 9), datetime(2003, 1, 18, 13))
    assert result["b"].start_at == datetime(2003, 1, 20, 8)  # the Monday after
    assert result["c"].finish >= result["b"].start
    assert not result.violations


def test_the_backward_pass_uses_the_task_calendar() -> None:
    tasks = [Task("sat", 240, calendar=SATURDAYS), Task("long", 10 * DAY)]
    result = schedule(plan_of(tasks))
    sat = result["sat"]
    assert sat.late_finish <= result.finish
    # The latest Saturday morning that still ends by the project's finish.
    assert sat.late_finish_at == datetime(2003, 1, 18, 13)
    assert sat.late_start_at == datetime(2003, 1, 18, 9)
    assert sat.total_float > 0 and not sat.critical


def test_a_finish_constraint_on_a_calendared_task() -> None:
    deadline = datetime(2003, 1, 22, 12)  # a Wednesday
    result = schedule(
        plan_of([Task("sat", 240, calendar=SATURDAYS, constraint=Constraint(ConstraintType.FNET, deadline))])
    )
    assert result["sat"].finish_at == datetime(2003, 1, 25, 13)
    held = schedule(
        plan_of([Task("sat", 240, calendar=SATURDAYS, constraint=Constraint(ConstraintType.FNLT, deadline))])
    )
    assert held["sat"].finish_at == datetime(2003, 1, 11, 13)


def test_assignments_are_checked() -> None:
    with pytest.raises(PlanError):
        Assignment("x", -1)
    with pytest.raises(PlanError):
        Assignment("x", 60, 0)


def test_the_assignment_timeline_agrees() -> None:
    result = schedule(plan_of([second_task()]))
    night = Timeline(NIGHTS, TUESDAY.date())
    _, start, finish = result["2"].assignments[1]
    assert night.working_minutes_between(start, finish) == 300 * 60 * 4 // 3


def test_a_milestone_with_an_assignment_shows_the_milestones_own_moment() -> None:
    # Found by hypothesis: the milestone sits at 17:00 after its predecessor, and its
    # zero-work assignment must not read as 08:00 the next morning.
    plan = plan_of(
        [Task("work", DAY), Task("done", 0, assignments=(Assignment("r0"),))],
        [Dependency("work", "done")],
    )
    result = schedule(plan)
    assert result["done"].finish_at == datetime(2003, 1, 7, 17)
    assert result["done"].assignments == (("r0", datetime(2003, 1, 7, 17), datetime(2003, 1, 7, 17)),)
