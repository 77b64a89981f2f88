"""API for workspaces, their people, and the members of projects."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from cairn import paging
from cairn.accounts.models import User
from cairn.errors import Invalid, NotFound
from cairn.inputs import Input
from cairn.workspaces import policy, services
from cairn.workspaces.models import ProjectMember, Role, Workspace, WorkspaceMember

router = Router(tags=["projects"])
workspace_router = Router(tags=["workspaces"])


class MemberOut(Schema):
    username: str
    name: str
    role: str


class MemberIn(Input):
    role: str


def member_out(member: ProjectMember) -> MemberOut:
    return MemberOut(username=member.user.username, name=member.user.name, role=member.role)


@router.get("/projects/{key}/members", response=list[MemberOut], summary="A project's members")
def list_members(request: HttpRequest, key: str):
    project = policy.access_project_by_key(request.user, key)
    return [member_out(m) for m in services.project_members(project)]


@router.put("/projects/{key}/members/{username}", response=MemberOut, summary="Add a member or change a role")
def put_member(request: HttpRequest, key: str, username: str, payload: MemberIn):
    project = policy.access_project_by_key(request.user, key)
    user = services.workspace_person_named(actor=request.user, project=project, username=username)  # type: ignore[arg-type]
    member = services.set_project_member(actor=request.user, project=project, user=user, role=payload.role)
    return member_out(member)


@router.delete("/projects/{key}/members/{username}", response={204: None}, summary="Remove a member")
def delete_member(request: HttpRequest, key: str, username: str):
    project = policy.access_project_by_key(request.user, key)
    user = services.project_member_named(actor=request.user, project=project, username=username)  # type: ignore[arg-type]
    services.remove_project_member(actor=request.user, project=project, user=user)
    return Status(204, None)


class WorkspaceOut(Schema):
    slug: str
    name: str
    created_at: dt.datetime
    your_role: str | None
    url: str


class WorkspacePage(Schema):
    items: list[WorkspaceOut]
    total: int
    next_cursor: str | None


class WorkspaceIn(Input):
    name: str


class WorkspacePatch(Input):
    name: str | None = None


class WorkspaceMemberOut(Schema):
    username: str
    name: str
    email: str | None = Field(description="shown to the workspace's admins only")
    role: str
    active: bool


class WorkspaceMemberPage(Schema):
    items: list[WorkspaceMemberOut]
    total: int
    next_cursor: str | None


class AccountIn(Input):
    active: bool


def workspace_out(workspace: Workspace, user: User) -> WorkspaceOut:
    role = policy.workspace_role(user, workspace.pk)
    return WorkspaceOut(slug=workspace.slug, name=workspace.name, created_at=workspace.created_at,
                        your_role=role.value if role else None, url=f"/workspaces/{workspace.slug}/")


def workspace_member_out(member: WorkspaceMember, show_email: bool) -> WorkspaceMemberOut:
    user = member.user
    return WorkspaceMemberOut(username=user.username, name=user.name, email=user.email if show_email else None,
                              role=member.role, active=user.is_active)


@workspace_router.get("/workspaces", response=WorkspacePage, summary="Workspaces you are in")
def list_workspaces(request: HttpRequest, cursor: str | None = None, limit: int = 50):
    page = paging.paginate(services.workspaces_of(request.user), cursor=cursor, limit=limit)
    items = [workspace_out(w, request.user) for w in page.items]
    return {"items": items, "total": page.total, "next_cursor": page.next_cursor}


@workspace_router.post("/workspaces", response={201: WorkspaceOut}, summary="Create a workspace")
def create_workspace(request: HttpRequest, payload: WorkspaceIn):
    workspace = services.create_workspace(owner=request.user, name=payload.name, now=timezone.now())
    return Status(201, workspace_out(workspace, request.user))


@workspace_router.get("/workspaces/{slug}", response=WorkspaceOut, summary="Get a workspace")
def get_workspace(request: HttpRequest, slug: str):
    return workspace_out(services.workspace_by_slug(request.user, slug), request.user)


@workspace_router.patch("/workspaces/{slug}", response=WorkspaceOut, summary="Rename a workspace")
def patch_workspace(request: HttpRequest, slug: str, payload: WorkspacePatch):
    workspace = services.workspace_by_slug(request.user, slug)
    if payload.name is not None:
        workspace = services.rename_workspace(actor=request.user, workspace=workspace, name=payload.name)
    return workspace_out(workspace, request.user)


@workspace_router.get("/workspaces/{slug}/members", response=WorkspaceMemberPage,
                      summary="The people in a workspace")
def list_workspace_members(request: HttpRequest, slug: str, cursor: str | None = None, limit: int = 50):
    workspace = services.workspace_by_slug(request.user, slug)
    page = paging.paginate(services.workspace_members(workspace), cursor=cursor, limit=limit)
    admin = policy.workspace_role(request.user, workspace.pk) == Role.ADMIN
    items = [workspace_member_out(m, show_email=admin) for m in page.items]
    return {"items": items, "total": page.total, "next_cursor": page.next_cursor}


@workspace_router.put("/workspaces/{slug}/members/{username}", response={200: WorkspaceMemberOut, 201: WorkspaceMemberOut},
                      summary="Add an existing account to a workspace, or change its role")
def put_workspace_member(request: HttpRequest, slug: str, username: str, payload: MemberIn):
    # Admins only, before any account is looked up: nobody else learns who has one.
    workspace = services.workspace_by_slug(request.user, slug, Role.ADMIN)
    user = None if "\x00" in username else User.objects.filter(username__iexact=username, is_active=True).first()
    if user is None:
        raise Invalid.field("user", f"no user {username}")
    member, created = services.set_workspace_member(actor=request.user, workspace=workspace, user=user,
                                                    role=payload.role)
    return Status(201 if created else 200, workspace_member_out(member, show_email=True))


@workspace_router.delete("/workspaces/{slug}/members/{username}", response={204: None},
                         summary="Remove someone from a workspace and its projects")
def delete_workspace_member(request: HttpRequest, slug: str, username: str):
    workspace = services.workspace_by_slug(request.user, slug, Role.ADMIN)
    services.remove_workspace_member(actor=request.user, workspace=workspace, user=_any_user(username))
    return Status(204, None)


@workspace_router.put("/workspaces/{slug}/members/{username}/account", response=WorkspaceMemberOut,
                      summary="Deactivate or reactivate someone's account")
def put_account(request: HttpRequest, slug: str, username: str, payload: AccountIn):
    workspace = services.workspace_by_slug(request.user, slug, Role.ADMIN)
    user = _any_user(username)
    member = WorkspaceMember.objects.filter(workspace=workspace, user=user).select_related("user").first()
    if member is None:
        raise NotFound(f"{username} is not in {workspace.name}", fields={"user": "is not a member"})
    services.set_account_active(actor=request.user, workspace=workspace, user=member.user,
                                active=payload.active, now=timezone.now())
    return workspace_member_out(member, show_email=True)


def _any_user(username: str) -> User:
    user = None if "\x00" in username else User.objects.filter(username__iexact=username).first()
    if user is None:
        raise NotFound(f"No user {username}", fields={"user": f"no user {username}"})
    return user
