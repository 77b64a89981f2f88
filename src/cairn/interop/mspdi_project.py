"""An MSPDI plan as stored: the project, its tasks, links, resources and assignments.

Plain data, close to the file (UIDs, raw codes, stored dates), with no XML and no
engine types; :mod:`cairn.interop.mspdi_reader` fills it in.

* ``LinkLag`` is in tenths of a minute; ``LagFormat`` says how it is displayed and
  whether it is elapsed (``4, 6, 8, 10, 12`` and their estimated ``+32`` twins) or a
  percentage of the predecessor's duration (``19``, ``20``: then ``LinkLag`` is the
  percentage times ten).
* ``DurationFormat`` only says how MS Project displays a duration (days, weeks,
  elapsed days...); for elapsed formats the value is calendar time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from cairn.interop.mspdi_calendars import CalendarData
from cairn.interop.mspdi_document import ReaderError

LINK_TYPES = {0: "FF", 1: "FS", 2: "SF", 3: "SS"}
CONSTRAINT_TYPES = {0: "ASAP", 1: "ALAP", 2: "MSO", 3: "MFO", 4: "SNET", 5: "SNLT", 6: "FNET", 7: "FNLT"}
ELAPSED_FORMATS = frozenset({4, 6, 8, 10, 12, 36, 38, 40, 42, 44})
PERCENT_FORMATS = frozenset({19, 20, 51, 52})
ELAPSED_PERCENT_FORMATS = frozenset({20, 52})


@dataclass(frozen=True, slots=True)
class Link:
    """A ``PredecessorLink``: ``type`` is MSPDI's code (0 FF, 1 FS, 2 SF, 3 SS)."""

    predecessor_uid: int
    successor_uid: int
    type: int = 1
    link_lag: int = 0  # tenths of a minute (or tenths of a percent for % formats)
    lag_format: int | None = None

    @property
    def type_name(self) -> str:
        return LINK_TYPES.get(self.type, "FS")

    @property
    def elapsed(self) -> bool:
        return self.lag_format in ELAPSED_FORMATS or self.lag_format in ELAPSED_PERCENT_FORMATS

    @property
    def percent(self) -> float | None:
        """The lag as a percentage of the predecessor's duration, for % formats."""
        return self.link_lag / 10 if self.lag_format in PERCENT_FORMATS else None

    @property
    def lag_minutes(self) -> int:
        """The lag in minutes (working, or calendar ones when :attr:`elapsed`)."""
        return 0 if self.percent is not None else round(self.link_lag / 10)


@dataclass(frozen=True, slots=True)
class TaskData:
    uid: int
    id: int | None
    name: str
    outline_level: int
    parent_uid: int | None  # the nearest earlier task with a lower outline level
    summary: bool  # has children (MS Project's own flag is in ``summary_flag``)
    summary_flag: bool
    milestone: bool
    duration_minutes: int  # working minutes, or calendar minutes if ``elapsed``
    duration_format: int | None
    elapsed: bool
    manual: bool
    manual_start: datetime | None
    manual_finish: datetime | None
    constraint_type: int
    constraint_date: datetime | None
    start: datetime | None
    finish: datetime | None
    percent_complete: float | None  # None when the file does not say
    critical: bool
    calendar_uid: int | None  # None: the project's calendar
    total_slack: int | None  # tenths of a minute, as stored
    is_null: bool = False

    @property
    def constraint_name(self) -> str:
        return CONSTRAINT_TYPES.get(self.constraint_type, "ASAP")


@dataclass(frozen=True, slots=True)
class Resource:
    uid: int
    id: int | None
    name: str
    type: int  # 0 material, 1 work, 2 cost
    calendar_uid: int | None
    is_null: bool = False


@dataclass(frozen=True, slots=True)
class Assignment:
    uid: int
    task_uid: int
    resource_uid: int
    units: float | None = None
    work_minutes: int | None = None


@dataclass(frozen=True)
class ProjectFile:
    """An MSPDI plan as stored.  ``tasks`` omits the project summary (UID 0) and
    blank rows; ``links`` are in file order, one per ``PredecessorLink``."""

    name: str
    title: str
    start: datetime | None
    finish: datetime | None
    schedule_from_start: bool
    calendar_uid: int | None
    minutes_per_day: int
    minutes_per_week: int
    days_per_month: int
    honor_constraints: bool
    critical_slack_limit: int  # days, as MSPDI stores it
    calendars: tuple[CalendarData, ...]
    tasks: tuple[TaskData, ...]
    links: tuple[Link, ...]
    resources: tuple[Resource, ...]
    assignments: tuple[Assignment, ...]
    project_summary: TaskData | None = None
    blank_rows: int = 0
    save_version: int | None = None
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def task(self, uid: int) -> TaskData:
        for task in self.tasks:
            if task.uid == uid:
                return task
        raise KeyError(uid)

    def calendar(self, uid: int | None = None) -> CalendarData:
        """The calendar with this UID (default: the project's)."""
        wanted = self.calendar_uid if uid is None else uid
        for calendar in self.calendars:
            if calendar.uid == wanted:
                return calendar
        raise ReaderError(f"{self.name}: no calendar with UID {wanted}")

    @property
    def real_resources(self) -> tuple[Resource, ...]:
        """Resources, without MS Project's unnamed UID-0 placeholder and blank rows."""
        return tuple(r for r in self.resources if not r.is_null and not (r.uid == 0 and not r.name))

    @property
    def assignments_with_resource(self) -> tuple[Assignment, ...]:
        known = {resource.uid for resource in self.real_resources}
        return tuple(a for a in self.assignments if a.resource_uid in known)

    def links_by_type(self) -> dict[str, int]:
        counts = Counter(link.type_name for link in self.links)
        return {name: counts.get(name, 0) for name in ("FS", "SS", "FF", "SF")}
