"""Pages of the stakeholder register (with the power/interest grid and the communication
plan) and of the decision log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn import markup, paging, values
from cairn.controls import decisions, stakeholders
from cairn.controls.models import Frequency
from cairn.controls.views.shared import PAGE_SIZE, context, form_data
from cairn.errors import Invalid
from cairn.workspaces import policy
from cairn.workspaces.models import Project


def _stakeholder_action(request: HttpRequest, project: Project) -> str:
    actor, post = request.user, request.POST
    action = post.get("action")
    if action in ("remove-stakeholder", "save-stakeholder") and post.get("id"):
        found = stakeholders.stakeholder_by_id(project, values.whole_number(post.get("id"), "id"))
        if action == "remove-stakeholder":
            stakeholders.remove_stakeholder(actor=actor, stakeholder=found)  # type: ignore[arg-type]
            return f"{found.name} removed from the register."
        stakeholders.update_stakeholder(actor=actor, stakeholder=found,  # type: ignore[arg-type]
                                        data=form_data(request, stakeholders.STAKEHOLDER_FIELDS))
        return f"{found.name} saved."
    if action == "save-stakeholder":
        made = stakeholders.add_stakeholder(actor=actor, project=project,  # type: ignore[arg-type]
                                            data=form_data(request, stakeholders.STAKEHOLDER_FIELDS))
        return f"{made.name} added to the register."
    if action == "remove-communication":
        line = stakeholders.communication_by_id(project, values.whole_number(post.get("id"), "id"))
        stakeholders.remove_communication(actor=actor, communication=line)  # type: ignore[arg-type]
        return "Communication removed from the plan."
    if action == "add-communication":
        data = form_data(request, ("what", "channel", "frequency", "report", "owner"))
        data["audience"] = post.getlist("audience")
        stakeholders.add_communication(actor=actor, project=project, data=data)  # type: ignore[arg-type]
        return "Communication added to the plan."
    raise Invalid.field("action", "unknown action")


@login_required
def stakeholders_page(request: HttpRequest, key: str) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    error = None
    if request.method == "POST":
        try:
            messages.success(request, _stakeholder_action(request, project))
            return redirect(f"/projects/{project.key}/stakeholders/")
        except Invalid as failure:
            error = failure
    people = list(stakeholders.register(project))
    editing = next((s for s in people if str(s.pk) == request.GET.get("edit")), None)
    form = {name: str(getattr(editing, name) or "") if editing else (request.POST.get(name, "") if error else "")
            for name in ("name", "role", "organisation", "contact", "notes", "interest", "influence")}
    form["user"] = editing.user.username if editing and editing.user else request.POST.get("user", "") if error else ""
    grid = [(q.value, q.value.replace(" ", "-"), members) for q, members in stakeholders.grid(project).items()]
    return render(request, "controls/stakeholders.html", context(
        request, project, "stakeholders", stakeholders=[(s, stakeholders.place(s).value) for s in people],
        grid=grid, plan=list(stakeholders.plan(project)), frequencies=Frequency.choices, editing=editing,
        users=policy.people_who_may(policy.Action.VIEW, project), scale=[str(n) for n in range(1, 6)],
        error=error, form=form,
    ), status=422 if error else 200)


@login_required
def decisions_page(request: HttpRequest, key: str) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    error = None
    if request.method == "POST":
        try:
            messages.success(request, _decision_action(request, project))
            return redirect(f"/projects/{project.key}/decisions/")
        except Invalid as failure:
            error = failure
    page = paging.paginate(decisions.log(project), cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
    previous_url, next_url = paging.page_urls(request.GET, page, PAGE_SIZE)
    shown = [(d, markup.render(d.options), markup.render(d.rationale)) for d in page.items]
    return render(request, "controls/decisions.html", context(
        request, project, "decisions", page=page, shown=shown, previous_url=previous_url, next_url=next_url,
        error=error, posted=request.POST if error else {}, today=timezone.localdate(),
    ), status=422 if error else 200)


def _decision_action(request: HttpRequest, project: Project) -> str:
    actor = request.user
    if request.POST.get("action") == "remove":
        found = decisions.decision_by_number(project, values.whole_number(request.POST.get("number"), "number"))
        decisions.remove_decision(actor=actor, decision=found)  # type: ignore[arg-type]
        return f"{found.ref} removed."
    made = decisions.log_decision(actor=actor, project=project, now=timezone.now(),  # type: ignore[arg-type]
                                  data=form_data(request, decisions.FIELDS))
    return f"Decision {made.ref} logged."
