"""The planner's answers to what the tracker announces (cairn.tracker.signals)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from cairn.accounts.models import User
from cairn.planning.models import Assignment, BaselineTask, Dependency, TaskSchedule
from cairn.tracker.models import Issue


def let_go_of_issue(sender: Any, *, issue: Issue, actor: User, now: dt.datetime, **kwargs: Any) -> None:
    """An issue leaving its project (moved or deleted) leaves its schedule: its task, its
    links, its assignments and its baseline entries go, and the rest is rescheduled."""
    from cairn.planning.services import reschedule

    scheduled = TaskSchedule.objects.filter(issue=issue).exists()
    Dependency.objects.filter(Q(predecessor=issue) | Q(successor=issue)).delete()
    Assignment.objects.filter(issue=issue).delete()
    BaselineTask.objects.filter(issue=issue, baseline__project=issue.project).delete()
    TaskSchedule.objects.filter(issue=issue).delete()
    if scheduled:
        reschedule(issue.project, actor=actor, now=now)
