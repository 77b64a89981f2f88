"""The engine's :class:`~cairn.engine.scheduling.Plan` for an MSPDI plan, and what
in the file that plan cannot express."""

from __future__ import annotations

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
from cairn.interop.mspdi_calendars import to_engine_calendar
from cairn.interop.mspdi_document import ReaderError
from cairn.interop.mspdi_project import ProjectFile, TaskData


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
    assigned = _engine_assignments(pf, calendars)
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
    return Plan(
        start=pf.start,
        calendar=calendars.project(),
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
            self.made[uid] = self._make(uid, f"calendar {uid}")
        return self.made[uid]

    def project(self) -> Calendar:
        pf = self.pf
        if pf.calendar_uid is None or not pf.calendars:
            return Calendar.standard()
        return self._make(pf.calendar_uid, "the project calendar")

    def _make(self, uid: int, what: str) -> Calendar:
        try:
            return to_engine_calendar(self.pf.calendars, uid)
        except ValueError as error:  # includes the engine's CalendarError
            raise ReaderError(f"{self.pf.name}: {what} cannot be used ({error})") from None


def _engine_assignments(pf: ProjectFile, calendars: _Calendars) -> dict[int, list[EngineAssignment]]:
    """Each task's work assignments by task UID, each on its resource's calendar."""
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
    return assigned


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
