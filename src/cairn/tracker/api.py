"""API for issues, their comments, attachments and history: parse, call a service, serialise."""

from __future__ import annotations

import datetime as dt

from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from cairn.tracker import attachments, comments, deleting, queries, services, versions
from cairn.tracker.schemas import (
    AttachmentOut,
    AttachmentPage,
    BulkIn,
    ChangePage,
    CommentIn,
    CommentOut,
    CommentPage,
    IssueIn,
    IssueOut,
    IssuePage,
    IssuePatch,
    attachment_out,
    change_out,
    comment_out,
    custom_field_names,
    issue_out,
)
from cairn.workspaces import policy

router = Router(tags=["issues"])


class IssueQuery(Schema):
    status: list[str] = []
    assignee: list[str] = []
    type: list[str] = []
    priority: list[str] = []
    label: list[str] = []
    milestone: list[str] = []
    text: str = ""
    due_before: dt.date | None = None
    due_after: dt.date | None = None
    updated_after: dt.datetime | None = None
    parent: str | None = None
    overdue: bool = Field(False, description="only open issues due before today")
    sort: str = "-updated"
    cursor: str | None = None
    limit: int = 50


@router.get("/projects/{key}/issues", response=IssuePage, summary="List a project's issues")
def list_issues(request: HttpRequest, key: str, q: Query[IssueQuery]) -> dict[str, object]:
    project = policy.access_project_by_key(request.user, key)
    flt = queries.IssueFilter(
        **{k: v for k, v in q.dict().items() if k not in ("cursor", "limit")}
    )
    page = queries.paginate(
        queries.filter_issues(request.user, project, flt), cursor=q.cursor, limit=q.limit
    )
    names = custom_field_names(project.pk)
    return {
        "items": [issue_out(i, names) for i in page.items],
        "total": page.total,
        "next_cursor": page.next_cursor,
    }


@router.post("/projects/{key}/issues", response={201: IssueOut}, summary="Create an issue")
def create_issue(request: HttpRequest, response: HttpResponse, key: str, payload: IssueIn):
    project = policy.access_project_by_key(request.user, key)
    fields = payload.model_dump(exclude_unset=True)
    issue = services.create_issue(
        actor=request.user, project=project, fields=fields, now=timezone.now()
    )
    issue = queries.issue_by_key(request.user, issue.key)
    versions.with_etag(response, issue)
    response["Location"] = f"/api/v1/issues/{issue.key}"
    return Status(201, issue_out(issue))


@router.post("/projects/{key}/issues/bulk", response=list[IssueOut], summary="Edit many issues at once")
def bulk_edit(request: HttpRequest, key: str, payload: BulkIn):
    project = policy.access_project_by_key(request.user, key)
    issues = services.bulk_update(
        actor=request.user, project=project, keys=payload.issues, fields=payload.set, now=timezone.now()
    )
    names = custom_field_names(project.pk)
    return [issue_out(queries.issue_by_key(request.user, i.key), names) for i in issues]


@router.get("/issues/{issue_key}", response=IssueOut, summary="Get an issue")
def get_issue(request: HttpRequest, response: HttpResponse, issue_key: str):
    issue = queries.issue_by_key(request.user, issue_key)
    versions.with_etag(response, issue)
    return issue_out(issue)


@router.delete("/issues/{issue_key}", response={204: None},
               summary="Delete an issue (managers; kept in the project's audit log)")
def delete_issue(request: HttpRequest, issue_key: str):
    issue = queries.issue_by_key(request.user, issue_key)
    versions.require_current(issue, versions.from_if_match(request.headers.get("If-Match"), issue))
    deleting.delete_issue(actor=request.user, issue=issue, now=timezone.now())
    return Status(204, None)


@router.patch("/issues/{issue_key}", response=IssueOut, summary="Change an issue (send If-Match)")
def patch_issue(request: HttpRequest, response: HttpResponse, issue_key: str, payload: IssuePatch):
    issue = queries.issue_by_key(request.user, issue_key)
    expected = versions.from_if_match(request.headers.get("If-Match"), issue)
    services.update_issue(
        actor=request.user,
        issue=issue,
        fields=payload.model_dump(exclude_unset=True),
        now=timezone.now(),
        expected_version=expected,
    )
    issue = queries.issue_by_key(request.user, issue_key)
    versions.with_etag(response, issue)
    return issue_out(issue)


