"""Use cases on the schedule. Every change that can move dates reschedules the whole
project in the same transaction, so what is stored is always what the engine says."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F

from cairn import rows, values
from cairn.accounts.models import User
from cairn.accounts.services import active_user_named
from cairn.engine import scheduling as engine
from cairn.errors import Invalid, NotFound
from cairn.events.bus import Event, publish
from cairn.planning import plans
from cairn.planning.models import (
    Assignment,
    Baseline,
    BaselineTask,
    ConstraintKind,
    Dependency,
    DependencyKind,
    Holiday,
    Mode,
    ProjectPlan,
    TaskSchedule,
)
from cairn.tracker import planned_dates
from cairn.tracker.models import Issue
from cairn.workspaces import policy
from cairn.workspaces.models import Project

MAX_DURATION = 10 * 365 * 24 * 60


def reschedule(project: Project, *, actor: User | None, now: dt.datetime) -> engine.Schedule:
    """Runs the engine over the project's plan and stores the dates it computes."""
    loaded = plans.load(project)
    try:
        result = engine.schedule(loaded.engine_plan(now=now))
    except engine.CycleError as cycle:
        raise Invalid.field("predecessor", _cycle_message(cycle, loaded)) from None
    except engine.SchedulingError as error:
        raise Invalid(str(error)) from None
    _store(loaded, result, actor=actor, now=now)
    ProjectPlan.objects.filter(pk=loaded.plan.pk).update(revision=F("revision") + 1)
    publish(Event("schedule.changed", now, actor.pk if actor else None, project.pk, {"project": project.key}))
    return result


def _cycle_message(cycle: engine.CycleError, loaded: plans.LoadedPlan) -> str:
    keys = {str(k): v for k, v in loaded.keys.items()}
    named = [keys.get(i, i) for i in cycle.task_ids]
    return f"this link would make a loop: {' → '.join([*named, named[0]])}" if named else str(cycle)


COMPUTED = ("start", "finish", "early_start", "early_finish", "late_start", "late_finish",
            "total_float_minutes", "free_float_minutes", "critical", "summary")


def _store(loaded: plans.LoadedPlan, result: engine.Schedule, *, actor: User | None, now: dt.datetime) -> None:
    """Writes back only what moved. One change early in a plan can move most of it, so
    the schedule's rows are written with one prepared UPDATE run many times, and the
    issues' dates are handed to the tracker at once."""
    task_rows, moves = [], {}
    for task in loaded.tasks:
        computed = result[str(task.issue_id)]
        values = (
            plans.aware(computed.start_at), plans.aware(computed.finish_at),
            plans.aware(computed.early_start_at), plans.aware(computed.early_finish_at),
            plans.aware(computed.late_start_at), plans.aware(computed.late_finish_at),
            computed.total_float, computed.free_float, computed.critical, computed.summary,
        )
        if tuple(getattr(task, name) for name in COMPUTED) != values:
            for name, value in zip(COMPUTED, values, strict=True):
                setattr(task, name, value)
            task_rows.append((*values, task.pk))
        start, due = values[0].date(), values[1].date()
        if (task.start_date, task.due_date) != (start, due):
            task.start_date, task.due_date = start, due
            moves[task.issue_id] = (start, due)
    rows.update_many(TaskSchedule, COMPUTED, task_rows)
    planned_dates.move_planned_dates(actor=actor, project=loaded.plan.project, moves=moves, via="schedule", now=now)


def _task(issue: Issue) -> TaskSchedule:
    task = TaskSchedule.objects.filter(issue=issue).first()
    if task is None:
        raise NotFound(f"{issue.key} is not in the schedule")
    return task


def add_to_schedule(*, actor: User, issue: Issue, duration_minutes: int = 480, now: dt.datetime) -> TaskSchedule:
    policy.require(actor, policy.Action.EDIT_ISSUES, issue.project)
    _check_duration(duration_minutes)
    with transaction.atomic():
        position = TaskSchedule.objects.filter(project=issue.project).count()
        task, _ = TaskSchedule.objects.get_or_create(
            issue=issue, defaults={"project": issue.project, "duration_minutes": duration_minutes, "position": position}
        )
        reschedule(issue.project, actor=actor, now=now)
    return task


def _check_duration(value: Any) -> int:
    return values.whole_number(value, "duration_minutes", maximum=MAX_DURATION)


