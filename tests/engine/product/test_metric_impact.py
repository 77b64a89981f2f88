"""A KPI's figures: a release's impact (the mean of the N days before against the N days
after, the release day left out), changes over 7 and 30 days, the distance to the
target — every one read in the metric's good direction, none a division error."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cairn.engine.product.metrics import (
    Point,
    change,
    change_over,
    distance,
    impact,
    in_order,
    mean,
    sparkline,
    summary,
)

RELEASE = date(2026, 3, 1)


def series(start: date, values: list[float | int | str]) -> list[Point]:
    return [Point(start + timedelta(days=i), Decimal(str(v))) for i, v in enumerate(values)]


def test_the_means_before_and_after_leave_the_release_day_out():
    points = series(RELEASE - timedelta(days=3), [10, 20, 30, 1000, 40, 50, 60])
    moved = impact(points, RELEASE, 3, "up")
    assert moved.mean_before == Decimal(20) and moved.mean_after == Decimal(50)
    assert (moved.points_before, moved.points_after) == (3, 3)
    assert moved.change is not None and moved.change.absolute == Decimal(30)
    assert moved.change.percent == Decimal(150) and moved.change.verdict == "better"
    assert moved.missing is None


def test_only_the_days_of_the_window_count():
    points = series(RELEASE - timedelta(days=20), [100] * 6 + [10] * 35)
    moved = impact(points, RELEASE, 14, "up")
    assert moved.mean_before == Decimal(10) and moved.points_before == 14 and moved.points_after == 14


def test_a_rise_of_a_lower_is_better_metric_is_worse():
    points = series(RELEASE - timedelta(days=2), [5, 5, 0, 6, 6])
    moved = impact(points, RELEASE, 2, "down")
    assert moved.change is not None and moved.change.verdict == "worse" and moved.change.percent == Decimal(20)


def test_a_side_without_points_is_not_enough_data_with_the_reason():
    after_only = series(RELEASE + timedelta(days=1), [1, 2, 3])
    moved = impact(after_only, RELEASE, 14, "up")
    assert moved.change is None and moved.mean_before is None and moved.mean_after == Decimal(2)
    assert moved.missing == "no data points in the 14 days before 2026-03-01"
    before_only = series(RELEASE - timedelta(days=3), [1, 2, 3])
    assert impact(before_only, RELEASE, 14, "up").missing == "no data points yet in the 14 days after 2026-03-01"
    assert impact([], RELEASE, 30, "up").missing == "no data points in the 30 days before or after 2026-03-01"


def test_a_zero_mean_before_has_a_change_but_no_percent():
    points = series(RELEASE - timedelta(days=1), [0, 9, 4])
    moved = impact(points, RELEASE, 1, "up")
    assert moved.change is not None and moved.change.absolute == Decimal(4) and moved.change.percent is None


def test_a_window_of_no_days_is_refused():
    with pytest.raises(ValueError):
        impact([], RELEASE, 0, "up")


def test_the_percent_keeps_the_sign_of_the_change_below_zero():
    moved = change(Decimal(-10), Decimal(-5), "up")
    assert moved.percent == Decimal(50) and moved.verdict == "better"
    assert change(Decimal(3), Decimal(3), "down").verdict == "unchanged"


def test_changes_over_a_week_and_a_month_compare_with_the_point_that_far_back():
    points = series(date(2026, 1, 1), list(range(1, 41)))  # 1 on Jan 1 … 40 on Feb 9
    week = change_over(points, 7, "up")
    assert week is not None and (week.before, week.after) == (Decimal(33), Decimal(40))
    month = change_over(points, 30, "down")
    assert month is not None and month.before == Decimal(10) and month.verdict == "worse"


def test_a_change_over_a_span_without_an_old_enough_point_is_none():
    assert change_over(series(date(2026, 1, 1), [1, 2, 3]), 7, "up") is None
    # A point older than twice the span says nothing about this week.
    far = [Point(date(2025, 1, 1), Decimal(1)), Point(date(2026, 1, 1), Decimal(2))]
    assert change_over(far, 7, "up") is None
    assert change_over([], 7, "up") is None


def test_the_distance_to_the_target_reads_the_direction():
    assert distance(Decimal(80), Decimal(100), "up").reached is False
    assert distance(Decimal(80), Decimal(100), "up").gap == Decimal(20)
    assert distance(Decimal(80), Decimal(100), "down").reached is True
    assert distance(Decimal(100), Decimal(100), "up").reached is True


def test_a_summary_takes_the_latest_point_whatever_the_order_given():
    points = list(reversed(series(date(2026, 1, 1), [4, 5, 6, 7, 8, 9, 10, 11])))
    figures = summary(points, Decimal(20), "up")
    assert figures.latest == Point(date(2026, 1, 8), Decimal(11))
    assert figures.week is not None and figures.week.absolute == Decimal(7)
    assert figures.month is None
    assert figures.target is not None and figures.target.gap == Decimal(9)
    empty = summary([], Decimal(1), "up")
    assert empty.latest is None and empty.target is None


def test_the_sparkline_fills_its_box_with_higher_values_higher_up():
    line = sparkline(series(date(2026, 1, 1), [0, 10, 5]), 100, 20)
    assert line == "0.0,20.0 50.0,0.0 100.0,10.0"
    assert sparkline([], 100, 20) == ""
    assert sparkline(series(date(2026, 1, 1), [3]), 100, 20) == "0.0,10.0"


values = st.decimals(min_value=-10**9, max_value=10**9, places=4, allow_nan=False, allow_infinity=False)
days = st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31))


@st.composite
def metric_points(draw: st.DrawFn) -> list[Point]:
    by_day = draw(st.dictionaries(days, values, max_size=80))
    return [Point(d, v) for d, v in sorted(by_day.items())]


@given(metric_points(), days, st.integers(min_value=1, max_value=60), st.sampled_from(["up", "down"]))
def test_an_impact_is_always_an_answer_and_its_parts_agree(points, day, window, direction):
    moved = impact(points, day, window, direction)
    assert (moved.change is None) == (moved.missing is not None)
    assert moved.points_before + moved.points_after <= len(points)
    inside = [p for p in points if 0 < abs((p.day - day).days) <= window]
    assert moved.points_before + moved.points_after == len(inside)
    if moved.change is not None:
        assert moved.change.absolute == moved.change.after - moved.change.before
        assert (moved.change.percent is None) == (moved.change.before == 0)
        if moved.change.absolute != 0:
            assert (moved.change.verdict == "better") == ((moved.change.absolute > 0) == (direction == "up"))


@given(metric_points(), st.sampled_from(["up", "down"]))
def test_a_mirrored_metric_gets_the_opposite_verdict(points, direction):
    other = "down" if direction == "up" else "up"
    mirrored = [Point(p.day, -p.value) for p in points]
    for span in (7, 30):
        ours, theirs = change_over(points, span, direction), change_over(mirrored, span, other)
        assert (ours is None) == (theirs is None)
        if ours is not None and theirs is not None:
            assert ours.verdict == theirs.verdict


@given(st.lists(values, min_size=1, max_size=50))
def test_a_mean_lies_between_the_smallest_and_largest_value(numbers):
    average = mean(numbers)
    assert average is not None and min(numbers) - Decimal("0.0001") <= average <= max(numbers) + Decimal("0.0001")


@given(metric_points(), days, st.integers(min_value=1, max_value=60), values)
def test_the_release_days_own_value_never_moves_the_impact(points, day, window, value):
    others = [p for p in points if p.day != day]
    with_day = in_order([*others, Point(day, value)])
    assert impact(others, day, window, "up") == impact(with_day, day, window, "up")


@given(metric_points(), days, st.integers(min_value=1, max_value=30))
def test_points_outside_the_window_never_move_the_impact(points, day, window):
    inside = [p for p in points if abs((p.day - day).days) <= window]
    assert impact(points, day, window, "down") == impact(inside, day, window, "down")


@given(metric_points(), days, st.integers(min_value=1, max_value=30), values)
def test_a_constant_shift_of_every_value_keeps_the_absolute_change(points, day, window, shift):
    moved = impact(points, day, window, "up")
    shifted = impact([Point(p.day, p.value + shift) for p in points], day, window, "up")
    if moved.change is None:
        assert shifted.change is None and shifted.missing == moved.missing
    else:
        assert shifted.change is not None
        assert abs(shifted.change.absolute - moved.change.absolute) <= Decimal("0.0002")


@given(metric_points(), st.one_of(st.none(), values), st.sampled_from(["up", "down"]))
def test_a_summary_is_always_an_answer(points, target, direction):
    figures = summary(points, target, direction)
    assert (figures.latest is None) == (not points)
    if figures.latest is not None:
        assert figures.latest.day == max(p.day for p in points)
        assert (figures.target is None) == (target is None)
        if figures.target is not None:
            assert figures.target.gap == figures.target.target - figures.latest.value
    for moved in (figures.week, figures.month):
        if moved is not None:
            assert moved.after == figures.latest.value  # type: ignore[union-attr]


@given(metric_points(), st.integers(min_value=10, max_value=400), st.integers(min_value=10, max_value=100))
def test_the_sparkline_stays_inside_its_box(points, width, height):
    line = sparkline(points, width, height)
    pairs = [tuple(map(float, pair.split(","))) for pair in line.split()]
    assert len(pairs) == len(points)
    assert all(0 <= x <= width and 0 <= y <= height for x, y in pairs)
