"""Resource levelling of a project's schedule: what would move (preview), and applying it.

Levelling works in whole working days: a task demands its people's units each day it
runs; each person offers their capacity. The engine finds a short schedule that
overloads nobody; applying it pins each moved task with a start-no-earlier-than
constraint, as MS Project's levelling delay does."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from cairn.accounts.models import User
from cairn.engine import scheduling as engine
from cairn.engine.scheduling import levelling as rcpsp
from cairn.planning import load, pins, plans
from cairn.planning.models import Assignment, Baseline, ConstraintKind, TaskSchedule
from cairn.planning.services import reschedule
from cairn.tracker.models import StatusCategory
from cairn.workspaces import policy
from cairn.workspaces.models import Project

TIME_LIMIT_SECONDS = 1.0
# Dates a start-no-earlier-than pin would lose: levelling leaves such tasks where they are.
HARD_CONSTRAINTS = {ConstraintKind.MSO, ConstraintKind.MFO, ConstraintKind.SNLT, ConstraintKind.FNLT}


@dataclass
class Preview:
    project: str
    makespan_days_before: int
    makespan_days_after: int
    overloaded_days_before: int
    moves: list[dict[str, Any]] = field(default_factory=list)
    solver: str = "heuristic"
    applied: bool = False
    # What levelling this project cannot resolve: days still over-allocated by work under
    # way, and people assigned beyond their capacity.
    overloaded_days_after: int = 0
    overbooked: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


class WorkingDays:
    """Working days of the plan's calendar, counted from its start date."""

    def __init__(self, calendar: engine.Calendar, start: dt.date, horizon: int = 20 * 366) -> None:
        self.days: list[dt.date] = []
        day = start
        for _ in range(horizon):
            if calendar.is_working_day(day):
                self.days.append(day)
            day += dt.timedelta(days=1)
        self._index = {d: i for i, d in enumerate(self.days)}
        self.calendar = calendar

    def index(self, day: dt.date) -> int:
        while day not in self._index and day <= self.days[-1]:
            day += dt.timedelta(days=1)
        return self._index.get(day, len(self.days) - 1)

    def index_of(self, day: dt.date) -> int | None:
        """The working day's number, or None for a day the plan does not work."""
        return self._index.get(day)

    def period(self, moment: dt.datetime) -> int:
        """The working day a task starting at ``moment`` occupies first: a start at the
        end of a day (a milestone after a finishing task) belongs to the next one."""
        ranges = self.calendar.working_ranges(moment.date())
        minute = moment.hour * 60 + moment.minute
        ends_day = bool(ranges) and minute >= ranges[-1].end
        return self.index(moment.date()) + (1 if ends_day else 0)

    def start_of(self, index: int) -> dt.datetime:
        day = self.days[min(index, len(self.days) - 1)]
        first = self.calendar.working_ranges(day)[0].start
        return dt.datetime.combine(day, dt.time(first // 60, first % 60))


@dataclass
class Levelling:
    """A project's plan as a levelling problem, in working days of its calendar."""

    problem: rcpsp.LevellingProblem
    current: dict[str, int]  # each task's working day now
    leaves: dict[str, plans.PlannedTask]
    days: WorkingDays
    overbooked: list[dict[str, Any]]  # assignments beyond a person's capacity: levelling cannot help


def _problem(project: Project, now: dt.datetime) -> Levelling:
    """Work done or under way (and tasks placed by hand) is fixed where it is; work not
    started may move, but not into the past. People offer what the capacity model says
    their other work leaves them."""
    loaded = plans.load(project)
    per_day = plans.minutes_per_day(loaded.plan)
    days = WorkingDays(plans.calendar_of(loaded.plan), plans.start_of(loaded.plan))
    scheduled = engine.schedule(loaded.engine_plan(now=now)) if loaded.tasks else None
    leaves = {str(t.issue_id): t for t in loaded.tasks if scheduled is not None and not scheduled[str(t.issue_id)].summary}
    demands: dict[str, dict[str, int]] = {k: {} for k in leaves}
    for a in Assignment.objects.filter(issue__project=project, issue_id__in=[int(k) for k in leaves]):
        demands[str(a.issue_id)][str(a.user_id)] = a.units
    people = {int(r) for needs in demands.values() for r in needs}
    other = load.demand(first=days.days[0], last=days.days[-1], people=people, excluding=project)
    units = {str(u): other.calendars[u].units for u in people}
    today = days.index(plans.naive(now).date())  # type: ignore[union-attr]
    by_hand = pins.replaced(project)
    current, tasks = {}, []
    for k, t in leaves.items():
        placed = scheduled[k]  # type: ignore[index]
        current[k] = days.period(placed.start_at)
        hand = by_hand.get(t.pk, (t.constraint, t.constraint_date))
        if t.started or t.mode == "manual" or hand[0] in HARD_CONSTRAINTS:
            tasks.append(_fixed(k, t, placed, current[k], days, demands[k]))
        else:
            duration = math.ceil(t.duration_minutes / per_day)
            needs = {r: min(u, units[r]) for r, u in demands[k].items()}
            tasks.append(rcpsp.Task(k, duration, needs, release=max(today, _floor(hand, duration, days))))
    problem = rcpsp.LevellingProblem(tuple(tasks), tuple(_resource(u, other, days) for u in sorted(people)),
                                     _links(loaded, leaves, per_day))
    return Levelling(problem, current, leaves, days, _overbooked(leaves, demands, units))


def _fixed(task_id: str, task: plans.PlannedTask, placed: engine.ScheduledTask, start: int, days: WorkingDays,
           demands: dict[str, int]) -> rcpsp.Task:
    """A task levelling leaves where it is, on every working day it touches."""
    duration = 0 if not placed.duration else max(0, days.index(placed.finish_at.date()) - start + 1)
    # Finished work takes nobody's time any more; work under way keeps its people.
    needs = {} if task.status_category == StatusCategory.DONE else demands
    return rcpsp.Task(task_id, duration, needs, release=start, fixed=True)


def _links(loaded: plans.LoadedPlan, leaves: dict[str, plans.PlannedTask], per_day: int) -> tuple[rcpsp.Precedence, ...]:
    """The links between tasks, their lags in whole working days (a lag rounds up, a lead down)."""
    return tuple(
        rcpsp.Precedence(str(d.predecessor_id), str(d.successor_id), rcpsp.LinkKind(d.kind),
                         math.ceil(d.lag_minutes / per_day) if d.lag_minutes > 0 else math.floor(d.lag_minutes / per_day))
        for d in loaded.links if str(d.predecessor_id) in leaves and str(d.successor_id) in leaves
    )


def _overbooked(leaves: dict[str, plans.PlannedTask], demands: dict[str, dict[str, int]],
                units: dict[str, int]) -> list[dict[str, Any]]:
    """Work not started that asks someone for more than they have: no levelling fixes that."""
    found = [(k, r, u) for k, needs in demands.items() for r, u in needs.items() if u > units[r] and not leaves[k].started]
    names = dict(User.objects.filter(pk__in={int(r) for _, r, _ in found}).values_list("pk", "username"))
    return [{"key": leaves[k].key, "username": names[int(r)], "units": u, "capacity": units[r]} for k, r, u in found]


def _floor(constraint: pins.Constraint, duration: int, days: WorkingDays) -> int:
    """The first working day a start-no-earlier or finish-no-earlier constraint someone
    set by hand allows: levelling never moves a task before it."""
    kind, date = constraint
    moment = plans.naive(date)
    if moment is None:
        return 0
    if kind == ConstraintKind.SNET:
        return days.period(moment)
    if kind == ConstraintKind.FNET:
        return max(0, days.index(moment.date()) - duration + 1)
    return 0


def _resource(user_id: int, other: load.Demand, days: WorkingDays) -> rcpsp.Resource:
    """A person: what their capacity leaves each working day of the plan once their other
    work is counted (other projects, issues with estimates); full beyond it all."""
    calendar = other.calendars[user_id]
    special = [*other.daily.get(user_id, {}), *calendar.closed]
    indexes = [i for i in map(days.index_of, special) if i is not None]
    if not indexes:
        return rcpsp.Resource(id=str(user_id), capacity=calendar.units)
    profile = tuple(
        max(0, math.floor(calendar.capacity(day) - other.on(user_id, day) + 1e-9))
        for day in days.days[: max(indexes) + 1]
    )
    return rcpsp.Resource(id=str(user_id), capacity=calendar.units, profile=profile)


def _overloaded_days(problem: rcpsp.LevellingProblem, starts: dict[str, int]) -> int:
    load: dict[tuple[str, int], int] = {}
    for task in problem.tasks:
        for resource, units in task.demands.items():
            for day in range(starts[task.id], starts[task.id] + task.duration):
                load[(resource, day)] = load.get((resource, day), 0) + units
    resources = {r.id: r for r in problem.resources}
    return len({day for (resource, day), units in load.items() if units > resources[resource].available(day)})


def preview(project: Project, *, now: dt.datetime) -> Preview:
    found = _problem(project, now)
    if not found.problem.tasks:
        return Preview(project.key, 0, 0, 0)
    return _level(project, found)[0]


def _level(project: Project, found: Levelling) -> tuple[Preview, rcpsp.LevelledSchedule]:
    problem, current, leaves, days = found.problem, found.current, found.leaves, found.days
    before = max((current[t.id] + t.duration for t in problem.tasks), default=0)
    result = rcpsp.level(problem, time_limit=TIME_LIMIT_SECONDS, hint=current, seed=1)
    moves = [
        {"key": leaves[m.task_id].key, "title": leaves[m.task_id].title,
         "old_start": days.days[m.old_start].isoformat(), "new_start": days.days[min(m.new_start, len(days.days) - 1)].isoformat(),
         "delta_days": m.delta}
        for m in rcpsp.preview_moves(current, dict(result.starts))
    ]
    outcome = Preview(project.key, before, result.makespan, _overloaded_days(problem, current), moves, result.solver,
                      overloaded_days_after=_overloaded_days(problem, dict(result.starts)), overbooked=found.overbooked)
    return outcome, result


def apply(*, actor: User, project: Project, now: dt.datetime) -> Preview:
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    with transaction.atomic():
        found = _problem(project, now)
        if not found.problem.tasks:
            return Preview(project.key, 0, 0, 0, applied=True)
        outcome, result = _level(project, found)
        pinned = []
        fixed = {task.id for task in found.problem.tasks if task.fixed}
        for task_id, start in result.starts.items():
            task = found.leaves[task_id]
            if start != found.current[task_id] and task_id not in fixed:
                pin = plans.aware(found.days.start_of(start))
                TaskSchedule.objects.filter(pk=task.pk).update(constraint=ConstraintKind.SNET, constraint_date=pin)
                pinned.append((task.pk, (task.constraint, task.constraint_date), pin))
        pins.record(project=project, actor=actor, now=now, pinned=pinned)
        reschedule(project, actor=actor, now=now)
    outcome.applied = True
    return outcome


def variance_rows(project: Project, baseline: Baseline, *, now: dt.datetime) -> list[dict[str, Any]]:
    loaded = plans.load(project)
    result = engine.schedule(loaded.engine_plan(now=now))
    saved = {
        str(b.issue_id): engine.BaselineEntry(plans.naive(b.start), plans.naive(b.finish), b.duration_minutes)  # type: ignore[arg-type]
        for b in baseline.tasks.all()
    }
    per_day = plans.minutes_per_day(loaded.plan)
    keys = {str(k): v for k, v in loaded.keys.items()}
    return [
        {"key": keys[task_id], "start_days": round(v.start / per_day, 2), "finish_days": round(v.finish / per_day, 2),
         "duration_days": round(v.duration / per_day, 2)}
        for task_id, v in engine.variances(result, saved).items()
    ]
