"""Reading Microsoft Project XML (MSPDI) plans.

:func:`read_mspdi` turns an MSPDI document into a :class:`ProjectFile`: plain data,
close to the file (UIDs, raw codes, stored dates), with no Django and no engine
types.  :func:`to_plan` maps that onto the scheduling engine's
:class:`~cairn.engine.scheduling.Plan`.

Units, as MS Project stores them:

* Durations are ISO-8601 (``PT16H0M0S``) *working* time, so ``PT8H0M0S`` is one
  day only because the project says a day is 480 minutes (``MinutesPerDay``).
  ``DurationFormat`` only says how MS Project displays the value (days, weeks,
  elapsed days...); for elapsed formats the value is calendar time.
* ``LinkLag`` is in tenths of a minute; ``LagFormat`` says how it is displayed and
  whether it is elapsed (``4, 6, 8, 10, 12`` and their estimated ``+32`` twins) or a
  percentage of the predecessor's duration (``19``, ``20``: then ``LinkLag`` is the
  percentage times ten).
* Dates are naive local wall-clock times, which is what the engine wants.

The document is parsed with :mod:`xml.etree` after refusing any DTD: no
``<!DOCTYPE``, hence no entity can be declared or expanded (the usual XML bombs and
external entity tricks need one).  Anything that is not a well-formed MSPDI
document raises :class:`ReaderError` with the file name and the reason.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from typing import Any, TypeVar

from cairn.engine.scheduling import (
    ASAP,
    Calendar,
    Constraint,
    ConstraintType,
    Dependency,
    DependencyType,
    Plan,
    Task,
)
from cairn.engine.scheduling import Assignment as EngineAssignment
from cairn.interop.mspdi_calendars import (
    CalendarData,
    CalendarException,
    WorkingTimes,
    read_calendar,
    to_engine_calendar,
)

NAMESPACE = "http://schemas.microsoft.com/project"
_NS = "{" + NAMESPACE + "}"
_T = TypeVar("_T")
MAX_BYTES = 256 * 1024 * 1024

__all__ = [
    "NAMESPACE",
    "Assignment",
    "CalendarData",
    "CalendarException",
    "Link",
    "ProjectFile",
    "ReaderError",
    "Resource",
    "TaskData",
    "WorkingTimes",
    "parse_duration",
    "read_mspdi",
    "to_plan",
    "unsupported",
]


class ReaderError(ValueError):
    """The file cannot be read as MSPDI; the message says which file and why."""


# -- the data ------------------------------------------------------------------------

LINK_TYPES = {0: "FF", 1: "FS", 2: "SF", 3: "SS"}
CONSTRAINT_TYPES = {0: "ASAP", 1: "ALAP", 2: "MSO", 3: "MFO", 4: "SNET", 5: "SNLT", 6: "FNET", 7: "FNLT"}
ELAPSED_FORMATS = frozenset({4, 6, 8, 10, 12, 36, 38, 40, 42, 44})
PERCENT_FORMATS = frozenset({19, 20, 51, 52})
ELAPSED_PERCENT_FORMATS = frozenset({20, 52})
# DurationFormat / LagFormat code -> MPXJ's unit label (estimated twins are +32).
FORMAT_UNITS = {
    3: "m", 4: "em", 5: "h", 6: "eh", 7: "d", 8: "ed", 9: "w", 10: "ew",
    11: "mo", 12: "emo", 19: "%", 20: "e%",
}  # fmt: skip


def format_units(code: int | None, default: str = "d") -> str:
    """The display unit of a DurationFormat/LagFormat code (21 and 53: the default)."""
    if code is None:
        return default
    return FORMAT_UNITS.get(code if code < 32 else code - 32, default)


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


# -- parsing helpers -----------------------------------------------------------------

_DURATION = re.compile(
    r"^(-)?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$"
)


def parse_duration(text: str, *, minutes_per_day: int = 1440) -> int:
    """Minutes in an ISO-8601 duration as MSPDI writes it (``PT16H0M0S``).

    MS Project writes hours; a ``D`` part (other writers) counts ``minutes_per_day``.
    Years and months are refused: their length depends on the calendar.
    """
    match = _DURATION.match(text.strip())
    if match is None or text.strip() in ("P", "PT"):
        raise ValueError(f"not an ISO-8601 duration: {text!r}")
    sign, years, months, days, hours, minutes, seconds = match.groups()
    if years or months:
        raise ValueError(f"a duration in years or months is ambiguous: {text!r}")
    total = (
        float(days or 0) * minutes_per_day
        + float(hours or 0) * 60
        + float(minutes or 0)
        + float(seconds or 0) / 60
    )
    return -round(total) if sign else round(total)


def _parse_datetime(text: str) -> datetime:
    text = text.strip()
    if text.endswith("Z"):
        text = text[:-1]
    value = datetime.fromisoformat(text)
    return value.replace(tzinfo=None, microsecond=0)


def _parse_time(text: str) -> time:
    return time.fromisoformat(text.strip())


class _Element:
    """Typed access to the children of one MSPDI element, errors naming the field."""

    __slots__ = ("element", "where")

    def __init__(self, element: ET.Element, where: str) -> None:
        self.element = element
        self.where = where

    def text(self, tag: str) -> str | None:
        child = self.element.find(_NS + tag)
        if child is None or child.text is None:
            return None
        value = child.text.strip()
        return value or None

    def _convert(self, tag: str, convert: Callable[[str], _T], what: str) -> _T | None:
        value = self.text(tag)
        if value is None:
            return None
        try:
            return convert(value)
        except (ValueError, OverflowError):
            raise ReaderError(f"{self.where}: {tag} is not {what}: {value!r}") from None

    def integer(self, tag: str) -> int | None:
        return self._convert(tag, lambda v: int(float(v)) if "." in v else int(v), "an integer")

    def number(self, tag: str) -> float | None:
        return self._convert(tag, float, "a number")

    def flag(self, tag: str) -> bool:
        value = self.text(tag)
        return value is not None and value.lower() in ("1", "true")

    def moment(self, tag: str) -> datetime | None:
        return self._convert(tag, _parse_datetime, "a date and time")

    def span(self, tag: str, minutes_per_day: int) -> int | None:
        return self._convert(tag, lambda v: parse_duration(v, minutes_per_day=minutes_per_day), "a duration")

    def children(self, tag: str) -> list[ET.Element]:
        found = self.element.find(_NS + tag)
        return [] if found is None else list(found)


# -- reading -------------------------------------------------------------------------


def read_mspdi(source: str | Path | bytes, *, name: str | None = None) -> ProjectFile:
    """Read an MSPDI document from a path or from its bytes.

    Raises :class:`ReaderError` for anything that is not a well-formed MSPDI plan
    (including a DTD or entity declaration, refused outright).
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        label = name or "<bytes>"
    else:
        path = Path(source)
        label = name or path.name
        try:
            if path.stat().st_size > MAX_BYTES:
                raise ReaderError(f"{label}: larger than {MAX_BYTES // (1024 * 1024)} MB")
            data = path.read_bytes()
        except OSError as error:
            raise ReaderError(f"{label}: cannot read the file ({error.strerror or error})") from None
    root = _parse_xml(data, label)
    try:
        return _read_project(root, label)
    except ReaderError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as error:
        # The engine's own checks (calendars...) or a field we could not make sense of.
        raise ReaderError(f"{label}: invalid MSPDI content ({error})") from None


