"""The business case and charter page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn import markup
from cairn.errors import Invalid
from cairn.lifecycle import initiation
from cairn.lifecycle.views.shared import context, form_data
from cairn.workspaces import policy
from cairn.workspaces.models import Project

CASE_LABELS = {"problem": "Problem", "options": "Options", "benefits": "Benefits", "costs": "Costs",
               "feasibility": "Feasibility"}


def _action(request: HttpRequest, project: Project) -> str:
    action, actor, now = request.POST.get("action"), request.user, timezone.now()
    if action == "case":
        initiation.save_business_case(actor=actor, project=project, now=now,  # type: ignore[arg-type]
                                      data=form_data(request, initiation.CASE_FIELDS))
        return "Business case saved."
    if action == "charter":
        initiation.save_charter(actor=actor, project=project, now=now,  # type: ignore[arg-type]
                                data=form_data(request, initiation.CHARTER_FIELDS))
        return "Charter saved."
    if action == "approve":
        initiation.approve_charter(actor=actor, project=project, now=now)  # type: ignore[arg-type]
        return "Charter approved."
    raise Invalid.field("action", "unknown action")


@login_required
def charter_page(request: HttpRequest, key: str) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    error = None
    if request.method == "POST":
        try:
            messages.success(request, _action(request, project))
            return redirect(f"/projects/{project.key}/charter/")
        except Invalid as failure:
            error = failure
    case = initiation.business_case(project)
    charter = initiation.charter(project)
    shown_case = [(label, markup.render(getattr(case, name)) if case else "", name, getattr(case, name) if case else "")
                  for name, label in CASE_LABELS.items()]
    rendered = {name: markup.render(getattr(charter, name)) if charter else ""
                for name in ("objectives", "scope_summary", "milestones")}
    return render(request, "lifecycle/charter.html", context(
        request, project, "lifecycle", case=case, shown_case=shown_case, charter=charter, rendered=rendered,
        people=policy.people_who_may(policy.Action.VIEW, project), error=error,
        editing=request.GET.get("edit") or (request.POST.get("action") if error else None),
    ), status=422 if error else 200)
