"""MSPDI calendars: weekly working times, exceptions (recurring ones expanded) and
base-calendar inheritance, and their conversion to the engine's :class:`Calendar`.

MSPDI's ``WeekDay`` elements number days 1 (Sunday) to 7 (Saturday); ``DayType`` 0
is the pre-2007 way of writing an exception (a ``TimePeriod`` with its own working
times).  Project 2007 and later also write an ``Exceptions`` element, which holds
the recurrence (daily, weekly, monthly, yearly) that the ``DayType`` 0 rows spell
out day by day; like MPXJ we read ``Exceptions`` when it is there.  A derived
calendar (a resource's) leaves out the days it inherits from its base calendar.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta

from cairn.engine.scheduling import Calendar, TimeRange
from cairn.interop.mspdi_document import NS, Fields, parse_datetime

WorkingTimes = tuple[tuple[int, int], ...]
"""Working time ranges of one day, in minutes since midnight (end exclusive, 1440 ok)."""

# Used when a day says it works but lists no times (MS Project's defaults).
DEFAULT_WORKING_TIMES: WorkingTimes = ((8 * 60, 12 * 60), (13 * 60, 17 * 60))
_MAX_EXPANDED_DAYS = 100 * 366


@dataclass(frozen=True, slots=True)
class CalendarException:
    """Working times replacing the week on some dates (empty: not working).

    ``recurrence`` is MSPDI's ``Type`` (1 daily, 7 every N days, 6 weekly,
    5 monthly by weekday, 4 monthly by date, 3 yearly by weekday, 2 yearly by date;
    ``None``: every day from ``first`` to ``last``).
    """

    first: date
    last: date
    working_times: WorkingTimes = ()
    name: str = ""
    recurrence: int | None = None
    occurrences: int | None = None
    period: int = 1
    days_of_week: int = 0  # bit 0 Sunday ... bit 6 Saturday
    month_item: int | None = None  # 0 day, 3-9 Sunday-Saturday
    month_position: int | None = None  # 0-3 first-fourth, 4 last
    month: int | None = None  # 0 January
    month_day: int | None = None

    def dates(self) -> list[date]:
        """The dates this exception covers, recurrence expanded."""
        kind = self.recurrence
        if kind in (None, 0, 1) and self.period <= 1:
            return _days(self.first, self.last)
        found: list[date] = []
        limit = self.occurrences or _MAX_EXPANDED_DAYS
        for day in self._candidates():
            if day > self.last or len(found) >= limit:
                break
            if day >= self.first:
                found.append(day)
        return found

    def _candidates(self) -> Iterator[date]:
        kind, period = self.recurrence, max(1, self.period)
        if kind in (0, 1, 7):
            day = self.first
            while True:
                yield day
                day += timedelta(days=period)
        elif kind == 6:
            week_start = self.first - timedelta(days=(self.first.weekday() + 1) % 7)  # a Sunday
            day = self.first
            while True:
                week = (day - week_start).days // 7
                if week % period == 0 and self.days_of_week & (1 << ((day.weekday() + 1) % 7)):
                    yield day
                day += timedelta(days=1)
                if (day - self.first).days > _MAX_EXPANDED_DAYS:
                    return
        elif kind in (4, 5):
            year, month = self.first.year, self.first.month
            for _ in range(_MAX_EXPANDED_DAYS // 28):
                found = self._in_month(year, month)
                if found is not None:
                    yield found
                month += period
                year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        elif kind in (2, 3):
            for year in range(self.first.year, self.first.year + 200):
                found = self._in_month(year, (self.month or 0) + 1)
                if found is not None:
                    yield found
        else:
            raise ValueError(f"unknown calendar exception recurrence type {kind}")

    def _in_month(self, year: int, month: int) -> date | None:
        last_day = _calendar.monthrange(year, month)[1]
        if self.recurrence in (2, 4):  # by date
            day = self.month_day or 1
            return date(year, month, day) if day <= last_day else None
        item, position = self.month_item or 0, self.month_position or 0
        if item == 0:  # the Nth day of the month, or the last one
            return date(year, month, last_day if position == 4 else min(position + 1, last_day))
        if not 3 <= item <= 9:
            raise ValueError(f"unsupported calendar exception day kind {item} (weekday/weekend day)")
        weekday = (item - 4) % 7  # 3 Sunday -> 6, 4 Monday -> 0
        days = [d for d in range(1, last_day + 1) if date(year, month, d).weekday() == weekday]
        return date(year, month, days[-1] if position == 4 else days[min(position, len(days) - 1)])


@dataclass(frozen=True, slots=True)
class CalendarData:
    """One ``Calendar`` element.  ``week`` is Monday first; ``None`` for a day the
    calendar inherits from its base calendar."""

    uid: int
    name: str
    is_base: bool
    base_uid: int | None
    week: tuple[WorkingTimes | None, ...]
    exceptions: tuple[CalendarException, ...]

    def exception_days(self) -> dict[date, WorkingTimes]:
        days: dict[date, WorkingTimes] = {}
        for exception in self.exceptions:
            for day in exception.dates():
                days[day] = exception.working_times
        return days


def _days(first: date, last: date) -> list[date]:
    if (last - first).days > _MAX_EXPANDED_DAYS:
        raise ValueError(f"calendar exception from {first} to {last} is too long")
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]


def _minute(value: time, *, end: bool) -> int:
    minute = value.hour * 60 + value.minute
    return 1440 if end and minute == 0 else minute


def _working_times(row: Fields) -> WorkingTimes:
    found = []
    for element in row.children("WorkingTimes"):
        start = element.find(NS + "FromTime")
        finish = element.find(NS + "ToTime")
        if start is None or finish is None or not start.text or not finish.text:
            continue
        begin = _minute(time.fromisoformat(start.text.strip()), end=False)
        stop = _minute(time.fromisoformat(finish.text.strip()), end=True)
        if stop <= begin:
            raise ValueError(f"working time {start.text}-{finish.text} ends before it starts")
        found.append((begin, stop))
    return tuple(sorted(found))


def _day_times(row: Fields) -> WorkingTimes | None:
    working = row.text("DayWorking")
    if working is None:
        return None
    if working not in ("1", "true"):
        return ()
    return _working_times(row) or DEFAULT_WORKING_TIMES


def _period(row: Fields) -> tuple[date, date] | None:
    period = row.element.find(NS + "TimePeriod")
    if period is None:
        return None
    start = period.find(NS + "FromDate")
    finish = period.find(NS + "ToDate")
    if start is None or finish is None or not start.text or not finish.text:
        return None
    first, last = parse_datetime(start.text), parse_datetime(finish.text)
    if last < first:
        raise ValueError(f"calendar exception ends ({last}) before it starts ({first})")
    # A period ending at midnight does not include that day.
    last_day = (last - timedelta(minutes=1)).date() if last.time() == time() and last > first else last.date()
    return first.date(), last_day


def read_calendar(row: Fields, warnings: list[str]) -> CalendarData:
    uid = row.integer("UID")
    if uid is None:
        raise ValueError("a calendar without a UID")
    name = row.text("Name") or ""
    row.where = f"{row.where} {name or uid!r}"
    week: list[WorkingTimes | None] = [None] * 7
    old_style: list[CalendarException] = []
    for element in row.children("WeekDays"):
        day = Fields(element, row.where)
        kind = day.integer("DayType")
        if kind is None:
            continue
        if kind == 0:
            span = _period(day)
            if span is not None:
                old_style.append(CalendarException(span[0], span[1], _day_times(day) or ()))
        elif 1 <= kind <= 7:
            week[(kind + 5) % 7] = _day_times(day)  # 1 Sunday -> 6, 2 Monday -> 0
    exceptions: list[CalendarException] = []
    holder = row.element.find(NS + "Exceptions")
    for element in [] if holder is None else list(holder):
        item = Fields(element, row.where)
        span = _period(item)
        if span is None:
            continue
        kind = item.integer("Type")
        occurrences = item.integer("Occurrences")
        exceptions.append(
            CalendarException(
                span[0],
                span[1],
                _day_times(item) or (),
                name=item.text("Name") or "",
                recurrence=kind if occurrences else None,
                occurrences=occurrences,
                period=item.integer("Period") or 1,
                days_of_week=item.integer("DaysOfWeek") or 0,
                month_item=item.integer("MonthItem"),
                month_position=item.integer("MonthPosition"),
                month=item.integer("Month"),
                month_day=item.integer("MonthDay"),
            )
        )
    if holder is None:
        exceptions = old_style
    if row.children("WorkWeeks"):
        warnings.append(f"{row.where}: alternative work weeks are not read")
    base_uid = row.integer("BaseCalendarUID")
    is_base = row.flag("IsBaseCalendar")
    if is_base or base_uid is None or base_uid < 0 or base_uid == uid:
        base_uid = None  # Project 2016+ writes 0 for "no base calendar"
    return CalendarData(
        uid=uid,
        name=name,
        is_base=is_base,
        base_uid=base_uid,
        week=tuple(week),
        exceptions=tuple(exceptions),
    )


def resolve(
    calendars: tuple[CalendarData, ...], uid: int
) -> tuple[list[WorkingTimes], dict[date, WorkingTimes]]:
    """The full week (Monday first) and exception days of a calendar, its base
    calendars' days and exceptions filled in (its own win)."""
    by_uid = {calendar.uid: calendar for calendar in calendars}
    chain: list[CalendarData] = []
    current: int | None = uid
    while current is not None:
        found = by_uid.get(current)
        if found is None:
            raise ValueError(f"no calendar with UID {current}")
        if found in chain:
            raise ValueError(f"calendar {found.name!r} is its own base calendar")
        chain.append(found)
        current = found.base_uid
    week: list[WorkingTimes | None] = [None] * 7
    exceptions: dict[date, WorkingTimes] = {}
    for calendar in reversed(chain):  # the base first
        for k, day in enumerate(calendar.week):
            if day is not None:
                week[k] = day
        exceptions.update(calendar.exception_days())
    default_week = [DEFAULT_WORKING_TIMES] * 5 + [(), ()]
    return [default_week[k] if day is None else day for k, day in enumerate(week)], exceptions


def to_engine_calendar(calendars: tuple[CalendarData, ...], uid: int) -> Calendar:
    week, exceptions = resolve(calendars, uid)

    def ranges(times: WorkingTimes) -> tuple[TimeRange, ...]:
        return tuple(TimeRange(start, end) for start, end in times)

    name = next((calendar.name for calendar in calendars if calendar.uid == uid), "")
    return Calendar(
        tuple(ranges(day) for day in week),
        {day: ranges(times) for day, times in exceptions.items()},
        name,
    )
