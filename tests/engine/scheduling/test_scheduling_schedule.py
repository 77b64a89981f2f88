from datetime import datetime

from cairn.engine.scheduling import Calendar, Dependency, DependencyType, Plan, Task, schedule

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
