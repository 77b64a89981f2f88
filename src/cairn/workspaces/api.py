"""API for projects and their members."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from cairn import paging
from cairn.accounts.models import User
from cairn.errors import Invalid
from cairn.inputs import Input
from cairn.workspaces import policy, services
from cairn.workspaces.models import Project, ProjectMember, Visibility, Workspace

router = Router(tags=["projects"])


class ProjectOut(Schema):
    key: str
    name: str
    description: str
    visibility: str
    workspace: str
    lead: str | None
    created_at: dt.datetime
    your_role: str | None
    url: str


def project_out(project: Project, user: User) -> ProjectOut:
    role = policy.project_role(user, project)
    return ProjectOut(
        key=project.key,
        name=project.name,
        description=project.description,
        visibility=project.visibility,
        workspace=project.workspace.slug,
        lead=project.lead.username if project.lead else None,
        created_at=project.created_at,
        your_role=role.value if role else None,
        url=f"/projects/{project.key}/",
    )


class ProjectPage(Schema):
    items: list[ProjectOut]
    total: int
    next_cursor: str | None


class ProjectIn(Input):
    key: str
    name: str
    description: str = ""
    visibility: str = Visibility.WORKSPACE
    workspace: str | None = None


class ProjectPatch(Input):
    name: str | None = None
    description: str | None = None
    visibility: str | None = None


class MemberOut(Schema):
    username: str
    name: str
    role: str


class MemberIn(Input):
    role: str


def member_out(member: ProjectMember) -> MemberOut:
    return MemberOut(username=member.user.username, name=member.user.name, role=member.role)


@router.get("/projects", response=ProjectPage, summary="Projects you can see")
def list_projects(request: HttpRequest, cursor: str | None = None, limit: int = 50):
    rows = policy.visible_projects(request.user).select_related("workspace", "lead").order_by("key")
    page = paging.paginate(rows, cursor=cursor, limit=limit)
    items = [project_out(p, request.user) for p in page.items]
    return {"items": items, "total": page.total, "next_cursor": page.next_cursor}


# Lives beside GET /projects: Django routes on the path alone, so the two methods must
# share one router or the second registered would answer 405.
@router.post("/projects", response={201: ProjectOut}, summary="Create a project")
def create_project(request: HttpRequest, payload: ProjectIn):
    from cairn.tracker import setup

    workspaces = Workspace.objects.filter(members__user=request.user)
    if payload.workspace:
        workspaces = workspaces.filter(slug=payload.workspace)
    workspace = workspaces.order_by("pk").first()
    if workspace is None:
        raise Invalid.field("workspace", "you are in no such workspace")
    project = setup.create_project(
        actor=request.user, workspace=workspace, key=payload.key, name=payload.name,  # type: ignore[arg-type]
        description=payload.description, visibility=payload.visibility, now=timezone.now(),
    )
    return Status(201, project_out(project, request.user))


@router.get("/projects/{key}", response=ProjectOut, summary="Get a project")
def get_project(request: HttpRequest, key: str):
    return project_out(policy.access_project_by_key(request.user, key), request.user)


@router.patch("/projects/{key}", response=ProjectOut, summary="Change a project")
def patch_project(request: HttpRequest, key: str, payload: ProjectPatch):
    project = policy.access_project_by_key(request.user, key)
    project = services.update_project(
        actor=request.user, project=project, now=timezone.now(), **payload.model_dump(exclude_unset=True)
    )
    return project_out(project, request.user)


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
