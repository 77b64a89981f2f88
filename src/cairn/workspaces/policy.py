"""Who may do what. The one place both the pages and the API ask.

Each gatekeeper states one condition per line so coverage shows every branch is tested.
A project the actor may not see answers NotFound, never Forbidden: its existence must
not leak to outsiders.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from cairn.errors import Forbidden, NotFound
from cairn.rows import one
from cairn.workspaces.models import (
    Project,
    ProjectMember,
    Role,
    Visibility,
    Workspace,
    WorkspaceMember,
)

if TYPE_CHECKING:
    from cairn.accounts.models import User

RANK = {Role.GUEST: 0, Role.MEMBER: 1, Role.MANAGER: 2, Role.ADMIN: 3}


class Action(enum.Enum):
    VIEW = Role.GUEST
    COMMENT = Role.MEMBER
    EDIT_ISSUES = Role.MEMBER
    MANAGE_PROJECT = Role.MANAGER
    ADMIN = Role.ADMIN

    @property
    def minimum(self) -> Role:
        return Role(self.value)


def _cache(user: Any) -> dict[tuple[str, int], Role | None]:
    # Roles are asked for several times per request; remember them on the user object,
    # which lives exactly as long as the request does.
    cache = getattr(user, "_cairn_roles", None)
    if cache is None:
        cache = {}
        user._cairn_roles = cache
    return cache


def forget_roles(user: Any) -> None:
    if hasattr(user, "_cairn_roles"):
        del user._cairn_roles


def workspace_role(user: User | Any, workspace_id: int) -> Role | None:
    if not getattr(user, "is_authenticated", False):
        return None
    cache = _cache(user)
    key = ("w", workspace_id)
    if key not in cache:
        role = one(
            WorkspaceMember.objects.filter(user=user, workspace_id=workspace_id)
            .values_list("role", flat=True)
        )
        cache[key] = Role(role) if role else None
    return cache[key]


def project_role(user: User | Any, project: Project) -> Role | None:
    if not getattr(user, "is_authenticated", False):
        return None
    cache = _cache(user)
    key = ("p", project.pk)
    if key not in cache:
        cache[key] = _project_role(user, project)
    return cache[key]


def _project_role(user: User, project: Project) -> Role | None:
    explicit = (
        one(ProjectMember.objects.filter(user=user, project=project).values_list("role", flat=True))
    )
    if explicit:
        return Role(explicit)
    if project.visibility == Visibility.PRIVATE:
        return None
    return workspace_role(user, project.workspace_id)


def can(user: User | Any, action: Action, project: Project) -> bool:
    role = project_role(user, project)
    if role is None:
        return False
    return RANK[role] >= RANK[action.minimum]


def require(user: User | Any, action: Action, project: Project) -> None:
    role = project_role(user, project)
    if role is None:
        raise NotFound(f"No project {project.key}")
    if RANK[role] < RANK[action.minimum]:
        raise Forbidden(f"Your role in {project.key} ({role.label}) may not do this")


def visible_projects(user: User | Any) -> QuerySet[Project]:
    if not getattr(user, "is_authenticated", False):
        return Project.objects.none()
    own = ProjectMember.objects.filter(user=user).values("project_id")
    workspaces = WorkspaceMember.objects.filter(user=user).values("workspace_id")
    return Project.objects.filter(
        Q(id__in=own) | Q(visibility=Visibility.WORKSPACE, workspace_id__in=workspaces)
    )


def projects_where(user: User | Any, action: Action) -> QuerySet[Project]:
    """The projects where the user may do this, in one query: the same rule as `can`
    (a role given in the project wins; a private project is for its members only)."""
    if not getattr(user, "is_authenticated", False):
        return Project.objects.none()
    enough = [role for role in Role if RANK[role] >= RANK[action.minimum]]
    own = ProjectMember.objects.filter(user=user)
    workspaces = WorkspaceMember.objects.filter(user=user, role__in=enough).values("workspace_id")
    return Project.objects.filter(
        Q(id__in=own.filter(role__in=enough).values("project_id"))
        | (Q(visibility=Visibility.WORKSPACE, workspace_id__in=workspaces) & ~Q(id__in=own.values("project_id")))
    )


def access_project_by_key(user: User | Any, key: str, action: Action = Action.VIEW) -> Project:
    if "\x00" in key:  # PostgreSQL refuses NUL in a query; no key has one
        raise NotFound(f"No project {key!r}")
    project = one(Project.objects.filter(key=key.upper()).select_related("workspace"))
    if project is None:
        raise NotFound(f"No project {key}")
    require(user, action, project)
    return project


def require_workspace(user: User | Any, workspace: Workspace, minimum: Role) -> None:
    role = workspace_role(user, workspace.pk)
    if role is None:
        raise NotFound("No such workspace")
    if RANK[role] < RANK[minimum]:
        raise Forbidden(f"Your workspace role ({role.label}) may not do this")


def workspace_can(user: User | Any, action: Action, workspace_id: int) -> bool:
    """Whether the user's workspace role allows the action on what belongs to the whole
    workspace (its products): guests read, members contribute, managers manage."""
    role = workspace_role(user, workspace_id)
    return role is not None and RANK[role] >= RANK[action.minimum]


def require_in_workspace(user: User | Any, action: Action, workspace_id: int, what: str) -> None:
    """As `require`, for a thing of the workspace: to someone outside it the thing does
    not exist (`what` names it in the refusal)."""
    role = workspace_role(user, workspace_id)
    if role is None:
        raise NotFound(f"No {what}")
    if RANK[role] < RANK[action.minimum]:
        raise Forbidden(f"Your workspace role ({role.label}) may not do this")


def may_deactivate(actor: User | Any, user: User | Any, workspace: Workspace) -> bool:
    """An account belongs to every workspace it is in: a workspace admin may stop it only
    when they administer all of them. Site administrators may stop anyone, and only they
    may stop another site administrator."""
    if getattr(actor, "is_superuser", False):
        return True
    if getattr(user, "is_superuser", False):
        return False
    theirs = set(WorkspaceMember.objects.filter(user=user).values_list("workspace_id", flat=True))
    if workspace.pk not in theirs:
        return False
    administered = set(
        WorkspaceMember.objects.filter(user=actor, role=Role.ADMIN).values_list("workspace_id", flat=True)
    )
    return theirs <= administered


def people_who_may(action: Action, project: Project) -> list[User]:
    """The active people whose role in the project allows the action, by name: whom to
    ask for it. A project member's own role counts over their workspace role."""
    allowed = [role for role in Role if RANK[role] >= RANK[action.minimum]]
    listed = ProjectMember.objects.filter(project=project)
    people = [m.user for m in listed.filter(role__in=allowed).select_related("user")]
    if project.visibility == Visibility.WORKSPACE:
        rest = WorkspaceMember.objects.filter(workspace_id=project.workspace_id, role__in=allowed)
        people += [m.user for m in rest.exclude(user_id__in=listed.values("user_id")).select_related("user")]
    return _by_name(people)


def workspace_people(workspace: Workspace, minimum: Role) -> list[User]:
    """The active people whose workspace role is at least `minimum`, by name."""
    allowed = [role for role in Role if RANK[role] >= RANK[minimum]]
    members = WorkspaceMember.objects.filter(workspace=workspace, role__in=allowed).select_related("user")
    return _by_name([m.user for m in members])


def _by_name(people: list[User]) -> list[User]:
    return sorted((p for p in people if p.is_active), key=lambda p: p.name.lower())
