"""The lifecycle page: the five phases as steps, the current gate's checklist, the
approvals so far, and (for workspace managers) the workspace's gate template."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn import values
from cairn.errors import Invalid
from cairn.lifecycle import gates
from cairn.lifecycle.models import PHASES
from cairn.lifecycle.views.shared import context
from cairn.workspaces import policy
from cairn.workspaces.models import Project


def _steps(project: Project) -> list[dict[str, object]]:
    current = gates.phase_of(project)
    closed = gates.is_closed(project)
    approved = {a.phase: a for a in gates.approvals(project)}
    return [{"phase": p, "state": "done" if p in approved else "current" if p == current and not closed else "next",
             "approval": approved.get(p)} for p in PHASES]


def lifecycle_context(request: HttpRequest, project: Project, section: str = "lifecycle",
                      **extra: object) -> dict[str, object]:
    may_template = policy.workspace_can(request.user, policy.Action.MANAGE_PROJECT, project.workspace_id)
    return context(request, project, section, gate=gates.gate(project), closed=gates.is_closed(project),
                   steps=_steps(project), approvals=gates.approvals(project), may_template=may_template,
                   template=gates.template(project.workspace).items() if may_template else (), **extra)


@login_required
def lifecycle_page(request: HttpRequest, key: str) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    error = None
    if request.method == "POST":
        try:
            messages.success(request, _action(request, project))
            return redirect(f"/projects/{project.key}/lifecycle/")
        except Invalid as failure:
            error = failure
    return render(request, "lifecycle/lifecycle.html", lifecycle_context(request, project, error=error),
                  status=422 if error else 200)


def _action(request: HttpRequest, project: Project) -> str:
    action = request.POST.get("action")
    if action == "approve":
        approval = gates.approve(actor=request.user, project=project, now=timezone.now())  # type: ignore[arg-type]
        return f"{approval.get_phase_display()} gate approved."
    if action == "template":
        phase = gates.parse_phase(request.POST.get("phase"))
        lines = request.POST.get("items", "").splitlines()
        gates.set_template(actor=request.user, workspace=project.workspace, phase=phase,  # type: ignore[arg-type]
                           items=lines)
        return f"{phase.label} gate checklist saved for the workspace."
    raise Invalid.field("action", "unknown action")


@login_required
def tick(request: HttpRequest, key: str) -> HttpResponse:
    """htmx: tick or untick an item; answers the checklist again."""
    project = policy.access_project_by_key(request.user, key)
    error = None
    if request.method == "POST":
        try:
            gates.tick(actor=request.user, project=project,  # type: ignore[arg-type]
                       item_id=values.whole_number(request.POST.get("item"), "item"),
                       ticked=request.POST.get("ticked") == "1", now=timezone.now())
        except Invalid as failure:
            error = failure
    return render(request, "lifecycle/_gate.html", lifecycle_context(request, project, error=error),
                  status=422 if error else 200)
