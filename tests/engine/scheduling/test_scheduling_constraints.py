from datetime import datetime

import pytest

from cairn.engine.scheduling import (
    Calendar,
    Constraint,
    ConstraintType,
    Dependency,
    Plan,
    PlanError,
    Task,
    ViolationKind,
    schedule,
)

DAY = 480
MONDAY = datetime(2025, 1, 6, 8)


def plan_of(*tasks: Task, honor: bool = True) -> Plan:
    """A (three days) then B (one day), B constrained as given."""
    return Plan(
        start=MONDAY,
        calendar=Calendar.standard(),
        tasks=(Task("A", 3 * DAY), *tasks),
        dependencies=(Dependency("A", "B"),),
        honor_constraints=honor,
    )


def b_with(kind: ConstraintType, moment: datetime, honor: bool = True) -> Plan:
    return plan_of(Task("B", DAY, constraint=Constraint(kind, moment)), honor=honor)


def test_a_dated_constraint_needs_its_date() -> None:
    with pytest.raises(PlanError, match="SNET"):
        Constraint(ConstraintType.SNET)


def test_start_no_earlier_than_pushes_the_task() -> None:
    result = schedule(b_with(ConstraintType.SNET, datetime(2025, 1, 13, 8)))
    assert result["B"].start_at == datetime(2025, 1, 13, 8)
    assert result.violations == ()


def test_start_no_earlier_than_a_past_date_changes_nothing() -> None:
    result = schedule(b_with(ConstraintType.SNET, datetime(2025, 1, 1, 8)))
    assert result["B"].start_at == datetime(2025, 1, 9, 8)


def test_finish_no_earlier_than_pushes_the_finish() -> None:
    result = schedule(b_with(ConstraintType.FNET, datetime(2025, 1, 14, 17)))
    assert result["B"].finish_at == datetime(2025, 1, 14, 17)
    assert result["B"].start_at == datetime(2025, 1, 14, 8)


def test_a_met_late_constraint_gives_the_task_its_float() -> None:
    result = schedule(b_with(ConstraintType.SNLT, datetime(2025, 1, 13, 8)))
    b = result["B"]
    assert b.start_at == datetime(2025, 1, 9, 8)
    assert b.late_start_at == datetime(2025, 1, 9, 8)  # the project ends with B
    assert result.violations == ()


def test_an_honoured_start_no_later_than_holds_and_reports_the_broken_link() -> None:
    result = schedule(b_with(ConstraintType.SNLT, datetime(2025, 1, 8, 8)))
    assert result["B"].start_at == datetime(2025, 1, 8, 8)
    [violation] = result.violations
    assert violation.kind is ViolationKind.DEPENDENCY
    assert (violation.task_id, violation.minutes) == ("B", DAY)
    assert violation.dependency == Dependency("A", "B")
    assert violation.constraint.type is ConstraintType.SNLT
    assert str(violation) == "Task B breaks the link A -> B (FS) by 480 working minutes"
    assert result["A"].total_float == -DAY  # A cannot make it: negative float
    assert result["A"].critical


def test_when_links_win_the_missed_constraint_is_reported() -> None:
    result = schedule(b_with(ConstraintType.SNLT, datetime(2025, 1, 8, 8), honor=False))
    assert result["B"].start_at == datetime(2025, 1, 9, 8)
    [violation] = result.violations
    assert violation.kind is ViolationKind.CONSTRAINT
    assert (violation.task_id, violation.minutes, violation.dependency) == ("B", DAY, None)
    assert "misses its SNLT constraint" in str(violation)
    assert result["B"].total_float == -DAY


