"""Between the stored schedule and the engine: load a project's plan as an engine
`Plan`, and read the engine's answer back. No writes here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cairn import values
from cairn.engine import scheduling as engine
from cairn.planning.models import Dependency, ProjectPlan, TaskSchedule
from cairn.workspaces.models import Project

UTC = dt.UTC


def naive(moment: dt.datetime | None) -> dt.datetime | None:
    """Stored (aware, UTC) to the engine's project-local wall clock."""
    return None if moment is None else moment.astimezone(UTC).replace(tzinfo=None)


def aware(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=UTC)


def calendar_of(plan: ProjectPlan) -> engine.Calendar:
    week = {weekday: ", ".join(ranges) for weekday, ranges in enumerate(plan.working_week) if ranges}
    holidays = {h.date: () for h in plan.holidays.all()}
    return engine.Calendar.weekly(week, exceptions=holidays, name=f"{plan.project.key} calendar")


def start_of(plan: ProjectPlan) -> dt.date:
    """The plan's first day. One stored before dates were bounded is brought into the
    range: the engine's calendars cannot walk back to year 1 or on past year 9999."""
    return values.within_range(plan.start_date)


def minutes_per_day(plan: ProjectPlan) -> int:
    """The length of a typical working day, to show durations in days."""
    days = [sum(span.minutes for span in engine.working_day(", ".join(ranges))) for ranges in plan.working_week]
    return max(days) or 480


SCHEDULE_FIELDS = (
    "id", "issue_id", "position", "duration_minutes", "mode", "manual_start", "manual_finish", "constraint",
    "constraint_date", "start", "finish", "early_start", "early_finish", "late_start", "late_finish",
    "total_float_minutes", "free_float_minutes", "critical", "summary",
)
ISSUE_FIELDS = ("issue__number", "issue__title", "issue__parent_id", "issue__status__name",
                "issue__status__category", "issue__start_date", "issue__due_date", "issue__actual_start",
                "issue__actual_finish")


@dataclass(slots=True)
class PlannedTask:
    """One scheduled issue as plain values: a plan is read on every change, and model
    instances with their related rows cost ten times more to build."""

    id: int
    issue_id: int
    position: int
    duration_minutes: int
    mode: str
    manual_start: dt.datetime | None
    manual_finish: dt.datetime | None
    constraint: str
    constraint_date: dt.datetime | None
    start: dt.datetime | None
    finish: dt.datetime | None
    early_start: dt.datetime | None
    early_finish: dt.datetime | None
    late_start: dt.datetime | None
    late_finish: dt.datetime | None
    total_float_minutes: int
    free_float_minutes: int
    critical: bool
    summary: bool
    key: str
    title: str
    parent_id: int | None
    status: str
    status_category: str
    start_date: dt.date | None
    due_date: dt.date | None
    actual_start: dt.datetime | None
    actual_finish: dt.datetime | None

    @property
    def pk(self) -> int:
        return self.id

    @property
    def actuals(self) -> tuple[dt.datetime | None, dt.datetime | None]:
        """When work on it actually started and finished, as the engine reads them. Work
        done or under way from before these were recorded keeps its scheduled dates."""
        start, finish = self.actual_start, self.actual_finish
        if self.status_category == "done" and finish is None:
            finish = self.finish
        if self.status_category == "in_progress" and start is None:
            start = self.start
        if start is not None and finish is not None and finish < start:
            start = None  # recorded out of order: only the finish is sure
        return naive(start), naive(finish)

    @property
    def started(self) -> bool:
        return any(self.actuals)


@dataclass(slots=True)
class PlannedLink:
    id: int
    predecessor_id: int
    successor_id: int
    kind: str
    lag_minutes: int

    @property
    def pk(self) -> int:
        return self.id


@dataclass
class LoadedPlan:
    plan: ProjectPlan
    tasks: list[PlannedTask]
    links: list[PlannedLink]

    @property
    def keys(self) -> dict[int, str]:
        return {t.issue_id: t.key for t in self.tasks}

    def engine_plan(self, *, now: dt.datetime | None = None) -> engine.Plan:
        """The plan for the engine, with progress known up to ``now`` (the status date)."""
        ids = {t.issue_id for t in self.tasks}
        tasks = []
        for t in self.tasks:
            parent = t.parent_id if t.parent_id in ids else None
            actual_start, actual_finish = t.actuals
            tasks.append(engine.Task(
                id=str(t.issue_id),
                name=t.title,
                duration=t.duration_minutes,
                parent=None if parent is None else str(parent),
                constraint=_constraint(t),
                manual_start=naive(t.manual_start) if t.mode == "manual" else None,
                manual_finish=naive(t.manual_finish) if t.mode == "manual" else None,
                actual_start=actual_start,
                actual_finish=actual_finish,
            ))
        links = [
            engine.Dependency(str(d.predecessor_id), str(d.successor_id), engine.DependencyType(d.kind), d.lag_minutes)
            for d in self.links
            if d.predecessor_id in ids and d.successor_id in ids
        ]
        start = dt.datetime.combine(start_of(self.plan), dt.time(0, 0))
        return engine.Plan(start=start, calendar=calendar_of(self.plan), tasks=tuple(tasks),
                           dependencies=tuple(links), honor_constraints=self.plan.honor_constraints,
                           status_date=naive(now))


def _constraint(t: PlannedTask) -> engine.Constraint:
    if t.constraint in ("ASAP", "ALAP") or t.constraint_date is None:
        return engine.Constraint(engine.ConstraintType(t.constraint if t.constraint == "ALAP" else "ASAP"))
    return engine.Constraint(engine.ConstraintType(t.constraint), naive(t.constraint_date))


def plan_of(project: Project) -> ProjectPlan:
    plan = ProjectPlan.objects.filter(project=project).select_related("project").prefetch_related("holidays").first()
    if plan is None:
        plan, _ = ProjectPlan.objects.get_or_create(project=project, defaults={"start_date": dt.date.today()})
    return plan


def load(project: Project) -> LoadedPlan:
    plan = plan_of(project)
    rows = (
        TaskSchedule.objects.filter(project=project).order_by("position", "id")
        .values_list(*SCHEDULE_FIELDS, *ISSUE_FIELDS)
    )
    tasks = []
    for row in rows:
        values = row[: len(SCHEDULE_FIELDS)]
        number, title, parent_id, status, category, start_date, due_date, actual_start, actual_finish = (
            row[len(SCHEDULE_FIELDS):])
        tasks.append(PlannedTask(*values, key=f"{project.key}-{number}", title=title, parent_id=parent_id,
                                 status=status, status_category=category, start_date=start_date, due_date=due_date,
                                 actual_start=actual_start, actual_finish=actual_finish))
    links = [
        PlannedLink(*row)
        for row in Dependency.objects.filter(project=project).values_list(
            "id", "predecessor_id", "successor_id", "kind", "lag_minutes")
    ]
    return LoadedPlan(plan, tasks, links)