@router.post("/issues/{issue_key}/watch", response={204: None}, summary="Watch an issue")
def watch(request: HttpRequest, issue_key: str):
    issue = queries.issue_by_key(request.user, issue_key)
    services.set_watching(actor=request.user, issue=issue, watching=True)
    return Status(204, None)


@router.delete("/issues/{issue_key}/watch", response={204: None}, summary="Stop watching an issue")
def unwatch(request: HttpRequest, issue_key: str):
    issue = queries.issue_by_key(request.user, issue_key)
    services.set_watching(actor=request.user, issue=issue, watching=False)
    return Status(204, None)


@router.get("/issues/{issue_key}/comments", response=CommentPage, summary="List comments")
def list_comments(request: HttpRequest, issue_key: str, cursor: str | None = None, limit: int = 50):
    issue = queries.issue_by_key(request.user, issue_key)
    rows = issue.comments.select_related("author").prefetch_related("mentions")
    page = queries.paginate(rows, cursor=cursor, limit=limit)
    return {"items": [comment_out(c) for c in page.items], "total": page.total, "next_cursor": page.next_cursor}


@router.post("/issues/{issue_key}/comments", response={201: CommentOut}, summary="Comment on an issue")
def add_comment(request: HttpRequest, issue_key: str, payload: CommentIn):
    issue = queries.issue_by_key(request.user, issue_key)
    comment = comments.add_comment(actor=request.user, issue=issue, body=payload.body, now=timezone.now())
    return Status(201, comment_out(comment))


@router.patch("/issues/{issue_key}/comments/{comment_id}", response=CommentOut, summary="Edit your comment")
def edit_comment(request: HttpRequest, issue_key: str, comment_id: int, payload: CommentIn):
    issue = queries.issue_by_key(request.user, issue_key)
    comment = comments.get_comment(actor=request.user, issue=issue, comment_id=comment_id)
    comment = comments.edit_comment(actor=request.user, comment=comment, body=payload.body, now=timezone.now())
    return comment_out(comment)


@router.get("/issues/{issue_key}/attachments", response=AttachmentPage, summary="List attachments")
def list_attachments(request: HttpRequest, issue_key: str, cursor: str | None = None, limit: int = 50):
    issue = queries.issue_by_key(request.user, issue_key)
    page = queries.paginate(issue.attachments.select_related("uploaded_by"), cursor=cursor, limit=limit)
    items = [attachment_out(a, issue.key) for a in page.items]
    return {"items": items, "total": page.total, "next_cursor": page.next_cursor}


@router.post("/issues/{issue_key}/attachments", response={201: AttachmentOut}, summary="Attach a file")
def add_attachment(request: HttpRequest, issue_key: str, file: File[UploadedFile] = None):  # type: ignore[assignment]
    issue = queries.issue_by_key(request.user, issue_key)
    attachment = attachments.add_attachment(actor=request.user, issue=issue, upload=file, now=timezone.now())
    return Status(201, attachment_out(attachment, issue.key))


@router.get("/issues/{issue_key}/attachments/{attachment_id}/content", summary="Download an attachment",
            openapi_extra={"responses": {200: {"description": "The file, with the type it was uploaded with",
                                               "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}}}}})
def download_attachment(request: HttpRequest, issue_key: str, attachment_id: int):
    issue = queries.issue_by_key(request.user, issue_key)
    attachment = attachments.get_attachment(actor=request.user, issue=issue, attachment_id=attachment_id)
    return attachment_response(attachment)


@router.delete("/issues/{issue_key}/attachments/{attachment_id}", response={204: None}, summary="Remove an attachment")
def delete_attachment(request: HttpRequest, issue_key: str, attachment_id: int):
    issue = queries.issue_by_key(request.user, issue_key)
    attachments.delete_attachment(actor=request.user, issue=issue, attachment_id=attachment_id, now=timezone.now())
    return Status(204, None)


def attachment_response(attachment) -> FileResponse:  # type: ignore[no-untyped-def]
    # Served as a download with the stored type never sniffed: an uploaded HTML file
    # must not run in our origin.
    response = FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.filename,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@router.get("/issues/{issue_key}/history", response=ChangePage, summary="An issue's full history")
def history(request: HttpRequest, issue_key: str, cursor: str | None = None, limit: int = 100):
    issue = queries.issue_by_key(request.user, issue_key)
    page = queries.paginate(issue.changes.select_related("actor"), cursor=cursor, limit=limit)
    return {"items": [change_out(c) for c in page.items], "total": page.total, "next_cursor": page.next_cursor}
