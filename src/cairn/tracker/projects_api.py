"""API for projects: list, create, read and change. A project's life starts here in the
tracker, which lays out its defaults (types, statuses, priorities) when it is created;
its members are the workspaces context's (cairn.workspaces.api)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from cairn import paging
from cairn.accounts.models import User
from cairn.errors import Invalid, NotFound
from cairn.inputs import Input
from cairn.tracker import setup
from cairn.workspaces import policy
from cairn.workspaces import services as workspaces
from cairn.workspaces.models import Project, Visibility, Workspace

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




@router.get("/projects", response=ProjectPage, summary="Projects you can see")
def list_projects(request: HttpRequest, cursor: str | None = None, limit: int = 50):
    rows = policy.visible_projects(request.user).select_related("workspace", "lead").order_by("key")
    page = paging.paginate(rows, cursor=cursor, limit=limit)
    items = [project_out(p, request.user) for p in page.items]
    return {"items": items, "total": page.total, "next_cursor": page.next_cursor}


def _workspace_for_new_project(user: User, slug: str | None) -> Workspace:
    """The named workspace, or the only one the person is in; with several, the client
    must say which rather than have us guess."""
    if slug:
        try:
            return workspaces.workspace_by_slug(user, slug)
        except NotFound:
            raise Invalid.field("workspace", f"you are in no workspace {slug}") from None
    mine = list(workspaces.workspaces_of(user)[:2])
    if not mine:
        raise Invalid.field("workspace", "you are in no workspace yet: create one with POST /api/v1/workspaces")
    if len(mine) > 1:
        raise Invalid.field("workspace", "you are in several workspaces: name one by its slug")
    return mine[0]


@router.post("/projects", response={201: ProjectOut}, summary="Create a project")
def create_project(request: HttpRequest, payload: ProjectIn):
    workspace = _workspace_for_new_project(request.user, payload.workspace)
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
    project = workspaces.update_project(
        actor=request.user, project=project, now=timezone.now(), **payload.model_dump(exclude_unset=True)
    )
    return project_out(project, request.user)
