"""Every write endpoint refuses bad input the same way: a 4xx with
{"message": ..., "errors": {field: ...}} naming the field, never a 500, and nothing
written. One table, one test: a new endpoint is one more row."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from cairn.accounts.models import PersonalAccessToken
from cairn.tracker import comments, services, setup
from cairn.tracker.models import (
    Attachment,
    Change,
    Comment,
    CustomField,
    Issue,
    IssueType,
    Label,
    Milestone,
    Priority,
    Status,
)
from cairn.workspaces.models import Project, ProjectMember

TOO_LONG_TITLE = "x" * 256


def snapshot() -> dict[str, list[Any]]:
    """Every row a write endpoint could touch, so "nothing written" is one comparison."""
    return {
        "issues": list(Issue.objects.order_by("pk").values()),
        "labels_of_issues": list(Issue.labels.through.objects.order_by("pk").values()),
        "watchers": list(Issue.watchers.through.objects.order_by("pk").values()),
        "changes": list(Change.objects.order_by("pk").values()),
        "comments": list(Comment.objects.order_by("pk").values()),
        "mentions": list(Comment.mentions.through.objects.order_by("pk").values()),
        "attachments": list(Attachment.objects.order_by("pk").values()),
        "projects": list(Project.objects.order_by("pk").values()),
        "project_members": list(ProjectMember.objects.order_by("pk").values()),
        "types": list(IssueType.objects.order_by("pk").values()),
        "statuses": list(Status.objects.order_by("pk").values()),
        "priorities": list(Priority.objects.order_by("pk").values()),
        "labels": list(Label.objects.order_by("pk").values()),
        "milestones": list(Milestone.objects.order_by("pk").values()),
        "custom_fields": list(CustomField.objects.order_by("pk").values()),
        # last_used_at is the one column a read may move.
        "tokens": list(PersonalAccessToken.objects.order_by("pk").values("pk", "name", "revoked_at", "token_hash")),
    }


def assert_refused(response: Any, field: str, status: int) -> None:
    """An empty field is a missing thing in the path: a 404 needs no field to name."""
    assert response.status_code == status, response.content
    body = response.json()
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["errors"], dict)
    if not field:
        return
    assert field in body["errors"], body
    assert isinstance(body["errors"][field], str) and body["errors"][field]


@pytest.fixture
def stage(alice, bob, web, sec) -> dict[str, Any]:
    """WEB with a label, a milestone, one custom field of each kind, WEB-1 (starting
    2026-05-10), its sub-task WEB-2, a comment by Alice; and SEC-1 out of sight."""
    now = timezone.now()
    setup.add_label(actor=alice, project=web, name="ui")
    setup.add_milestone(actor=alice, project=web, name="M1")
    setup.add_custom_field(actor=alice, project=web, name="Size", kind="select", options=["S", "M", "L"])
    setup.add_custom_field(actor=alice, project=web, name="Points", kind="number")
    setup.add_custom_field(actor=alice, project=web, name="Deadline", kind="date")
    setup.add_custom_field(actor=alice, project=web, name="Owner", kind="user")
    setup.add_custom_field(actor=alice, project=web, name="Tags", kind="multiselect", options=["x", "y"])
    setup.add_custom_field(actor=alice, project=web, name="Notes", kind="text")
    first = services.create_issue(
        actor=alice, project=web, fields={"title": "First", "start_date": "2026-05-10"}, now=now
    )
    services.create_issue(actor=alice, project=web, fields={"title": "Second", "parent": "WEB-1"}, now=now)
    services.create_issue(actor=alice, project=sec, fields={"title": "Secret"}, now=now)
    comment = comments.add_comment(actor=alice, issue=first, body="Hello", now=now)
    return {"comment": comment.pk}


T = {"title": "A title"}
CASES: dict[str, list[tuple[str, str, Any, str, int]]] = {
    "create an issue": [
        ("POST", "/api/v1/projects/WEB/issues", {}, "title", 422),
        ("POST", "/api/v1/projects/WEB/issues", {"title": ""}, "title", 422),
        ("POST", "/api/v1/projects/WEB/issues", {"title": "   "}, "title", 422),
        ("POST", "/api/v1/projects/WEB/issues", {"title": TOO_LONG_TITLE}, "title", 422),
        ("POST", "/api/v1/projects/WEB/issues", {"title": "nul\x00byte"}, "title", 422),
        ("POST", "/api/v1/projects/WEB/issues", {"title": 42}, "title", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "description": "nul\x00"}, "description", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "estimate_hours": "lots"}, "estimate_hours", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "estimate_hours": -1}, "estimate_hours", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "story_points": 1e6}, "story_points", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "spent_hours": True}, "spent_hours", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "due_date": "2026-13-01"}, "due_date", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "start_date": "tomorrow"}, "start_date", 422),
        ("POST", "/api/v1/projects/WEB/issues",
         {**T, "start_date": "2026-05-10", "due_date": "2026-05-01"}, "due_date", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "status": "Nope"}, "status", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "type": "Nope"}, "type", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "priority": "Nope"}, "priority", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "assignee": "charlie"}, "assignee", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "assignee": "gus"}, "assignee", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "labels": ["nope"]}, "labels", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "labels": "ui"}, "labels", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "milestone": "M9"}, "milestone", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "parent": "WEB-99"}, "parent", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "parent": "SEC-1"}, "parent", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "custom_fields": {"Nope": 1}}, "custom_fields", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "custom_fields": []}, "custom_fields", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "custom_fields": {"Size": "XL"}}, "custom_fields.Size", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "custom_fields": {"Size": ["S"]}}, "custom_fields.Size", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "custom_fields": {"Points": "many"}}, "custom_fields.Points", 422),
        ("POST", "/api/v1/projects/WEB/issues",
         {**T, "custom_fields": {"Deadline": "someday"}}, "custom_fields.Deadline", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "custom_fields": {"Owner": "charlie"}}, "custom_fields.Owner", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "custom_fields": {"Tags": ["x", "z"]}}, "custom_fields.Tags", 422),
        ("POST", "/api/v1/projects/WEB/issues", {**T, "custom_fields": {"Notes": 5}}, "custom_fields.Notes", 422),
        ("POST", "/api/v1/projects/WEB/issues",
         {**T, "custom_fields": {"Notes": "nul\x00"}}, "custom_fields.Notes", 422),
    ],
    "change an issue": [
        ("PATCH", "/api/v1/issues/WEB-1", {"title": ""}, "title", 422),
        ("PATCH", "/api/v1/issues/WEB-1", {"title": None}, "title", 422),
        ("PATCH", "/api/v1/issues/WEB-1", {"title": TOO_LONG_TITLE}, "title", 422),
        ("PATCH", "/api/v1/issues/WEB-1", {"title": "nul\x00"}, "title", 422),
        ("PATCH", "/api/v1/issues/WEB-1", {"status": "Nope"}, "status", 422),
        ("PATCH", "/api/v1/issues/WEB-1", {"status": None}, "status", 422),
        ("PATCH", "/api/v1/issues/WEB-1", {"estimate_hours": "abc"}, "estimate_hours", 422),
        ("PATCH", "/api/v1/issues/WEB-1", {"estimate_hours": "1e999999999"}, "estimate_hours", 422),
        ("PATCH", "/api/v1/issues/WEB-1", {"spent_hours": "1e999999999"}, "spent_hours", 422),
        ("PATCH", "/api/v1/issues/WEB-1", {"story_points": "1e999999999"}, "story_points", 422),
        ("PATCH", "/api/v1/issues/WEB-1", {"custom_fields": {"Points": "-1e999999999"}}, "custom_fields.Points", 422),
        ("PATCH", "/api/v1/issues/WEB-1", {"due_date": "2026-05-01"}, "due_date", 422),
        ("PATCH", "/api/v1/issues/WEB-1", {"due_date": "2026-02-30"}, "due_date", 422),
        ("PATCH", "/api/v1/issues/WEB-1", {"assignee": "charlie"}, "assignee", 422),
        ("PATCH", "/api/v1/issues/WEB-1", {"parent": "WEB-1"}, "parent", 422),
        ("PATCH", "/api/v1/issues/WEB-1", {"parent": "WEB-2"}, "parent", 422),
        ("PATCH", "/api/v1/issues/WEB-1", {"parent": "WEB-99999999999999999999"}, "parent", 422),
        ("PATCH", "/api/v1/issues/WEB-1", {"parent": "WEB-\u00b2"}, "parent", 422),
        ("PATCH", "/api/v1/issues/WEB-1", {"labels": ["ui", "nope"]}, "labels", 422),
        ("PATCH", "/api/v1/issues/WEB-1", {"custom_fields": {"Size": "XL"}}, "custom_fields.Size", 422),
        ("PATCH", "/api/v1/issues/WEB-1", {"title": "Fine", "milestone": "M9"}, "milestone", 422),
    ],
    "bulk edit": [
        ("POST", "/api/v1/projects/WEB/issues/bulk", {"issues": [], "set": {"status": "Done"}}, "issues", 422),
        ("POST", "/api/v1/projects/WEB/issues/bulk", {"set": {"status": "Done"}}, "issues", 422),
        ("POST", "/api/v1/projects/WEB/issues/bulk", {"issues": "WEB-1", "set": {"status": "Done"}}, "issues", 422),
        ("POST", "/api/v1/projects/WEB/issues/bulk",
         {"issues": ["WEB-1", "WEB-99"], "set": {"status": "Done"}}, "issues", 422),
        ("POST", "/api/v1/projects/WEB/issues/bulk", {"issues": ["SEC-1"], "set": {"status": "Done"}}, "issues", 422),
        ("POST", "/api/v1/projects/WEB/issues/bulk", {"issues": ["WEB-1"], "set": {"title": "x"}}, "title", 422),
        ("POST", "/api/v1/projects/WEB/issues/bulk", {"issues": ["WEB-1"]}, "set", 422),
        ("POST", "/api/v1/projects/WEB/issues/bulk",
         {"issues": ["WEB-1", "WEB-2"], "set": {"status": "Nope"}}, "status", 422),
        ("POST", "/api/v1/projects/WEB/issues/bulk",
         {"issues": ["WEB-2", "WEB-1"], "set": {"due_date": "2026-05-01"}}, "due_date", 422),
        ("POST", "/api/v1/projects/WEB/issues/bulk",
         {"issues": ["WEB-99999999999999999999"], "set": {"status": "Done"}}, "issues", 422),
        ("POST", "/api/v1/projects/WEB/issues/bulk", {"issues": ["WEB-\u00b2"], "set": {"status": "Done"}}, "issues", 422),
    ],
    "comments": [
        ("POST", "/api/v1/issues/WEB-1/comments", {}, "body", 422),
        ("POST", "/api/v1/issues/WEB-1/comments", {"body": ""}, "body", 422),
        ("POST", "/api/v1/issues/WEB-1/comments", {"body": "  \n "}, "body", 422),
        ("POST", "/api/v1/issues/WEB-1/comments", {"body": 7}, "body", 422),
        ("POST", "/api/v1/issues/WEB-1/comments", {"body": "nul\x00"}, "body", 422),
        ("POST", "/api/v1/issues/WEB-1/comments", {"body": "x" * 50_001}, "body", 422),
        ("PATCH", "/api/v1/issues/WEB-1/comments/{comment}", {"body": ""}, "body", 422),
        ("PATCH", "/api/v1/issues/WEB-1/comments/{comment}", {"body": "nul\x00"}, "body", 422),
        ("PATCH", "/api/v1/issues/WEB-1/comments/99999999999999999999999", {"body": "Hi"}, "", 404),
    ],
    "projects": [
        ("POST", "/api/v1/projects", {"name": "New"}, "key", 422),
        ("POST", "/api/v1/projects", {"key": "n", "name": "New"}, "key", 422),
        ("POST", "/api/v1/projects", {"key": "1AB", "name": "New"}, "key", 422),
        ("POST", "/api/v1/projects", {"key": "ABCDEFGHIJK", "name": "New"}, "key", 422),
        ("POST", "/api/v1/projects", {"key": "WEB", "name": "Again"}, "key", 422),
        ("POST", "/api/v1/projects", {"key": "NEW\x00", "name": "New"}, "key", 422),
        ("POST", "/api/v1/projects", {"key": "NEW"}, "name", 422),
        ("POST", "/api/v1/projects", {"key": "NEW", "name": " "}, "name", 422),
        ("POST", "/api/v1/projects", {"key": "NEW", "name": "x" * 201}, "name", 422),
        ("POST", "/api/v1/projects", {"key": "NEW", "name": "nul\x00"}, "name", 422),
        ("POST", "/api/v1/projects", {"key": "NEW", "name": "New", "description": "nul\x00"}, "description", 422),
        ("POST", "/api/v1/projects", {"key": "NEW", "name": "New", "visibility": "public"}, "visibility", 422),
        ("POST", "/api/v1/projects", {"key": "NEW", "name": "New", "workspace": "elsewhere"}, "workspace", 422),
        ("PATCH", "/api/v1/projects/WEB", {"name": ""}, "name", 422),
        ("PATCH", "/api/v1/projects/WEB", {"name": 5}, "name", 422),
        ("PATCH", "/api/v1/projects/WEB", {"name": "x" * 201}, "name", 422),
        ("PATCH", "/api/v1/projects/WEB", {"name": "nul\x00"}, "name", 422),
        ("PATCH", "/api/v1/projects/WEB", {"description": "nul\x00"}, "description", 422),
        ("PATCH", "/api/v1/projects/WEB", {"visibility": "public"}, "visibility", 422),
        ("PATCH", "/api/v1/projects/WEB", {"visibility": ""}, "visibility", 422),
    ],
    "members": [
        ("PUT", "/api/v1/projects/WEB/members/bob", {}, "role", 422),
        ("PUT", "/api/v1/projects/WEB/members/bob", {"role": "owner"}, "role", 422),
        ("PUT", "/api/v1/projects/WEB/members/charlie", {"role": "member"}, "user", 422),
        ("PUT", "/api/v1/projects/WEB/members/nobody", {"role": "member"}, "user", 422),
        ("DELETE", "/api/v1/projects/WEB/members/nobody", None, "user", 404),
        ("DELETE", "/api/v1/projects/WEB/members/bob", None, "user", 404),
        ("DELETE", "/api/v1/projects/WEB/members/alice", None, "user", 409),
    ],
    "project settings": [
        ("POST", "/api/v1/projects/WEB/types", {}, "name", 422),
        ("POST", "/api/v1/projects/WEB/types", {"name": ""}, "name", 422),
        ("POST", "/api/v1/projects/WEB/types", {"name": "x" * 61}, "name", 422),
        ("POST", "/api/v1/projects/WEB/types", {"name": "bug"}, "name", 422),
        ("POST", "/api/v1/projects/WEB/types", {"name": "nul\x00"}, "name", 422),
        ("POST", "/api/v1/projects/WEB/types", {"name": "Spike", "color": "red"}, "color", 422),
        ("POST", "/api/v1/projects/WEB/statuses", {"name": "Later"}, "category", 422),
        ("POST", "/api/v1/projects/WEB/statuses", {"name": "Later", "category": "someday"}, "category", 422),
        ("POST", "/api/v1/projects/WEB/statuses", {"name": "done", "category": "done"}, "name", 422),
        ("POST", "/api/v1/projects/WEB/priorities", {"name": "High"}, "name", 422),
        ("POST", "/api/v1/projects/WEB/priorities", {"name": "Urgent", "color": "#12345"}, "color", 422),
        ("POST", "/api/v1/projects/WEB/labels", {"name": "UI"}, "name", 422),
        ("POST", "/api/v1/projects/WEB/labels", {"name": "api", "color": "blue"}, "color", 422),
        ("POST", "/api/v1/projects/WEB/labels", {"name": ["api"]}, "name", 422),
        ("POST", "/api/v1/projects/WEB/milestones", {"name": ""}, "name", 422),
        ("POST", "/api/v1/projects/WEB/milestones", {"name": "M2", "due_date": "31/12/2026"}, "due_date", 422),
        ("POST", "/api/v1/projects/WEB/milestones", {"name": "M2", "description": "nul\x00"}, "description", 422),
        ("POST", "/api/v1/projects/WEB/custom-fields", {"name": "F"}, "kind", 422),
        ("POST", "/api/v1/projects/WEB/custom-fields", {"name": "F", "kind": "colour"}, "kind", 422),
        ("POST", "/api/v1/projects/WEB/custom-fields", {"name": "F", "kind": "select"}, "options", 422),
        ("POST", "/api/v1/projects/WEB/custom-fields", {"name": "F", "kind": "select", "options": [" "]}, "options", 422),
        ("POST", "/api/v1/projects/WEB/custom-fields",
         {"name": "F", "kind": "select", "options": ["a\x00"]}, "options", 422),
        ("POST", "/api/v1/projects/WEB/custom-fields", {"name": "size", "kind": "text"}, "name", 422),
        ("POST", "/api/v1/projects/WEB/custom-fields", {"name": "F", "kind": "text", "required": "maybe"}, "required", 422),
    ],
    "tokens": [
        ("POST", "/api/v1/me/tokens", {}, "name", 422),
        ("POST", "/api/v1/me/tokens", {"name": " "}, "name", 422),
        ("POST", "/api/v1/me/tokens", {"name": "x" * 101}, "name", 422),
        ("POST", "/api/v1/me/tokens", {"name": "nul\x00"}, "name", 422),
    ],
}


@pytest.mark.parametrize("endpoint", list(CASES))
def test_it_refuses_bad_input_naming_the_field_and_writes_nothing(api_as, alice, stage, subtests, endpoint):
    api = api_as(alice)
    before = snapshot()
    for method, path, payload, field, status in CASES[endpoint]:
        with subtests.test(f"{method} {path} {field} {str(payload)[:60]}"), transaction.atomic():
            # Each case runs in a savepoint rolled back after it, so one stage serves all.
            response = getattr(api, method.lower())(path.format(**stage), json=payload)
            assert_refused(response, field, status)
            assert snapshot() == before
            transaction.set_rollback(True)


@pytest.mark.parametrize(
    "body",
    ['{"title": ', "[1, 2]", '"a title"', "null"],
    ids=["truncated", "array", "string", "null"],
)
def test_it_refuses_a_body_that_is_not_a_json_object(api_as, alice, stage, body):
    api = api_as(alice)
    before = snapshot()
    response = api.client.post(
        "/api/v1/projects/WEB/issues", data=body, content_type="application/json", headers=api.headers
    )
    assert 400 <= response.status_code < 500, response.content
    assert isinstance(response.json()["message"], str)
    assert snapshot() == before


def _upload(api: Any, files: dict[str, Any]) -> Any:
    return api.client.post("/api/v1/issues/WEB-1/attachments", data=files, headers=api.headers)


def test_it_refuses_an_attachment_without_a_file(api_as, alice, stage, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    api = api_as(alice)
    before = snapshot()
    assert_refused(_upload(api, {}), "file", 422)
    assert snapshot() == before
    assert list(tmp_path.rglob("*")) == []


def test_it_refuses_an_empty_attachment(api_as, alice, stage, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    api = api_as(alice)
    before = snapshot()
    assert_refused(_upload(api, {"file": SimpleUploadedFile("empty.txt", b"")}), "file", 422)
    assert snapshot() == before
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_it_refuses_an_attachment_over_the_size_limit(api_as, alice, stage, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    api = api_as(alice)
    before = snapshot()
    with override_settings(MEDIA_ROOT=tmp_path, ATTACHMENT_MAX_BYTES=1024):
        at_limit = _upload(api, {"file": SimpleUploadedFile("ok.bin", b"a" * 1024)})
        assert at_limit.status_code == 201, at_limit.content
        after_one = snapshot()
        over = _upload(api, {"file": SimpleUploadedFile("big.bin", b"a" * 1025)})
    assert_refused(over, "file", 422)
    assert "limit" in over.json()["errors"]["file"]
    assert snapshot() == after_one
    assert len(after_one["attachments"]) == len(before["attachments"]) + 1
    assert len([p for p in tmp_path.rglob("*") if p.is_file()]) == 1


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/issues/WEB-1%00",
        "/api/v1/projects/WE%00B",
        "/api/v1/projects/WEB/issues?text=a%00b",
        "/api/v1/projects/WEB/issues?status=a%00b",
        "/api/v1/projects/WEB/issues?assignee=a%00b",
        "/api/v1/projects/WEB/issues?label=a%00b&type=b%00&milestone=c%00&priority=d%00",
        "/api/v1/projects/WEB/issues?parent=WEB-1%00",
        "/api/v1/projects/WEB/issues?limit=many",
        "/api/v1/projects/WEB/issues?limit=0",
        "/api/v1/projects/WEB/issues?cursor=not-a-cursor",
        "/api/v1/projects/WEB/issues?sort=colour",
        "/api/v1/projects/WEB/issues?due_before=soon",
        "/api/v1/issues/WEB-1/comments?limit=1000",
        "/api/v1/issues/WEB-99999999999999999999",
        "/api/v1/issues/WEB-1/attachments/99999999999999999999999/content",
        "/api/v1/projects/WEB/issues?text=WEB-99999999999999999999",
        "/api/v1/projects/WEB/issues?parent=WEB-99999999999999999999",
        "/api/v1/projects/WEB/issues?cursor=bzo5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQ",
        "/api/v1/projects/WEB/issues?limit=99999999999999999999999",
        "/api/v1/issues/WEB-%C2%B2",
        "/api/v1/projects/WEB/issues?text=WEB-%C2%B2",
        "/api/v1/projects/WEB/issues?parent=WEB-%C2%B2",
    ],
)
def test_reads_with_odd_parameters_never_fail_with_a_server_error(api_as, alice, stage, path):
    response = api_as(alice).get(path)
    assert response.status_code in (200, 404, 422), response.content
    if response.status_code != 200:
        assert isinstance(response.json()["message"], str)


def test_a_refused_patch_leaves_the_issue_at_its_version(api_as, alice, stage):
    api = api_as(alice)
    etag = api.get("/api/v1/issues/WEB-1")["ETag"]
    response = api.patch("/api/v1/issues/WEB-1", {"title": "New", "status": "Nope"}, headers={"If-Match": etag})
    assert_refused(response, "status", 422)
    assert api.get("/api/v1/issues/WEB-1")["ETag"] == etag
    assert Issue.objects.get(number=1, project__key="WEB").title == "First"


def test_dates_are_checked_against_each_other_across_a_patch(api_as, alice, stage):
    api = api_as(alice)
    assert api.patch("/api/v1/issues/WEB-1", {"due_date": "2026-05-10"}).status_code == 200
    response = api.patch("/api/v1/issues/WEB-1", {"start_date": "2026-05-11"})
    assert_refused(response, "due_date", 422)
    assert Issue.objects.get(project__key="WEB", number=1).start_date == dt.date(2026, 5, 10)
