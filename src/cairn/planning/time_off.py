"""Use cases on people's time off, and the days it removes from their capacity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from cairn import values
from cairn.accounts.models import User
from cairn.accounts.services import active_user_named
from cairn.errors import Forbidden, Invalid, NotFound
from cairn.planning.models import TimeOff
from cairn.workspaces import policy
from cairn.workspaces.models import Role, WorkspaceMember

MAX_DAYS = 366


def may_manage(actor: User, person: User) -> bool:
    """Everyone keeps their own time off; managers keep it for the people of their workspaces."""
    if actor.pk == person.pk:
        return True
    shared = WorkspaceMember.objects.filter(user=person).values("workspace_id")
    roles = WorkspaceMember.objects.filter(user=actor, workspace_id__in=shared).values_list("role", flat=True)
    return any(policy.RANK[Role(role)] >= policy.RANK[Role.MANAGER] for role in roles)


def manageable_people(actor: User) -> list[User]:
    """The actor and, in the workspaces they manage, everyone there: one query for a page
    rather than one `may_manage` per colleague."""
    managed = WorkspaceMember.objects.filter(
        user=actor, role__in=[r for r in Role if policy.RANK[r] >= policy.RANK[Role.MANAGER]]
    ).values("workspace_id")
    ids = WorkspaceMember.objects.filter(workspace_id__in=managed).values("user_id")
    people = User.objects.filter(pk__in=ids, is_active=True) | User.objects.filter(pk=actor.pk)
    return list(people.distinct().order_by("username"))


def person_named(actor: User, username: str) -> User:
    """Someone whose time off the actor keeps. Anyone else reads exactly like a username
    that does not exist, so asking teaches nobody who has an account."""
    person = active_user_named(username)
    if person is None or not may_manage(actor, person):
        raise NotFound(f"No user {username}", fields={"username": f"no user {username}"})
    return person


def _date(raw: Any, field: str) -> dt.date:
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw).strip())
    except ValueError:
        raise Invalid.field(field, f"{raw!r} is not a date like 2026-12-31") from None


def add(*, actor: User, person: User, start: Any, end: Any = None, reason: Any = "") -> TimeOff:
    if not may_manage(actor, person):
        raise Forbidden(f"You may not plan {person.username}'s time off")
    first = values.required_date(start, "start_date")
    last = values.date(end, "end_date") or first
    if last < first:
        raise Invalid.field("end_date", "must not be before the start date")
    if (last - first).days >= MAX_DAYS:
        raise Invalid.field("end_date", f"time off spans at most {MAX_DAYS} days; add another period")
    reason = values.text(reason, "reason", max_length=200)
    return TimeOff.objects.create(user=person, start_date=first, end_date=last, reason=reason)


def remove(*, actor: User, person: User, time_off_id: int) -> None:
    if not may_manage(actor, person):
        raise Forbidden(f"You may not change {person.username}'s time off")
    deleted, _ = TimeOff.objects.filter(user=person, pk=time_off_id).delete()
    if not deleted:
        raise NotFound(f"No time off {time_off_id} for {person.username}")


def days_off(user_ids: Iterable[int], first: dt.date, last: dt.date) -> dict[int, set[dt.date]]:
    """Each person's days off between first and last (inclusive)."""
    found: dict[int, set[dt.date]] = {}
    for period in TimeOff.objects.filter(user_id__in=list(user_ids), start_date__lte=last, end_date__gte=first):
        day = max(period.start_date, first)
        while day <= min(period.end_date, last):
            found.setdefault(period.user_id, set()).add(day)
            day += dt.timedelta(days=1)
    return found
