"""API for change requests: raise, see the computed impact, decide; and scope creep."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from cairn import paging
from cairn.controls import changes
from cairn.controls.models import ChangeRequest
from cairn.inputs import Input
from cairn.workspaces import policy

router = Router(tags=["change requests"])


class MovedTask(Schema):
    key: str
    title: str
    start_before: str
    start_after: str
    finish_before: str
    finish_after: str
    start_delta_days: float
    finish_delta_days: float


class AddedTask(Schema):
    title: str
    start: str
    finish: str


class ImpactOut(Schema):
    finish_before: str | None = None
    finish_after: str | None = None
    finish_delta_minutes: int = 0
    finish_delta_days: float = 0
    moved: list[MovedTask] = []
    added: list[AddedTask] = []
    computed_at: str | None = None


class ScheduleChange(Schema):
    """A changed task (issue, duration_minutes) or an added one (title, duration_minutes,
    after, before)."""

    issue: str | None = None
    title: str | None = None
    duration_minutes: int
    after: list[str] = []
    before: list[str] = []


class BaselineRef(Schema):
    id: int
    name: str
    created_at: dt.datetime


class ChangeRequestOut(Schema):
    id: int
    ref: str
    title: str
    reason: str
    scope_impact: str
    scope_issues: list[str]
    cost_impact: Decimal
    schedule_changes: list[ScheduleChange]
    impact: ImpactOut
    state: str
    raised_by: str | None
    raised_at: dt.datetime
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_note: str
    baseline: BaselineRef | None
    url: str


class ChangeRequestPage(Schema):
    items: list[ChangeRequestOut]
    total: int
    next_cursor: str | None


class ChangeIn(Input):
    title: str
    reason: str = ""
    scope_impact: str = ""
    scope_issues: list[str] = []
    cost_impact: Decimal = Decimal(0)
    schedule_changes: list[dict[str, Any]] = []


class ChangePatch(Input):
    title: str | None = None
    reason: str | None = None
    scope_impact: str | None = None
    scope_issues: list[str] | None = None
    cost_impact: Decimal | None = None
    schedule_changes: list[dict[str, Any]] | None = None


class DecisionNoteIn(Input):
    note: str = ""


class CreepIssue(Schema):
    key: str
    title: str
    created_at: dt.datetime
    reporter: str | None
    url: str


class CreepPage(Schema):
    baseline: BaselineRef | None
    items: list[CreepIssue]
    total: int
    next_cursor: str | None


def _baseline(baseline: Any) -> dict[str, Any] | None:
    return None if baseline is None else {"id": baseline.pk, "name": baseline.name, "created_at": baseline.created_at}


def change_out(change: ChangeRequest) -> dict[str, Any]:
    return {
        "id": change.number, "ref": change.ref, "title": change.title, "reason": change.reason,
        "scope_impact": change.scope_impact, "scope_issues": [i.key for i in change.scope_issues.all()],
        "cost_impact": change.cost_impact, "schedule_changes": change.schedule_changes, "impact": change.impact,
        "state": change.state, "raised_by": change.raised_by.username if change.raised_by else None,
        "raised_at": change.raised_at, "decided_by": change.decided_by.username if change.decided_by else None,
        "decided_at": change.decided_at, "decision_note": change.decision_note,
        "baseline": _baseline(change.baseline), "url": f"/projects/{change.project.key}/changes/{change.number}/",
    }


def _change(request: HttpRequest, key: str, change_id: int) -> ChangeRequest:
    return changes.change_by_number(policy.access_project_by_key(request.user, key), change_id)


@router.get("/projects/{key}/changes", response=ChangeRequestPage, summary="The project's change requests, newest first")
def list_changes(request: HttpRequest, key: str, state: str = "", cursor: str | None = None,
                 limit: int = 50) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    listed = changes.listed(project, state=state).select_related("baseline").prefetch_related("scope_issues__project")
    page = paging.paginate(listed, cursor=cursor, limit=limit)
    return {"items": [change_out(c) for c in page.items], "total": page.total, "next_cursor": page.next_cursor}


@router.post("/projects/{key}/changes", response={201: ChangeRequestOut},
             summary="Raise a change request; its schedule impact is computed on a copy of the plan")
def raise_change(request: HttpRequest, key: str, payload: ChangeIn):
    project = policy.access_project_by_key(request.user, key)
    change = changes.raise_change(actor=request.user, project=project, data=payload.model_dump(), now=timezone.now())
    return Status(201, change_out(change))


@router.get("/projects/{key}/changes/{change_id}", response=ChangeRequestOut, summary="A change request and its impact")
def get_change(request: HttpRequest, key: str, change_id: int) -> dict[str, Any]:
    return change_out(_change(request, key, change_id))


@router.patch("/projects/{key}/changes/{change_id}", response=ChangeRequestOut,
              summary="Edit a proposed change request (its author or a manager)")
def patch_change(request: HttpRequest, key: str, change_id: int, payload: ChangePatch) -> dict[str, Any]:
    change = _change(request, key, change_id)
    changes.update_change(actor=request.user, change=change, data=payload.model_dump(exclude_unset=True),
                          now=timezone.now())
    return change_out(change)


@router.post("/projects/{key}/changes/{change_id}/impact", response=ChangeRequestOut,
             summary="Compute a proposed change's impact again, against today's plan")
def recompute(request: HttpRequest, key: str, change_id: int) -> dict[str, Any]:
    change = _change(request, key, change_id)
    return change_out(changes.recompute(actor=request.user, change=change, now=timezone.now()))


@router.post("/projects/{key}/changes/{change_id}/approve", response=ChangeRequestOut,
             summary="Approve (managers): the change goes into the plan and a baseline is saved after it")
def approve(request: HttpRequest, key: str, change_id: int, payload: DecisionNoteIn) -> dict[str, Any]:
    change = _change(request, key, change_id)
    return change_out(changes.approve(actor=request.user, change=change, note=payload.note, now=timezone.now()))


@router.post("/projects/{key}/changes/{change_id}/reject", response=ChangeRequestOut, summary="Reject (managers), saying why")
def reject(request: HttpRequest, key: str, change_id: int, payload: DecisionNoteIn) -> dict[str, Any]:
    change = _change(request, key, change_id)
    return change_out(changes.reject(actor=request.user, change=change, note=payload.note, now=timezone.now()))


@router.post("/projects/{key}/changes/{change_id}/withdraw", response=ChangeRequestOut, summary="Withdraw (its author)")
def withdraw(request: HttpRequest, key: str, change_id: int) -> dict[str, Any]:
    change = _change(request, key, change_id)
    return change_out(changes.withdraw(actor=request.user, change=change, now=timezone.now()))


@router.get("/projects/{key}/scope-creep", response=CreepPage,
            summary="Issues added after the latest baseline that no approved change request covers")
def scope_creep(request: HttpRequest, key: str, cursor: str | None = None, limit: int = 50) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    page = paging.paginate(changes.scope_creep(project), cursor=cursor, limit=limit)
    return {
        "baseline": _baseline(changes.latest_baseline(project)), "total": page.total, "next_cursor": page.next_cursor,
        "items": [{"key": i.key, "title": i.title, "created_at": i.created_at,
                   "reporter": i.reporter.username if i.reporter else None, "url": f"/issues/{i.key}/"}
                  for i in page.items],
    }
