"""Change requests: raised by members with what, why and the impact on scope, schedule
and cost — the schedule's computed by the engine on a copy of the plan — and decided by
a manager. Approval puts the change into the plan and saves a new baseline named after
the request, so the baseline says why it moved. Work added after the latest baseline
that no approved change covers is scope creep."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from cairn import values
from cairn.accounts.models import User
from cairn.controls import fields, impact
from cairn.controls.models import ChangeRequest, ChangeState
from cairn.errors import Conflict, Forbidden, Invalid, NotFound
from cairn.events.bus import Event, publish
from cairn.planning import plans
from cairn.planning import services as planning
from cairn.planning.models import Baseline
from cairn.tracker import services as tracker
from cairn.tracker.models import Issue
from cairn.workspaces import policy
from cairn.workspaces.models import Project

MAX_CHANGES = 50
MAX_COST = Decimal("999999999999.99")
FIELD = "schedule_changes"


def parse_schedule_changes(project: Project, raw: Any) -> list[dict[str, Any]]:
    """Changed durations of scheduled tasks ({"issue", "duration_minutes"}) and added
    tasks ({"title", "duration_minutes", "after", "before"}), checked against the plan."""
    if values.is_blank(raw):
        return []
    if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
        raise Invalid.field(FIELD, "must be a list of changed or added tasks")
    if len(raw) > MAX_CHANGES:
        raise Invalid.field(FIELD, f"at most {MAX_CHANGES} changes")
    scheduled = {t.key for t in plans.load(project).tasks}
    parsed = []
    for entry in raw:
        minutes = values.whole_number(entry.get("duration_minutes"), f"{FIELD}.duration_minutes",
                                               maximum=planning.MAX_DURATION)
        if "issue" in entry:
            if set(entry) - {"issue", "duration_minutes"}:
                raise Invalid.field(FIELD, "a changed task has only issue and duration_minutes")
            named = _scheduled(fields.keys(entry["issue"], FIELD), scheduled)
            if len(named) != 1:
                raise Invalid.field(FIELD, "a changed task names one issue")
            key = named[0]
            parsed.append({"issue": key, "duration_minutes": minutes})
            continue
        if set(entry) - {"title", "duration_minutes", "after", "before"}:
            raise Invalid.field(FIELD, "an added task has title, duration_minutes, after and before")
        parsed.append({
            "title": values.text(entry.get("title"), f"{FIELD}.title", max_length=200, required=True),
            "duration_minutes": minutes,
            "after": _scheduled(fields.keys(entry.get("after"), FIELD), scheduled),
            "before": _scheduled(fields.keys(entry.get("before"), FIELD), scheduled),
        })
    return parsed


def _scheduled(keys: list[str], scheduled: set[str]) -> list[str]:
    for key in keys:
        if key not in scheduled:
            raise Invalid.field(FIELD, f"{key} is not in the schedule")
    return keys


def _parse(project: Project, data: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    unknown = set(data) - {"title", "reason", "scope_impact", "scope_issues", "cost_impact", FIELD}
    if unknown:
        raise Invalid.field(sorted(unknown)[0], "is not a field of a change request")
    parsed: dict[str, Any] = {}
    if creating or "title" in data:
        parsed["title"] = values.text(data.get("title"), "title", max_length=200, required=True)
    for name in ("reason", "scope_impact"):
        if name in data:
            parsed[name] = values.text(data[name], name, max_length=10_000)
    if "cost_impact" in data:
        parsed["cost_impact"] = values.decimal(data["cost_impact"], "cost_impact", places=2, maximum=MAX_COST,
                                               signed=True) or Decimal(0)
    if "scope_issues" in data:
        parsed["scope_issues"] = fields.issues_in(project, data["scope_issues"], "scope_issues")
    if FIELD in data:
        parsed[FIELD] = parse_schedule_changes(project, data[FIELD])
    return parsed


def raise_change(*, actor: User, project: Project, data: dict[str, Any], now: dt.datetime) -> ChangeRequest:
    policy.require(actor, policy.Action.EDIT_ISSUES, project)
    parsed = _parse(project, data, creating=True)
    scope = parsed.pop("scope_issues", [])
    computed = impact.compute(project, parsed.get(FIELD, []), now=now)
    with transaction.atomic():
        number = fields.next_number(project, ChangeRequest.objects.filter(project=project).values_list("number", flat=True))
        change = ChangeRequest.objects.create(project=project, number=number, raised_by=actor, raised_at=now,
                                              impact=computed, **parsed)
        change.scope_issues.set(scope)
    _published("change_request.raised", change, actor, now)
    return change


def _published(name: str, change: ChangeRequest, actor: User, now: dt.datetime) -> None:
    publish(Event(name, now, actor.pk, change.project_id, {
        "project": change.project.key, "change_request": change.number, "state": change.state,
        "baseline": change.baseline_id}))


def _open(change: ChangeRequest) -> None:
    if change.state != ChangeState.PROPOSED:
        raise Conflict(f"{change.ref} is already {change.state}")


def update_change(*, actor: User, change: ChangeRequest, data: dict[str, Any], now: dt.datetime) -> ChangeRequest:
    """Its author (or a manager) edits a proposed change; the impact is computed again."""
    _may_edit(actor, change)
    _open(change)
    parsed = _parse(change.project, data, creating=False)
    scope = parsed.pop("scope_issues", None)
    for name, value in parsed.items():
        setattr(change, name, value)
    change.impact = impact.compute(change.project, change.schedule_changes, now=now)
    with transaction.atomic():
        change.save()
        if scope is not None:
            change.scope_issues.set(scope)
    return change


def _may_edit(actor: User, change: ChangeRequest) -> None:
    policy.require(actor, policy.Action.EDIT_ISSUES, change.project)
    if change.raised_by_id != actor.pk and not policy.can(actor, policy.Action.MANAGE_PROJECT, change.project):
        raise Forbidden(f"Only its author or a manager may change {change.ref}")


def recompute(*, actor: User, change: ChangeRequest, now: dt.datetime) -> ChangeRequest:
    """The impact against today's plan, which may have moved since it was raised."""
    policy.require(actor, policy.Action.EDIT_ISSUES, change.project)
    _open(change)
    change.impact = impact.compute(change.project, change.schedule_changes, now=now)
    change.save(update_fields=["impact"])
    return change


