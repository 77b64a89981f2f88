"""Use cases on issues: create, edit (with history), bulk edit, watch.

Each write: one transaction, a permission check through the policy, a history row per
changed field, and a domain event published on commit.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F

from cairn.accounts.models import User
from cairn.errors import Invalid
from cairn.events.bus import Event, publish
from cairn.tracker import indexing, planned_dates, versions
from cairn.tracker.fields import Resolver
from cairn.tracker.history import display
from cairn.tracker.models import (
    Change,
    CustomField,
    Issue,
    IssueType,
    Priority,
    Status,
    StatusCategory,
    split_key,
)
from cairn.workspaces import policy
from cairn.workspaces.models import Project

MAX_BULK = 500
def create_issue(
    *, actor: User, project: Project, fields: dict[str, Any], now: datetime
) -> Issue:
    policy.require(actor, policy.Action.EDIT_ISSUES, project)
    resolver = Resolver(project)
    values = _resolve_all(resolver, fields, issue=None)
    if "title" not in values:
        raise Invalid.field("title", "is required")
    labels = values.pop("labels", [])
    custom = values.pop("custom_fields", {})
    _check_required_custom_fields(project, custom)
    _check_dates(values.get("start_date"), values.get("due_date"))
    values.setdefault("type", IssueType.objects.filter(project=project).first())
    values.setdefault("status", Status.objects.filter(project=project).first())
    values.setdefault(
        "priority",
        Priority.objects.filter(project=project, is_default=True).first()
        or Priority.objects.filter(project=project).first(),
    )
    with transaction.atomic():
        # The UPDATE takes the project row's write lock until commit, so two creators
        # can never read the same counter value.
        Project.objects.filter(pk=project.pk).update(issue_counter=F("issue_counter") + 1)
        number = Project.objects.values_list("issue_counter", flat=True).get(pk=project.pk)
        issue = Issue(
            project=project,
            number=number,
            reporter=actor,
            custom_values={k: v for k, v in custom.items() if v is not None},
            created_at=now,
            updated_at=now,
            resolved_at=now if values["status"].category == StatusCategory.DONE else None,
            **values,
        )
        record_progress(issue, now)
        issue.save(force_insert=True)
        if labels:
            issue.labels.set(labels)
        issue.watchers.add(actor)
        if issue.assignee_id and issue.assignee_id != actor.pk:
            issue.watchers.add(issue.assignee_id)
        Change.objects.create(issue=issue, actor=actor, at=now, field="created", new_value=issue.title)
        indexing.index_issue(issue)
        publish(_event("issue.created", issue, actor, now, {}))
    return issue


def update_issue(
    *,
    actor: User,
    issue: Issue,
    fields: dict[str, Any],
    now: datetime,
    expected_version: int | None = None,
) -> Issue:
    """Applies the changes and records one history row per changed field. With
    expected_version, a write based on a stale read is refused (PreconditionFailed)."""
    policy.require(actor, policy.Action.EDIT_ISSUES, issue.project)
    resolver = Resolver(issue.project)
    with transaction.atomic():
        current = Issue.objects.select_for_update().select_related("project").get(pk=issue.pk)
        versions.require_current(current, expected_version)
        planned, undated, edits = _planned_date_edits(resolver, [current], fields)
        changed = _apply(resolver, current, undated if planned else fields, actor, now)
        if changed:
            current.version += 1
            current.updated_at = now
            current.save()
            if {"title", "description"} & set(changed):
                indexing.index_issue(current)
            publish(_event("issue.updated", current, actor, now, {"fields": changed}))
        if edits:
            planned_dates.edit(actor=actor, project=current.project, edits=edits, now=now)
            current.refresh_from_db()
        elif "status" in changed:
            planned_dates.progressed(actor=actor, project=current.project, issue_ids=[current.pk], now=now)
            current.refresh_from_db()
    return current


def bulk_update(
    *, actor: User, project: Project, keys: list[str], fields: dict[str, Any], now: datetime
) -> list[Issue]:
    """All or nothing: one bad value leaves every issue as it was."""
    policy.require(actor, policy.Action.EDIT_ISSUES, project)
    if not keys:
        raise Invalid.field("issues", "select at least one issue")
    if len(keys) > MAX_BULK:
        raise Invalid.field("issues", f"at most {MAX_BULK} issues at a time")
    allowed = {"status", "priority", "assignee", "milestone", "type", "labels", "due_date"}
    unknown = set(fields) - allowed
    if unknown:
        raise Invalid.field(sorted(unknown)[0], "cannot be bulk edited")
    numbers = _numbers(project, keys)
    resolver = Resolver(project)
    updated = []
    with transaction.atomic():
        issues = list(
            Issue.objects.select_for_update().select_related("project").filter(
                project=project, number__in=numbers
            )
        )
        if len(issues) != len(set(numbers)):
            raise Invalid.field("issues", "some of these issues do not exist")
        planned, undated, edits = _planned_date_edits(resolver, issues, fields)
        for issue in issues:
            changed = _apply(resolver, issue, undated if issue.pk in planned else fields, actor, now)
            if changed:
                issue.version += 1
                issue.updated_at = now
                issue.save()
                publish(_event("issue.updated", issue, actor, now, {"fields": changed}))
            updated.append(issue)
        if edits:
            planned_dates.edit(actor=actor, project=project, edits=edits, now=now)
        elif "status" in fields:
            planned_dates.progressed(actor=actor, project=project, issue_ids=[i.pk for i in updated], now=now)
        if edits or "status" in fields:
            for issue in updated:
                issue.refresh_from_db()
    return updated


def set_watching(*, actor: User, issue: Issue, watching: bool) -> None:
    policy.require(actor, policy.Action.VIEW, issue.project)
    if watching:
        issue.watchers.add(actor)
    else:
        issue.watchers.remove(actor)


def _numbers(project: Project, keys: list[str]) -> list[int]:
    numbers = []
    for key in keys:
        parts = split_key(str(key))
        if parts is None or parts[0] != project.key:
            raise Invalid.field("issues", f"{key!r} is not an issue of {project.key}")
        numbers.append(parts[1])
    return numbers


def _planned_date_edits(
    resolver: Resolver, issues: list[Issue], fields: dict[str, Any]
) -> tuple[set[int], dict[str, Any], dict[int, dict[str, Any]]]:
    """Which issues a plan dates, the fields without the dates (for those issues), and
    the dates that each of them would change: edits for the planner, not values to
    write over the schedule's. A date sent unchanged is no edit at all."""
    sent = [name for name in planned_dates.DATE_FIELDS if name in fields]
    planned = planned_dates.planned([issue.pk for issue in issues]) if sent else set()
    if not planned:
        return set(), fields, {}
    dates = {name: resolver.resolve(name, fields[name]) for name in sent}
    edits = {}
    for issue in issues:
        changed = {name: value for name, value in dates.items() if value != getattr(issue, name)}
        if issue.pk in planned and changed:
            edits[issue.pk] = changed
    return planned, {name: value for name, value in fields.items() if name not in sent}, edits