def update_task(*, actor: User, issue: Issue, changes: dict[str, Any], now: dt.datetime) -> TaskSchedule:
    """Changes how a task is planned. ``start`` moves it: a manual task keeps its length
    and moves there; an automatic one gets a start-no-earlier-than constraint there,
    as dragging a bar does in MS Project."""
    policy.require(actor, policy.Action.EDIT_ISSUES, issue.project)
    with transaction.atomic():
        task = _task(issue)
        _apply_task_changes(task, changes)
        task.save()
        reschedule(issue.project, actor=actor, now=now)
    task.refresh_from_db()
    return task


def apply_task_changes(task: Any, changes: dict[str, Any]) -> None:
    """Applies a change to a stored task, or to a loaded one (plans.PlannedTask) for a
    what-if that stores nothing."""
    _apply_task_changes(task, changes)


def _apply_task_changes(task: TaskSchedule, changes: dict[str, Any]) -> None:
    unknown = set(changes) - {"duration_minutes", "mode", "constraint", "constraint_date", "start", "position"}
    if unknown:
        raise Invalid.field(sorted(unknown)[0], "is not a schedule field")
    if "duration_minutes" in changes:
        task.duration_minutes = _check_duration(changes["duration_minutes"])
    if "mode" in changes:
        if changes["mode"] not in Mode.values:
            raise Invalid.field("mode", "must be auto or manual")
        task.mode = changes["mode"]
        if task.mode == Mode.MANUAL and task.manual_start is None:
            task.manual_start, task.manual_finish = task.start, task.finish
    if "constraint" in changes:
        if changes["constraint"] not in ConstraintKind.values:
            raise Invalid.field("constraint", f"must be one of {', '.join(ConstraintKind.values)}")
        task.constraint = changes["constraint"]
        task.constraint_date = values.moment(changes.get("constraint_date"), "constraint_date")
        if task.constraint not in ("ASAP", "ALAP") and task.constraint_date is None:
            raise Invalid.field("constraint_date", f"a {task.constraint} constraint needs a date")
    if "position" in changes:
        task.position = values.whole_number(changes["position"], "position")
    if changes.get("start") is not None:
        _move(task, values.moment(changes["start"], "start"))


def _move(task: TaskSchedule, start: dt.datetime | None) -> None:
    if start is None:
        return
    if task.mode == Mode.MANUAL:
        length = (task.manual_finish - task.manual_start) if task.manual_start and task.manual_finish else dt.timedelta(hours=8)
        task.manual_start, task.manual_finish = start, start + length
    else:
        task.constraint, task.constraint_date = ConstraintKind.SNET, start


def add_dependency(*, actor: User, project: Project, predecessor: Issue, successor: Issue,
                   kind: str = "FS", lag_minutes: int = 0, now: dt.datetime) -> Dependency:
    policy.require(actor, policy.Action.EDIT_ISSUES, project)
    if kind not in DependencyKind.values:
        raise Invalid.field("type", f"must be one of {', '.join(DependencyKind.values)}")
    lag_minutes = values.whole_number(lag_minutes, "lag_minutes", minimum=-MAX_DURATION, maximum=MAX_DURATION)
    for name, issue in (("predecessor", predecessor), ("successor", successor)):
        if issue.project_id != project.pk:
            raise Invalid.field(name, f"{issue.key} is not in {project.key}")
        if not TaskSchedule.objects.filter(issue=issue).exists():
            raise Invalid.field(name, f"{issue.key} is not in the schedule")
    if predecessor.pk == successor.pk:
        raise Invalid.field("successor", "a task cannot depend on itself")
    twin = Invalid.field("successor", f"{successor.key} already depends on {predecessor.key}")
    if Dependency.objects.filter(predecessor=predecessor, successor=successor).exists():
        raise twin
    try:
        with transaction.atomic():
            link = Dependency.objects.create(project=project, predecessor=predecessor, successor=successor,
                                             kind=kind, lag_minutes=lag_minutes)
            reschedule(project, actor=actor, now=now)  # a loop raises here and rolls the link back
    except IntegrityError:  # the same link, made by someone else a moment ago
        raise twin from None
    return link


def remove_dependency(*, actor: User, project: Project, link_id: int, now: dt.datetime) -> None:
    policy.require(actor, policy.Action.EDIT_ISSUES, project)
    with transaction.atomic():
        deleted, _ = Dependency.objects.filter(project=project, pk=link_id).delete()
        if not deleted:
            raise NotFound(f"No dependency {link_id} in {project.key}")
        reschedule(project, actor=actor, now=now)


