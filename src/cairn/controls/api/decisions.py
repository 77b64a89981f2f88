"""API for the decision log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from cairn import paging
from cairn.controls import decisions
from cairn.controls.models import Decision
from cairn.inputs import Input
from cairn.workspaces import policy

router = Router(tags=["decisions"])


class DecisionOut(Schema):
    id: int
    ref: str
    title: str
    options: str
    rationale: str
    decided_by: str | None
    decided_on: dt.date
    issues: list[str]
    logged_at: dt.datetime
    url: str


class DecisionPage(Schema):
    items: list[DecisionOut]
    total: int
    next_cursor: str | None


class DecisionIn(Input):
    title: str
    options: str = ""
    rationale: str = ""
    decided_by: str | None = None
    decided_on: dt.date | None = None
    issues: list[str] = []


class DecisionPatch(Input):
    title: str | None = None
    options: str | None = None
    rationale: str | None = None
    decided_by: str | None = None
    decided_on: dt.date | None = None
    issues: list[str] | None = None


def decision_out(d: Decision) -> dict[str, Any]:
    return {"id": d.number, "ref": d.ref, "title": d.title, "options": d.options, "rationale": d.rationale,
            "decided_by": d.decided_by.username if d.decided_by else None, "decided_on": d.decided_on,
            "issues": [i.key for i in d.issues.all()], "logged_at": d.logged_at,
            "url": f"/projects/{d.project.key}/decisions/#D-{d.number}"}


def _decision(request: HttpRequest, key: str, decision_id: int) -> Decision:
    return decisions.decision_by_number(policy.access_project_by_key(request.user, key), decision_id)


@router.get("/projects/{key}/decisions", response=DecisionPage, summary="The decision log, latest first")
def list_decisions(request: HttpRequest, key: str, cursor: str | None = None, limit: int = 50) -> dict[str, Any]:
    page = paging.paginate(decisions.log(policy.access_project_by_key(request.user, key)), cursor=cursor, limit=limit)
    return {"items": [decision_out(d) for d in page.items], "total": page.total, "next_cursor": page.next_cursor}


@router.post("/projects/{key}/decisions", response={201: DecisionOut}, summary="Log a decision")
def log_decision(request: HttpRequest, key: str, payload: DecisionIn):
    project = policy.access_project_by_key(request.user, key)
    data = payload.model_dump(exclude_unset=True)
    made = decisions.log_decision(actor=request.user, project=project, data=data, now=timezone.now())
    return Status(201, decision_out(made))


@router.get("/projects/{key}/decisions/{decision_id}", response=DecisionOut, summary="A decision")
def get_decision(request: HttpRequest, key: str, decision_id: int) -> dict[str, Any]:
    return decision_out(_decision(request, key, decision_id))


@router.patch("/projects/{key}/decisions/{decision_id}", response=DecisionOut, summary="Edit a decision")
def patch_decision(request: HttpRequest, key: str, decision_id: int, payload: DecisionPatch) -> dict[str, Any]:
    found = _decision(request, key, decision_id)
    decisions.update_decision(actor=request.user, decision=found, data=payload.model_dump(exclude_unset=True))
    return decision_out(found)


@router.delete("/projects/{key}/decisions/{decision_id}", response={204: None}, summary="Remove a decision (managers)")
def delete_decision(request: HttpRequest, key: str, decision_id: int):
    decisions.remove_decision(actor=request.user, decision=_decision(request, key, decision_id))
    return Status(204, None)
