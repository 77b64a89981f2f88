"""API for the business case and the charter."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from cairn.inputs import Input
from cairn.lifecycle import initiation
from cairn.lifecycle.models import BusinessCase, Charter
from cairn.workspaces import policy
from cairn.workspaces.models import Project

router = Router(tags=["lifecycle"])


class BusinessCaseOut(Schema):
    problem: str
    options: str
    benefits: str
    costs: str
    feasibility: str
    updated_by: str | None
    updated_at: dt.datetime | None
    url: str


class BusinessCaseIn(Input):
    problem: str | None = None
    options: str | None = None
    benefits: str | None = None
    costs: str | None = None
    feasibility: str | None = None


class CharterOut(Schema):
    objectives: str
    scope_summary: str
    sponsor: str
    manager: str | None
    milestones: str
    budget: Decimal | None
    updated_by: str | None
    updated_at: dt.datetime | None
    approved: bool
    approved_by: str | None
    approved_at: dt.datetime | None
    needs_reapproval: bool
    url: str


class CharterIn(Input):
    objectives: str | None = None
    scope_summary: str | None = None
    sponsor: str | None = None
    manager: str | None = None
    milestones: str | None = None
    budget: Decimal | None = None


def _name(user: Any) -> str | None:
    return user.username if user else None


def case_out(project: Project, case: BusinessCase | None) -> dict[str, Any]:
    return {**{name: getattr(case, name) if case else "" for name in initiation.CASE_FIELDS},
            "updated_by": _name(case.updated_by) if case else None, "updated_at": case.updated_at if case else None,
            "url": f"/projects/{project.key}/charter/"}


def charter_out(project: Project, charter: Charter | None) -> dict[str, Any]:
    if charter is None:
        charter = Charter(project=project)
        charter.updated_at = None  # type: ignore[assignment]
    return {"objectives": charter.objectives, "scope_summary": charter.scope_summary, "sponsor": charter.sponsor,
            "manager": _name(charter.manager), "milestones": charter.milestones, "budget": charter.budget,
            "updated_by": _name(charter.updated_by), "updated_at": charter.updated_at,
            "approved": charter.approved, "approved_by": _name(charter.approved_by),
            "approved_at": charter.approved_at, "needs_reapproval": charter.lapsed_approval_at is not None,
            "url": f"/projects/{project.key}/charter/"}


def _send(payload: Input) -> dict[str, Any]:
    # JSON null clears a text field like a blank one; the budget keeps None for "none".
    return {k: ("" if v is None and k != "budget" else v) for k, v in payload.model_dump(exclude_unset=True).items()}


@router.get("/projects/{key}/business-case", response=BusinessCaseOut, summary="The business case")
def get_business_case(request: HttpRequest, key: str) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    return case_out(project, initiation.business_case(project))


@router.put("/projects/{key}/business-case", response=BusinessCaseOut, summary="Write the business case (managers)")
def put_business_case(request: HttpRequest, key: str, payload: BusinessCaseIn) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    case = initiation.save_business_case(actor=request.user, project=project,  # type: ignore[arg-type]
                                         data=_send(payload), now=timezone.now())
    return case_out(project, case)


@router.get("/projects/{key}/charter", response=CharterOut, summary="The project charter and its approval")
def get_charter(request: HttpRequest, key: str) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    return charter_out(project, initiation.charter(project))


@router.put("/projects/{key}/charter", response=CharterOut,
            summary="Write the charter (managers); editing an approved charter lets its approval lapse")
def put_charter(request: HttpRequest, key: str, payload: CharterIn) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    found = initiation.save_charter(actor=request.user, project=project,  # type: ignore[arg-type]
                                    data=_send(payload), now=timezone.now())
    return charter_out(project, found)


@router.post("/projects/{key}/charter/approve", response=CharterOut, summary="Approve the charter (managers)")
def approve_charter(request: HttpRequest, key: str) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    found = initiation.approve_charter(actor=request.user, project=project, now=timezone.now())  # type: ignore[arg-type]
    return charter_out(project, found)
