"""The issue page: the author edits a comment in place; a member removes an attachment."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from cairn.tracker import attachments, comments
from cairn.tracker.models import Attachment, Change, Comment

HOST = {"HTTP_HOST": "127.0.0.1", "HTTP_HX_REQUEST": "true"}


def test_alice_edits_her_comment_and_bob_may_not(alice: Any, bob: Any, issue: Any) -> None:
    comment = comments.add_comment(actor=alice, issue=issue, body="Frist draft", now=timezone.now())
    url = f"/issues/{issue.key}/comments/{comment.pk}"
    client = Client()
    client.force_login(alice)
    assert b"Frist draft" in client.get(url, **HOST).content
    saved = client.post(url, {"body": "First **draft**"}, **HOST)
    assert saved.status_code == 200 and b"<strong>draft</strong>" in saved.content and b"edited" in saved.content
    empty = client.post(url, {"body": "  "}, **HOST)
    assert empty.status_code == 422
    assert Comment.objects.get(pk=comment.pk).body == "First **draft**"
    client.force_login(bob)
    assert client.get(url, **HOST).status_code == 403
    assert client.post(url, {"body": "Hijacked"}, **HOST).status_code == 403
    assert Comment.objects.get(pk=comment.pk).body == "First **draft**"


def test_bob_removes_an_attachment_and_the_history_says_so(alice: Any, bob: Any, gus: Any, issue: Any, settings: Any,
                                                            tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("notes.txt", b"hello", content_type="text/plain")
    attachment = attachments.add_attachment(actor=alice, issue=issue, upload=upload, now=timezone.now())
    url = f"/issues/{issue.key}/attachments/{attachment.pk}/delete"
    client = Client()
    client.force_login(gus)
    assert client.post(url, **HOST).status_code == 403
    client.force_login(bob)
    response = client.post(url, **HOST)
    assert response.status_code == 200 and b"No attachments." in response.content
    assert not Attachment.objects.exists()
    assert Change.objects.filter(issue=issue, field="attachment", old_value="notes.txt").exists()


def test_an_estimate_too_large_to_hold_is_refused_in_place(alice: Any, issue: Any) -> None:
    client = Client()
    client.force_login(alice)
    edit = client.post(f"/issues/{issue.key}/fields/estimate_hours", {"estimate_hours": "1e999999999",
                                                                      "version": issue.version}, **HOST)
    assert edit.status_code == 422 and b"must be at most 999999" in edit.content
    issue.refresh_from_db()
    assert issue.estimate_hours is None
