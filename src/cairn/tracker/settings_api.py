"""API for configuring a project's tracker: types, statuses,
priorities, labels, milestones and custom fields."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ninja
from django.db import models
from django.http import HttpRequest
from ninja import Router, Schema

from cairn.errors import NotFound
from cairn.inputs import Input
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
from cairn.workspaces import policy

router = Router(tags=["project settings"])


class NamedIn(Input):
    name: str
    color: str | None = None


class StatusIn(Input):
    name: str
    category: str


class MilestoneIn(Input):
    name: str
    due_date: dt.date | None = None
    description: str = ""


class CustomFieldIn(Input):
    name: str
    kind: str
    options: list[str] = []
    required: bool = False


class TypeOut(Schema):
    id: int
    name: str
    color: str


class StatusOut(Schema):
    id: int
    name: str
    category: StatusCategory


class PriorityOut(Schema):
    id: int
    name: str
    color: str
    is_default: bool


class LabelOut(Schema):
    id: int
    name: str
    color: str


class MilestoneOut(Schema):
    id: int
    name: str
    description: str
    due_date: dt.date | None
    closed: bool


class CustomFieldOut(Schema):
    id: int
    name: str
    kind: FieldKind
    options: list[str]
    required: bool


KINDS: dict[str, type[models.Model]] = {
    "types": IssueType,
    "statuses": Status,
    "priorities": Priority,
    "labels": Label,
    "milestones": Milestone,
    "custom-fields": CustomField,
}
# Each kind answers its own fields: one schema for all would send a dozen nulls.
SCHEMAS: dict[str, type[Schema]] = {
    "types": TypeOut,
    "statuses": StatusOut,
    "priorities": PriorityOut,
    "labels": LabelOut,
    "milestones": MilestoneOut,
    "custom-fields": CustomFieldOut,
}


def _kind(kind: str) -> type[models.Model]:
    model = KINDS.get(kind)
    if model is None:
        raise NotFound(f"No setting kind {kind}; try {', '.join(KINDS)}")
    return model


@router.post("/projects/{key}/types", response={201: TypeOut}, summary="Add an issue type")
def add_type(request: HttpRequest, key: str, payload: NamedIn):
    project = policy.access_project_by_key(request.user, key)
    return ninja.Status(201, setup.add_issue_type(actor=request.user, project=project, **payload.dict()))  # type: ignore[arg-type]


@router.post("/projects/{key}/statuses", response={201: StatusOut}, summary="Add a status")
def add_status(request: HttpRequest, key: str, payload: StatusIn):
    project = policy.access_project_by_key(request.user, key)
    return ninja.Status(201, setup.add_status(actor=request.user, project=project, **payload.dict()))  # type: ignore[arg-type]


@router.post("/projects/{key}/priorities", response={201: PriorityOut}, summary="Add a priority")
def add_priority(request: HttpRequest, key: str, payload: NamedIn):
    project = policy.access_project_by_key(request.user, key)
    return ninja.Status(201, setup.add_priority(actor=request.user, project=project, **payload.dict()))  # type: ignore[arg-type]


@router.post("/projects/{key}/labels", response={201: LabelOut}, summary="Add a label")
def add_label(request: HttpRequest, key: str, payload: NamedIn):
    project = policy.access_project_by_key(request.user, key)
    return ninja.Status(201, setup.add_label(actor=request.user, project=project, **payload.dict()))  # type: ignore[arg-type]


@router.post("/projects/{key}/milestones", response={201: MilestoneOut}, summary="Add a milestone")
def add_milestone(request: HttpRequest, key: str, payload: MilestoneIn):
    project = policy.access_project_by_key(request.user, key)
    return ninja.Status(201, setup.add_milestone(actor=request.user, project=project, **payload.dict()))  # type: ignore[arg-type]


@router.post("/projects/{key}/custom-fields", response={201: CustomFieldOut}, summary="Add a custom field")
def add_custom_field(request: HttpRequest, key: str, payload: CustomFieldIn):
    project = policy.access_project_by_key(request.user, key)
    return ninja.Status(201, setup.add_custom_field(actor=request.user, project=project, **payload.dict()))  # type: ignore[arg-type]


def _lister(kind: str) -> Any:
    def list_settings(request: HttpRequest, key: str) -> Any:
        project = policy.access_project_by_key(request.user, key)
        return KINDS[kind].objects.filter(project=project)  # type: ignore[attr-defined]

    return list_settings


# One GET per kind rather than GET /projects/{key}/{kind}: Django routes on the path
# alone, so a catch-all {kind} path would shadow POST /projects/{key}/types and answer 405.
for _kind_name in KINDS:
    router.get(
        f"/projects/{{key}}/{_kind_name}",
        response=list[SCHEMAS[_kind_name]],  # type: ignore[index]
        summary=f"List the project's {_kind_name.replace('-', ' ')}",
        operation_id=f"list_{_kind_name.replace('-', '_')}",
    )(_lister(_kind_name))


@router.delete("/projects/{key}/{kind}/{setting_id}", response={204: None}, summary="Remove a setting no issue uses")
def remove_setting(request: HttpRequest, key: str, kind: str, setting_id: int):
    project = policy.access_project_by_key(request.user, key)
    setup.remove_setting(actor=request.user, project=project, model=_kind(kind), pk=setting_id)  # type: ignore[arg-type]
    return ninja.Status(204, None)
