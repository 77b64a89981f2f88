"""Use cases for workspaces, projects, members, teams and invitations."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.text import slugify

from cairn import values
from cairn.accounts import services as accounts
from cairn.accounts.models import User
from cairn.errors import Conflict, Forbidden, Invalid, NotFound
from cairn.events.bus import Event, publish
from cairn.links import public_address
from cairn.workspaces import policy
from cairn.workspaces.models import (
    Invitation,
    Project,
    ProjectMember,
    Role,
    Team,
    Visibility,
    Workspace,
    WorkspaceMember,
    project_key_validator,
)

INVITATION_LIFETIME = timedelta(days=14)


def _workspace_name(name: str) -> str:
    return values.text(name, "name", max_length=120, required=True)


def _free_slug(name: str) -> str:
    base = slugify(name)[:50] or "workspace"
    taken = set(Workspace.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def create_workspace(*, owner: User, name: str, now: datetime) -> Workspace:
    """Anyone may start a workspace and becomes its admin: there is no public sign-up, so
    every account was made by an administrator or an invitation, and a new workspace
    grants nothing over anyone else's."""
    name = _workspace_name(name)
    for _ in range(5):
        try:
            with transaction.atomic():
                workspace = Workspace.objects.create(name=name, slug=_free_slug(name), created_at=now)
                WorkspaceMember.objects.create(workspace=workspace, user=owner, role=Role.ADMIN)
            break
        except IntegrityError:  # another request took the same slug a moment ago
            continue
    else:
        raise Conflict("Could not choose a free address for the workspace; try again",
                       fields={"name": "try again"})
    policy.forget_roles(owner)
    return workspace


def rename_workspace(*, actor: User, workspace: Workspace, name: str) -> Workspace:
    """The slug stays: links and scripts that name the workspace keep working."""
    policy.require_workspace(actor, workspace, Role.ADMIN)
    workspace.name = _workspace_name(name)
    workspace.save(update_fields=["name"])
    return workspace


def workspaces_of(user: User) -> QuerySet[Workspace]:
    return Workspace.objects.filter(members__user=user).order_by("name", "pk")


def workspace_by_slug(actor: User, slug: str, minimum: Role = Role.GUEST) -> Workspace:
    workspace = None if "\x00" in slug else Workspace.objects.filter(slug=slug.lower()).first()
    if workspace is None:
        raise NotFound(f"No workspace {slug}")
    policy.require_workspace(actor, workspace, minimum)
    return workspace


def workspace_members(workspace: Workspace) -> QuerySet[WorkspaceMember]:
    return (WorkspaceMember.objects.filter(workspace=workspace).select_related("user")
            .order_by("user__username", "pk"))


def _role(role: str | Role) -> Role:
    if role not in Role.values:
        raise Invalid.field("role", f"must be one of {', '.join(Role.values)}")
    return Role(role)


def _keep_an_admin(workspace: Workspace, member: WorkspaceMember | None, new_role: Role | None) -> None:
    if member is None or member.role != Role.ADMIN or new_role == Role.ADMIN:
        return
    if not WorkspaceMember.objects.filter(workspace=workspace, role=Role.ADMIN).exclude(pk=member.pk).exists():
        raise Conflict("A workspace keeps at least one admin", fields={"role": "is the last admin"})


def set_workspace_member(
    *, actor: User | None, workspace: Workspace, user: User, role: str | Role
) -> tuple[WorkspaceMember, bool]:
    """Adds an existing account or changes its role; answers (member, created). ``actor``
    None is the operator at the command line (`cairn addmember`)."""
    if actor is not None:
        policy.require_workspace(actor, workspace, Role.ADMIN)
    new_role = _role(role)
    if not user.is_active:
        raise Invalid.field("user", f"{user.username} is deactivated")
    with transaction.atomic():
        member = WorkspaceMember.objects.select_for_update().filter(workspace=workspace, user=user).first()
        _keep_an_admin(workspace, member, new_role)
        created = member is None
        if member is None:
            member = WorkspaceMember.objects.create(workspace=workspace, user=user, role=new_role)
        elif member.role != new_role:
            member.role = new_role
            member.save(update_fields=["role"])
    policy.forget_roles(user)
    return member, created


def add_workspace_member(*, actor: User, workspace: Workspace, user: User, role: Role) -> WorkspaceMember:
    return set_workspace_member(actor=actor, workspace=workspace, user=user, role=role)[0]


def remove_workspace_member(*, actor: User, workspace: Workspace, user: User) -> None:
    """Also ends the person's roles in the workspace's projects, or a private project
    would stay open to someone no longer in the workspace."""
    policy.require_workspace(actor, workspace, Role.ADMIN)
    with transaction.atomic():
        member = WorkspaceMember.objects.select_for_update().filter(workspace=workspace, user=user).first()
        if member is None:
            raise NotFound(f"{user.username} is not in {workspace.name}", fields={"user": "is not a member"})
        _keep_an_admin(workspace, member, None)
        ProjectMember.objects.filter(project__workspace=workspace, user=user).delete()
        member.delete()
    policy.forget_roles(user)


