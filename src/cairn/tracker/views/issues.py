"""Pages: the issue list (filters, sort, group, saved filters, bulk edit, pages), the
create-issue dialog and search. The issue page itself is in issue_page.py."""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cairn import paging
from cairn.errors import Invalid, NotFound
from cairn.tracker import queries, services
from cairn.tracker.models import (
    Issue,
    IssueType,
    Label,
    Milestone,
    Priority,
    Status,
)
from cairn.tracker.views.saved_filters import saved_filters_context
from cairn.workspaces import policy
from cairn.workspaces.services import assignable_users

PAGE_SIZE = 50
GROUPS = {
    "": None, "status": "status", "assignee": "assignee", "priority": "priority", "type": "type",
    "milestone": "milestone",
}
GROUP_CHOICES = [("", "Nothing"), ("status", "Status"), ("assignee", "Assignee"),
                 ("priority", "Priority"), ("type", "Type"), ("milestone", "Milestone")]
LIST_KEYS = ("status", "assignee", "type", "priority", "label", "milestone")


def _date(raw: str | None, name: str) -> dt.date | None:
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise Invalid.field(name, f"{raw!r} is not a date like 2026-12-31") from None


def filter_from(params: QueryDict) -> queries.IssueFilter:
    return queries.IssueFilter(
        **{k: [v for v in params.getlist(k) if v] for k in LIST_KEYS},
        text=params.get("text", ""),
        due_before=_date(params.get("due_before"), "due_before"),
        due_after=_date(params.get("due_after"), "due_after"),
        sort=params.get("sort") or "-updated",
    )


def _choices(project: Any) -> dict[str, Any]:
    return {
        "statuses": Status.objects.filter(project=project),
        "types": IssueType.objects.filter(project=project),
        "priorities": Priority.objects.filter(project=project),
        "labels": Label.objects.filter(project=project),
        "milestones": Milestone.objects.filter(project=project),
        "users": assignable_users(project),
    }


def _group_key(issue: Issue, group: str | None) -> str:
    if group is None:
        return ""
    value = getattr(issue, group)
    return str(value) if value is not None else f"No {group}"


@login_required
def issue_list(request: HttpRequest, key: str) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    error = None
    try:
        flt = filter_from(request.GET)
        group = GROUPS.get(request.GET.get("group", ""))
        sort = flt.sort
        if group:
            # Grouping sorts by the group first so each group is one run of rows.
            group_sort = {"status": "status", "assignee": "assignee", "priority": "priority",
                          "type": "type", "milestone": "due"}[group]
            flt.sort = f"{group_sort},{sort}" if group != "milestone" else sort
        qs = queries.filter_issues(request.user, project, flt)
        if group == "milestone":
            qs = qs.order_by("milestone__due_date", "milestone__name", *qs.query.order_by)
        page = queries.paginate(qs, cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
        flt.sort = sort
    except Invalid as invalid:
        error = invalid.message
        group, page = None, queries.Page([], 0, None)
        flt = queries.IssueFilter()
    params = request.GET.copy()
    params.pop("cursor", None)
    previous_url, next_url = paging.page_urls(request.GET, page, PAGE_SIZE)
    groups = [(k, list(rows)) for k, rows in groupby(page.items, key=lambda i: _group_key(i, group))]
    context = {
        "nav": "projects", "section": "issues", "project": project, "page": page, "groups": groups,
        "grouped": group is not None, "filter": flt, "query": params.urlencode(), "error": error,
        "next_url": next_url, "previous_url": previous_url, **saved_filters_context(request.user, project),
        "group": request.GET.get("group", ""), "sort": flt.sort, "group_choices": GROUP_CHOICES,
        "can_edit": policy.can(request.user, policy.Action.EDIT_ISSUES, project),
        "first": page.offset + 1, "last": page.offset + len(page.items),
        **_choices(project),
    }
    template = "tracker/issue_table.html" if request.htmx and request.htmx.target == "issue-table" else "tracker/issue_list.html"
    return render(request, template, context, status=422 if error else 200)


def sort_link(params: str, current: str, column: str) -> str:
    query = QueryDict(params, mutable=True)
    query["sort"] = f"-{column}" if current == column else column
    return "?" + query.urlencode()


@login_required
@require_POST
def bulk_edit(request: HttpRequest, key: str) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    field = request.POST.get("field", "")
    value: Any = request.POST.get("value", "")
    if field == "labels":
        value = [v.strip() for v in value.split(",") if v.strip()]
    keys = request.POST.getlist("issues")
    updated = services.bulk_update(
        actor=request.user, project=project, keys=keys, fields={field: value} if field else {},
        now=timezone.now(),
    ) if field else None
    if updated is None:
        raise Invalid.field("field", "choose what to change")
    response = HttpResponse(status=204)
    response["HX-Refresh"] = "true"
    return response


def _create_context(project: Any, values: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    return {"project": project, "values": values, "errors": errors, **_choices(project)}


@login_required
def issue_create(request: HttpRequest, key: str) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key, policy.Action.EDIT_ISSUES)
    if request.method != "POST":
        values = {"parent": request.GET.get("parent", "")}
        return render(request, "tracker/issue_create_form.html", _create_context(project, values, {}))
    values = request.POST.dict()
    fields: dict[str, Any] = {
        k: values.get(k, "") for k in (
            "title", "description", "type", "priority", "assignee", "due_date", "start_date",
            "estimate_hours", "story_points", "milestone", "parent", "status",
        ) if values.get(k, "") != ""
    }
    fields.setdefault("title", "")
    labels = request.POST.getlist("labels")
    if labels:
        fields["labels"] = labels
    try:
        issue = services.create_issue(actor=request.user, project=project, fields=fields, now=timezone.now())
    except Invalid as error:
        context = _create_context(project, values, error.fields or {"form": error.message})
        return render(request, "tracker/issue_create_form.html", context, status=422)
    response = HttpResponse(status=201)
    response["HX-Redirect"] = f"/issues/{issue.key}/"
    return response


@login_required
def search(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()
    page, previous_url, next_url = None, None, None
    if text:
        prefix, _, number = text.upper().rpartition("-")
        if prefix and number.isdigit():
            try:
                issue = queries.issue_by_key(request.user, text)
                return redirect(f"/issues/{issue.key}/")
            except NotFound:
                pass
        visible = list(policy.visible_projects(request.user).values_list("pk", flat=True))
        matches = (Issue.objects.filter(queries.text_q(text, visible))
                   .select_related("project", "status", "type", "assignee").order_by("-updated_at", "-id"))
        page = paging.paginate(matches, cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
        previous_url, next_url = paging.page_urls(request.GET, page, PAGE_SIZE)
    return render(request, "tracker/search.html", {
        "search_query": text, "results": page.items if page else [], "page": page,
        "previous_url": previous_url, "next_url": next_url,
    })


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    page = paging.paginate(queries.open_issues_of(request.user), cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
    previous_url, next_url = paging.page_urls(request.GET, page, PAGE_SIZE)
    today = timezone.localdate()
    return render(request, "tracker/my_work.html", {
        "nav": "mywork", "issues": page.items, "page": page, "today": today,
        "previous_url": previous_url, "next_url": next_url,
        "overdue": queries.open_issues_of(request.user).filter(due_date__lt=today).count(),
    })
