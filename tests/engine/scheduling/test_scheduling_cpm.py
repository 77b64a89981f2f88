from datetime import date, datetime

import pytest

from cairn.engine.scheduling import (
    Calendar,
    CycleError,
    Dependency,
    DependencyType,
    Plan,
    PlanError,
    Task,
    schedule,
)

DAY = 480
MONDAY = datetime(2025, 1, 6, 8)
CALENDAR = Calendar.standard()
FS, SS, FF, SF = DependencyType.FS, DependencyType.SS, DependencyType.FF, DependencyType.SF


def plan_of(tasks: list[Task], links: list[Dependency], **options: object) -> Plan:
    return Plan(start=MONDAY, calendar=CALENDAR, tasks=tuple(tasks), dependencies=tuple(links), **options)  # type: ignore[arg-type]


def days(value: int) -> float:
    return value / DAY


def textbook() -> Plan:
    durations = {"A": 3, "B": 4, "C": 2, "D": 5, "E": 1, "F": 2, "G": 4, "H": 3}
    links = [("A", "B"), ("A", "C"), ("B", "D"), ("C", "E"), ("C", "F"), ("D", "G"), ("E", "G"), ("F", "H")]
    links.append(("G", "H"))
    return plan_of(
        [Task(name, length * DAY) for name, length in durations.items()],
        [Dependency(before, after) for before, after in links],
    )


def test_the_textbook_network_has_the_textbook_dates_and_floats() -> None:
    result = schedule(textbook())
    expected = {  # ES, EF, LS, LF, total float, free float, in days
        "A": (0, 3, 0, 3, 0, 0),
        "B": (3, 7, 3, 7, 0, 0),
        "C": (3, 5, 9, 11, 6, 0),
        "D": (7, 12, 7, 12, 0, 0),
        "E": (5, 6, 11, 12, 6, 6),
        "F": (5, 7, 14, 16, 9, 9),
        "G": (12, 16, 12, 16, 0, 0),
        "H": (16, 19, 16, 19, 0, 0),
    }
    for name, dates in expected.items():
        task = result[name]
        found = (task.early_start, task.early_finish, task.late_start, task.late_finish)
        assert tuple(map(days, found)) == dates[:4], name
        assert (days(task.total_float), days(task.free_float)) == dates[4:], name
        assert task.critical == (dates[4] == 0)
    assert result.critical_path == ("A", "B", "D", "G", "H")
    assert result.critical_paths() == [("A", "B", "D", "G", "H")]
    assert days(result.finish - result.start) == 19
    assert result.violations == ()


def test_the_textbook_dates_fall_on_working_days() -> None:
    result = schedule(textbook())
    assert result["A"].start_at == datetime(2025, 1, 6, 8)
    assert result["A"].finish_at == datetime(2025, 1, 8, 17)  # Wednesday evening, not Thursday 08:00
    assert result["B"].start_at == datetime(2025, 1, 9, 8)
    assert result["B"].finish_at == datetime(2025, 1, 14, 17)  # over the weekend
    assert result["H"].finish_at == datetime(2025, 1, 30, 17)
    assert result.finish_at == datetime(2025, 1, 30, 17)


