"""A person's edit of a scheduled issue's date, on its page or through the API, is an
edit of the plan — never a value the next reschedule would throw away:

* automatic tasks: a new start becomes a *start no earlier than* constraint on that
  day, a new due date a *finish no later than* constraint on that day; a task holds one
  constraint, so the newer replaces the older, and both dates at once are refused.
  Clearing the date removes its constraint (a start-side or a finish-side one).
* manual tasks: a new start moves the task and keeps its length; a new due date moves
  its finish. Their dates cannot be cleared.
* summary tasks span their sub-tasks: their dates are refused.

Then the plan is rescheduled, and the tracker writes the dates that follow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from django.db import transaction

from cairn.accounts.models import User
from cairn.engine import scheduling as engine
from cairn.errors import DomainError, Invalid
from cairn.planning import plans
from cairn.planning.models import ConstraintKind, Mode, TaskSchedule
from cairn.planning.services import reschedule
from cairn.workspaces import policy
from cairn.workspaces.models import Project

START_SIDE = (ConstraintKind.SNET, ConstraintKind.SNLT, ConstraintKind.MSO)
FINISH_SIDE = (ConstraintKind.FNET, ConstraintKind.FNLT, ConstraintKind.MFO)
PLAN_FIELDS = ["mode", "manual_start", "manual_finish", "constraint", "constraint_date"]


class SchedulePlanner:
    """What the tracker asks of the schedule (`cairn.tracker.planned_dates.DatePlanner`)."""

    def planned(self, issue_ids: Collection[int]) -> set[int]:
        return set(TaskSchedule.objects.filter(issue_id__in=list(issue_ids)).values_list("issue_id", flat=True))

    def edit(self, *, actor: User, project: Project, edits: dict[int, dict[str, dt.date | None]],
             now: dt.datetime) -> None:
        edit_issue_dates(actor=actor, project=project, edits=edits, now=now)

    def progressed(self, *, actor: User, project: Project, now: dt.datetime) -> None:
        # A status change is never refused for the plan's sake: a plan that cannot be
        # scheduled now (it shows why on the Gantt) stays as it was.
        try:
            with transaction.atomic():
                reschedule(project, actor=actor, now=now)
        except DomainError:
            pass


def edit_issue_dates(*, actor: User, project: Project, edits: dict[int, dict[str, dt.date | None]],
                     now: dt.datetime) -> None:
    policy.require(actor, policy.Action.EDIT_ISSUES, project)
    tasks = list(TaskSchedule.objects.filter(project=project, issue_id__in=list(edits)))
    calendar = plans.calendar_of(plans.plan_of(project))
    for task in tasks:
        _edit(task, edits[task.issue_id], calendar)
    TaskSchedule.objects.bulk_update(tasks, PLAN_FIELDS)
    reschedule(project, actor=actor, now=now)


def _edit(task: TaskSchedule, dates: dict[str, dt.date | None], calendar: engine.Calendar) -> None:
    field = "start_date" if "start_date" in dates else "due_date"
    day = dates[field]
    if task.summary:
        raise Invalid.field(field, "a summary task spans its sub-tasks: change their dates in the schedule")
    if task.mode == Mode.MANUAL:
        _edit_manual(task, dates, calendar)
    elif len(dates) > 1:
        raise Invalid.field("due_date", "a scheduled task takes a start or a due date, not both: "
                                        "the schedule works out the other")
    elif day is None:
        side = START_SIDE if field == "start_date" else FINISH_SIDE
        if task.constraint in side:
            task.constraint, task.constraint_date = ConstraintKind.ASAP, None
    elif field == "start_date":
        task.constraint, task.constraint_date = ConstraintKind.SNET, _start_of(day, calendar)
    else:
        task.constraint, task.constraint_date = ConstraintKind.FNLT, _end_of(day, calendar)


def _edit_manual(task: TaskSchedule, dates: dict[str, dt.date | None], calendar: engine.Calendar) -> None:
    for field, day in dates.items():
        if day is None:
            raise Invalid.field(field, "a manually scheduled task keeps its dates: make it automatic "
                                       "in the schedule to let it be planned")
    start, finish = task.manual_start or task.start, task.manual_finish or task.finish
    new_start, new_due = dates.get("start_date"), dates.get("due_date")
    if new_start is not None:
        length = finish - start if start and finish else dt.timedelta(hours=8)
        start = _start_of(new_start, calendar)
        finish = start + length
    if new_due is not None:
        finish = _end_of(new_due, calendar)
    if start and finish and finish < start:
        raise Invalid.field("due_date", "must not be before the start date")
    task.manual_start, task.manual_finish = start, finish


def _start_of(day: dt.date, calendar: engine.Calendar) -> dt.datetime:
    """The day's first working minute; midnight on a day off (the task starts after it)."""
    ranges = calendar.working_ranges(day)
    minute = ranges[0].start if ranges else 0
    return plans.aware(dt.datetime.combine(day, dt.time(minute // 60, minute % 60)))


def _end_of(day: dt.date, calendar: engine.Calendar) -> dt.datetime:
    """The day's last working minute; midnight on a day off (the task ends before it)."""
    ranges = calendar.working_ranges(day)
    if not ranges:
        return plans.aware(dt.datetime.combine(day, dt.time(0, 0)))
    return plans.aware(dt.datetime.combine(day, dt.time(0, 0)) + dt.timedelta(minutes=ranges[-1].end))
