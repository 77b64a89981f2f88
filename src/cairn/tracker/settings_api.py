"""API for creating projects and configuring their tracker: types, statuses,
priorities, labels, milestones and custom fields."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ninja
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from cairn.errors import Invalid, NotFound
from cairn.tracker import setup
from cairn.tracker.models import CustomField, IssueType, Label, Milestone, Priority, Status
from cairn.workspaces import policy
from cairn.workspaces.api import ProjectOut, project_out
from cairn.workspaces.models import Visibility, Workspace

router = Router(tags=["project settings"])


class ProjectIn(Schema):
    key: str
    name: str
    description: str = ""
    visibility: str = Visibility.WORKSPACE
    workspace: str | None = None


class NamedIn(Schema):
    name: str
    color: str | None = None


class StatusIn(Schema):
    name: str
    category: str


class MilestoneIn(Schema):
    name: str
    due_date: dt.date | None = None
    description: str = ""


class CustomFieldIn(Schema):
    name: str
    kind: str
    options: list[str] = []
    required: bool = False


class SettingOut(Schema):
    id: int
    name: str
    color: str | None = None
    category: str | None = None
    kind: str | None = None
    options: list[str] | None = None
    required: bool | None = None
    due_date: dt.date | None = None
    closed: bool | None = None


@router.post("/projects", response={201: ProjectOut}, summary="Create a project")
def create_project(request: HttpRequest, payload: ProjectIn):
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
    return ninja.Status(201, project_out(project, request.user))


KINDS: dict[str, type[models.Model]] = {
    "types": IssueType,
    "statuses": Status,
    "priorities": Priority,
    "labels": Label,
    "milestones": Milestone,
    "custom-fields": CustomField,
}


def _out(row: Any) -> SettingOut:
    return SettingOut(
        id=row.pk,
        name=row.name,
        color=getattr(row, "color", None),
        category=getattr(row, "category", None),
        kind=getattr(row, "kind", None),
        options=getattr(row, "options", None),
        required=getattr(row, "required", None),
        due_date=getattr(row, "due_date", None),
        closed=getattr(row, "closed", None),
    )


def _kind(kind: str) -> type[models.Model]:
    model = KINDS.get(kind)
    if model is None:
        raise NotFound(f"No setting kind {kind}; try {', '.join(KINDS)}")
    return model


@router.get("/projects/{key}/{kind}", response=list[SettingOut], summary="List types, statuses, priorities, labels, milestones or custom fields")
def list_settings(request: HttpRequest, key: str, kind: str):
    project = policy.access_project_by_key(request.user, key)
    return [_out(row) for row in _kind(kind).objects.filter(project=project)]  # type: ignore[attr-defined]


@router.post("/projects/{key}/types", response={201: SettingOut}, summary="Add an issue type")
def add_type(request: HttpRequest, key: str, payload: NamedIn):
    project = policy.access_project_by_key(request.user, key)
    return ninja.Status(201, _out(setup.add_issue_type(actor=request.user, project=project, **payload.dict())))  # type: ignore[arg-type]


@router.post("/projects/{key}/statuses", response={201: SettingOut}, summary="Add a status")
def add_status(request: HttpRequest, key: str, payload: StatusIn):
    project = policy.access_project_by_key(request.user, key)
    return ninja.Status(201, _out(setup.add_status(actor=request.user, project=project, **payload.dict())))  # type: ignore[arg-type]


@router.post("/projects/{key}/priorities", response={201: SettingOut}, summary="Add a priority")
def add_priority(request: HttpRequest, key: str, payload: NamedIn):
    project = policy.access_project_by_key(request.user, key)
    return ninja.Status(201, _out(setup.add_priority(actor=request.user, project=project, **payload.dict())))  # type: ignore[arg-type]


@router.post("/projects/{key}/labels", response={201: SettingOut}, summary="Add a label")
def add_label(request: HttpRequest, key: str, payload: NamedIn):
    project = policy.access_project_by_key(request.user, key)
    return ninja.Status(201, _out(setup.add_label(actor=request.user, project=project, **payload.dict())))  # type: ignore[arg-type]


@router.post("/projects/{key}/milestones", response={201: SettingOut}, summary="Add a milestone")
def add_milestone(request: HttpRequest, key: str, payload: MilestoneIn):
    project = policy.access_project_by_key(request.user, key)
    return ninja.Status(201, _out(setup.add_milestone(actor=request.user, project=project, **payload.dict())))  # type: ignore[arg-type]


@router.post("/projects/{key}/custom-fields", response={201: SettingOut}, summary="Add a custom field")
def add_custom_field(request: HttpRequest, key: str, payload: CustomFieldIn):
    project = policy.access_project_by_key(request.user, key)
    return ninja.Status(201, _out(setup.add_custom_field(actor=request.user, project=project, **payload.dict())))  # type: ignore[arg-type]


@router.delete("/projects/{key}/{kind}/{setting_id}", response={204: None}, summary="Remove a setting no issue uses")
def remove_setting(request: HttpRequest, key: str, kind: str, setting_id: int):
    project = policy.access_project_by_key(request.user, key)
    setup.remove_setting(actor=request.user, project=project, model=_kind(kind), pk=setting_id)  # type: ignore[arg-type]
    return ninja.Status(204, None)
