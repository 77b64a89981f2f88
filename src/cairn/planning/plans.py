"""Between the stored schedule and the engine: load a project's plan as an engine
`Plan`, and read the engine's answer back. No writes here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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


def minutes_per_day(plan: ProjectPlan) -> int:
    """The length of a typical working day, to show durations in days."""
    days = [sum(span.minutes for span in engine.working_day(", ".join(ranges))) for ranges in plan.working_week]
    return max(days) or 480


@dataclass
class LoadedPlan:
    plan: ProjectPlan
    tasks: list[TaskSchedule]
    links: list[Dependency]

    def engine_plan(self) -> engine.Plan:
        ids = {t.issue_id for t in self.tasks}
        tasks = []
        for t in self.tasks:
            parent = t.issue.parent_id if t.issue.parent_id in ids else None
            tasks.append(engine.Task(
                id=str(t.issue_id),
                name=t.issue.title,
                duration=t.duration_minutes,
                parent=None if parent is None else str(parent),
                constraint=_constraint(t),
                manual_start=naive(t.manual_start) if t.mode == "manual" else None,
                manual_finish=naive(t.manual_finish) if t.mode == "manual" else None,
            ))
        links = [
            engine.Dependency(str(d.predecessor_id), str(d.successor_id), engine.DependencyType(d.kind), d.lag_minutes)
            for d in self.links
            if d.predecessor_id in ids and d.successor_id in ids
        ]
        start = dt.datetime.combine(self.plan.start_date, dt.time(0, 0))
        return engine.Plan(start=start, calendar=calendar_of(self.plan), tasks=tuple(tasks),
                           dependencies=tuple(links), honor_constraints=self.plan.honor_constraints)


def _constraint(t: TaskSchedule) -> engine.Constraint:
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
    tasks = list(
        TaskSchedule.objects.filter(project=project)
        .select_related("issue", "issue__project", "issue__status", "issue__parent__project")
        .order_by("position", "id")
    )
    links = list(Dependency.objects.filter(project=project).select_related("predecessor__project", "successor__project"))
    return LoadedPlan(plan, tasks, links)
