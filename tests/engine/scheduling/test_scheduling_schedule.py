from datetime import datetime

from cairn.engine.scheduling import (
    Calendar,
    Constraint,
    ConstraintType,
    Dependency,
    DependencyType,
    Plan,
    Task,
    schedule,
)

DAY = 480
MONDAY = datetime(2025, 1, 6, 8)


def diamond(**options: int) -> Plan:
    """start -> (B, C) -> end, B and C equally long, D a short side branch."""
    return Plan(
        start=MONDAY,
        calendar=Calendar.standard(),
        tasks=(Task("start", DAY), Task("B", 2 * DAY), Task("C", 2 * DAY), Task("D", DAY), Task("end", 0)),
        dependencies=(
            Dependency("start", "B"),
            Dependency("start", "C"),
            Dependency("start", "D"),
            Dependency("B", "end"),
            Dependency("C", "end"),
            Dependency("D", "end"),
        ),
        **options,
    )


def test_two_equal_chains_are_two_critical_paths() -> None:
    result = schedule(diamond())
    assert result.critical_path == ("start", "B", "C", "end")
    assert result.critical_paths() == [("start", "B", "end"), ("start", "C", "end")]
    assert result.critical_paths(limit=1) == [("start", "B", "end")]


def test_a_critical_threshold_makes_near_critical_tasks_critical() -> None:
    assert not schedule(diamond())["D"].critical
    assert schedule(diamond(critical_float=DAY))["D"].critical


def test_dates_match_the_task_views() -> None:
    result = schedule(diamond())
    for task_id, start, finish in result.dates():
        assert (result[task_id].start_at, result[task_id].finish_at) == (start, finish)
    assert {task_id: finish for task_id, _, finish in result.dates()}["end"] == datetime(2025, 1, 8, 17)


def test_a_task_view_reads_well() -> None:
    task = schedule(diamond())["D"]
    assert repr(task) == "ScheduledTask('D', start=480, finish=960, total_float=480, critical=False)"
    assert (task.early_start_at, task.early_finish_at) == (datetime(2025, 1, 7, 8), datetime(2025, 1, 7, 17))
    assert (task.late_start_at, task.late_finish_at) == (datetime(2025, 1, 8, 8), datetime(2025, 1, 8, 17))
    assert task.free_float == DAY


def test_a_milestone_driven_by_a_start_sits_at_that_start() -> None:
    plan = Plan(
        MONDAY,
        Calendar.standard(),
        (Task("A", DAY), Task("B", DAY), Task("m", 0)),
        (Dependency("A", "B"), Dependency("B", "m", DependencyType.SS)),
    )
    m = schedule(plan)["m"]
    assert m.start_at == m.finish_at == datetime(2025, 1, 7, 8)
    assert m.late_finish_at == datetime(2025, 1, 7, 17)  # late dates read as finishes


def test_a_finish_held_by_a_start_to_finish_link_reads_as_that_start() -> None:
    """MS Project shows B's finish at A's start (Tuesday 08:00), not at the end of
    Monday: the same working minute, read as a start."""
    plan = Plan(
        MONDAY,
        Calendar.standard(),
        (Task("A", DAY, constraint=Constraint(ConstraintType.SNET, datetime(2025, 1, 7, 8))), Task("B", DAY)),
        (Dependency("A", "B", DependencyType.SF),),
    )
    result = schedule(plan)
    b = result["B"]
    assert (b.start_at, b.finish_at) == (datetime(2025, 1, 6, 8), datetime(2025, 1, 7, 8))
    assert b.early_finish_at == datetime(2025, 1, 7, 8)
    assert b.late_finish_at == datetime(2025, 1, 7, 17)  # late dates: unchanged rules
    assert dict((task_id, (s, f)) for task_id, s, f in result.dates())["B"] == (b.start_at, b.finish_at)
    assert (b.total_float, b.critical) == (DAY, False)  # floats do not change


def test_a_start_to_finish_link_with_a_lag_gives_a_finish() -> None:
    plan = Plan(
        MONDAY,
        Calendar.standard(),
        (Task("A", DAY), Task("B", DAY)),
        (Dependency("A", "B", DependencyType.SF, 2 * DAY),),
    )
    assert schedule(plan)["B"].finish_at == datetime(2025, 1, 7, 17)


def test_a_finish_also_held_from_a_finish_reads_as_a_finish() -> None:
    plan = Plan(
        MONDAY,
        Calendar.standard(),
        (Task("A", DAY), Task("C", DAY), Task("B", DAY)),
        (
            Dependency("A", "C"),
            Dependency("C", "B", DependencyType.SF),
            Dependency("A", "B", DependencyType.FF, DAY),
        ),
    )
    assert schedule(plan)["B"].finish_at == datetime(2025, 1, 7, 17)


def test_a_summary_spans_its_leaves_displayed_dates() -> None:
    """The summary starts with its finish-driven milestone (Monday 17:00), not at the
    next working minute, and ends with a finish read as a start."""
    plan = Plan(
        MONDAY,
        Calendar.standard(),
        (
            Task("A", DAY),
            Task("S", name="summary"),
            Task("m", 0, parent="S"),
            Task("x", DAY, parent="S"),
            Task("y", DAY, parent="S"),
            Task("z", DAY, constraint=Constraint(ConstraintType.SNET, datetime(2025, 1, 9, 8))),
        ),
        (Dependency("A", "m"), Dependency("m", "x"), Dependency("z", "y", DependencyType.SF)),
    )
    result = schedule(plan)
    assert result["m"].start_at == datetime(2025, 1, 6, 17)
    assert result["y"].finish_at == datetime(2025, 1, 9, 8)
    s = result["S"]
    assert (s.start_at, s.finish_at) == (datetime(2025, 1, 6, 17), datetime(2025, 1, 9, 8))
    assert dict((task_id, (a, b)) for task_id, a, b in result.dates())["S"] == (s.start_at, s.finish_at)
    assert result.finish_at == datetime(2025, 1, 9, 17)
