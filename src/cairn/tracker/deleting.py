"""Deleting an issue: for the project's managers, never silent. What the issue was stays
in the project's audit log (who deleted it, when, and a copy of its fields, comments
and history); its attachments' files go once the deletion is committed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction

from cairn.accounts.models import User
from cairn.errors import Conflict
from cairn.events.bus import Event, publish
from cairn.search import index
from cairn.tracker import indexing
from cairn.tracker.models import AuditEntry, Issue
from cairn.tracker.signals import issue_leaving_project
from cairn.workspaces import policy


def delete_issue(*, actor: User, issue: Issue, now: datetime) -> AuditEntry:
    policy.require(actor, policy.Action.MANAGE_PROJECT, issue.project)
    children = issue.children.count()
    if children:
        raise Conflict(f"{issue.key} has {children} sub-task{'s' if children > 1 else ''}: "
                       "delete or move them first", fields={"issue": "has sub-tasks"})
    key = issue.key
    with transaction.atomic():
        issue_leaving_project.send(sender=Issue, issue=issue, actor=actor, now=now)
        entry = AuditEntry.objects.create(project=issue.project, actor=actor, at=now, action="issue.deleted",
                                          subject=f"{key} {issue.title}"[:300], details=_copy_of(issue))
        files = [a.file for a in issue.attachments.all()]
        index.remove(indexing.KIND, issue.pk)
        issue.delete()
        transaction.on_commit(lambda: _remove_files(files))
        publish(Event("issue.deleted", now, actor.pk, issue.project_id, {"key": key}))
    return entry


def _remove_files(files: list[Any]) -> None:
    for stored in files:
        stored.delete(save=False)


def _copy_of(issue: Issue) -> dict[str, Any]:
    return {
        "key": issue.key, "title": issue.title, "description": issue.description,
        "type": issue.type.name, "status": issue.status.name, "priority": issue.priority.name,
        "assignee": issue.assignee.username if issue.assignee else None,
        "reporter": issue.reporter.username if issue.reporter else None,
        "created_at": issue.created_at.isoformat(),
        "comments": [{"author": c.author.username if c.author else None, "at": c.created_at.isoformat(),
                      "body": c.body} for c in issue.comments.select_related("author")],
        "history": [{"actor": c.actor.username if c.actor else None, "at": c.at.isoformat(), "field": c.field,
                     "old": c.old_value, "new": c.new_value} for c in issue.changes.select_related("actor")],
        "attachments": [a.filename for a in issue.attachments.all()],
    }
