"""Pages: saving the issue list's filter under a name, and deleting a saved filter."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cairn.errors import Invalid
from cairn.tracker import saved_filters
from cairn.workspaces import policy


def saved_filters_context(user: Any, project: Any) -> dict[str, Any]:
    """What the issue list's saved-filter bar shows."""
    shown = list(saved_filters.filters_for(user, project))
    for saved in shown:
        saved.deletable = saved_filters.may_delete(user, saved)
    return {"saved_filters": shown, "can_share": saved_filters.may_share(user, project)}


@login_required
@require_POST
def save_filter(request: HttpRequest, key: str) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    try:
        saved, _ = saved_filters.save_filter(
            actor=request.user, project=project, name=request.POST.get("name", ""),  # type: ignore[arg-type]
            query=request.POST.get("query", ""), shared=request.POST.get("shared") == "on",
        )
    except Invalid as invalid:
        if not request.htmx:  # type: ignore[attr-defined]
            raise
        return render(request, "tracker/saved_filters.html", {
            "project": project, "query": request.POST.get("query", ""), "filter_error": invalid.message,
            "filter_values": request.POST, **saved_filters_context(request.user, project),
        }, status=422)
    target = f"/projects/{project.key}/issues/?{saved.query}"
    if request.htmx:  # type: ignore[attr-defined]
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    return redirect(target)


@login_required
@require_POST
def delete_filter(request: HttpRequest, key: str, filter_id: int) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    saved = saved_filters.filter_of(request.user, project, filter_id)
    saved_filters.delete_filter(actor=request.user, saved=saved)  # type: ignore[arg-type]
    return redirect(f"/projects/{project.key}/issues/")
