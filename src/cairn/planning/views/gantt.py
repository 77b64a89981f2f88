"""Page: the interactive Gantt chart of a project's schedule. The page is a shell; the
chart is drawn in the browser (cairn/gantt.js) from the schedule API, which is also
where every change is sent."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cairn.workspaces import policy


@login_required
def gantt_page(request: HttpRequest, key: str) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    return render(
        request,
        "planning/gantt.html",
        {
            "nav": "projects",
            "section": "gantt",
            "project": project,
            "can_edit": policy.can(request.user, policy.Action.EDIT_ISSUES, project),
            "can_manage": policy.can(request.user, policy.Action.MANAGE_PROJECT, project),
        },
    )
