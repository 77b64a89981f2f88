"""Conversion between naive datetimes and integer working-minute offsets.

A :class:`Timeline` lays a calendar's working periods end to end.  Offset 0 is
midnight at the start of ``origin``; offset ``n`` is the moment after ``n`` working
minutes.  Because non-working time has no length, the end of one working period and
the start of the next share an offset, so an offset becomes a datetime in one of two
ways, following MS Project:

* as a *start*, it snaps forward to the start of the next working period
  (Friday 17:00 reads Monday 08:00);
* as a *finish*, it snaps back to the end of the previous one (Monday 08:00 reads
  Friday 17:00).

The periods are precomputed into sorted arrays (offset, begin and end minute since
``origin``) and extended on demand in both directions, so every conversion is one
bisection.  Resolution is the minute: seconds are dropped.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from threading import Lock

from cairn.engine.scheduling.calendars import MINUTES_PER_DAY, Calendar
from cairn.engine.scheduling.errors import CalendarError

_MINUTE = timedelta(minutes=1)
_INITIAL_DAYS = 400
_HORIZON_DAYS = 200 * 366  # the arrays cover at most this many days on each side
# Lists of working periods: offset at the period's start, begin and end minute.
_Periods = tuple[list[int], list[int], list[int]]


class Timeline:
    """Working-time arithmetic on one calendar, anchored at midnight of ``origin``."""

    def __init__(self, calendar: Calendar, origin: date) -> None:
        self.calendar = calendar
        self.origin = origin
        self._origin_at = datetime.combine(origin, time())
        self._lock = Lock()
        # The arrays cover the days [first_day, last_day) counted from the origin.
        self._first_day = 0
        self._last_day = _INITIAL_DAYS
        self._periods: _Periods = self._build(self._first_day, self._last_day, 0)
        while len(self._periods[0]) < 2:  # a long run of exceptions at the start
            self._grow(backward=False)

    # -- conversions ---------------------------------------------------------------

    def offset(self, moment: datetime) -> int:
        """Working minutes from the origin to ``moment`` (negative before it).

        A moment in non-working time has the offset of the next working minute.
        """
        minute = (moment.replace(second=0, microsecond=0) - self._origin_at) // _MINUTE
        offsets, begins, ends = self._periods
        if not begins[0] <= minute < begins[-1]:
            self._cover_minute(minute)
            offsets, begins, ends = self._periods
        k = bisect_right(begins, minute) - 1
        if minute < ends[k]:
            return offsets[k] + minute - begins[k]
        return offsets[k] + ends[k] - begins[k]

    def start_at(self, offset: int) -> datetime:
        """The datetime of ``offset`` read as a start (snapped to the next period)."""
        offsets, begins, _ = self._periods
        if not offsets[0] < offset < offsets[-1]:
            self._cover_offset(offset)
            offsets, begins, _ = self._periods
        k = bisect_right(offsets, offset) - 1
        return self._origin_at + timedelta(minutes=begins[k] + offset - offsets[k])

    def finish_at(self, offset: int) -> datetime:
        """The datetime of ``offset`` read as a finish (snapped to the previous period)."""
        offsets, begins, _ = self._periods
        if not offsets[0] < offset < offsets[-1]:
            self._cover_offset(offset)
            offsets, begins, _ = self._periods
        k = bisect_left(offsets, offset) - 1
        return self._origin_at + timedelta(minutes=begins[k] + offset - offsets[k])

    def add_working_minutes(self, moment: datetime, minutes: int) -> datetime:
        """``moment`` plus ``minutes`` of working time (minus, when negative).

        Adding to a start gives a finish, so a positive result snaps back to the end
        of a working period (MS Project's finish convention); a negative amount or
        zero gives a start and snaps forward.
        """
        target = self.offset(moment) + minutes
        return self.finish_at(target) if minutes > 0 else self.start_at(target)

    def working_minutes_between(self, start: datetime, finish: datetime) -> int:
        """Working minutes from ``start`` to ``finish`` (negative if finish is earlier)."""
        return self.offset(finish) - self.offset(start)

    def snap_start(self, moment: datetime) -> datetime:
        """``moment`` if it is working time, else the start of the next working period."""
        return self.start_at(self.offset(moment))

    def snap_finish(self, moment: datetime) -> datetime:
        """``moment`` if it is inside or at the end of working time, else the end of
        the previous working period."""
        return self.finish_at(self.offset(moment))

    # -- the arrays ----------------------------------------------------------------

    def _cover_minute(self, minute: int) -> None:
        while minute < self._periods[1][0]:
            self._grow(backward=True)
        while minute >= self._periods[1][-1]:
            self._grow(backward=False)

    def _cover_offset(self, offset: int) -> None:
        while offset <= self._periods[0][0]:
            self._grow(backward=True)
        while offset >= self._periods[0][-1]:
            self._grow(backward=False)

    def _grow(self, *, backward: bool) -> None:
        """Double the days covered, on one side.  Timelines are shared between
        threads (see ``timeline_for``): readers take ``_periods`` in one read, and
        growth happens under a lock."""
        with self._lock:
            span = self._last_day - self._first_day
            if span > _HORIZON_DAYS:
                raise CalendarError(f"Beyond {_HORIZON_DAYS // 366} years from {self.origin}")
            offsets, begins, ends = self._periods
            if backward:
                new_first = self._first_day - span
                added = self._build(new_first, self._first_day, 0)
                shift = (offsets[0] if offsets else 0) - self._worked(added)
                self._periods = (
                    [offset + shift for offset in added[0]] + offsets,
                    added[1] + begins,
                    added[2] + ends,
                )
                self._first_day = new_first
            else:
                new_last = self._last_day + span
                start_offset = offsets[-1] + ends[-1] - begins[-1] if offsets else 0
                added = self._build(self._last_day, new_last, start_offset)
                self._periods = (offsets + added[0], begins + added[1], ends + added[2])
                self._last_day = new_last

    @staticmethod
    def _worked(periods: _Periods) -> int:
        _, begins, ends = periods
        return sum(ends) - sum(begins)

    def _build(self, first_day: int, last_day: int, start_offset: int) -> _Periods:
        """Periods of days ``[first_day, last_day)`` (days since origin)."""
        offsets: list[int] = []
        begins: list[int] = []
        ends: list[int] = []
        offset = start_offset
        day = self.origin + timedelta(days=first_day)
        working_ranges = self.calendar.working_ranges
        for index in range(first_day, last_day):
            base = index * MINUTES_PER_DAY
            for r in working_ranges(day):
                offsets.append(offset)
                begins.append(base + r.start)
                ends.append(base + r.end)
                offset += r.end - r.start
            day += timedelta(days=1)
        return offsets, begins, ends


def shared_timeline(calendar: Calendar, origin: date) -> Timeline:
    """The timeline of ``calendar`` anchored at ``origin``, shared between plans."""
    return _shared(calendar, origin.toordinal())


@lru_cache(maxsize=256)
def _shared(calendar: Calendar, origin: int) -> Timeline:
    return Timeline(calendar, date.fromordinal(origin))