def test_finish_no_later_than_honoured_and_not() -> None:
    deadline = datetime(2025, 1, 8, 17)
    honoured = schedule(b_with(ConstraintType.FNLT, deadline))
    assert honoured["B"].finish_at == deadline
    assert [v.kind for v in honoured.violations] == [ViolationKind.DEPENDENCY]
    ignored = schedule(b_with(ConstraintType.FNLT, deadline, honor=False))
    assert ignored["B"].finish_at == datetime(2025, 1, 9, 17)
    assert [(v.kind, v.minutes) for v in ignored.violations] == [(ViolationKind.CONSTRAINT, DAY)]


def test_must_start_on_pins_the_task_later_than_its_links() -> None:
    result = schedule(b_with(ConstraintType.MSO, datetime(2025, 1, 15, 8)))
    b = result["B"]
    assert b.start_at == b.late_start_at == datetime(2025, 1, 15, 8)
    assert b.critical and b.total_float == 0
    assert result["A"].total_float == 4 * DAY
    assert result.violations == ()


def test_must_start_on_too_early_breaks_the_link_or_the_constraint() -> None:
    early = datetime(2025, 1, 7, 8)
    honoured = schedule(b_with(ConstraintType.MSO, early))
    assert honoured["B"].start_at == early
    assert [(v.kind, v.minutes) for v in honoured.violations] == [(ViolationKind.DEPENDENCY, 2 * DAY)]
    ignored = schedule(b_with(ConstraintType.MSO, early, honor=False))
    assert ignored["B"].start_at == datetime(2025, 1, 9, 8)
    assert [(v.kind, v.minutes) for v in ignored.violations] == [(ViolationKind.CONSTRAINT, 2 * DAY)]


def test_must_finish_on() -> None:
    result = schedule(b_with(ConstraintType.MFO, datetime(2025, 1, 10, 17)))
    assert result["B"].finish_at == datetime(2025, 1, 10, 17)
    assert result["B"].critical


def test_a_milestone_on_a_date_shows_that_date() -> None:
    plan = plan_of(
        Task("B", DAY),
        Task("review", 0, constraint=Constraint(ConstraintType.MSO, datetime(2025, 1, 10, 17))),
        Task("launch", 0, constraint=Constraint(ConstraintType.SNET, datetime(2025, 1, 13, 8))),
    )
    result = schedule(plan)
    assert result["review"].start_at == datetime(2025, 1, 10, 17)
    assert result["launch"].start_at == datetime(2025, 1, 13, 8)


def test_as_late_as_possible_uses_the_late_dates() -> None:
    plan = Plan(
        start=MONDAY,
        calendar=Calendar.standard(),
        tasks=(
            Task("A", DAY, constraint=Constraint(ConstraintType.ALAP)),
            Task("B", 3 * DAY),
            Task("C", DAY),
            Task("D", DAY),
        ),
        dependencies=(Dependency("D", "A"), Dependency("A", "C"), Dependency("B", "C")),
    )
    result = schedule(plan)
    a = result["A"]
    assert a.early_start_at == datetime(2025, 1, 7, 8)
    assert a.start_at == a.late_start_at == datetime(2025, 1, 8, 8)
    assert result["D"].start_at == MONDAY  # ALAP does not drag its predecessors
    assert result["C"].start_at == datetime(2025, 1, 9, 8)


def test_a_manual_task_stays_put_and_reports_what_it_breaks() -> None:
    manual = Task("B", manual_start=datetime(2025, 1, 7, 8), manual_finish=datetime(2025, 1, 7, 17))
    result = schedule(plan_of(manual, Task("C", DAY)))
    assert (result["B"].start_at, result["B"].finish_at) == (manual.manual_start, manual.manual_finish)
    assert result["B"].duration == DAY
    [violation] = result.violations
    assert (violation.task_id, violation.kind, violation.minutes) == ("B", ViolationKind.DEPENDENCY, 2 * DAY)


def test_a_manual_task_needs_both_dates_in_order() -> None:
    with pytest.raises(PlanError):
        Task("M", manual_start=MONDAY)
    with pytest.raises(PlanError):
        Task("M", manual_start=MONDAY, manual_finish=datetime(2025, 1, 1))