def set_account_active(*, actor: User, workspace: Workspace, user: User, active: bool, now: datetime) -> User:
    """Deactivating stops the account at once (sign-in, tokens, sessions, open live
    streams) and keeps everything it did; reactivating lets it sign in again."""
    policy.require_workspace(actor, workspace, Role.ADMIN)
    if not policy.may_deactivate(actor, user, workspace):
        raise Forbidden(f"{user.username} is also in workspaces you do not administer")
    if user.pk == actor.pk:
        raise Invalid.field("user", "you cannot deactivate yourself")
    if active:
        return accounts.reactivate(user=user)
    return accounts.deactivate(user=user, now=now)


def validate_project_fields(key: str, name: str, visibility: str) -> tuple[str, str]:
    key = key.strip().upper()
    try:
        project_key_validator(key)
    except ValidationError:
        raise Invalid.field("key", "must be 2–10 capital letters or digits, starting with a letter") from None
    name = values.text(name, "name", max_length=200, required=True)
    if visibility not in Visibility.values:
        raise Invalid.field("visibility", f"must be one of {', '.join(Visibility.values)}")
    return key, name


def validate_description(description: str) -> str:
    return values.text(description, "description", max_length=100_000, strip=False)


def insert_project(
    *,
    actor: User,
    workspace: Workspace,
    key: str,
    name: str,
    description: str = "",
    visibility: str = Visibility.WORKSPACE,
    now: datetime,
) -> Project:
    """Only the project row and its creator's membership; callers wanting a usable
    project call `tracker.setup.create_project`, which also lays out its defaults."""
    policy.require_workspace(actor, workspace, Role.MANAGER)
    key, name = validate_project_fields(key, name, visibility)
    description = validate_description(description)
    if Project.objects.filter(key=key).exists():
        raise Invalid.field("key", f"{key} is already used by another project")
    try:
        with transaction.atomic():
            project = Project.objects.create(
                workspace=workspace,
                key=key,
                name=name,
                description=description,
                visibility=visibility,
                lead=actor,
                created_at=now,
            )
            ProjectMember.objects.create(project=project, user=actor, role=Role.ADMIN)
    except IntegrityError:
        raise Invalid.field("key", f"{key} is already used by another project") from None
    policy.forget_roles(actor)
    publish(Event("project.created", now, actor.pk, project.pk, {"key": key}))
    return project


def update_project(
    *,
    actor: User,
    project: Project,
    name: str | None = None,
    description: str | None = None,
    visibility: str | None = None,
    now: datetime,
) -> Project:
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    _, new_name = validate_project_fields(
        project.key,
        name if name is not None else project.name,
        visibility if visibility is not None else project.visibility,
    )
    project.name = new_name
    if description is not None:
        project.description = validate_description(description)
    if visibility is not None:
        project.visibility = visibility
    project.save(update_fields=["name", "description", "visibility"])
    publish(Event("project.updated", now, actor.pk, project.pk, {"key": project.key}))
    return project


def set_project_member(*, actor: User, project: Project, user: User, role: str) -> ProjectMember:
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    if role not in Role.values:
        raise Invalid.field("role", f"must be one of {', '.join(Role.values)}")
    if not WorkspaceMember.objects.filter(workspace_id=project.workspace_id, user=user).exists():
        raise Invalid.field("user", f"{user.username} is not in this workspace")
    if role == Role.ADMIN and policy.project_role(actor, project) != Role.ADMIN:
        raise Invalid.field("role", "only a project admin may make another admin")
    member, _ = ProjectMember.objects.update_or_create(
        project=project, user=user, defaults={"role": role}
    )
    policy.forget_roles(user)
    return member


def workspace_person_named(*, actor: User, project: Project, username: str) -> User:
    """Someone of the project's workspace, for an actor who manages the project. Anyone
    else reads exactly like a username that does not exist."""
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    user = accounts.active_user_named(username)
    if user is None or not WorkspaceMember.objects.filter(workspace_id=project.workspace_id, user=user).exists():
        raise Invalid.field("user", f"no one called {username} in this workspace")
    return user


def project_member_named(*, actor: User, project: Project, username: str) -> User:
    """A member of the project, for an actor who manages it; anyone else reads like no one."""
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    user = accounts.active_user_named(username)
    if user is None or not ProjectMember.objects.filter(project=project, user=user).exists():
        raise NotFound(f"{username} is not a member of {project.key}", fields={"user": "is not a member"})
    return user


