"""Pages: a workspace (people, roles, accounts, invitations, teams) and accepting an
invitation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn import paging
from cairn.accounts.models import User
from cairn.errors import DomainError, Invalid
from cairn.links import public_address
from cairn.workspaces import policy, services
from cairn.workspaces.models import Invitation, Role, Team, Workspace

PAGE_SIZE = 50
PEOPLE_ACTIONS = ("role", "add", "remove", "deactivate", "reactivate")


def _user_named(username: str) -> User:
    user = None if "\x00" in username else User.objects.filter(username__iexact=username.strip()).first()
    if user is None:
        raise Invalid.field("username", f"no user {username}")
    return user


def _handle(request: HttpRequest, workspace: Workspace) -> str:
    post, actor, now = request.POST, request.user, timezone.now()
    action = post.get("action")
    if action == "invite":
        invitation = services.invite(actor=actor, workspace=workspace, email=post.get("email", ""),
                                     role=post.get("role", ""), now=now, address=public_address(request))
        return f"Invitation sent to {invitation.email}."
    if action in PEOPLE_ACTIONS:
        # Only admins may ask about an account by name: for anyone else, nothing is looked up.
        policy.require_workspace(actor, workspace, Role.ADMIN)
    if action in ("role", "add"):
        user = _user_named(post.get("username", ""))
        member, created = services.set_workspace_member(actor=actor, workspace=workspace, user=user,
                                                        role=post.get("role", ""))
        label = Role(member.role).label.lower()
        return f"{user.name} joined {workspace.name} as {label}." if created else f"{user.name} is now {label}."
    if action == "remove":
        user = _user_named(post.get("username", ""))
        services.remove_workspace_member(actor=actor, workspace=workspace, user=user)
        return f"{user.name} is no longer in {workspace.name}."
    if action in ("deactivate", "reactivate"):
        user = _user_named(post.get("username", ""))
        services.set_account_active(actor=actor, workspace=workspace, user=user,
                                    active=action == "reactivate", now=now)
        return f"{user.name}'s account is {action}d."
    if action == "rename":
        services.rename_workspace(actor=actor, workspace=workspace, name=post.get("name", ""))
        return "Workspace renamed."
    if action == "team":
        members = list(User.objects.filter(username__in=post.getlist("members")))
        team = services.create_team(actor=actor, workspace=workspace, name=post.get("name", ""), members=members)
        return f"Team {team.name} created."
    raise Invalid.field("action", "unknown action")


@login_required
def first_workspace(request: HttpRequest) -> HttpResponse:
    workspace = services.workspaces_of(request.user).first()
    return redirect(f"/workspaces/{workspace.slug}/" if workspace else "/setup/")


@login_required
def workspace_page(request: HttpRequest, slug: str) -> HttpResponse:
    workspace = services.workspace_by_slug(request.user, slug)
    error = None
    if request.method == "POST":
        try:
            messages.success(request, _handle(request, workspace))
            return redirect(f"/workspaces/{workspace.slug}/")
        except DomainError as failure:
            error = failure.message
    is_admin = policy.workspace_role(request.user, workspace.pk) == Role.ADMIN
    page = paging.paginate(services.workspace_members(workspace), cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
    previous_url, next_url = paging.page_urls(request.GET, page, PAGE_SIZE)
    invitations = (Invitation.objects.filter(workspace=workspace, accepted_at__isnull=True,
                                             expires_at__gt=timezone.now()).order_by("-created_at")
                   if is_admin else Invitation.objects.none())
    return render(request, "workspaces/workspace.html", {
        "workspace": workspace, "is_admin": is_admin, "members": page.items, "page": page,
        "previous_url": previous_url, "next_url": next_url, "roles": Role.choices,
        "workspaces": services.workspaces_of(request.user),
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
