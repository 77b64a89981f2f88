"""What the API says about issues and what it accepts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Schema
from pydantic import Field

from cairn.inputs import Input
from cairn.tracker.models import Attachment, Change, Comment, CustomField, Issue


class IssueOut(Schema):
    key: str
    project: str
    number: int
    title: str
    description: str
    type: str
    status: str
    status_category: str
    priority: str
    assignee: str | None
    reporter: str | None
    start_date: dt.date | None
    due_date: dt.date | None
    estimate_hours: float | None
    spent_hours: float
    story_points: float | None
    labels: list[str]
    milestone: str | None
    parent: str | None
    custom_fields: dict[str, str | float | list[str] | None] = Field(
        description="Field name to value: text, a number, a date, an option, options or a username")
    created_at: dt.datetime
    updated_at: dt.datetime
    resolved_at: dt.datetime | None
    actual_start: dt.datetime | None
    actual_finish: dt.datetime | None
    version: int
    url: str


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def issue_out(issue: Issue, field_names: dict[str, str] | None = None) -> IssueOut:
    if field_names is None:
        field_names = custom_field_names(issue.project_id)
    return IssueOut(
        key=issue.key,
        project=issue.project.key,
        number=issue.number,
        title=issue.title,
        description=issue.description,
        type=issue.type.name,
        status=issue.status.name,
        status_category=issue.status.category,
        priority=issue.priority.name,
        assignee=issue.assignee.username if issue.assignee else None,
        reporter=issue.reporter.username if issue.reporter else None,
        start_date=issue.start_date,
        due_date=issue.due_date,
        estimate_hours=_float(issue.estimate_hours),
        spent_hours=float(issue.spent_hours),
        story_points=_float(issue.story_points),
        labels=[label.name for label in issue.labels.all()],
        milestone=issue.milestone.name if issue.milestone else None,
        parent=issue.parent.key if issue.parent else None,
        custom_fields={
            field_names[k]: v for k, v in issue.custom_values.items() if k in field_names
        },
        created_at=issue.created_at,
        updated_at=issue.updated_at,
        resolved_at=issue.resolved_at,
        actual_start=issue.actual_start,
        actual_finish=issue.actual_finish,
        version=issue.version,
        url=f"/issues/{issue.key}/",
    )


def custom_field_names(project_id: int) -> dict[str, str]:
    return {
        str(pk): name
        for pk, name in CustomField.objects.filter(project_id=project_id).order_by().values_list("pk", "name")
    }


class IssuePatch(Input):
    """Only the fields sent are changed; null clears a field."""

    title: str | None = None
    description: str | None = None
    type: str | None = None
    status: str | None = None
    priority: str | None = None
    assignee: str | None = None
    start_date: dt.date | None = None
    due_date: dt.date | None = None
    estimate_hours: Decimal | None = None
    spent_hours: Decimal | None = None
    story_points: Decimal | None = None
    labels: list[str] | None = None
    milestone: str | None = None
    parent: str | None = None
    custom_fields: dict[str, Any] | None = None


class IssueIn(IssuePatch):
    title: str = Field(max_length=255)  # type: ignore[assignment]


class BulkIn(Input):
    issues: list[str]
    set: dict[str, Any]


class IssuePage(Schema):
    items: list[IssueOut]
    total: int
    next_cursor: str | None


class CommentIn(Input):
    body: str


class CommentOut(Schema):
    id: int
    author: str | None
    body: str
    body_html: str
    mentions: list[str]
    created_at: dt.datetime
    edited_at: dt.datetime | None


def comment_out(comment: Comment) -> CommentOut:
    return CommentOut(
        id=comment.pk,
        author=comment.author.username if comment.author else None,
        body=comment.body,
        body_html=comment.body_html,
        mentions=[u.username for u in comment.mentions.all()],
        created_at=comment.created_at,
        edited_at=comment.edited_at,
    )


class CommentPage(Schema):
    items: list[CommentOut]
    total: int
    next_cursor: str | None


class AttachmentOut(Schema):
    id: int
    filename: str
    content_type: str
    size: int
    uploaded_by: str | None
    created_at: dt.datetime
    url: str


def attachment_out(attachment: Attachment, issue_key: str) -> AttachmentOut:
    return AttachmentOut(
        id=attachment.pk,
        filename=attachment.filename,
        content_type=attachment.content_type,
        size=attachment.size,
        uploaded_by=attachment.uploaded_by.username if attachment.uploaded_by else None,
        created_at=attachment.created_at,
        url=f"/api/v1/issues/{issue_key}/attachments/{attachment.pk}/content",
    )


class AttachmentPage(Schema):
    items: list[AttachmentOut]
    total: int
    next_cursor: str | None


class ChangeOut(Schema):
    at: dt.datetime
    actor: str | None
    field: str
    old_value: str
    new_value: str
    via: str | None = Field(description='"schedule" when a reschedule that the actor caused made the change')


def change_out(change: Change) -> ChangeOut:
    return ChangeOut(
        at=change.at,
        actor=change.actor.username if change.actor else None,
        field=change.field,
        old_value=change.old_value,
        new_value=change.new_value,
        via=change.via or None,
    )


class ChangePage(Schema):
    items: list[ChangeOut]
    total: int
    next_cursor: str | None
