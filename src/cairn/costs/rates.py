"""Hourly cost rates of a project, with the days they take effect.

The rate of a person on a day is, in this order: their own rate, the rate of their role
in the project, the project's default rate — each the latest effective on or before that
day — or nothing (0) when none is set. Rates say what someone costs, so only the
project's managers see and set them; everyone else sees only the money they add up to."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from cairn import values
from cairn.accounts.models import User
from cairn.costs.models import CostRate
from cairn.errors import Invalid, NotFound
from cairn.workspaces import policy
from cairn.workspaces.models import Project, ProjectMember, Role, Visibility, WorkspaceMember

ZERO = Decimal(0)
MOST = Decimal("99999999")


def rates_of(actor: User | Any, project: Project) -> QuerySet[CostRate]:
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    return CostRate.objects.filter(project=project).select_related("person").order_by(
        "person__username", "role", "-effective_from", "id")


def set_rate(*, actor: User, project: Project, hourly_rate: Any, effective_from: Any,
             person: str | None = None, role: str | None = None) -> CostRate:
    """A rate from a day on; the same scope and day again replaces that day's rate."""
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    rate = values.decimal(hourly_rate, "hourly_rate", places=2, maximum=MOST)
    if rate is None:
        raise Invalid.field("hourly_rate", "is required")
    day = values.required_date(effective_from, "effective_from")
    who = _person(person)
    kind = _role(role)
    if who is not None and kind:
        raise Invalid.field("role", "a rate is for a person or for a role, not both")
    with transaction.atomic():
        found = CostRate.objects.select_for_update().filter(project=project, person=who, role=kind,
                                                           effective_from=day).first()
        if found is None:
            return CostRate.objects.create(project=project, person=who, role=kind, hourly_rate=rate,
                                           effective_from=day)
        found.hourly_rate = rate
        found.save(update_fields=["hourly_rate"])
        return found


def _person(username: str | None) -> User | None:
    if not username:
        return None
    found = User.objects.filter(username=username).first()
    if found is None:
        raise Invalid.field("person", f"no person {username}")
    return found


def _role(raw: str | None) -> str:
    if not raw:
        return ""
    if raw not in Role.values:
        raise Invalid.field("role", f"must be one of {', '.join(Role.values)}")
    return raw


def remove_rate(*, actor: User, project: Project, rate_id: int) -> None:
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    deleted, _ = CostRate.objects.filter(project=project, pk=rate_id).delete()
    if not deleted:
        raise NotFound(f"No rate {rate_id} in {project.key}")


def roles_in(project: Project) -> dict[int, str]:
    """Everyone's role in the project, as the policy reads it: a role given in the project
    wins over the workspace role, and a private project has only its own members."""
    roles: dict[int, str] = {}
    if project.visibility == Visibility.WORKSPACE:
        roles.update(WorkspaceMember.objects.filter(workspace_id=project.workspace_id).values_list("user_id", "role"))
    roles.update(ProjectMember.objects.filter(project=project).values_list("user_id", "role"))
    return roles


class RateBook:
    """Every rate of a project, read once, answering the rate of anyone on any day."""

    def __init__(self, project: Project) -> None:
        self.roles = roles_in(project)
        self.by_person: dict[int, list[tuple[dt.date, Decimal]]] = defaultdict(list)
        self.by_role: dict[str, list[tuple[dt.date, Decimal]]] = defaultdict(list)
        self.default: list[tuple[dt.date, Decimal]] = []
        for person_id, role, rate, day in CostRate.objects.filter(project=project).order_by("effective_from").values_list(
                "person_id", "role", "hourly_rate", "effective_from"):
            if person_id is not None:
                self.by_person[person_id].append((day, rate))
            elif role:
                self.by_role[role].append((day, rate))
            else:
                self.default.append((day, rate))

    def rate(self, person_id: int | None, day: dt.date) -> Decimal:
        if person_id is not None:
            own = _latest(self.by_person.get(person_id, []), day)
            if own is not None:
                return own
            role = self.roles.get(person_id)
            by_role = _latest(self.by_role.get(role, []), day) if role else None
            if by_role is not None:
                return by_role
        return self.default_rate(day)

    def default_rate(self, day: dt.date) -> Decimal:
        found = _latest(self.default, day)
        return ZERO if found is None else found


def _latest(dated: list[tuple[dt.date, Decimal]], day: dt.date) -> Decimal | None:
    found = None
    for effective, rate in dated:
        if effective > day:
            break
        found = rate
    return found
