"""Working calendars: which minutes of which days are working time.

A calendar is a weekly pattern (working time ranges per weekday, Monday first) plus
exceptions (dates that are holidays, or have special hours).  Times are naive local
datetimes of the project's time zone; the engine never sees UTC or DST: a day is
always 1,440 minutes long.  Convert aware datetimes to the project's local wall time
before scheduling and back after.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from types import MappingProxyType

from cairn.engine.scheduling.errors import CalendarError

MINUTES_PER_DAY = 24 * 60
_RANGE_PATTERN = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True, order=True)
class TimeRange:
    """Working time within one day, in minutes since midnight; ``end`` is exclusive.

    ``end`` may be 1,440 (24:00).  A night shift crossing midnight is two ranges on
    two days.
    """

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end <= MINUTES_PER_DAY:
            raise CalendarError(f"Invalid working time range {self.start}-{self.end}")

    @classmethod
    def parse(cls, text: str) -> TimeRange:
        """Parse ``"08:00-12:00"`` (``24:00`` allowed as an end)."""
        match = _RANGE_PATTERN.match(text)
        if match is None:
            raise CalendarError(f"Invalid working time range {text!r}")
        h1, m1, h2, m2 = (int(part) for part in match.groups())
        if m1 >= 60 or m2 >= 60:
            raise CalendarError(f"Invalid working time range {text!r}")
        return cls(h1 * 60 + m1, h2 * 60 + m2)

    @classmethod
    def between(cls, start: time, end: time) -> TimeRange:
        """A range from two times; an ``end`` of 00:00 means midnight at the day's end."""
        end_minute = end.hour * 60 + end.minute or MINUTES_PER_DAY
        return cls(start.hour * 60 + start.minute, end_minute)

    @property
    def minutes(self) -> int:
        return self.end - self.start

    def __str__(self) -> str:
        return f"{self.start // 60:02d}:{self.start % 60:02d}-{self.end // 60:02d}:{self.end % 60:02d}"


WorkingDay = tuple[TimeRange, ...]
"""The working time ranges of one day, sorted and disjoint; empty for a day off."""

RangeSpec = TimeRange | str
DaySpec = Sequence[RangeSpec] | str


def working_day(spec: DaySpec) -> WorkingDay:
    """Normalise ``"08:00-12:00, 13:00-17:00"`` or a sequence of ranges to a WorkingDay."""
    parts: Sequence[RangeSpec] = (
        [part for part in spec.split(",") if part.strip()] if isinstance(spec, str) else spec
    )
    ranges = sorted(part if isinstance(part, TimeRange) else TimeRange.parse(part) for part in parts)
    for before, after in zip(ranges, ranges[1:]):
        if after.start < before.end:
            raise CalendarError(f"Overlapping working time ranges {before} and {after}")
    return tuple(ranges)


STANDARD_DAY: WorkingDay = working_day("08:00-12:00, 13:00-17:00")
"""MS Project's Standard calendar day: eight hours with a lunch break."""


@dataclass(frozen=True)
class Calendar:
    """A weekly working pattern with dated exceptions.

    ``week`` holds seven WorkingDays, Monday first.  ``exceptions`` maps a date to the
    WorkingDay that replaces the weekly pattern on that date (empty: a holiday).
    Build one with :meth:`standard`, :meth:`weekly`, and derive resource calendars
    with :meth:`with_exceptions` / :meth:`with_holidays`.
    """

    week: tuple[WorkingDay, ...]
    exceptions: Mapping[date, WorkingDay] = field(default_factory=dict, hash=False)
    name: str = ""

    def __post_init__(self) -> None:
        if len(self.week) != 7:
            raise CalendarError("A calendar's week has seven days, Monday first")
        week = tuple(working_day(day) for day in self.week)
        if not any(week):
            raise CalendarError(f"Calendar {self.name!r} has no working time in its week")
        exceptions = {day: working_day(spec) for day, spec in self.exceptions.items()}
        object.__setattr__(self, "week", week)
        object.__setattr__(self, "exceptions", MappingProxyType(exceptions))

    @classmethod
    def weekly(
        cls,
        days: Mapping[int, DaySpec],
        *,
        exceptions: Mapping[date, DaySpec] | None = None,
        name: str = "",
    ) -> Calendar:
        """A calendar from ``{weekday: ranges}`` (0 is Monday); missing days are off."""
        week = tuple(working_day(days.get(weekday, ())) for weekday in range(7))
        normalised = {day: working_day(spec) for day, spec in (exceptions or {}).items()}
        return cls(week, normalised, name)

    @classmethod
    def standard(
        cls, *, holidays: Iterable[date] = (), hours: DaySpec = STANDARD_DAY, name: str = "Standard"
    ) -> Calendar:
        """Monday to Friday, 08:00-12:00 and 13:00-17:00 unless ``hours`` says otherwise."""
        day = working_day(hours)
        return cls.weekly(dict.fromkeys(range(5), day), exceptions=dict.fromkeys(holidays, ()), name=name)

    def with_exceptions(self, exceptions: Mapping[date, DaySpec], *, name: str | None = None) -> Calendar:
        """A derived calendar (e.g. a resource's): these exceptions override this one's."""
        merged: dict[date, WorkingDay] = dict(self.exceptions)
        merged.update({day: working_day(spec) for day, spec in exceptions.items()})
        return Calendar(self.week, merged, self.name if name is None else name)

    def with_holidays(self, days: Iterable[date], *, name: str | None = None) -> Calendar:
        return self.with_exceptions(dict.fromkeys(days, ()), name=name)

    def working_ranges(self, day: date) -> WorkingDay:
        found = self.exceptions.get(day)
        return self.week[day.weekday()] if found is None else found

    def is_working_day(self, day: date) -> bool:
        return bool(self.working_ranges(day))

    def is_working_time(self, moment: datetime) -> bool:
        """Whether the minute starting at ``moment`` is working time."""
        minute = moment.hour * 60 + moment.minute
        return any(r.start <= minute < r.end for r in self.working_ranges(moment.date()))

    def __hash__(self) -> int:
        return hash((self.week, self.name, len(self.exceptions)))
