"""The scope and deliverables page: the scope statement, each deliverable with its
acceptance criteria, linked issues (with their WBS codes), review checklist and sign-off,
and the RACI matrix as a grid."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn import markup, values
from cairn.errors import Invalid
from cairn.lifecycle import deliverables, raci
from cairn.lifecycle.models import Raci
from cairn.lifecycle.views.shared import context, form_data
from cairn.workspaces import policy
from cairn.workspaces.models import Project


def _raci_rows(request: HttpRequest, project: Project) -> dict[str, dict[str, str]]:
    """The grid's cells are named raci-<deliverable number>-<username>."""
    rows: dict[str, dict[str, str]] = {}
    for name, letter in request.POST.items():
        if name.startswith("raci-"):
            number, _, username = name.removeprefix("raci-").partition("-")
            rows.setdefault(number, {})[username] = letter
    return rows


def _action(request: HttpRequest, project: Project) -> str:
    post, actor, now = request.POST, request.user, timezone.now()
    action = post.get("action")
    if action == "scope":
        deliverables.save_record(actor=actor, project=project, now=now,  # type: ignore[arg-type]
                                 data=form_data(request, ("in_scope", "out_of_scope")))
        return "Scope statement saved."
    if action == "add":
        made = deliverables.add_deliverable(actor=actor, project=project, now=now,  # type: ignore[arg-type]
                                            data=form_data(request, deliverables.FIELDS))
        return f"{made.ref} {made.name} added."
    if action == "raci":
        raci.set_matrix(actor=actor, project=project, rows=_raci_rows(request, project))  # type: ignore[arg-type]
        return "RACI matrix saved."
    found = deliverables.deliverable_by_number(project, values.whole_number(post.get("number"), "number"))
    if action == "review":
        deliverables.mark_review_item(actor=actor, deliverable=found, now=now,  # type: ignore[arg-type]
                                      item_id=values.whole_number(post.get("item"), "item"), done=post.get("done") == "1")
        return f"Review of {found.ref} updated."
    if action == "save":
        data = form_data(request, deliverables.FIELDS)
        deliverables.update_deliverable(actor=actor, deliverable=found, data=data)  # type: ignore[arg-type]
        return f"{found.ref} saved."
    if action == "sign-off":
        deliverables.sign_off(actor=actor, deliverable=found, now=now)  # type: ignore[arg-type]
        return f"{found.ref} signed off."
    if action == "remove":
        deliverables.remove_deliverable(actor=actor, deliverable=found)  # type: ignore[arg-type]
        return f"{found.ref} removed."
    raise Invalid.field("action", "unknown action")


@login_required
def deliverables_page(request: HttpRequest, key: str) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    error = None
    if request.method == "POST":
        try:
            messages.success(request, _action(request, project))
            return redirect(f"/projects/{project.key}/deliverables/")
        except Invalid as failure:
            error = failure
    listed = list(deliverables.register(project))
    wbs = deliverables.wbs_codes(project)
    people = policy.people_who_may(policy.Action.VIEW, project)
    grid = raci.matrix(project)
    if error and request.POST.get("action") == "raci":
        grid = {int(n): cells for n, cells in _raci_rows(request, project).items() if n.isdigit()}
    shown = [_shown(d, wbs) for d in listed]
    record = deliverables.scope(project)
    return render(request, "lifecycle/deliverables.html", context(
        request, project, "deliverables", shown=shown, record=record, error=error,
        in_scope=markup.render(record.in_scope) if record else "",
        out_of_scope=markup.render(record.out_of_scope) if record else "",
        people=people, letters=Raci.values, editing=request.GET.get("edit"),
        raci_rows=[(d, [(p, grid.get(d.number, {}).get(p.username, "")) for p in people]) for d in listed],
        refused_row=next(iter(error.fields), "").removeprefix("raci.") if error else "",
        posted=request.POST if error else {},
    ), status=422 if error else 200)


def _shown(d: Any, wbs: dict[int, str]) -> dict[str, Any]:
    review = list(d.review.all())
    return {"d": d, "review_text": "\n".join(r.text for r in d.review.all()),
            "issue_keys": " ".join(i.key for i in d.issues.all()), "criteria": markup.render(d.acceptance_criteria), "description": markup.render(d.description),
            "issues": [(i, wbs.get(i.pk)) for i in d.issues.all()], "review": review,
            "open": [r for r in review if r.done_at is None]}