@pytest.mark.parametrize(
    ("kind", "lag", "start", "finish"),
    [
        (FS, 0, datetime(2025, 1, 8, 8), datetime(2025, 1, 8, 17)),
        (FS, DAY, datetime(2025, 1, 9, 8), datetime(2025, 1, 9, 17)),
        (FS, -DAY // 2, datetime(2025, 1, 7, 13), datetime(2025, 1, 8, 12)),
        (SS, 0, datetime(2025, 1, 6, 8), datetime(2025, 1, 6, 17)),
        (SS, 3 * 60, datetime(2025, 1, 6, 11), datetime(2025, 1, 7, 11)),
        (FF, 0, datetime(2025, 1, 7, 8), datetime(2025, 1, 7, 17)),
        (FF, 2 * DAY, datetime(2025, 1, 9, 8), datetime(2025, 1, 9, 17)),
        (FF, -DAY, datetime(2025, 1, 6, 8), datetime(2025, 1, 6, 17)),
        (SF, 2 * DAY, datetime(2025, 1, 7, 8), datetime(2025, 1, 7, 17)),
        (SF, 3 * DAY, datetime(2025, 1, 8, 8), datetime(2025, 1, 8, 17)),
    ],
)
def test_each_link_type_with_lag_or_lead(
    kind: DependencyType, lag: int, start: datetime, finish: datetime
) -> None:
    plan = plan_of([Task("A", 2 * DAY), Task("B", DAY)], [Dependency("A", "B", kind, lag)])
    b = schedule(plan)["B"]
    assert (b.start_at, b.finish_at) == (start, finish)


def test_a_lead_never_moves_a_task_before_the_project_start() -> None:
    plan = plan_of([Task("A", DAY), Task("B", DAY)], [Dependency("A", "B", FS, -3 * DAY)])
    assert schedule(plan)["B"].start_at == MONDAY


def test_a_percent_lag_is_a_share_of_the_predecessor() -> None:
    plan = plan_of([Task("A", 4 * DAY), Task("B", DAY)], [Dependency("A", "B", SS, lag_percent=50)])
    assert schedule(plan)["B"].start_at == datetime(2025, 1, 8, 8)


def test_an_elapsed_lag_counts_the_weekend() -> None:
    # A ends Friday 17:00; two elapsed days later is Sunday 17:00, so B starts Monday.
    plan = plan_of(
        [Task("A", 5 * DAY), Task("B", DAY), Task("C", DAY)],
        [Dependency("A", "B", FS, 2 * 1440, elapsed=True), Dependency("A", "C", FS, 2 * DAY)],
    )
    result = schedule(plan)
    assert result["B"].start_at == datetime(2025, 1, 13, 8)
    assert result["C"].start_at == datetime(2025, 1, 15, 8)  # two working days: Tuesday gone


def test_work_skips_a_holiday_and_lunch() -> None:
    calendar = Calendar.standard(holidays=[date(2025, 1, 7)])
    plan = Plan(MONDAY.replace(hour=10), calendar, (Task("A", DAY),))
    a = schedule(plan)["A"]
    assert a.start_at == datetime(2025, 1, 6, 10)
    assert a.finish_at == datetime(2025, 1, 8, 10)  # 6 h on Monday, Tuesday off, 2 h on Wednesday


def test_a_start_in_non_working_time_snaps_to_the_next_working_minute() -> None:
    plan = Plan(datetime(2025, 1, 4, 9), CALENDAR, (Task("A", 60),))  # a Saturday
    assert schedule(plan)["A"].start_at == datetime(2025, 1, 6, 8)


def test_a_milestone_after_a_task_sits_at_its_finish() -> None:
    plan = plan_of(
        [Task("A", DAY), Task("done", 0), Task("kickoff", 0), Task("B", DAY)],
        [Dependency("A", "done"), Dependency("done", "B")],
    )
    result = schedule(plan)
    assert result["done"].start_at == result["done"].finish_at == datetime(2025, 1, 6, 17)
    assert result["kickoff"].start_at == MONDAY
    assert result["done"].milestone
    assert result["B"].start_at == datetime(2025, 1, 7, 8)


def test_a_summary_spans_its_children() -> None:
    plan = plan_of(
        [
            Task("phase"),
            Task("A", DAY, parent="phase"),
            Task("B", 2 * DAY, parent="phase"),
            Task("C", DAY),
            Task("D", DAY),
        ],
        [Dependency("A", "B"), Dependency("C", "phase"), Dependency("phase", "D")],
    )
    result = schedule(plan)
    phase = result["phase"]
    assert phase.summary and not phase.milestone
    assert phase.start_at == datetime(2025, 1, 7, 8)  # C is before every child
    assert phase.finish_at == datetime(2025, 1, 9, 17)
    assert phase.duration == 3 * DAY
    assert result["D"].start_at == datetime(2025, 1, 10, 8)
    assert result.critical_path == ("C", "A", "B", "D")


def test_a_start_to_start_link_from_a_summary_follows_its_first_child() -> None:
    plan = plan_of(
        [Task("S"), Task("A", DAY, parent="S"), Task("B", DAY, parent="S"), Task("X", DAY), Task("Y", 60)],
        [Dependency("X", "B"), Dependency("S", "Y", SS, 60)],
    )
    result = schedule(plan)
    assert result["S"].start_at == MONDAY
    assert result["Y"].start_at == MONDAY.replace(hour=9)


def test_nested_summaries_roll_up() -> None:
    plan = plan_of(
        [Task("top"), Task("mid", parent="top"), Task("A", DAY, parent="mid"), Task("B", DAY, parent="top")],
        [Dependency("A", "B")],
    )
    result = schedule(plan)
    assert (result["top"].start, result["top"].finish) == (result["A"].start, result["B"].finish)
    assert (result["mid"].start, result["mid"].finish) == (result["A"].start, result["A"].finish)


def test_a_cycle_is_an_error_that_names_its_tasks() -> None:
    plan = plan_of(
        [Task("A", DAY), Task("B", DAY), Task("C", DAY), Task("D", DAY)],
        [Dependency("A", "B"), Dependency("B", "C"), Dependency("C", "D", SS), Dependency("D", "B", FF)],
    )
    with pytest.raises(CycleError) as caught:
        schedule(plan)
    assert set(caught.value.task_ids) == {"B", "C", "D"}
    assert "B -> C -> D -> B" in str(caught.value)


def test_a_task_linked_to_itself_or_its_summary_is_a_cycle() -> None:
    with pytest.raises(CycleError, match="A -> A"):
        schedule(plan_of([Task("A", DAY)], [Dependency("A", "A")]))
    with pytest.raises(CycleError) as caught:
        schedule(plan_of([Task("S"), Task("A", DAY, parent="S")], [Dependency("S", "A")]))
    assert set(caught.value.task_ids) == {"S", "A"}
    with pytest.raises(CycleError):
        schedule(plan_of([Task("S"), Task("A", DAY, parent="S")], [Dependency("A", "S")]))


def test_a_loop_of_parents_is_a_cycle() -> None:
    with pytest.raises(CycleError):
        schedule(plan_of([Task("A", parent="B"), Task("B", parent="A"), Task("C", parent="A")], []))


def test_an_unknown_task_or_a_duplicate_id_is_a_plan_error() -> None:
    with pytest.raises(PlanError, match="unknown task"):
        schedule(plan_of([Task("A", DAY)], [Dependency("A", "Z")]))
    with pytest.raises(PlanError, match="Duplicate task id 'A'"):
        schedule(plan_of([Task("A", DAY), Task("A", DAY)], []))
    with pytest.raises(PlanError, match="unknown parent"):
        schedule(plan_of([Task("A", DAY, parent="Z")], []))


def test_an_empty_plan_finishes_where_it_starts() -> None:
    result = schedule(plan_of([], []))
    assert result.finish_at == result.start_at == MONDAY
    assert result.critical_path == ()


def test_tasks_can_be_replaced_for_a_what_if() -> None:
    plan = textbook()
    longer = schedule(plan.with_tasks([Task("E", 8 * DAY)]))
    assert days(longer.finish - longer.start) == 20
    assert longer.critical_path == ("A", "C", "E", "G", "H")
    assert len(longer) == 8 and "E" in longer and "Z" not in longer