def remove_project_member(*, actor: User, project: Project, user: User) -> None:
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    member = ProjectMember.objects.filter(project=project, user=user).first()
    if member is None:
        raise NotFound(
            f"{user.username} is not a member of {project.key}", fields={"user": "is not a member"}
        )
    admins = ProjectMember.objects.filter(project=project, role=Role.ADMIN)
    if member.role == Role.ADMIN and admins.count() == 1:
        raise Conflict("A project keeps at least one admin", fields={"user": "is the last admin"})
    member.delete()
    policy.forget_roles(user)


def project_members(project: Project) -> list[ProjectMember]:
    return list(
        ProjectMember.objects.filter(project=project).select_related("user").order_by("user__username")
    )


def assignable_users(project: Project) -> list[User]:
    """People who can be given work in the project: its members, and for a workspace-wide
    project everyone in the workspace but guests."""
    members = ProjectMember.objects.filter(project=project).exclude(role=Role.GUEST)
    ids = set(members.values_list("user_id", flat=True))
    if project.visibility == Visibility.WORKSPACE:
        ids |= set(
            WorkspaceMember.objects.filter(workspace_id=project.workspace_id)
            .exclude(role=Role.GUEST)
            .values_list("user_id", flat=True)
        )
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("username"))


def create_team(*, actor: User, workspace: Workspace, name: str, members: list[User]) -> Team:
    policy.require_workspace(actor, workspace, Role.MANAGER)
    name = values.text(name, "name", max_length=120, required=True)
    if Team.objects.filter(workspace=workspace, name=name).exists():
        raise Invalid.field("name", f"a team named {name!r} exists")
    with transaction.atomic():
        team = Team.objects.create(workspace=workspace, name=name)
        team.members.set(members)
    return team


def invite(
    *, actor: User, workspace: Workspace, email: str, role: str, now: datetime, address: str | None = None
) -> Invitation:
    """Sends the invitation by e-mail; the link carries a secret of which only a hash is
    kept. `address` is where people reach Cairn (`links.public_address(request)`)."""
    policy.require_workspace(actor, workspace, Role.ADMIN)
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise Invalid.field("email", "is not an e-mail address")
    if role not in Role.values:
        raise Invalid.field("role", f"must be one of {', '.join(Role.values)}")
    secret = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        workspace=workspace,
        email=email,
        role=role,
        token_hash=accounts.hash_secret(secret),
        invited_by=actor,
        created_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )
    link = f"{address or public_address()}/invitations/{secret}/"
    send_mail(
        f"{actor.name} invited you to {workspace.name} on Cairn",
        f"{actor.name} invited you to join {workspace.name} as {Role(role).label.lower()}.\n\n"
        f"Accept the invitation and choose your password:\n{link}\n\n"
        f"The link works until {invitation.expires_at:%Y-%m-%d}.",
        None,
        [email],
    )
    return invitation


def pending_invitation(secret: str, *, now: datetime) -> Invitation:
    invitation = (
        Invitation.objects.select_related("workspace")
        .filter(token_hash=accounts.hash_secret(secret), accepted_at__isnull=True)
        .first()
    )
    if invitation is None or invitation.expires_at < now:
        raise NotFound("This invitation does not exist, was used, or has expired")
    return invitation


def invited_account(invitation: Invitation) -> User | None:
    """The account that already uses the invited address: that person joins by logging in."""
    return accounts.account_with_email(invitation.email)


def is_invited(invitation: Invitation, user: User) -> bool:
    return user.email.strip().lower() == invitation.email


def accept_invitation(
    *, secret: str, username: str, password: str, display_name: str, now: datetime
) -> User:
    """A new account for the invited address, in the workspace."""
    with transaction.atomic():
        invitation = pending_invitation(secret, now=now)
        if invited_account(invitation) is not None:
            raise Invalid.field("email", f"{invitation.email} already has an account: log in to join")
        user = accounts.create_user(
            username=username, email=invitation.email, password=password, display_name=display_name
        )
        _use(invitation, user, now)
        WorkspaceMember.objects.create(workspace=invitation.workspace, user=user, role=invitation.role)
    return user


def join_by_invitation(*, secret: str, user: User, now: datetime) -> WorkspaceMember:
    """The invited person's existing account joins; someone else's account may not."""
    with transaction.atomic():
        invitation = pending_invitation(secret, now=now)
        if not is_invited(invitation, user):
            raise Forbidden(f"This invitation is for {invitation.email}: log out and open the link again")
        _use(invitation, user, now)
        # Someone already there keeps their role: an invitation adds, it never demotes.
        member, _ = WorkspaceMember.objects.get_or_create(
            workspace=invitation.workspace, user=user, defaults={"role": invitation.role}
        )
    policy.forget_roles(user)
    return member


def _use(invitation: Invitation, user: User, now: datetime) -> None:
    # A conditional UPDATE: of two people accepting at once, one wins and one is told.
    claimed = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        accepted_at=now, accepted_by=user
    )
    if not claimed:
        raise NotFound("This invitation does not exist, was used, or has expired")
