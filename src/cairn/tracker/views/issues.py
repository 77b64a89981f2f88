"""Pages: the issue list (filters, sort, group, saved filters, bulk edit, pages), the
create-issue dialog and search. The issue page itself is in issue_page.py."""

from __future__ import annotations

import json
from itertools import groupby
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cairn import paging, values
from cairn.errors import Invalid, NotFound
from cairn.tracker import queries, services
from cairn.tracker.models import (
    Issue,
    IssueType,
    Label,
    Milestone,
    Priority,
    Status,
    split_key,
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


def filter_from(params: QueryDict) -> queries.IssueFilter:
    return queries.IssueFilter(
        **{k: [v for v in params.getlist(k) if v] for k in LIST_KEYS},
        text=params.get("text", ""),
        due_before=values.date(params.get("due_before"), "due_before"),
        due_after=values.date(params.get("due_after"), "due_after"),
        overdue=params.get("overdue", "") in ("1", "on", "true"),
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
    value: Any = request.POST.getlist("labels") if field == "labels" else request.POST.get("value", "")
    if not field:
        raise Invalid.field("field", "choose what to change")
    now = timezone.now()
    updated = services.bulk_update(actor=request.user, project=project, keys=request.POST.getlist("issues"),
                                   fields={field: value}, now=now)
    response = HttpResponse(status=204)
    response["HX-Trigger"] = json.dumps({"cairn:toast": _bulk_summary(field, updated, now),
                                         "cairn:issues-changed": ""})
    return response


BULK_WORDS = {"status": "Status", "assignee": "Assignee", "priority": "Priority", "milestone": "Milestone",
              "type": "Type", "labels": "Labels", "due_date": "Due date"}


def _bulk_summary(field: str, issues: list[Issue], now: Any) -> str:
    """What the bulk edit did, in the words the list shows, such as "Assignee set to Sam
    Lee on 2 issues (WEB-1, WEB-4); 1 already had it." """
    changed = sorted((i for i in issues if i.updated_at == now), key=lambda i: i.number)
    if not changed:
        return f"Nothing changed: the {len(issues)} selected issues already had that {BULK_WORDS[field].lower()}."
    sample = changed[0]
    shown: Any = {
        "assignee": sample.assignee.name if sample.assignee else "nobody",
        "milestone": sample.milestone.name if sample.milestone else "none",
        "labels": ", ".join(label.name for label in sample.labels.all()) or "none",
        "due_date": sample.due_date.isoformat() if sample.due_date else "none",
    }.get(field) or str(getattr(sample, field))
    keys = ", ".join(i.key for i in changed[:10]) + (" …" if len(changed) > 10 else "")
    text = f"{BULK_WORDS[field]} set to {shown} on {len(changed)} issue{'s' if len(changed) > 1 else ''} ({keys})"
    unchanged = len(issues) - len(changed)
    return text + (f"; {unchanged} already had it." if unchanged else ".")


def _create_context(project: Any, values: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    return {"project": project, "values": values, "errors": errors, **_choices(project)}


@login_required
def issue_create(request: HttpRequest, key: str) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key, policy.Action.EDIT_ISSUES)
    if request.method != "POST":
        parent = request.GET.get("parent", "")
        values = {"parent": parent, "return_to": "parent" if parent else ""}
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
    if values.get("return_to") == "parent" and issue.parent_id:
        return _back_on_the_parent(request, issue)
    response = HttpResponse(status=201)
    response["HX-Redirect"] = f"/issues/{issue.key}/"
    return response


def _back_on_the_parent(request: HttpRequest, issue: Issue) -> HttpResponse:
    """A sub-task added from its parent's page: the parent's list of sub-tasks grows in
    place and the dialog closes, so the person stays where they were working."""
    parent = queries.issue_by_key(request.user, issue.parent.key)
    response = render(request, "tracker/subtasks.html", {
        "issue": parent, "project": parent.project, "can_edit": True,
        "children": parent.children.select_related("project", "status", "assignee", "type").order_by("number"),
        "progress": queries.progress_of(parent),
    }, status=201)
    response["HX-Retarget"] = "#subtasks"
    response["HX-Reswap"] = "outerHTML"
    response["HX-Trigger"] = json.dumps({"cairn:toast": f"{issue.key} added as a sub-task of {parent.key}",
                                         "cairn:dialog-done": ""})
    return response


@login_required
def search(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()
    page, previous_url, next_url = None, None, None
    if text:
        if split_key(text) is not None:
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
