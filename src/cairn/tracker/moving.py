"""Moving an issue (with its sub-tasks) to another project. It gets the next key there;
the old key keeps leading to it. Fields the new project knows are kept by name, the rest
fall back to its defaults, and every change is written into the history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import F

from cairn.accounts.models import User
from cairn.errors import Invalid
from cairn.events.bus import Event, publish
from cairn.tracker import indexing
from cairn.tracker.models import (
    AuditEntry,
    Change,
    CustomField,
    FormerKey,
    Issue,
    IssueType,
    Label,
    Milestone,
    Priority,
    Status,
)
from cairn.tracker.signals import issue_leaving_project
from cairn.workspaces import policy
from cairn.workspaces.models import Project
from cairn.workspaces.services import assignable_users

MAX_SUBTREE = 500


def move_issue(*, actor: User, issue: Issue, to: Project, now: datetime) -> Issue:
    source = issue.project
    policy.require(actor, policy.Action.EDIT_ISSUES, source)
    policy.require(actor, policy.Action.EDIT_ISSUES, to)
    if to.pk == source.pk:
        raise Invalid.field("project", f"{issue.key} is already in {to.key}")
    if to.archived:
        raise Invalid.field("project", f"{to.key} is archived")
    with transaction.atomic():
        subtree = _subtree(issue)
        mapping = _Mapping(to)
        moved = [_move_one(actor, item, to, mapping, now, keep_parent=item.pk != issue.pk) for item in subtree]
        AuditEntry.objects.create(
            project=source, actor=actor, at=now, action="issue.moved",
            subject=f"{moved[0][0]} → {moved[0][1].key} {issue.title}"[:300],
            details={"moved": {old: new.key for old, new in moved}})
        for old_key, item in moved:
            publish(Event("issue.moved", now, actor.pk, source.pk, {"key": old_key, "new_key": item.key}))
            publish(Event("issue.created", now, actor.pk, to.pk, {"key": item.key, "version": item.version}))
    return moved[0][1]


def _subtree(issue: Issue) -> list[Issue]:
    found, frontier = [issue], [issue.pk]
    while frontier:
        children = list(Issue.objects.filter(parent_id__in=frontier).select_related("project"))
        found += children
        if len(found) > MAX_SUBTREE:
            raise Invalid.field("issue", f"{issue.key} has more than {MAX_SUBTREE} sub-tasks to move at once")
        frontier = [c.pk for c in children]
    return found


class _Mapping:
    """The target project's settings, looked up once for the whole subtree."""

    def __init__(self, project: Project) -> None:
        self.types = {t.name.lower(): t for t in IssueType.objects.filter(project=project)}
        self.statuses = list(Status.objects.filter(project=project))
        self.priorities = {p.name.lower(): p for p in Priority.objects.filter(project=project)}
        self.default_priority = next((p for p in self.priorities.values() if p.is_default), None)
        self.milestones = {m.name.lower(): m for m in Milestone.objects.filter(project=project)}
        self.labels = {label.name.lower(): label for label in Label.objects.filter(project=project)}
        self.fields = {(f.name.lower(), f.kind): f for f in CustomField.objects.filter(project=project)}
        self.people = {u.pk for u in assignable_users(project)}

    def status(self, old: Status) -> Status:
        same_name = [s for s in self.statuses if s.name.lower() == old.name.lower()]
        same_kind = [s for s in self.statuses if s.category == old.category]
        return (same_name or same_kind or self.statuses)[0]

    def type(self, old: IssueType) -> IssueType:
        return self.types.get(old.name.lower()) or next(iter(self.types.values()))

    def priority(self, old: Priority) -> Priority:
        return self.priorities.get(old.name.lower()) or self.default_priority or next(iter(self.priorities.values()))


def _move_one(actor: User, issue: Issue, to: Project, mapping: _Mapping, now: datetime,
              *, keep_parent: bool) -> tuple[str, Issue]:
    issue_leaving_project.send(sender=Issue, issue=issue, actor=actor, now=now)
    old_key = issue.key
    before = {"type": issue.type.name, "status": issue.status.name, "priority": issue.priority.name,
              "milestone": issue.milestone.name if issue.milestone else "",
              "assignee": issue.assignee.username if issue.assignee else "",
              "parent": issue.parent.key if issue.parent else ""}
    Project.objects.filter(pk=to.pk).update(issue_counter=F("issue_counter") + 1)
    issue.number = Project.objects.values_list("issue_counter", flat=True).get(pk=to.pk)
    issue.project = to
    issue.type, issue.status = mapping.type(issue.type), mapping.status(issue.status)
    issue.priority = mapping.priority(issue.priority)
    issue.milestone = mapping.milestones.get(issue.milestone.name.lower()) if issue.milestone else None
    if issue.assignee_id not in mapping.people:
        issue.assignee = None
    if not keep_parent:
        issue.parent = None
    issue.custom_values = _custom_values(issue, mapping)
    issue.version += 1
    issue.updated_at = now
    issue.save()
    issue.labels.set([mapping.labels[label.name.lower()] for label in issue.labels.all()
                      if label.name.lower() in mapping.labels])
    FormerKey.objects.update_or_create(key=old_key, defaults={"issue": issue})
    _history(actor, issue, old_key, before, now)
    indexing.index_issue(issue)
    return old_key, issue


def _custom_values(issue: Issue, mapping: _Mapping) -> dict[str, Any]:
    """Values of fields the new project has under the same name and kind; others are
    left behind (the history of the old project keeps them)."""
    old_fields = {str(f.pk): f for f in CustomField.objects.filter(pk__in=[int(k) for k in issue.custom_values])}
    kept = {}
    for field_id, value in issue.custom_values.items():
        old = old_fields.get(field_id)
        new = old and mapping.fields.get((old.name.lower(), old.kind))
        if new is not None:
            kept[str(new.pk)] = value
    return kept


def _history(actor: User, issue: Issue, old_key: str, before: dict[str, str], now: datetime) -> None:
    after = {"type": issue.type.name, "status": issue.status.name, "priority": issue.priority.name,
             "milestone": issue.milestone.name if issue.milestone else "",
             "assignee": issue.assignee.username if issue.assignee else "",
             "parent": issue.parent.key if issue.parent else ""}
    rows = [Change(issue=issue, actor=actor, at=now, field="project", old_value=old_key, new_value=issue.key)]
    rows += [Change(issue=issue, actor=actor, at=now, field=name, old_value=before[name], new_value=after[name])
             # A sub-task moving with its parent keeps it; only a parent left behind is news.
             for name in before if before[name] != after[name] and (name != "parent" or not after[name])]
    Change.objects.bulk_create(rows)
