"""Issue dates that a plan computes. The tracker is the only writer of issues: the
planner hands it the dates a reschedule moved, and they are written as any edit is —
a history line per moved date (in the name of whoever caused the reschedule, marked as
made via the schedule), a new version (the ETag), `updated_at`, an event — only in bulk,
because one change early in a plan can move thousands of issues.

The other way round, a person who edits a planned issue's date on its page or through
the API edits the plan: a date written over the schedule's would be thrown away by the
next reschedule. The tracker may not import planning, which sits above it; so planning
registers a `DatePlanner` here when Django starts (`PlanningConfig.ready`), and the
issue services hand it those edits. Without one, no issue is planned."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any, Protocol

from django.db import transaction

from cairn import rows
from cairn.accounts.models import User
from cairn.events.bus import Event, publish
from cairn.tracker.history import display
from cairn.tracker.models import Change, Issue
from cairn.workspaces import policy
from cairn.workspaces.models import Project

Dates = tuple[dt.date | None, dt.date | None]
DATE_FIELDS = ("start_date", "due_date")
MOVED_FIELDS = ("start_date", "due_date", "version", "updated_at")
CHANGE_FIELDS = ("issue", "actor", "at", "field", "old_value", "new_value", "via")
# Ids per locking read: well under every database's limit of query parameters.
CHUNK = 1000


def move_planned_dates(
    *, actor: User | None, project: Project, moves: Mapping[int, Dates], via: str, now: dt.datetime
) -> list[str]:
    """Sets each issue's (start_date, due_date), keyed by issue id, and answers the keys of
    those that changed. The search index is left alone: it holds no dates.

    One event, `issues.dates_moved`, names every moved issue (`{"via", "keys"}`): a
    reschedule must not flood live pages with one event per issue, and a payload of
    each issue's fields would cost more to encode than the rest of the move."""
    if actor is not None:
        policy.require(actor, policy.Action.EDIT_ISSUES, project)
    if not moves:
        return []
    actor_id = actor.pk if actor else None
    updates: list[tuple[Any, ...]] = []
    changes: list[tuple[Any, ...]] = []
    keys: list[str] = []
    with transaction.atomic():
        ids = list(moves)
        for begin in range(0, len(ids), CHUNK):
            current = (
                Issue.objects.select_for_update().filter(project=project, pk__in=ids[begin : begin + CHUNK])
                .order_by().values_list("pk", "number", "start_date", "due_date", "version")
            )
            for pk, number, start, due, version in current:
                new_start, new_due = moves[pk]
                if (start, due) == (new_start, new_due):
                    continue
                updates.append((new_start, new_due, version + 1, now, pk))
                for field, old, new in (("start_date", start, new_start), ("due_date", due, new_due)):
                    if old != new:
                        changes.append((pk, actor_id, now, field, display(old), display(new), via))
                keys.append(f"{project.key}-{number}")
        rows.update_many(Issue, MOVED_FIELDS, updates)
        rows.insert_many(Change, CHANGE_FIELDS, changes)
        if keys:
            publish(Event("issues.dates_moved", now, actor_id, project.pk, {"via": via, "keys": keys}))
    return keys


class DatePlanner(Protocol):
    def planned(self, issue_ids: Collection[int]) -> set[int]:
        """Those of these issues whose dates a plan computes."""

    def edit(self, *, actor: User, project: Project, edits: dict[int, dict[str, dt.date | None]],
             now: dt.datetime) -> None:
        """Turns each issue's changed dates (field name → new date, None to clear) into a
        change of its plan, then reschedules: the plan moves the dates."""

    def progressed(self, *, actor: User, project: Project, now: dt.datetime) -> None:
        """Work on planned issues started, finished or was reopened: the plan is scheduled
        again around what actually happened."""


_planner: DatePlanner | None = None


def register(planner: DatePlanner) -> None:
    global _planner
    _planner = planner


def planned(issue_ids: Collection[int]) -> set[int]:
    return _planner.planned(issue_ids) if _planner is not None and issue_ids else set()


def progressed(*, actor: User, project: Project, issue_ids: Collection[int], now: dt.datetime) -> None:
    """A status change moves actual dates; when the issue is planned, so does the plan."""
    if _planner is not None and planned(issue_ids):
        _planner.progressed(actor=actor, project=project, now=now)


def edit(*, actor: User, project: Project, edits: dict[int, dict[str, dt.date | None]], now: dt.datetime) -> None:
    if edits:
        assert _planner is not None, "only planned issues have date edits for the planner"
        _planner.edit(actor=actor, project=project, edits=edits, now=now)
