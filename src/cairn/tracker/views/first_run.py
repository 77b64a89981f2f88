"""The page a team starts from: a workspace, its first project and invitations in one
form. Someone in no workspace is brought here from the home page; anyone may come back
to start another workspace."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn.errors import Invalid
from cairn.tracker import setup
from cairn.workspaces.models import Role
from cairn.workspaces.services import workspaces_of

FIELDS = ("workspace_name", "project_key", "project_name", "invitations", "invite_as")


@login_required
def setup_page(request: HttpRequest) -> HttpResponse:
    first = not workspaces_of(request.user).exists()
    values = {"invite_as": Role.MEMBER}
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = {name: request.POST.get(name, "") for name in FIELDS}
        try:
            started = setup.start_workspace(
                owner=request.user, workspace_name=values["workspace_name"], project_key=values["project_key"],
                project_name=values["project_name"], invitations=values["invitations"],
                invite_as=values["invite_as"] or Role.MEMBER, now=timezone.now(),
            )
        except Invalid as error:
            errors = error.fields or {"form": error.message}
        else:
            _report(request, started)
            return redirect(f"/projects/{started.project.key}/issues/")
    return render(request, "tracker/setup.html", {
        "first": first, "values": values, "errors": errors, "roles": Role.choices,
    }, status=422 if errors else 200)


def _report(request: HttpRequest, started: setup.FirstRun) -> None:
    text = f"{started.workspace.name} is ready, with its first project {started.project.name}."
    if started.invited:
        text += f" Invitations sent to {', '.join(started.invited)}."
    messages.success(request, text)
    for address, reason in started.not_sent.items():
        messages.error(request, f"The invitation to {address} could not be sent ({reason}); "
                                "send it again from the workspace page.")
