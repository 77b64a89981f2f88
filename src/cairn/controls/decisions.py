"""The decision log: what was decided, the options weighed, why, who decided and when,
and the issues it concerns. Members log decisions; managers remove them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from cairn import values
from cairn.accounts.models import User
from cairn.controls import fields
from cairn.controls.models import Decision
from cairn.errors import Invalid, NotFound
from cairn.workspaces import policy
from cairn.workspaces.models import Project

FIELDS = ("title", "options", "rationale", "decided_by", "decided_on", "issues")


def _parse(project: Project, data: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise Invalid.field(sorted(unknown)[0], "is not a field of a decision")
    parsed: dict[str, Any] = {}
    if creating or "title" in data:
        parsed["title"] = values.text(data.get("title"), "title", max_length=200, required=True)
    for name in ("options", "rationale"):
        if name in data:
            parsed[name] = values.text(data[name], name, max_length=10_000)
    if "decided_by" in data:
        parsed["decided_by"] = fields.person(data["decided_by"], "decided_by", project)
    if "decided_on" in data:
        parsed["decided_on"] = values.date(data["decided_on"], "decided_on")
    if "issues" in data:
        parsed["issues"] = fields.issues_in(project, data["issues"], "issues")
    return parsed


def log_decision(*, actor: User, project: Project, data: dict[str, Any], now: dt.datetime) -> Decision:
    policy.require(actor, policy.Action.EDIT_ISSUES, project)
    parsed = _parse(project, data, creating=True)
    issues = parsed.pop("issues", [])
    parsed["decided_by"] = parsed.get("decided_by") or actor
    parsed["decided_on"] = parsed.get("decided_on") or now.date()
    with transaction.atomic():
        number = fields.next_number(project, Decision.objects.filter(project=project).values_list("number", flat=True))
        decision = Decision.objects.create(project=project, number=number, logged_by=actor, logged_at=now, **parsed)
        decision.issues.set(issues)
    return decision


def update_decision(*, actor: User, decision: Decision, data: dict[str, Any]) -> Decision:
    policy.require(actor, policy.Action.EDIT_ISSUES, decision.project)
    parsed = _parse(decision.project, data, creating=False)
    issues = parsed.pop("issues", None)
    if "decided_on" in parsed and parsed["decided_on"] is None:
        raise Invalid.field("decided_on", "is required")
    for name, value in parsed.items():
        setattr(decision, name, value)
    with transaction.atomic():
        decision.save()
        if issues is not None:
            decision.issues.set(issues)
    return decision


def remove_decision(*, actor: User, decision: Decision) -> None:
    policy.require(actor, policy.Action.MANAGE_PROJECT, decision.project)
    decision.delete()


def decision_by_number(project: Project, number: int) -> Decision:
    found = Decision.objects.filter(project=project, number=number).select_related("project", "decided_by").first()
    if found is None:
        raise NotFound(f"No decision D-{number} in {project.key}")
    return found


def log(project: Project) -> QuerySet[Decision]:
    return (Decision.objects.filter(project=project).select_related("project", "decided_by")
            .prefetch_related("issues__project"))
