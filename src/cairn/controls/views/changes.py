"""Pages of change requests: the list with scope creep and the form to raise one, and a
change request with its computed impact and the manager's decision."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn import paging, values
from cairn.controls import changes
from cairn.controls.models import ChangeRequest, ChangeState
from cairn.controls.views.shared import PAGE_SIZE, context
from cairn.errors import Invalid
from cairn.planning import plans
from cairn.workspaces import policy
from cairn.workspaces.models import Project

FIELD = "schedule_changes"


def _minutes(raw: str, per_day: int) -> int:
    days = values.decimal(raw, f"{FIELD}.days", places=2, maximum=Decimal(3650))
    if days is None:
        raise Invalid.field(FIELD, "give each task a duration in days")
    return int(days * per_day)


def schedule_changes_from(post: Any, project: Project) -> list[dict[str, Any]]:
    """The form's rows, in days, as the service's changes, in working minutes."""
    per_day = plans.minutes_per_day(plans.plan_of(project))
    found: list[dict[str, Any]] = []
    for key, days in zip(post.getlist("changed_issue"), post.getlist("changed_days")):
        if key.strip():
            found.append({"issue": key.strip(), "duration_minutes": _minutes(days, per_day)})
    rows = zip(post.getlist("added_title"), post.getlist("added_days"), post.getlist("added_after"),
               post.getlist("added_before"))
    for title, days, after, before in rows:
        if title.strip():
            found.append({"title": title, "duration_minutes": _minutes(days, per_day), "after": after,
                          "before": before})
    return found


def _tasks(project: Project) -> list[tuple[str, str]]:
    return [(t.key, t.title) for t in plans.load(project).tasks if not t.summary]


@login_required
def changes_page(request: HttpRequest, key: str) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    error = None
    if request.method == "POST":
        try:
            data = {name: request.POST.get(name, "") for name in ("title", "reason", "scope_impact", "scope_issues")}
            data["cost_impact"] = request.POST.get("cost_impact") or "0"
            data[FIELD] = schedule_changes_from(request.POST, project)
            change = changes.raise_change(actor=request.user, project=project, data=data,  # type: ignore[arg-type]
                                          now=timezone.now())
            messages.success(request, f"{change.ref} raised; its impact is computed below.")
            return redirect(f"/projects/{project.key}/changes/{change.number}/")
        except Invalid as failure:
            error = failure
    state = request.GET.get("state", "")
    if state not in ChangeState.values:
        state = ""
    page = paging.paginate(changes.listed(project, state=state), cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
    previous_url, next_url = paging.page_urls(request.GET, page, PAGE_SIZE)
    creep = changes.scope_creep(project)
    return render(request, "controls/changes.html", context(
        request, project, "changes", page=page, previous_url=previous_url, next_url=next_url, state=state,
        states=ChangeState.choices, creep=creep[:100], creep_count=creep.count(),
        baseline=changes.latest_baseline(project), tasks=_tasks(project), error=error,
        posted=request.POST if error else {},
    ), status=422 if error else 200)


@login_required
def change_page(request: HttpRequest, key: str, number: int) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    change = changes.change_by_number(project, number)
    error = None
    if request.method == "POST":
        try:
            message = _decide(request, change)
            messages.success(request, message)
            return redirect(f"/projects/{project.key}/changes/{change.number}/")
        except Invalid as failure:
            error = failure
    per_day = plans.minutes_per_day(plans.plan_of(project))
    planned = [{**e, "days": round(e["duration_minutes"] / per_day, 2)} for e in change.schedule_changes]
    return render(request, "controls/change.html", context(
        request, project, "changes", change=change, impact=change.impact, error=error, planned=planned,
        scope=list(change.scope_issues.select_related("project", "status").order_by("number")),
        is_author=change.raised_by_id == request.user.pk,
    ), status=422 if error else 200)


def _decide(request: HttpRequest, change: ChangeRequest) -> str:
    actor, now, action, note = request.user, timezone.now(), request.POST.get("action"), request.POST.get("note", "")
    if action == "approve":
        changes.approve(actor=actor, change=change, note=note, now=now)  # type: ignore[arg-type]
        return f"{change.ref} approved; baseline “{change.baseline.name}” saved."  # type: ignore[union-attr]
    if action == "reject":
        changes.reject(actor=actor, change=change, note=note, now=now)  # type: ignore[arg-type]
        return f"{change.ref} rejected."
    if action == "withdraw":
        changes.withdraw(actor=actor, change=change, now=now)  # type: ignore[arg-type]
        return f"{change.ref} withdrawn."
    if action == "recompute":
        changes.recompute(actor=actor, change=change, now=now)  # type: ignore[arg-type]
        return "Impact computed again against today's plan."
    raise Invalid.field("action", "unknown action")