def _decoded_head(data: bytes) -> str:
    """The document as text for the DTD check, whatever its encoding's byte width."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    if len(data) > 1 and data[0] == 0 and data[1] != 0:
        return data.decode("utf-16-be", errors="replace")
    if len(data) > 1 and data[0] != 0 and data[1] == 0:
        return data.decode("utf-16-le", errors="replace")
    return data.decode("latin-1")  # ASCII-compatible: enough to find "<!DOCTYPE"


def _parse_xml(data: bytes, label: str) -> ET.Element:
    if not data.strip():
        raise ReaderError(f"{label}: the file is empty")
    text = _decoded_head(data)
    upper = text.upper()
    if "<!DOCTYPE" in upper or "<!ENTITY" in upper:
        raise ReaderError(f"{label}: refusing an XML document with a DTD or entity declarations")
    if not text.lstrip("\ufeff \t\r\n").startswith("<"):
        raise ReaderError(f"{label}: not an XML document (an MSPDI plan is Microsoft Project XML)")
    parser = ET.XMLParser()
    try:
        parser.feed(data)
        root = parser.close()
    except ET.ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise ReaderError(f"{label}: malformed XML at line {line}, column {column}") from None
    if root.tag != _NS + "Project":
        tag = root.tag.split("}")[-1]
        namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
        raise ReaderError(
            f"{label}: not an MSPDI plan (root element {tag!r}"
            + (f" in namespace {namespace!r}" if namespace else "")
            + f"; expected Project in {NAMESPACE!r})"
        )
    return root


def _read_project(root: ET.Element, label: str) -> ProjectFile:
    project = _Element(root, label)
    minutes_per_day = project.integer("MinutesPerDay") or 480
    warnings: list[str] = []
    calendars = tuple(
        read_calendar(_Element(element, f"{label}: calendar"), warnings)
        for element in project.children("Calendars")
    )
    tasks, summary_task, blank_rows, links = _read_tasks(project, label, minutes_per_day)
    resources = tuple(
        Resource(
            uid=_required_int(row, "UID"),
            id=row.integer("ID"),
            name=row.text("Name") or "",
            type=row.integer("Type") if row.integer("Type") is not None else 1,  # type: ignore[arg-type]
            calendar_uid=row.integer("CalendarUID"),
            is_null=row.flag("IsNull"),
        )
        for row in (_Element(e, f"{label}: resource") for e in project.children("Resources"))
    )
    assignments = tuple(
        Assignment(
            uid=_required_int(row, "UID"),
            task_uid=_required_int(row, "TaskUID"),
            resource_uid=_required_int(row, "ResourceUID"),
            units=row.number("Units"),
            work_minutes=row.span("Work", minutes_per_day),
        )
        for row in (_Element(e, f"{label}: assignment") for e in project.children("Assignments"))
    )
    calendar_uid = project.integer("CalendarUID")
    if calendar_uid is None and calendars:
        calendar_uid = calendars[0].uid
    return ProjectFile(
        name=project.text("Name") or label,
        title=project.text("Title") or "",
        start=project.moment("StartDate"),
        finish=project.moment("FinishDate"),
        schedule_from_start=project.text("ScheduleFromStart") != "0",
        calendar_uid=calendar_uid,
        minutes_per_day=minutes_per_day,
        minutes_per_week=project.integer("MinutesPerWeek") or 5 * minutes_per_day,
        days_per_month=project.integer("DaysPerMonth") or 20,
        honor_constraints=project.flag("HonorConstraints"),
        critical_slack_limit=project.integer("CriticalSlackLimit") or 0,
        calendars=calendars,
        tasks=tasks,
        links=links,
        resources=resources,
        assignments=assignments,
        project_summary=summary_task,
        blank_rows=blank_rows,
        save_version=project.integer("SaveVersion"),
        warnings=tuple(warnings),
    )


def _required_int(row: _Element, tag: str) -> int:
    value = row.integer(tag)
    if value is None:
        raise ReaderError(f"{row.where}: missing {tag}")
    return value


def _read_tasks(
    project: _Element, label: str, minutes_per_day: int
) -> tuple[tuple[TaskData, ...], TaskData | None, int, tuple[Link, ...]]:
    rows = []
    for element in project.children("Tasks"):
        row = _Element(element, f"{label}: task")
        uid = _required_int(row, "UID")
        row.where = f"{label}: task UID {uid}"
        rows.append((uid, row))
    seen: set[int] = set()
    for uid, _ in rows:
        if uid in seen:
            raise ReaderError(f"{label}: two tasks with UID {uid}")
        seen.add(uid)
    # Parents: the nearest earlier (by ID, i.e. row order) task with a lower outline level.
    raw: list[dict[str, Any]] = []
    stack: list[tuple[int, int]] = []  # (outline level, uid)
    blank_rows = 0
    links: list[Link] = []
    for uid, row in rows:
        if row.flag("IsNull"):
            blank_rows += 1
            continue
        level = row.integer("OutlineLevel")
        level = (0 if uid == 0 else 1) if level is None else level
        while stack and stack[-1][0] >= level:
            stack.pop()
        parent = stack[-1][1] if stack else None
        stack.append((level, uid))
        raw.append({"uid": uid, "row": row, "level": level, "parent": parent})
        for element in row.element.findall(_NS + "PredecessorLink"):
            link_row = _Element(element, f"{row.where}: predecessor link")
            links.append(
                Link(
                    predecessor_uid=_required_int(link_row, "PredecessorUID"),
                    successor_uid=uid,
                    type=link_row.integer("Type") if link_row.integer("Type") is not None else 1,  # type: ignore[arg-type]
                    link_lag=link_row.integer("LinkLag") or 0,
                    lag_format=link_row.integer("LagFormat"),
                )
            )
    has_children = {item["parent"] for item in raw if item["parent"] is not None}
    tasks: list[TaskData] = []
    summary_task: TaskData | None = None
    for item in raw:
        row, uid = item["row"], item["uid"]
        duration_format = row.integer("DurationFormat")
        manual = row.flag("Manual")
        calendar_uid = row.integer("CalendarUID")
        constraint_type = row.integer("ConstraintType") or 0
        task = TaskData(
            uid=uid,
            id=row.integer("ID"),
            name=row.text("Name") or "",
            outline_level=item["level"],
            parent_uid=item["parent"],
            summary=uid in has_children,
            summary_flag=row.flag("Summary"),
            milestone=row.flag("Milestone"),
            duration_minutes=row.span("Duration", minutes_per_day) or 0,
            duration_format=duration_format,
            elapsed=duration_format in ELAPSED_FORMATS,
            manual=manual,
            manual_start=row.moment("ManualStart") if manual else None,
            manual_finish=row.moment("ManualFinish") if manual else None,
            constraint_type=constraint_type,
            constraint_date=row.moment("ConstraintDate") if constraint_type >= 2 else None,
            start=row.moment("Start"),
            finish=row.moment("Finish"),
            percent_complete=row.number("PercentComplete"),
            critical=row.flag("Critical"),
            calendar_uid=None if calendar_uid is None or calendar_uid < 0 else calendar_uid,
            total_slack=row.integer("TotalSlack"),
        )
        if uid == 0:
            summary_task = task
        else:
            tasks.append(task)
    return tuple(tasks), summary_task, blank_rows, tuple(links)


# -- to the engine -------------------------------------------------------------------


def to_plan(project_file: ProjectFile) -> Plan:
    """The engine's plan for this file, to schedule from the project's start.

    * Task ids are the UIDs as strings; the project summary (UID 0) is left out
      and its children become top-level tasks.  A task with children is a summary:
      the engine rolls it up from them (its stored duration is ignored).
    * Durations are working minutes; a milestone is a zero-duration task.
    * Manually scheduled tasks keep their stored ``ManualStart``/``ManualFinish``
      (``Start``/``Finish`` when absent).
    * Lags are working minutes (``LinkLag`` / 10), a percentage for % formats,
      calendar minutes for elapsed formats.
    * The plan's calendar is the project's.  A task with its own calendar
      (``CalendarUID``) runs on it; a task's work resources become engine
      assignments (work, units and the resource's calendar, base calendars
      resolved), so each assignment runs on its resource's calendar and the task
      finishes with the last one.  Material and cost resources take no time.  What
      the engine cannot express (elapsed durations, progress) is listed by
      :func:`unsupported`.

    Against MS Project's dates (``docs/scheduling-vs-mpxj.md``): all 83 task dates
    of the four rescheduled plans match.  The critical set is MS Project's rule
    (total slack <= ``CriticalSlackLimit`` days), which may flag milestones that a
    file written by another tool does not.
    """
    pf = project_file
    if pf.start is None:
        raise ReaderError(f"{pf.name}: the project has no start date")
    known = {task.uid for task in pf.tasks}
    calendars = _Calendars(pf)
    assigned: dict[int, list[EngineAssignment]] = {}
    work_resources = {r.uid: r for r in pf.real_resources if r.type == 1}
    for assignment in pf.assignments_with_resource:
        resource = work_resources.get(assignment.resource_uid)
        if resource is None:  # material and cost resources take no time
            continue
        units = assignment.units
        usable = units is not None and units > 0 and assignment.work_minutes is not None
        assigned.setdefault(assignment.task_uid, []).append(
            EngineAssignment(
                resource.name or str(resource.uid),
                work=max(0, assignment.work_minutes or 0) if usable else None,
                units=units if usable and units is not None else 1.0,
                calendar=calendars.get(resource.calendar_uid),
            )
        )
    tasks = [
        _engine_task(task, known, calendars.get(task.calendar_uid), tuple(assigned.get(task.uid, ())))
        for task in pf.tasks
    ]
    dependencies = [
        Dependency(
            str(link.predecessor_uid),
            str(link.successor_uid),
            DependencyType(link.type_name),
            lag=link.lag_minutes,
            lag_percent=link.percent,
            elapsed=link.elapsed,
        )
        for link in pf.links
        if link.predecessor_uid in known and link.successor_uid in known
    ]
    try:
        if pf.calendar_uid is None or not pf.calendars:
            calendar = Calendar.standard()
        else:
            calendar = to_engine_calendar(pf.calendars, pf.calendar_uid)
    except ValueError as error:  # includes the engine's CalendarError
        raise ReaderError(f"{pf.name}: the project calendar cannot be used ({error})") from None
    return Plan(
        start=pf.start,
        calendar=calendar,
        tasks=tuple(tasks),
        dependencies=tuple(dependencies),
        honor_constraints=pf.honor_constraints,
        critical_float=pf.critical_slack_limit * pf.minutes_per_day,
        name=pf.title or pf.name,
    )


class _Calendars:
    """Engine calendars by MSPDI UID, made once each; ``None`` for the project's own."""

    def __init__(self, pf: ProjectFile) -> None:
        self.pf = pf
        self.made: dict[int, Calendar | None] = {}

    def get(self, uid: int | None) -> Calendar | None:
        pf = self.pf
        if uid is None or uid == pf.calendar_uid or not pf.calendars:
            return None
        if uid not in self.made:
            try:
                self.made[uid] = to_engine_calendar(pf.calendars, uid)
            except ValueError as error:  # includes the engine's CalendarError
                raise ReaderError(f"{pf.name}: calendar {uid} cannot be used ({error})") from None
        return self.made[uid]


