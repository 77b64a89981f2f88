"""What every lifecycle page needs: the project the person may see, their rights in it,
and the side navigation's place."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from cairn.workspaces import policy
from cairn.workspaces.models import Project

PAGE_SIZE = 50


def context(request: HttpRequest, project: Project, section: str, **extra: Any) -> dict[str, Any]:
    return {
        "nav": "projects", "section": section, "project": project,
        "can_edit": policy.can(request.user, policy.Action.EDIT_ISSUES, project),
        "can_manage": policy.can(request.user, policy.Action.MANAGE_PROJECT, project),
        **extra,
    }


def form_data(request: HttpRequest, names: tuple[str, ...]) -> dict[str, Any]:
    """The fields of a posted form that were sent, blank ones included (a cleared field)."""
    return {name: request.POST[name] for name in names if name in request.POST}
