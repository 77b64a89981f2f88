"""API for a project's phase and gates, and a workspace's gate template."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from cairn.inputs import Input
from cairn.lifecycle import gates
from cairn.lifecycle.models import GateApproval, Phase
from cairn.workspaces import policy
from cairn.workspaces import services as workspaces
from cairn.workspaces.models import Project

router = Router(tags=["lifecycle"])


class CheckOut(Schema):
    id: int
    text: str
    ticked: bool
    ticked_by: str | None
    ticked_at: dt.datetime | None


class GateOut(Schema):
    phase: str
    phase_label: str
    items: list[CheckOut]
    open_items: list[str]


class ApprovedItemOut(Schema):
    text: str
    by: str | None


class ApprovalOut(Schema):
    phase: str
    phase_label: str
    approved_by: str | None
    approved_at: dt.datetime
    checklist: list[ApprovedItemOut]


class LifecycleOut(Schema):
    project: str
    phase: str
    phase_label: str
    closed: bool
    gate: GateOut
    approvals: list[ApprovalOut]
    url: str


class TickIn(Input):
    ticked: bool = True


class TemplatePhaseOut(Schema):
    phase: str
    phase_label: str
    items: list[str]


class TemplateOut(Schema):
    workspace: str
    phases: list[TemplatePhaseOut]


class TemplateIn(Input):
    items: list[str]


def gate_out(gate: gates.Gate) -> dict[str, Any]:
    return {"phase": gate.phase.value, "phase_label": gate.phase.label, "open_items": gate.open_items,
            "items": [{"id": c.item.pk, "text": c.item.text, "ticked": c.ticked,
                       "ticked_by": c.tick.by.username if c.tick and c.tick.by else None,
                       "ticked_at": c.tick.at if c.tick else None} for c in gate.checks]}


def approval_out(a: GateApproval) -> dict[str, Any]:
    return {"phase": a.phase, "phase_label": Phase(a.phase).label, "approved_by": a.by.username if a.by else None,
            "approved_at": a.at, "checklist": a.checklist}


def lifecycle_out(project: Project) -> dict[str, Any]:
    current = gates.gate(project)
    return {"project": project.key, "phase": current.phase.value, "phase_label": current.phase.label,
            "closed": gates.is_closed(project), "gate": gate_out(current),
            "approvals": [approval_out(a) for a in gates.approvals(project)],
            "url": f"/projects/{project.key}/lifecycle/"}


@router.get("/projects/{key}/lifecycle", response=LifecycleOut, summary="A project's phase, gate and approvals")
def get_lifecycle(request: HttpRequest, key: str) -> dict[str, Any]:
    return lifecycle_out(policy.access_project_by_key(request.user, key))


@router.put("/projects/{key}/lifecycle/gate/items/{item_id}", response=GateOut,
            summary="Tick or untick an item of the current gate (members)")
def tick_item(request: HttpRequest, key: str, item_id: int, payload: TickIn) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    return gate_out(gates.tick(actor=request.user, project=project, item_id=item_id,  # type: ignore[arg-type]
                               ticked=payload.ticked, now=timezone.now()))


@router.post("/projects/{key}/lifecycle/gate/approve", response={201: LifecycleOut},
             summary="Approve the current gate and move to the next phase (managers)")
def approve_gate(request: HttpRequest, key: str):
    project = policy.access_project_by_key(request.user, key)
    gates.approve(actor=request.user, project=project, now=timezone.now())  # type: ignore[arg-type]
    return Status(201, lifecycle_out(project))


@router.get("/workspaces/{slug}/gate-template", response=TemplateOut, summary="A workspace's gate checklists")
def get_template(request: HttpRequest, slug: str) -> dict[str, Any]:
    workspace = workspaces.workspace_by_slug(request.user, slug)
    return {"workspace": workspace.slug, "phases": [
        {"phase": phase.value, "phase_label": phase.label, "items": [i.text for i in items]}
        for phase, items in gates.template(workspace).items()]}


@router.put("/workspaces/{slug}/gate-template/{phase}", response=TemplatePhaseOut,
            summary="Replace one phase's gate checklist (workspace managers)")
def put_template(request: HttpRequest, slug: str, phase: str, payload: TemplateIn) -> dict[str, Any]:
    workspace = workspaces.workspace_by_slug(request.user, slug)
    items = gates.set_template(actor=request.user, workspace=workspace,  # type: ignore[arg-type]
                               phase=phase, items=payload.items)
    chosen = Phase(phase)
    return {"phase": chosen.value, "phase_label": chosen.label, "items": [i.text for i in items]}