def _note(note: Any) -> str:
    return values.text(note, "note", max_length=5000, required=True)


def approve(*, actor: User, change: ChangeRequest, note: Any, now: dt.datetime) -> ChangeRequest:
    """Puts the change into the plan, then saves a baseline named after it."""
    policy.require(actor, policy.Action.MANAGE_PROJECT, change.project)
    _open(change)
    decision_note = _note(note)
    project = change.project
    with transaction.atomic():
        change.impact = impact.compute(project, change.schedule_changes, now=now)
        added = _apply(actor, change, now)
        change.scope_issues.add(*added)
        name = f"{change.ref}: {change.title}"[:120]
        change.baseline = planning.save_baseline(actor=actor, project=project, name=name, now=now)
        change.state, change.decided_by, change.decided_at, change.decision_note = (
            ChangeState.APPROVED, actor, now, decision_note)
        change.save()
    _published("change_request.decided", change, actor, now)
    return change


def _apply(actor: User, change: ChangeRequest, now: dt.datetime) -> list[Issue]:
    project = change.project
    issues = {i.key: i for i in Issue.objects.filter(project=project).select_related("project")
              if i.key in _named(change.schedule_changes)}
    added = []
    for entry in change.schedule_changes:
        if "issue" in entry:
            planning.update_task(actor=actor, issue=issues[entry["issue"]], now=now,
                                 changes={"duration_minutes": entry["duration_minutes"]})
            continue
        issue = tracker.create_issue(actor=actor, project=project, now=now, fields={
            "title": entry["title"], "description": f"Added by change request {change.ref}."})
        planning.add_to_schedule(actor=actor, issue=issue, duration_minutes=entry["duration_minutes"], now=now)
        for key in entry["after"]:
            planning.add_dependency(actor=actor, project=project, predecessor=issues[key], successor=issue, now=now)
        for key in entry["before"]:
            planning.add_dependency(actor=actor, project=project, predecessor=issue, successor=issues[key], now=now)
        added.append(issue)
    return added


def _named(entries: list[dict[str, Any]]) -> set[str]:
    return {k for e in entries for k in [e.get("issue", ""), *e.get("after", []), *e.get("before", [])] if k}


def reject(*, actor: User, change: ChangeRequest, note: Any, now: dt.datetime) -> ChangeRequest:
    policy.require(actor, policy.Action.MANAGE_PROJECT, change.project)
    _open(change)
    change.decision_note = _note(note)
    change.state, change.decided_by, change.decided_at = ChangeState.REJECTED, actor, now
    change.save()
    _published("change_request.decided", change, actor, now)
    return change


def withdraw(*, actor: User, change: ChangeRequest, now: dt.datetime) -> ChangeRequest:
    policy.require(actor, policy.Action.EDIT_ISSUES, change.project)
    if change.raised_by_id != actor.pk:
        raise Forbidden(f"Only its author may withdraw {change.ref}")
    _open(change)
    change.state, change.decided_at = ChangeState.WITHDRAWN, now
    change.save()
    _published("change_request.decided", change, actor, now)
    return change


def change_by_number(project: Project, number: int) -> ChangeRequest:
    change = (ChangeRequest.objects.filter(project=project, number=number)
              .select_related("project", "raised_by", "decided_by", "baseline").first())
    if change is None:
        raise NotFound(f"No change request CR-{number} in {project.key}")
    return change


def listed(project: Project, *, state: str = "") -> QuerySet[ChangeRequest]:
    changes = ChangeRequest.objects.filter(project=project).select_related("project", "raised_by", "decided_by")
    if state:
        changes = changes.filter(state=fields.choice(state, "state", ChangeState))
    return changes


def latest_baseline(project: Project) -> Baseline | None:
    return Baseline.objects.filter(project=project).order_by("-created_at", "-id").first()


def scope_creep(project: Project) -> QuerySet[Issue]:
    """Issues created after the latest baseline that no approved change request covers;
    none before the project has a baseline."""
    baseline = latest_baseline(project)
    if baseline is None:
        return Issue.objects.none()
    covered = ChangeRequest.scope_issues.through.objects.filter(
        changerequest__project=project, changerequest__state=ChangeState.APPROVED).values("issue_id")
    return (Issue.objects.filter(project=project, created_at__gt=baseline.created_at).exclude(id__in=covered)
            .select_related("project", "status", "reporter").order_by("created_at", "id"))