def set_calendar(*, actor: User, project: Project, start_date: Any = None, working_week: Any = None,
                 holidays: Any = None, now: dt.datetime) -> ProjectPlan:
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    with transaction.atomic():
        plan = plans.plan_of(project)
        if start_date is not None:
            plan.start_date = values.required_date(start_date, "start_date")
        if working_week is not None:
            plan.working_week = _week(working_week)
        plan.save()
        if holidays is not None:
            if not isinstance(holidays, list):
                raise Invalid.field("holidays", "must be a list of {date, name}")
            plan.holidays.all().delete()
            days = {}
            for entry in holidays:
                day = values.required_date(entry.get("date") if isinstance(entry, dict) else entry, "holidays")
                name = values.text(entry.get("name"), "holidays", max_length=120) if isinstance(entry, dict) else ""
                days[day] = Holiday(plan=plan, date=day, name=name)
            Holiday.objects.bulk_create(days.values())
        reschedule(project, actor=actor, now=now)
    return plan


def _week(raw: Any) -> list[list[str]]:
    if not isinstance(raw, list) or len(raw) != 7:
        raise Invalid.field("working_week", "must be seven lists of working hours, Monday first")
    week = []
    for day in raw:
        if not isinstance(day, list) or not all(isinstance(r, str) for r in day):
            raise Invalid.field("working_week", 'each day is a list like ["08:00-12:00", "13:00-17:00"]')
        try:
            engine.working_day(", ".join(day))
        except (engine.CalendarError, ValueError) as error:
            raise Invalid.field("working_week", str(error)) from None
        week.append(day)
    if not any(week):
        raise Invalid.field("working_week", "at least one day must have working hours")
    return week


def worker_named(*, actor: User, project: Project, username: str) -> User:
    """Someone who may work in the project, for an actor who may plan it. Anyone else
    reads exactly like a username that does not exist."""
    policy.require(actor, policy.Action.EDIT_ISSUES, project)
    user = active_user_named(username)
    if user is None or not policy.can(user, policy.Action.EDIT_ISSUES, project):
        raise Invalid.field("user", f"no one called {username} can work in {project.key}")
    return user


def assign(*, actor: User, issue: Issue, user: User, units: int = 100) -> Assignment:
    policy.require(actor, policy.Action.EDIT_ISSUES, issue.project)
    units = values.whole_number(units, "units", minimum=1, maximum=1000)
    if not policy.can(user, policy.Action.EDIT_ISSUES, issue.project):
        raise Invalid.field("user", f"{user.username} cannot work in {issue.project.key}")
    assignment, _ = Assignment.objects.update_or_create(issue=issue, user=user, defaults={"units": units})
    return assignment


def set_assignments(*, actor: User, issue: Issue, people: list[tuple[User, int]], now: dt.datetime) -> list[Assignment]:
    """Makes exactly these people work on the task, with these units: all or nothing."""
    policy.require(actor, policy.Action.EDIT_ISSUES, issue.project)
    if len({user.pk for user, _ in people}) != len(people):
        raise Invalid.field("assignments", "a person is listed twice")
    with transaction.atomic():
        Assignment.objects.filter(issue=issue).exclude(user__in=[user for user, _ in people]).delete()
        kept = [assign(actor=actor, issue=issue, user=user, units=units) for user, units in people]
        _people_changed(issue, actor, now)
    return kept


def unassign(*, actor: User, issue: Issue, user: User, now: dt.datetime) -> None:
    policy.require(actor, policy.Action.EDIT_ISSUES, issue.project)
    deleted, _ = Assignment.objects.filter(issue=issue, user=user).delete()
    if not deleted:
        raise NotFound(f"{user.username} is not on {issue.key}")
    _people_changed(issue, actor, now)


def _people_changed(issue: Issue, actor: User, now: dt.datetime) -> None:
    # Who works on a task is part of the plan others have open: their charts redraw.
    publish(Event("schedule.changed", now, actor.pk, issue.project_id,
                  {"project": issue.project.key, "key": issue.key}))


def save_baseline(*, actor: User, project: Project, name: str, now: dt.datetime) -> Baseline:
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    name = values.text(name, "name", max_length=120) or f"Baseline {now:%Y-%m-%d %H:%M}"
    loaded = plans.load(project)
    saved = engine.baseline_of(engine.schedule(loaded.engine_plan(now=now))) if loaded.tasks else {}
    with transaction.atomic():
        baseline = Baseline.objects.create(project=project, name=name, created_at=now, created_by=actor)
        # The engine's own record: a summary's duration is its span, not its (unused) input.
        BaselineTask.objects.bulk_create(
            BaselineTask(baseline=baseline, issue_id=int(task_id), start=plans.aware(entry.start),
                         finish=plans.aware(entry.finish), duration_minutes=entry.duration)
            for task_id, entry in saved.items()
        )
    return baseline