def _resolve_all(resolver: Resolver, fields: dict[str, Any], issue: Issue | None) -> dict[str, Any]:
    return {name: resolver.resolve(name, raw, issue) for name, raw in fields.items()}


def _apply(
    resolver: Resolver, issue: Issue, fields: dict[str, Any], actor: User, now: datetime
) -> list[str]:
    values = _resolve_all(resolver, fields, issue)
    _check_dates(
        values.get("start_date", issue.start_date), values.get("due_date", issue.due_date)
    )
    changes: list[Change] = []
    for name, new in values.items():
        if name == "labels":
            old_labels = sorted(issue.labels.all(), key=lambda label: label.name)
            if {x.pk for x in old_labels} != {x.pk for x in new}:
                issue.labels.set(new)
                changes.append(_change(issue, actor, now, "labels", old_labels, new))
        elif name == "custom_fields":
            changes += _apply_custom(issue, new, actor, now)
        else:
            old = getattr(issue, name)
            if old != new:
                setattr(issue, name, new)
                changes.append(_change(issue, actor, now, name, old, new))
    if "status" in values:
        done = issue.status.category == StatusCategory.DONE
        if done and issue.resolved_at is None:
            issue.resolved_at = now
        elif not done:
            issue.resolved_at = None
        record_progress(issue, now)
    Change.objects.bulk_create(changes)
    return [c.field for c in changes]


def record_progress(issue: Issue, now: datetime) -> None:
    """Actual start and finish follow the status: work starts when it leaves To do (a
    start is unknown when it goes straight to Done), finishes when it reaches Done, and
    moving it back takes back what no longer holds."""
    category = issue.status.category
    if category == StatusCategory.TO_DO:
        issue.actual_start = issue.actual_finish = None
    elif category == StatusCategory.IN_PROGRESS:
        issue.actual_finish = None
        if issue.actual_start is None:
            issue.actual_start = now
    elif issue.actual_finish is None:
        issue.actual_finish = now


def _apply_custom(issue: Issue, values: dict[str, Any], actor: User, now: datetime) -> list[Change]:
    rows = CustomField.objects.filter(pk__in=[int(k) for k in values])
    names = {f.pk: f.name for f in rows}
    for field in rows:
        if field.required and values[str(field.pk)] is None:
            raise Invalid.field(f"custom_fields.{field.name}", "is required")
    changes = []
    merged = dict(issue.custom_values)
    for field_id, new in values.items():
        old = merged.get(field_id)
        if old == new:
            continue
        if new is None:
            merged.pop(field_id, None)
        else:
            merged[field_id] = new
        changes.append(_change(issue, actor, now, names[int(field_id)], old, new))
    issue.custom_values = merged
    return changes


def _change(issue: Issue, actor: User, now: datetime, field: str, old: Any, new: Any) -> Change:
    return Change(
        issue=issue, actor=actor, at=now, field=field, old_value=display(old), new_value=display(new)
    )


def _check_dates(start: Any, due: Any) -> None:
    if start and due and due < start:
        raise Invalid.field("due_date", "must not be before the start date")


def _check_required_custom_fields(project: Project, values: dict[str, Any]) -> None:
    for field in CustomField.objects.filter(project=project, required=True):
        if values.get(str(field.pk)) is None:
            raise Invalid.field(f"custom_fields.{field.name}", "is required")


def _event(name: str, issue: Issue, actor: User, now: datetime, extra: dict[str, Any]) -> Event:
    payload = {"key": issue.key, "version": issue.version, **extra}
    return Event(name, now, actor.pk, issue.project_id, payload)


def set_spent_hours(issue: Issue, hours: Decimal, actor: User, now: datetime) -> Issue:
    """The time logged on an issue, as the costs context sums its time entries: the one
    way that field changes now, with its history row and event like any other edit."""
    with transaction.atomic():
        current = Issue.objects.select_for_update().select_related("project").get(pk=issue.pk)
        if current.spent_hours == hours:
            return current
        change = _change(current, actor, now, "spent_hours", current.spent_hours, hours)
        current.spent_hours = hours
        current.version += 1
        current.updated_at = now
        current.save(update_fields=["spent_hours", "version", "updated_at"])
        change.save()
        publish(_event("issue.updated", current, actor, now, {"fields": ["spent_hours"]}))
    return current
