"""Pages: the workspace (people, roles, invitations, teams) and accepting an invitation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn.accounts.models import User
from cairn.errors import DomainError, Invalid, NotFound
from cairn.links import public_address
from cairn.workspaces import policy, services
from cairn.workspaces.models import Invitation, Role, Team, Workspace, WorkspaceMember


def _workspace(request: HttpRequest) -> Workspace:
    workspace = Workspace.objects.filter(members__user=request.user).order_by("pk").first()
    if workspace is None:
        raise NotFound("You are not in a workspace yet")
    return workspace


def _handle(request: HttpRequest, workspace: Workspace) -> str:
    post, actor, now = request.POST, request.user, timezone.now()
    action = post.get("action")
    if action == "invite":
        invitation = services.invite(actor=actor, workspace=workspace, email=post.get("email", ""),
                                     role=post.get("role", ""), now=now, address=public_address(request))
        return f"Invitation sent to {invitation.email}."
    if action == "role":
        # Only admins may ask about an account by name: for anyone else, nothing is looked up.
        policy.require_workspace(actor, workspace, Role.ADMIN)
        user = User.objects.filter(username=post.get("username", "")).first()
        role = post.get("role", "")
        if user is None or role not in Role.values:
            raise Invalid.field("role", "choose a person and a role")
        services.add_workspace_member(actor=actor, workspace=workspace, user=user, role=Role(role))
        return f"{user.name} is now {Role(role).label.lower()}."
    if action == "team":
        members = list(User.objects.filter(username__in=post.getlist("members")))
        team = services.create_team(actor=actor, workspace=workspace, name=post.get("name", ""), members=members)
        return f"Team {team.name} created."
    raise Invalid.field("action", "unknown action")


@login_required
def workspace_page(request: HttpRequest) -> HttpResponse:
    workspace = _workspace(request)
    role = policy.workspace_role(request.user, workspace.pk)
    error = None
    if request.method == "POST":
        try:
            messages.success(request, _handle(request, workspace))
            return redirect("/workspace/")
        except DomainError as failure:
            error = failure.message
    members = WorkspaceMember.objects.filter(workspace=workspace).select_related("user").order_by("user__username")
    is_admin = role == Role.ADMIN
    # Whom the workspace invited (their e-mail addresses) is for those who may invite.
    invitations = Invitation.objects.filter(workspace=workspace, accepted_at__isnull=True,
                                            expires_at__gt=timezone.now()).order_by("-created_at")
    invitations = invitations if is_admin else invitations.none()
    return render(request, "workspaces/workspace.html", {
        "workspace": workspace, "is_admin": is_admin, "members": members, "roles": Role.choices,
        "invitations": invitations,
        "teams": Team.objects.filter(workspace=workspace).prefetch_related("members"),
        "error": error, "values": request.POST,
    }, status=422 if error else 200)


def accept_invitation(request: HttpRequest, secret: str) -> HttpResponse:
    now = timezone.now()
    invitation = services.pending_invitation(secret, now=now)
    error = None
    if request.method == "POST" and request.user.is_authenticated:
        services.join_by_invitation(secret=secret, user=request.user, now=now)  # type: ignore[arg-type]
        messages.success(request, f"Welcome to {invitation.workspace.name}.")
        return redirect("/")
    if request.method == "POST":
        if request.POST.get("password") != request.POST.get("password2"):
            error = "The two passwords differ."
        else:
            try:
                user = services.accept_invitation(
                    secret=secret, username=request.POST.get("username", ""), password=request.POST.get("password", ""),
                    display_name=request.POST.get("display_name", ""), now=now,
                )
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, f"Welcome to {invitation.workspace.name}.")
                return redirect("/")
            except Invalid as invalid:
                error = invalid.message
    signed_in = request.user.is_authenticated
    return render(request, "workspaces/accept.html", {
        "invitation": invitation, "error": error, "values": request.POST,
        "has_account": not signed_in and services.invited_account(invitation) is not None,
        "may_join": signed_in and services.is_invited(invitation, request.user),  # type: ignore[arg-type]
    }, status=422 if error else 200)
