"""The issue page's links to other issues, and moving or deleting the issue."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cairn.errors import DomainError, Invalid, NotFound
from cairn.tracker import deleting, links, moving, queries
from cairn.tracker.models import Issue
from cairn.workspaces import policy


def links_context(request: HttpRequest, issue: Issue) -> dict[str, Any]:
    targets: list[Any] = []
    if policy.can(request.user, policy.Action.EDIT_ISSUES, issue.project):
        targets = list(policy.projects_where(request.user, policy.Action.EDIT_ISSUES)
                       .filter(archived=False).exclude(pk=issue.project_id).order_by("key"))
    return {"links": links.links_of(request.user, issue), "link_kinds": LINK_CHOICES, "move_targets": targets}


LINK_CHOICES = [("blocks", "blocks"), ("is_blocked_by", "is blocked by"), ("relates", "relates to"),
                ("duplicates", "duplicates"), ("is_duplicated_by", "is duplicated by")]


def _links_fragment(request: HttpRequest, issue: Issue, error: str = "", values: Any = None) -> HttpResponse:
    context = {"issue": issue, "links": links.links_of(request.user, issue), "link_kinds": LINK_CHOICES,
               "can_edit": True, "link_error": error, "link_values": values or {}}
    return render(request, "tracker/links.html", context, status=422 if error else 200)


@login_required
@require_POST
def link_add(request: HttpRequest, issue_key: str) -> HttpResponse:
    issue = queries.issue_by_key(request.user, issue_key)
    try:
        links.add_link(actor=request.user, issue=issue, kind=request.POST.get("kind", ""),
                       other_key=request.POST.get("issue", ""), now=timezone.now())
    except (Invalid, DomainError) as error:
        if error.status in (403, 404):
            raise
        return _links_fragment(request, issue, next(iter(error.fields.values()), error.message), request.POST)
    return _links_fragment(request, issue)


@login_required
@require_POST
def link_remove(request: HttpRequest, issue_key: str, link_id: int) -> HttpResponse:
    issue = queries.issue_by_key(request.user, issue_key)
    links.remove_link(actor=request.user, issue=issue, link_id=link_id, now=timezone.now())
    return _links_fragment(request, issue)


@login_required
@require_POST
def issue_move(request: HttpRequest, issue_key: str) -> HttpResponse:
    issue = queries.issue_by_key(request.user, issue_key)
    old_key = issue.key
    try:
        target = policy.access_project_by_key(request.user, request.POST.get("project", ""), policy.Action.EDIT_ISSUES)
    except NotFound:
        raise Invalid.field("project", "choose a project you can add issues to") from None
    moved = moving.move_issue(actor=request.user, issue=issue, to=target, now=timezone.now())
    messages.success(request, f"{old_key} moved to {target.name} as {moved.key}.")
    response = HttpResponse(status=204)
    response["HX-Redirect"] = f"/issues/{moved.key}/"
    return response


@login_required
@require_POST
def issue_delete(request: HttpRequest, issue_key: str) -> HttpResponse:
    issue = queries.issue_by_key(request.user, issue_key)
    project_key, key, title = issue.project.key, issue.key, issue.title
    deleting.delete_issue(actor=request.user, issue=issue, now=timezone.now())
    messages.success(request, f"{key} {title} was deleted. A copy is kept in the project's audit log.")
    response = HttpResponse(status=204)
    response["HX-Redirect"] = f"/projects/{project_key}/issues/"
    return response
