"""Page: the interactive Gantt chart of a project's schedule. The page is a shell; the
chart is drawn in the browser (cairn/gantt.js) from the schedule API, which is also
where every change is sent."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cairn.workspaces import policy
from cairn.workspaces.services import assignable_users


@login_required
def gantt_page(request: HttpRequest, key: str) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    can_edit = policy.can(request.user, policy.Action.EDIT_ISSUES, project)
    role = policy.project_role(request.user, project)
    return render(
        request,
        "planning/gantt.html",
        {
            "nav": "projects",
            "section": "gantt",
            "project": project,
            "can_edit": can_edit,
            "can_manage": policy.can(request.user, policy.Action.MANAGE_PROJECT, project),
            "role": role.label if role else "",
            # Who may be put on a task, for the people dialog.
            "people": [{"username": u.username, "name": u.name} for u in assignable_users(project)] if can_edit else [],
        },
    )
