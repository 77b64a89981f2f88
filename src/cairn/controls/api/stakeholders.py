"""API for the stakeholder register, its power/interest grid and the communication plan."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from cairn import paging
from cairn.controls import stakeholders
from cairn.controls.models import Communication, Stakeholder
from cairn.inputs import Input
from cairn.workspaces import policy

router = Router(tags=["stakeholders"])


class StakeholderOut(Schema):
    id: int
    name: str
    user: str | None
    role: str
    organisation: str
    interest: int
    influence: int
    quadrant: str
    contact: str
    notes: str


class StakeholderPage(Schema):
    items: list[StakeholderOut]
    total: int
    next_cursor: str | None


class StakeholderIn(Input):
    name: str = ""
    user: str | None = None
    role: str = ""
    organisation: str = ""
    interest: int = 3
    influence: int = 3
    contact: str = ""
    notes: str = ""


class StakeholderPatch(Input):
    name: str | None = None
    user: str | None = None
    role: str | None = None
    organisation: str | None = None
    interest: int | None = None
    influence: int | None = None
    contact: str | None = None
    notes: str | None = None


class QuadrantOut(Schema):
    quadrant: str
    stakeholders: list[StakeholderOut]


class GridOut(Schema):
    quadrants: list[QuadrantOut]


class CommunicationOut(Schema):
    id: int
    what: str
    channel: str
    frequency: str
    report: str
    audience: list[int]
    owner: str | None


class CommunicationPage(Schema):
    items: list[CommunicationOut]
    total: int
    next_cursor: str | None


class CommunicationIn(Input):
    what: str
    channel: str = ""
    frequency: str = "weekly"
    report: str = ""
    audience: list[int] = []
    owner: str | None = None


class CommunicationPatch(Input):
    what: str | None = None
    channel: str | None = None
    frequency: str | None = None
    report: str | None = None
    audience: list[int] | None = None
    owner: str | None = None


def stakeholder_out(s: Stakeholder) -> dict[str, Any]:
    return {"id": s.pk, "name": s.name, "user": s.user.username if s.user else None, "role": s.role,
            "organisation": s.organisation, "interest": s.interest, "influence": s.influence,
            "quadrant": stakeholders.place(s).value, "contact": s.contact, "notes": s.notes}


def communication_out(c: Communication) -> dict[str, Any]:
    return {"id": c.pk, "what": c.what, "channel": c.channel, "frequency": c.frequency, "report": c.report,
            "audience": [s.pk for s in c.audience.all()], "owner": c.owner.username if c.owner else None}


def _project(request: HttpRequest, key: str) -> Any:
    return policy.access_project_by_key(request.user, key)


@router.get("/projects/{key}/stakeholders", response=StakeholderPage, summary="The stakeholder register")
def list_stakeholders(request: HttpRequest, key: str, cursor: str | None = None, limit: int = 50) -> dict[str, Any]:
    page = paging.paginate(stakeholders.register(_project(request, key)), cursor=cursor, limit=limit)
    return {"items": [stakeholder_out(s) for s in page.items], "total": page.total, "next_cursor": page.next_cursor}


@router.post("/projects/{key}/stakeholders", response={201: StakeholderOut}, summary="Add a stakeholder (managers)")
def add_stakeholder(request: HttpRequest, key: str, payload: StakeholderIn):
    made = stakeholders.add_stakeholder(actor=request.user, project=_project(request, key), data=payload.model_dump())
    return Status(201, stakeholder_out(made))


@router.get("/projects/{key}/stakeholders/grid", response=GridOut,
            summary="The power/interest grid: manage closely, keep satisfied, keep informed, monitor")
def grid(request: HttpRequest, key: str) -> dict[str, Any]:
    cells = stakeholders.grid(_project(request, key))
    return {"quadrants": [{"quadrant": q.value, "stakeholders": [stakeholder_out(s) for s in people]}
                          for q, people in cells.items()]}


@router.get("/projects/{key}/stakeholders/{stakeholder_id}", response=StakeholderOut, summary="A stakeholder")
def get_stakeholder(request: HttpRequest, key: str, stakeholder_id: int) -> dict[str, Any]:
    return stakeholder_out(stakeholders.stakeholder_by_id(_project(request, key), stakeholder_id))


@router.patch("/projects/{key}/stakeholders/{stakeholder_id}", response=StakeholderOut,
              summary="Edit a stakeholder (managers)")
def patch_stakeholder(request: HttpRequest, key: str, stakeholder_id: int, payload: StakeholderPatch) -> dict[str, Any]:
    found = stakeholders.stakeholder_by_id(_project(request, key), stakeholder_id)
    stakeholders.update_stakeholder(actor=request.user, stakeholder=found, data=payload.model_dump(exclude_unset=True))
    return stakeholder_out(found)


@router.delete("/projects/{key}/stakeholders/{stakeholder_id}", response={204: None},
               summary="Remove a stakeholder (managers)")
def delete_stakeholder(request: HttpRequest, key: str, stakeholder_id: int):
    found = stakeholders.stakeholder_by_id(_project(request, key), stakeholder_id)
    stakeholders.remove_stakeholder(actor=request.user, stakeholder=found)
    return Status(204, None)


@router.get("/projects/{key}/communications", response=CommunicationPage, summary="The communication plan")
def list_communications(request: HttpRequest, key: str, cursor: str | None = None, limit: int = 50) -> dict[str, Any]:
    page = paging.paginate(stakeholders.plan(_project(request, key)), cursor=cursor, limit=limit)
    return {"items": [communication_out(c) for c in page.items], "total": page.total, "next_cursor": page.next_cursor}


@router.post("/projects/{key}/communications", response={201: CommunicationOut},
             summary="Add a line to the communication plan (managers)")
def add_communication(request: HttpRequest, key: str, payload: CommunicationIn):
    made = stakeholders.add_communication(actor=request.user, project=_project(request, key), data=payload.model_dump())
    return Status(201, communication_out(made))


@router.patch("/projects/{key}/communications/{communication_id}", response=CommunicationOut,
              summary="Edit a line of the communication plan (managers)")
def patch_communication(request: HttpRequest, key: str, communication_id: int,
                        payload: CommunicationPatch) -> dict[str, Any]:
    found = stakeholders.communication_by_id(_project(request, key), communication_id)
    stakeholders.update_communication(actor=request.user, communication=found,
                                      data=payload.model_dump(exclude_unset=True))
    return communication_out(found)


@router.delete("/projects/{key}/communications/{communication_id}", response={204: None},
               summary="Remove a line of the communication plan (managers)")
def delete_communication(request: HttpRequest, key: str, communication_id: int):
    found = stakeholders.communication_by_id(_project(request, key), communication_id)
    stakeholders.remove_communication(actor=request.user, communication=found)
    return Status(204, None)
