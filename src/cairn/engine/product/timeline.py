"""The roadmap's timeline: a window of whole months or quarters, its columns, and where
a dated item sits on it. Positions are fractions of the window (0 is its first day, 1 the
day after its last), linear in days, so a bar dragged by some pixels moves by the days
those pixels stand for whatever the scale.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple


class Scale(enum.Enum):
    MONTH = "month"
    QUARTER = "quarter"

    @property
    def months(self) -> int:
        return 1 if self is Scale.MONTH else 3


@dataclass(frozen=True)
class Column:
    """One month or quarter: its first day and the first day of the next one."""

    start: dt.date
    end: dt.date
    label: str
    left: float
    width: float


@dataclass(frozen=True)
class Window:
    start: dt.date
    end: dt.date  # the day after the window's last day

    @property
    def days(self) -> int:
        return (self.end - self.start).days


class Span(NamedTuple):
    """Where a bar sits: `clipped_start`/`clipped_end` say it goes on beyond the window.
    A tuple: a roadmap places a thousand of them per answer."""

    left: float
    width: float
    clipped_start: bool
    clipped_end: bool


def period_start(day: dt.date, scale: Scale) -> dt.date:
    month = day.month - (day.month - 1) % scale.months
    return dt.date(day.year, month, 1)


def add_periods(day: dt.date, scale: Scale, count: int) -> dt.date:
    """The first day of the period `count` periods after the one that starts on `day`."""
    months = day.year * 12 + day.month - 1 + count * scale.months
    return dt.date(months // 12, months % 12 + 1, 1)


def window(today: dt.date, spans: Iterable[tuple[dt.date, dt.date]], scale: Scale, *, before: int = 1,
           least: int = 6, most: int = 18) -> Window:
    """Whole periods that show today and as much of the items as fits: from the period
    of the earliest start (but at most `before` periods before today's) to the period of
    the latest end; at least `least` periods long, at most `most`."""
    if not 1 <= least <= most:
        raise ValueError("a window needs 1 <= least <= most periods")
    here = period_start(today, scale)
    earliest = add_periods(here, scale, -before)
    first, last = here, here
    shown = list(spans)
    if shown:
        # period_start keeps the order of days: the extremes' periods are the extreme periods.
        first = min(first, period_start(min(start for start, _ in shown), scale))
        last = max(last, period_start(max(end for _, end in shown), scale))
    first = max(first, earliest)
    count = _periods_between(first, last, scale) + 1
    count = max(least, min(most, count))
    return Window(first, add_periods(first, scale, count))


def _periods_between(first: dt.date, last: dt.date, scale: Scale) -> int:
    return ((last.year - first.year) * 12 + last.month - first.month) // scale.months


def columns(win: Window, scale: Scale) -> list[Column]:
    found: list[Column] = []
    start = period_start(win.start, scale)
    while start < win.end:
        end = min(add_periods(start, scale, 1), win.end)
        found.append(Column(start, end, _label(start, scale), _fraction(win, start), (end - start).days / win.days))
        start = end
    return found


def _label(start: dt.date, scale: Scale) -> str:
    if scale is Scale.MONTH:
        return start.strftime("%b %Y")
    return f"Q{(start.month - 1) // 3 + 1} {start.year}"


def _fraction(win: Window, day: dt.date) -> float:
    return (day - win.start).days / win.days


def place(start: dt.date, end: dt.date, win: Window) -> Span | None:
    """Where an item from `start` to `end` (both days included) sits; None when it is
    wholly outside the window. An end before the start is read as a one-day item."""
    first, after = start.toordinal(), max(start, end).toordinal() + 1
    low, high = win.start.toordinal(), win.end.toordinal()
    if after <= low or first >= high:
        return None
    days = high - low
    shown_start, shown_end = max(first, low), min(after, high)
    return Span((shown_start - low) / days, (shown_end - shown_start) / days, first < low, after > high)


def marker(day: dt.date, win: Window) -> float | None:
    """Where a single day (a release, today) sits: the middle of that day."""
    if not win.start <= day < win.end:
        return None
    return ((day - win.start).days + 0.5) / win.days
