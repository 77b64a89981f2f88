"""The roadmap's timeline: whole months or quarters that show today, columns that tile the
window, and bars placed linearly in days and clipped at its edges."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cairn.engine.product.timeline import (
    Scale,
    Window,
    add_periods,
    columns,
    marker,
    period_start,
    place,
    window,
)

days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2150, 12, 31))
spans = st.lists(st.tuples(days, days).map(lambda pair: (min(pair), max(pair))), max_size=20)
scales = st.sampled_from(list(Scale))


def test_quarters_are_labelled_and_start_on_their_first_month():
    win = window(dt.date(2026, 12, 1), [], Scale.QUARTER, before=0, least=2)
    assert [c.label for c in columns(win, Scale.QUARTER)][:2] == ["Q4 2026", "Q1 2027"]
    assert period_start(dt.date(2026, 8, 31), Scale.QUARTER) == dt.date(2026, 7, 1)


def test_months_widen_with_their_days():
    win = Window(dt.date(2027, 1, 1), dt.date(2027, 3, 1))
    january, february = columns(win, Scale.MONTH)
    assert january.label == "Jan 2027" and february.start == dt.date(2027, 2, 1)
    assert january.width == pytest.approx(31 / 59) and february.left == pytest.approx(31 / 59)


def test_a_bar_is_placed_by_its_days_and_clipped_at_the_edges():
    win = Window(dt.date(2027, 1, 1), dt.date(2027, 1, 11))
    inside = place(dt.date(2027, 1, 2), dt.date(2027, 1, 3), win)
    assert inside is not None and (inside.left, inside.width) == pytest.approx((0.1, 0.2))
    assert not (inside.clipped_start or inside.clipped_end)
    clipped = place(dt.date(2026, 12, 1), dt.date(2027, 3, 1), win)
    assert clipped is not None and (clipped.left, clipped.width) == (0, 1)
    assert clipped.clipped_start and clipped.clipped_end
    assert place(dt.date(2027, 1, 11), dt.date(2027, 2, 1), win) is None
    assert place(dt.date(2026, 1, 1), dt.date(2026, 12, 31), win) is None


def test_a_release_marker_sits_in_the_middle_of_its_day():
    win = Window(dt.date(2027, 1, 1), dt.date(2027, 1, 11))
    assert marker(dt.date(2027, 1, 1), win) == pytest.approx(0.05)
    assert marker(dt.date(2027, 1, 11), win) is None


def test_a_window_refuses_impossible_bounds():
    with pytest.raises(ValueError):
        window(dt.date(2027, 1, 1), [], Scale.MONTH, least=5, most=4)


@given(days, spans, scales)
def test_the_window_shows_today_in_whole_periods_within_its_bounds(today, items, scale):
    win = window(today, items, scale, before=1, least=6, most=18)
    assert win.start <= today < win.end
    assert win.start == period_start(win.start, scale) and win.end == period_start(win.end, scale)
    count = len(columns(win, scale))
    assert 6 <= count <= 18
    earliest = add_periods(period_start(today, scale), scale, -1)
    assert win.start >= earliest


@given(days, spans, scales)
def test_the_columns_tile_the_window_without_gaps(today, items, scale):
    win = window(today, items, scale)
    cols = columns(win, scale)
    assert cols[0].start == win.start and cols[-1].end == win.end
    assert all(a.end == b.start for a, b in zip(cols, cols[1:], strict=False))
    assert sum(c.width for c in cols) == pytest.approx(1)
    assert all(c.left == pytest.approx((c.start - win.start).days / win.days) for c in cols)


@given(days, days, days, scales)
def test_a_placed_bar_stays_inside_and_says_when_it_was_clipped(today, start, end, scale):
    start, end = min(start, end), max(start, end)
    win = window(today, [(start, end)], scale)
    span = place(start, end, win)
    if span is None:
        assert end < win.start or start >= win.end
        return
    assert span.left >= 0 and span.width > 0 and span.left + span.width <= 1 + 1e-9
    assert span.clipped_start == (start < win.start)
    assert span.clipped_end == (end >= win.end)
    if not (span.clipped_start or span.clipped_end):
        assert span.width == pytest.approx(((end - start).days + 1) / win.days)


@given(days, st.integers(min_value=0, max_value=400), st.integers(min_value=1, max_value=60), scales)
def test_moving_an_item_by_some_days_moves_its_bar_by_their_share_of_the_window(today, offset, length, scale):
    win = window(today, [], scale)
    start = win.start + dt.timedelta(days=offset % max(1, win.days - length - 1))
    end = start + dt.timedelta(days=length - 1)
    moved = place(start + dt.timedelta(days=1), end + dt.timedelta(days=1), win)
    first = place(start, end, win)
    if first is None or moved is None or first.clipped_end or moved.clipped_end:
        return
    assert moved.left - first.left == pytest.approx(1 / win.days)


@given(days, days, scales)
def test_markers_keep_the_order_of_their_days(a, b, scale):
    win = window(min(a, b), [(min(a, b), max(a, b))], scale, least=1, most=400)
    first, second = marker(min(a, b), win), marker(max(a, b), win)
    if first is not None and second is not None:
        assert first <= second
