"""The timer on the issue page: one running timer per person; stopping it logs the time
it ran, rounded to the minute, on the day it started (a timer over midnight books the
whole of it to its first day)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from cairn.accounts.models import User
from cairn.costs.models import TimeEntry, Timer
from cairn.costs.services import log_time
from cairn.errors import Conflict
from cairn.tracker.models import Issue
from cairn.workspaces import policy


def running(person: User | Any) -> Timer | None:
    if not getattr(person, "is_authenticated", False):
        return None
    return Timer.objects.filter(person=person).select_related("issue", "issue__project").first()


def start(*, actor: User, issue: Issue, now: dt.datetime) -> Timer:
    policy.require(actor, policy.Action.EDIT_ISSUES, issue.project)
    current = running(actor)
    if current is not None:
        raise Conflict(f"Your timer is already running on {current.issue.key}; stop it first")
    try:
        with transaction.atomic():
            return Timer.objects.create(person=actor, issue=issue, started_at=now)
    except IntegrityError:  # a second tab started one at the same moment
        raise Conflict("Your timer is already running; stop it first") from None


def elapsed_minutes(timer: Timer, now: dt.datetime) -> int:
    return max(0, round((now - timer.started_at).total_seconds() / 60))


def stop(*, actor: User, now: dt.datetime) -> TimeEntry | None:
    """Logs the time and stops the timer; under half a minute logs nothing."""
    with transaction.atomic():
        timer = Timer.objects.select_for_update().select_related("issue", "issue__project").filter(person=actor).first()
        if timer is None:
            raise Conflict("No timer is running")
        minutes = elapsed_minutes(timer, now)
        entry = None
        if minutes:
            day = timezone.localtime(timer.started_at).date()
            hours = f"{minutes // 60}:{minutes % 60:02d}" if minutes <= 24 * 60 else "24"
            entry = log_time(actor=actor, issue=timer.issue, date=day, hours=hours, note="Timer", now=now)
        timer.delete()
    return entry


def discard(*, actor: User) -> None:
    deleted, _ = Timer.objects.filter(person=actor).delete()
    if not deleted:
        raise Conflict("No timer is running")
