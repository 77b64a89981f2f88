"""Page: a project's settings — details, members, and its tracker configuration."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn import values
from cairn.accounts.models import User
from cairn.errors import DomainError, Invalid
from cairn.tracker import setup
from cairn.tracker.models import (
    CustomField,
    FieldKind,
    IssueType,
    Label,
    Milestone,
    Priority,
    Status,
    StatusCategory,
)
from cairn.tracker.settings_api import KINDS
from cairn.workspaces import policy, services
from cairn.workspaces.models import Role, Visibility, WorkspaceMember


def _member_candidates(project: Any) -> list[User]:
    ids = WorkspaceMember.objects.filter(workspace_id=project.workspace_id).values("user_id")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("username"))


def _handle(request: HttpRequest, project: Any) -> None:
    action = request.POST.get("action", "")
    post = request.POST
    actor = request.user
    if action == "details":
        services.update_project(actor=actor, project=project, name=post.get("name", ""),
                                description=post.get("description", ""),
                                visibility=post.get("visibility", project.visibility), now=timezone.now())
    elif action == "member":
        user = services.workspace_person_named(actor=actor, project=project, username=post.get("username", ""))
        services.set_project_member(actor=actor, project=project, user=user, role=post.get("role", ""))
    elif action == "remove-member":
        user = services.project_member_named(actor=actor, project=project, username=post.get("username", ""))
        services.remove_project_member(actor=actor, project=project, user=user)
    elif action == "type":
        setup.add_issue_type(actor=actor, project=project, name=post.get("name"), color=post.get("color"))
    elif action == "status":
        setup.add_status(actor=actor, project=project, name=post.get("name"), category=post.get("category"))
    elif action == "priority":
        setup.add_priority(actor=actor, project=project, name=post.get("name"), color=post.get("color"))
    elif action == "label":
        setup.add_label(actor=actor, project=project, name=post.get("name"), color=post.get("color"))
    elif action == "milestone":
        setup.add_milestone(actor=actor, project=project, name=post.get("name"), due_date=post.get("due_date"),
                            description=post.get("description", ""))
    elif action == "custom-field":
        setup.add_custom_field(actor=actor, project=project, name=post.get("name"), kind=post.get("kind"),
                               options=post.get("options", ""), required=post.get("required") == "on")
    elif action == "remove":
        model = KINDS.get(post.get("kind", ""))
        if model is None:
            raise Invalid.field("kind", "nothing to remove")
        setup.remove_setting(actor=actor, project=project, model=model, pk=values.whole_number(post.get("id"), "id"))
    else:
        raise Invalid.field("action", "unknown action")


@login_required
def project_settings(request: HttpRequest, key: str) -> HttpResponse:
    project = policy.access_project_by_key(request.user, key)
    can_manage = policy.can(request.user, policy.Action.MANAGE_PROJECT, project)
    error, error_action, status = None, None, 200
    if request.method == "POST":
        try:
            _handle(request, project)
            return redirect(f"/projects/{project.key}/settings/#{request.POST.get('action', '')}")
        except DomainError as failure:
            error, error_action = failure.message, request.POST.get("action")
            status = failure.status if failure.status != 404 else 422
    return render(request, "tracker/project_settings.html", {
        "nav": "projects", "section": "settings", "project": project, "can_manage": can_manage,
        "error": error, "error_action": error_action, "values": request.POST,
        "members": services.project_members(project), "candidates": _member_candidates(project),
        "roles": Role.choices, "visibilities": Visibility.choices,
        "types": IssueType.objects.filter(project=project),
        "statuses": Status.objects.filter(project=project),
        "priorities": Priority.objects.filter(project=project),
        "labels": Label.objects.filter(project=project),
        "milestones": Milestone.objects.filter(project=project),
        "custom_fields": CustomField.objects.filter(project=project),
        "categories": StatusCategory.choices, "kinds": FieldKind.choices,
    }, status=status)
