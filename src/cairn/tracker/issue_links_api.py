"""API for what relates one issue to others: links (blocks, relates to, duplicates),
moving an issue to another project, the progress of its sub-tasks, and the audit log of
issues moved away or deleted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from cairn import paging
from cairn.errors import Invalid, NotFound
from cairn.inputs import Input
from cairn.tracker import links, moving, queries
from cairn.tracker.models import AuditEntry
from cairn.tracker.schemas import IssueOut, issue_out
from cairn.workspaces import policy

router = Router(tags=["issues"])


class LinkOut(Schema):
    id: int
    kind: str = Field(description="as read from this issue: blocks, is_blocked_by, relates, duplicates, is_duplicated_by")
    label: str
    issue: str
    title: str
    status: str
    url: str


class LinkIn(Input):
    kind: str
    issue: str = Field(description="the other issue's key")


class MoveIn(Input):
    project: str = Field(description="the key of the project to move the issue (and its sub-tasks) to")


class ProgressOut(Schema):
    done: int
    total: int
    points_done: Decimal
    points_total: Decimal
    percent: int = Field(description="by story points when the sub-tasks have them, else by count")


class AuditComment(Schema):
    author: str | None
    at: str
    body: str


class AuditChange(Schema):
    actor: str | None
    at: str
    field: str
    old: str
    new: str


class AuditDetails(Schema):
    """A move names the old and new keys; a deletion keeps a copy of the issue."""

    moved: dict[str, str] | None = Field(None, description="old key → new key, for issue.moved")
    key: str | None = None
    title: str | None = None
    description: str | None = None
    type: str | None = None
    status: str | None = None
    priority: str | None = None
    assignee: str | None = None
    reporter: str | None = None
    created_at: str | None = None
    comments: list[AuditComment] | None = None
    history: list[AuditChange] | None = None
    attachments: list[str] | None = None


class AuditOut(Schema):
    at: dt.datetime
    actor: str | None
    action: str
    subject: str
    details: AuditDetails


class AuditPage(Schema):
    items: list[AuditOut]
    total: int
    next_cursor: str | None


def link_out(link: links.ShownLink) -> LinkOut:
    other = link.other
    return LinkOut(id=link.id, kind=link.kind, label=link.label, issue=other.key, title=other.title,
                   status=other.status.name, url=f"/issues/{other.key}/")


@router.get("/issues/{issue_key}/links", response=list[LinkOut], summary="An issue's links to other issues")
def list_links(request: HttpRequest, issue_key: str):
    issue = queries.issue_by_key(request.user, issue_key)
    return [link_out(link) for link in links.links_of(request.user, issue)]


@router.post("/issues/{issue_key}/links", response={201: LinkOut}, summary="Link an issue to another")
def add_link(request: HttpRequest, issue_key: str, payload: LinkIn):
    issue = queries.issue_by_key(request.user, issue_key)
    link = links.add_link(actor=request.user, issue=issue, kind=payload.kind, other_key=payload.issue,
                          now=timezone.now())
    return Status(201, link_out(link))


@router.delete("/issues/{issue_key}/links/{link_id}", response={204: None}, summary="Remove a link")
def remove_link(request: HttpRequest, issue_key: str, link_id: int):
    issue = queries.issue_by_key(request.user, issue_key)
    links.remove_link(actor=request.user, issue=issue, link_id=link_id, now=timezone.now())
    return Status(204, None)


@router.post("/issues/{issue_key}/move", response=IssueOut,
             summary="Move an issue and its sub-tasks to another project (it gets a new key)")
def move_issue(request: HttpRequest, issue_key: str, payload: MoveIn):
    issue = queries.issue_by_key(request.user, issue_key)
    try:
        target = policy.access_project_by_key(request.user, payload.project, policy.Action.EDIT_ISSUES)
    except NotFound:
        raise Invalid.field("project", f"no project {payload.project} you can add issues to") from None
    moved = moving.move_issue(actor=request.user, issue=issue, to=target, now=timezone.now())
    return issue_out(queries.issue_by_key(request.user, moved.key))


@router.get("/issues/{issue_key}/progress", response={200: ProgressOut, 204: None},
            summary="How far an issue's sub-tasks are (an epic's roll-up); 204 when it has none")
def progress(request: HttpRequest, issue_key: str):
    issue = queries.issue_by_key(request.user, issue_key)
    rollup = queries.progress_of(issue)
    if rollup is None:
        return Status(204, None)
    return ProgressOut(done=rollup.done, total=rollup.total, points_done=rollup.points_done,
                       points_total=rollup.points_total, percent=rollup.percent)


@router.get("/projects/{key}/audit", response=AuditPage,
            summary="Issues moved away from or deleted in a project (managers)")
def audit_log(request: HttpRequest, key: str, cursor: str | None = None, limit: int = 50):
    project = policy.access_project_by_key(request.user, key, policy.Action.MANAGE_PROJECT)
    rows = AuditEntry.objects.filter(project=project).select_related("actor").order_by("-at", "-id")
    page = paging.paginate(rows, cursor=cursor, limit=limit)
    items = [AuditOut(at=e.at, actor=e.actor.username if e.actor else None, action=e.action, subject=e.subject,
                      details=AuditDetails(**e.details)) for e in page.items]
    return {"items": items, "total": page.total, "next_cursor": page.next_cursor}
