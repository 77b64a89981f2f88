"""Use cases on files attached to issues. Files live under the data directory with
random names and are only ever served through a permission check."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from cairn.accounts.models import User
from cairn.errors import Invalid, NotFound
from cairn.events.bus import Event, publish
from cairn.tracker.models import Attachment, Change, Issue
from cairn.workspaces import policy


def add_attachment(*, actor: User, issue: Issue, upload: UploadedFile[Any] | None, now: datetime) -> Attachment:
    policy.require(actor, policy.Action.EDIT_ISSUES, issue.project)
    if upload is None:
        raise Invalid.field("file", "is required")
    size = upload.size or 0
    if size == 0:
        raise Invalid.field("file", "is empty")
    if size > settings.ATTACHMENT_MAX_BYTES:
        limit = settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)
        raise Invalid.field("file", f"is larger than the {limit} MB limit")
    filename = (upload.name or "file").replace("/", "_").replace("\\", "_")[-255:]
    with transaction.atomic():
        attachment = Attachment(
            issue=issue,
            uploaded_by=actor,
            token=secrets.token_hex(16),
            filename=filename,
            content_type=(upload.content_type or "application/octet-stream")[:120],
            size=size,
            created_at=now,
        )
        attachment.file.save(attachment.token, upload, save=False)
        # If the row fails to save, do not leave an orphan file behind.
        try:
            attachment.save()
        except Exception:
            attachment.file.delete(save=False)
            raise
        Change.objects.create(issue=issue, actor=actor, at=now, field="attachment", new_value=filename)
        publish(Event("attachment.added", now, actor.pk, issue.project_id, {"key": issue.key, "filename": filename}))
    return attachment


def get_attachment(*, actor: User, issue: Issue, attachment_id: int) -> Attachment:
    policy.require(actor, policy.Action.VIEW, issue.project)
    attachment = issue.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise NotFound(f"No attachment {attachment_id} on {issue.key}")
    return attachment


def delete_attachment(*, actor: User, issue: Issue, attachment_id: int, now: datetime) -> None:
    policy.require(actor, policy.Action.EDIT_ISSUES, issue.project)
    attachment = get_attachment(actor=actor, issue=issue, attachment_id=attachment_id)
    with transaction.atomic():
        attachment.delete()
        Change.objects.create(
            issue=issue, actor=actor, at=now, field="attachment", old_value=attachment.filename
        )
        transaction.on_commit(lambda: attachment.file.delete(save=False))
