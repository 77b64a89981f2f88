"""Key results measure from start to target, in either direction, and say how; an
objective rolls up its key results and its linked work; the calendar says when that is
behind."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cairn.engine.product import okrs
from cairn.engine.product.okrs import LinkedWork, Progress

values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


def test_a_rising_key_result_shows_its_arithmetic():
    progress = okrs.key_result(20, 60, 45)
    assert progress.share == 0.625 and progress.percent == 62.5
    assert progress.arithmetic == "(45 − 20) ÷ (60 − 20) = 62.5 %"


def test_a_falling_target_counts_the_way_down():
    progress = okrs.key_result(40, 10, 25)
    assert progress.share == 0.5
    assert progress.arithmetic == "(25 − 40) ÷ (10 − 40) = 50 %"


@pytest.mark.parametrize(("start", "target", "current", "share", "tail"), [
    (20, 60, 80, 1.0, "= 150 %, counted as 100 %"),
    (20, 60, 10, 0.0, "= −25 %, counted as 0 %"),
    (40, 10, 50, 0.0, "counted as 0 %"),
    (40, 10, 0, 1.0, "counted as 100 %"),
])
def test_progress_is_clamped_to_the_range_and_says_so(start, target, current, share, tail):
    progress = okrs.key_result(start, target, current)
    assert progress.share == share and progress.arithmetic.endswith(tail)


def test_a_target_equal_to_the_start_is_a_message_not_a_division_error():
    progress = okrs.key_result(5, 5, 7)
    assert progress.share is None and progress.percent is None
    assert "target equals the start (5)" in progress.arithmetic


def test_negative_and_fractional_values_read_clearly():
    assert okrs.key_result(-3, 7, 2).arithmetic == "(2 − (−3)) ÷ (7 − (−3)) = 50 %"
    assert okrs.key_result(0.5, 2.5, 1).arithmetic == "(1 − 0.5) ÷ (2.5 − 0.5) = 25 %"
    assert okrs.number(1234.5) == "1,234.5" and okrs.number(-0.00001) == "0"


@given(values, values, values)
def test_progress_is_always_between_none_and_all(start, target, current):
    progress = okrs.key_result(start, target, current)
    if target == start:
        assert progress.share is None
    else:
        assert progress.share is not None and 0.0 <= progress.share <= 1.0


@given(values, values, values)
def test_a_falling_target_mirrors_a_rising_one(start, target, current):
    assume(target != start)
    rising = okrs.key_result(start, target, current).share
    mirrored = okrs.key_result(-start, -target, -current).share
    assert rising == pytest.approx(mirrored, abs=1e-9)


@given(values, values, values, values)
def test_moving_towards_the_target_never_lowers_progress(start, target, current, step):
    assume(target != start)
    towards = abs(step) if target > start else -abs(step)
    assert okrs.key_result(start, target, current + towards).share >= okrs.key_result(start, target, current).share - 1e-9


def test_an_objective_is_the_mean_of_its_measured_key_results():
    results = [okrs.key_result(0, 10, 5), okrs.key_result(0, 4, 4), okrs.key_result(3, 3, 3)]
    progress = okrs.by_key_results(results)
    assert progress.share == pytest.approx(0.75)
    assert progress.arithmetic == "(50 % + 100 %) ÷ 2 = 75 %"
    assert okrs.by_key_results([results[0]]).arithmetic == "One key result: 50 %"
    assert okrs.by_key_results([results[2]]).share is None
    assert okrs.by_key_results([]).arithmetic == "No key result with a target yet."


def test_linked_work_counts_an_epic_as_its_sub_tasks():
    progress = okrs.by_work([LinkedWork(1, 1), LinkedWork(0, 1), LinkedWork(2, 8)])
    assert progress.share == pytest.approx(0.3)
    assert progress.arithmetic.startswith("3 of 10 linked issues done") and progress.arithmetic.endswith("= 30 %")
    assert okrs.by_work([]).share is None and okrs.by_work([LinkedWork(0, 0)]).share is None


@given(st.lists(st.tuples(st.integers(-5, 50), st.integers(-5, 50)), max_size=30))
def test_work_progress_stays_in_range_whatever_the_counts(pairs):
    share = okrs.by_work([LinkedWork(d, t) for d, t in pairs]).share
    assert share is None or 0.0 <= share <= 1.0


def test_the_combined_figure_is_the_mean_of_both_or_the_one_there_is():
    results, work, nothing = Progress(0.5, ""), Progress(0.25, ""), Progress(None, "")
    both = okrs.combined(results, work)
    assert both.share == 0.375 and both.arithmetic == "(50 % by key results + 25 % by linked work) ÷ 2 = 37.5 %"
    assert okrs.combined(results, nothing).share == 0.5
    assert okrs.combined(nothing, work).share == 0.25 and "linked work only" in okrs.combined(nothing, work).arithmetic
    assert okrs.combined(nothing, nothing).share is None


@given(st.one_of(st.none(), st.floats(0, 1)), st.one_of(st.none(), st.floats(0, 1)))
def test_the_combined_figure_lies_between_its_parts(a, b):
    share = okrs.combined(Progress(a, ""), Progress(b, "")).share
    parts = [p for p in (a, b) if p is not None]
    if not parts:
        assert share is None
    else:
        assert min(parts) - 1e-12 <= share <= max(parts) + 1e-12


def test_the_period_elapsed_counts_both_ends():
    start, end = dt.date(2026, 10, 1), dt.date(2026, 12, 31)
    assert okrs.elapsed(start, end, dt.date(2026, 9, 1)).share == 0
    assert okrs.elapsed(start, end, dt.date(2026, 10, 1)).arithmetic == "1 of 92 days = 1.1 %"
    assert okrs.elapsed(start, end, dt.date(2026, 11, 15)).arithmetic == "46 of 92 days = 50 %"
    assert okrs.elapsed(start, end, dt.date(2027, 2, 1)).share == 1
    assert okrs.elapsed(end, start, end).share is None


@given(st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31)), st.integers(0, 400), st.integers(-500, 500))
def test_the_elapsed_share_grows_with_the_days(start, length, offset):
    end = start + dt.timedelta(days=length)
    today = start + dt.timedelta(days=offset)
    share = okrs.elapsed(start, end, today).share
    later = okrs.elapsed(start, end, today + dt.timedelta(days=1)).share
    assert share is not None and later is not None and 0 <= share <= later <= 1


def test_progress_behind_the_calendar_by_more_than_the_tolerance_is_behind():
    half = Progress(0.5, "")
    assert okrs.behind(Progress(0.3, ""), half)
    assert not okrs.behind(Progress(0.45, ""), half)
    assert not okrs.behind(Progress(None, ""), half) and not okrs.behind(half, Progress(None, ""))
