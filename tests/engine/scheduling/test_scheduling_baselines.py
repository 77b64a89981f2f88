from datetime import datetime

from cairn.engine.scheduling import (
    BaselineEntry,
    Calendar,
    Dependency,
    Plan,
    Task,
    Variance,
    baseline_of,
    schedule,
    variances,
)

DAY = 480
PLAN = Plan(
    start=datetime(2025, 1, 6, 8),
    calendar=Calendar.standard(),
    tasks=(Task("design", 2 * DAY), Task("build", 3 * DAY), Task("ship", 0)),
    dependencies=(Dependency("design", "build"), Dependency("build", "ship")),
)


def test_a_fresh_baseline_has_no_variance() -> None:
    result = schedule(PLAN)
    baseline = baseline_of(result)
    assert baseline["build"] == BaselineEntry(datetime(2025, 1, 8, 8), datetime(2025, 1, 10, 17), 3 * DAY)
    assert set(variances(result, baseline).values()) == {Variance(0, 0, 0)}


def test_a_longer_design_delays_and_lengthens_in_working_minutes() -> None:
    baseline = baseline_of(schedule(PLAN))
    slipped = schedule(PLAN.with_tasks([Task("design", 3 * DAY)]))
    found = variances(slipped, baseline)
    assert found["design"] == Variance(start=0, finish=DAY, duration=DAY)
    assert found["build"] == Variance(start=DAY, finish=DAY, duration=0)  # over a weekend: still one day
    assert found["ship"] == Variance(DAY, DAY, 0)


def test_a_baseline_is_any_mapping_of_id_to_start_finish_duration() -> None:
    baseline = {
        "design": (datetime(2025, 1, 6, 13), datetime(2025, 1, 7, 17), 720),
        "gone": (datetime(2025, 1, 6, 8), datetime(2025, 1, 6, 17), DAY),
    }
    found = variances(schedule(PLAN), baseline)
    assert found == {"design": Variance(start=-240, finish=0, duration=240)}
