"""Reading an MSPDI document into a :class:`~cairn.interop.mspdi_project.ProjectFile`."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import NamedTuple

from cairn.interop.mspdi_calendars import read_calendar
from cairn.interop.mspdi_document import NS, Fields, ReaderError, load_document
from cairn.interop.mspdi_project import ELAPSED_FORMATS, Assignment, Link, ProjectFile, Resource, TaskData


def read_mspdi(source: str | Path | bytes, *, name: str | None = None) -> ProjectFile:
    """Read an MSPDI document from a path or from its bytes.

    Raises :class:`ReaderError` for anything that is not a well-formed MSPDI plan
    (including a DTD or entity declaration, refused outright).
    """
    root, label = load_document(source, name=name)
    try:
        return _read_project(root, label)
    except ReaderError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as error:
        # The engine's own checks (calendars...) or a field we could not make sense of.
        raise ReaderError(f"{label}: invalid MSPDI content ({error})") from None


def _read_project(root: ET.Element, label: str) -> ProjectFile:
    project = Fields(root, label)
    minutes_per_day = project.integer("MinutesPerDay") or 480
    warnings: list[str] = []
    calendars = tuple(
        read_calendar(Fields(element, f"{label}: calendar"), warnings)
        for element in project.children("Calendars")
    )
    tasks, summary_task, blank_rows, links = _read_tasks(project, label, minutes_per_day)
    resources = tuple(
        Resource(
            uid=row.required_integer("UID"),
            id=row.integer("ID"),
            name=row.text("Name") or "",
            type=row.integer("Type", 1),
            calendar_uid=row.integer("CalendarUID"),
            is_null=row.flag("IsNull"),
        )
        for row in (Fields(e, f"{label}: resource") for e in project.children("Resources"))
    )
    assignments = tuple(
        Assignment(
            uid=row.required_integer("UID"),
            task_uid=row.required_integer("TaskUID"),
            resource_uid=row.required_integer("ResourceUID"),
            units=row.number("Units"),
            work_minutes=row.span("Work", minutes_per_day),
        )
        for row in (Fields(e, f"{label}: assignment") for e in project.children("Assignments"))
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


class _OutlineRow(NamedTuple):
    uid: int
    row: Fields
    level: int
    parent: int | None


def _read_tasks(
    project: Fields, label: str, minutes_per_day: int
) -> tuple[tuple[TaskData, ...], TaskData | None, int, tuple[Link, ...]]:
    """The tasks (without the project summary, UID 0, returned apart), the number of
    blank rows, and the links in file order."""
    # Parents: the nearest earlier (by ID, i.e. row order) task with a lower outline level.
    outline: list[_OutlineRow] = []
    stack: list[tuple[int, int]] = []  # (outline level, uid)
    blank_rows = 0
    links: list[Link] = []
    for uid, row in _task_rows(project, label):
        if row.flag("IsNull"):
            blank_rows += 1
            continue
        level = row.integer("OutlineLevel")
        level = (0 if uid == 0 else 1) if level is None else level
        while stack and stack[-1][0] >= level:
            stack.pop()
        parent = stack[-1][1] if stack else None
        stack.append((level, uid))
        outline.append(_OutlineRow(uid, row, level, parent))
        links.extend(_read_links(row, uid))
    has_children = {item.parent for item in outline if item.parent is not None}
    tasks: list[TaskData] = []
    summary_task: TaskData | None = None
    for item in outline:
        task = _read_task(item, item.uid in has_children, minutes_per_day)
        if item.uid == 0:
            summary_task = task
        else:
            tasks.append(task)
    return tuple(tasks), summary_task, blank_rows, tuple(links)


def _task_rows(project: Fields, label: str) -> list[tuple[int, Fields]]:
    """Every ``Task`` element with its UID, blank rows included; UIDs must be unique."""
    rows = []
    for element in project.children("Tasks"):
        row = Fields(element, f"{label}: task")
        uid = row.required_integer("UID")
        row.where = f"{label}: task UID {uid}"
        rows.append((uid, row))
    seen: set[int] = set()
    for uid, _ in rows:
        if uid in seen:
            raise ReaderError(f"{label}: two tasks with UID {uid}")
        seen.add(uid)
    return rows


def _read_links(row: Fields, successor_uid: int) -> list[Link]:
    links = []
    for element in row.element.findall(NS + "PredecessorLink"):
        link_row = Fields(element, f"{row.where}: predecessor link")
        links.append(
            Link(
                predecessor_uid=link_row.required_integer("PredecessorUID"),
                successor_uid=successor_uid,
                type=link_row.integer("Type", 1),
                link_lag=link_row.integer("LinkLag") or 0,
                lag_format=link_row.integer("LagFormat"),
            )
        )
    return links


def _read_task(item: _OutlineRow, has_children: bool, minutes_per_day: int) -> TaskData:
    row = item.row
    duration_format = row.integer("DurationFormat")
    manual = row.flag("Manual")
    calendar_uid = row.integer("CalendarUID")
    constraint_type = row.integer("ConstraintType") or 0
    return TaskData(
        uid=item.uid,
        id=row.integer("ID"),
        name=row.text("Name") or "",
        outline_level=item.level,
        parent_uid=item.parent,
        summary=has_children,
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