_ENGINE_CONSTRAINTS = {
    1: ConstraintType.ALAP,
    2: ConstraintType.MSO,
    3: ConstraintType.MFO,
    4: ConstraintType.SNET,
    5: ConstraintType.SNLT,
    6: ConstraintType.FNET,
    7: ConstraintType.FNLT,
}


def _engine_task(
    task: TaskData,
    known: set[int],
    calendar: Calendar | None = None,
    assignments: tuple[EngineAssignment, ...] = (),
) -> Task:
    parent = str(task.parent_uid) if task.parent_uid in known else None
    constraint = ASAP
    kind = _ENGINE_CONSTRAINTS.get(task.constraint_type)
    if kind is ConstraintType.ALAP:
        constraint = Constraint(kind)
    elif kind is not None and task.constraint_date is not None:
        constraint = Constraint(kind, task.constraint_date)
    manual_start = manual_finish = None
    if task.manual and not task.summary:
        manual_start = task.manual_start or task.start
        manual_finish = task.manual_finish or task.finish
        if manual_start is None or manual_finish is None or manual_finish < manual_start:
            manual_start = manual_finish = None  # nothing usable: schedule it automatically
    return Task(
        id=str(task.uid),
        duration=0 if task.summary else max(0, task.duration_minutes),
        name=task.name,
        parent=parent,
        constraint=constraint,
        manual_start=manual_start,
        manual_finish=manual_finish,
        calendar=None if task.summary else calendar,
        assignments=() if task.summary else assignments,
    )


def unsupported(project_file: ProjectFile) -> list[str]:
    """What in this file the engine's plan cannot express (so dates may differ from
    MS Project's for these tasks), one line each."""
    pf = project_file
    notes: list[str] = []
    if not pf.schedule_from_start:
        notes.append("the project is scheduled from its finish date; the engine schedules from the start")
    for task in pf.tasks:
        label = f"task {task.uid} {task.name!r}"
        if task.elapsed and not task.summary:
            notes.append(f"{label} has an elapsed duration")
        if task.percent_complete and not task.summary:
            notes.append(f"{label} is {task.percent_complete:g}% complete (progress is not scheduled)")
    return notes
