"""Initiation: the business case (why the project is worth doing) and the charter (what
it sets out to do, who sponsors and manages it, its milestones and budget). Managers
write both and approve the charter; editing an approved charter lets its approval lapse
until a manager approves it again."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from cairn import values
from cairn.accounts.models import User
from cairn.errors import Invalid
from cairn.lifecycle.models import BusinessCase, Charter
from cairn.workspaces import policy
from cairn.workspaces.models import Project

CASE_FIELDS = ("problem", "options", "benefits", "costs", "feasibility")
CHARTER_FIELDS = ("objectives", "scope_summary", "sponsor", "manager", "milestones", "budget")
LONG = 20_000
BUDGET_MAX = Decimal("999999999999")


def _known(data: dict[str, Any], names: tuple[str, ...], what: str) -> None:
    unknown = set(data) - set(names)
    if unknown:
        raise Invalid.field(sorted(unknown)[0], f"is not a field of the {what}")


def business_case(project: Project) -> BusinessCase | None:
    return BusinessCase.objects.filter(project=project).select_related("updated_by").first()


def save_business_case(*, actor: User, project: Project, data: dict[str, Any], now: dt.datetime) -> BusinessCase:
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    _known(data, CASE_FIELDS, "business case")
    parsed = {name: values.text(data[name], name, max_length=LONG) for name in CASE_FIELDS if name in data}
    case, _ = BusinessCase.objects.update_or_create(
        project=project, defaults={**parsed, "updated_by": actor, "updated_at": now})
    return case


def charter(project: Project) -> Charter | None:
    return Charter.objects.filter(project=project).select_related("manager", "approved_by", "updated_by").first()


def _parse_charter(project: Project, data: dict[str, Any]) -> dict[str, Any]:
    _known(data, CHARTER_FIELDS, "charter")
    parsed: dict[str, Any] = {}
    for name in ("objectives", "scope_summary", "milestones"):
        if name in data:
            parsed[name] = values.text(data[name], name, max_length=LONG)
    if "sponsor" in data:
        parsed["sponsor"] = values.text(data["sponsor"], "sponsor", max_length=200)
    if "manager" in data:
        parsed["manager"] = _manager(project, data["manager"])
    if "budget" in data:
        parsed["budget"] = values.decimal(data["budget"], "budget", places=2, maximum=BUDGET_MAX)
    return parsed


def _manager(project: Project, raw: Any) -> User | None:
    if values.is_blank(raw):
        return None
    username = values.text(raw, "manager", max_length=150)
    user = User.objects.filter(username__iexact=username, is_active=True).first()
    if user is None or not policy.can(user, policy.Action.VIEW, project):
        raise Invalid.field("manager", f"{username} is not in {project.key}")
    return user


def save_charter(*, actor: User, project: Project, data: dict[str, Any], now: dt.datetime) -> Charter:
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    parsed = _parse_charter(project, data)
    with transaction.atomic():
        found = Charter.objects.select_for_update().filter(project=project).first()
        current = found or Charter(project=project, updated_at=now)
        changed = [name for name, value in parsed.items() if getattr(current, name) != value]
        for name, value in parsed.items():
            setattr(current, name, value)
        if changed and current.approved_at is not None:
            current.lapsed_approval_at, current.approved_at, current.approved_by = current.approved_at, None, None
        if changed or found is None:
            current.updated_by, current.updated_at = actor, now
        current.save()
    return current


def approve_charter(*, actor: User, project: Project, now: dt.datetime) -> Charter:
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    with transaction.atomic():
        found = Charter.objects.select_for_update().filter(project=project).first()
        if found is None or not found.objectives.strip():
            raise Invalid.field("objectives", "state the charter's objectives before approving it")
        found.approved_by, found.approved_at, found.lapsed_approval_at = actor, now, None
        found.save()
    return found
