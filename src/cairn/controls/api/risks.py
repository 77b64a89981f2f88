"""API for the risk register: CRUD, actions as issues, the heat map and the exposure."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from cairn import paging
from cairn.controls import risks
from cairn.controls.models import Risk
from cairn.inputs import Input
from cairn.workspaces import policy

router = Router(tags=["risks"])


class RiskChangeOut(Schema):
    at: dt.datetime
    by: str | None
    probability: int
    impact: int
    score: int
    status: str
    note: str


class RiskOut(Schema):
    id: int
    ref: str
    title: str
    cause: str
    effect: str
    category: str
    probability: int
    impact: int
    score: int
    level: str
    owner: str | None
    response: str
    status: str
    review_date: dt.date | None
    review_overdue: bool
    actions: list[str]
    created_at: dt.datetime
    updated_at: dt.datetime
    url: str


class RiskDetail(RiskOut):
    history: list[RiskChangeOut]


class RiskPage(Schema):
    items: list[RiskOut]
    total: int
    next_cursor: str | None


class RiskIn(Input):
    title: str
    cause: str = ""
    effect: str = ""
    category: str = "other"
    probability: int
    impact: int
    owner: str | None = None
    response: str = "mitigate"
    status: str = "open"
    review_date: dt.date | None = None
    actions: list[str] = []
    note: str = ""


class RiskPatch(Input):
    title: str | None = None
    cause: str | None = None
    effect: str | None = None
    category: str | None = None
    probability: int | None = None
    impact: int | None = None
    owner: str | None = None
    response: str | None = None
    status: str | None = None
    review_date: dt.date | None = None
    actions: list[str] | None = None
    note: str | None = None


class ActionIn(Input):
    key: str = ""
    title: str = ""


class CellRisk(Schema):
    number: int
    title: str


class CellOut(Schema):
    probability: int
    impact: int
    count: int
    level: str
    risks: list[CellRisk]


class HeatMapOut(Schema):
    cells: list[CellOut]


class ExposurePoint(Schema):
    date: dt.date
    exposure: int


class ExposureOut(Schema):
    points: list[ExposurePoint]


def risk_out(risk: Risk, today: dt.date) -> dict[str, Any]:
    return {
        "id": risk.number, "ref": risk.ref, "title": risk.title, "cause": risk.cause, "effect": risk.effect,
        "category": risk.category, "probability": risk.probability, "impact": risk.impact, "score": risk.score,
        "level": risks.level(risk).value, "owner": risk.owner.username if risk.owner else None,
        "response": risk.response, "status": risk.status, "review_date": risk.review_date,
        "review_overdue": risks.review_overdue(risk, today), "actions": [i.key for i in risk.actions.all()],
        "created_at": risk.created_at, "updated_at": risk.updated_at,
        "url": f"/projects/{risk.project.key}/risks/{risk.number}/",
    }


def _detail(risk: Risk) -> dict[str, Any]:
    history = [{"at": c.at, "by": c.by.username if c.by else None, "probability": c.probability,
                "impact": c.impact, "score": c.probability * c.impact, "status": c.status, "note": c.note}
               for c in risk.history.select_related("by")]
    return {**risk_out(risk, timezone.localdate()), "history": history}


def _risk(request: HttpRequest, key: str, risk_id: int) -> Risk:
    return risks.risk_by_number(policy.access_project_by_key(request.user, key), risk_id)


@router.get("/projects/{key}/risks", response=RiskPage, summary="The risk register, highest score first")
def list_risks(request: HttpRequest, key: str, sort: str = "score", status: str = "", cursor: str | None = None,
               limit: int = 50) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    page = paging.paginate(risks.register(project, sort=sort, status=status).prefetch_related("actions__project"),
                           cursor=cursor, limit=limit)
    today = timezone.localdate()
    return {"items": [risk_out(r, today) for r in page.items], "total": page.total, "next_cursor": page.next_cursor}


@router.post("/projects/{key}/risks", response={201: RiskDetail}, summary="Raise a risk")
def create_risk(request: HttpRequest, key: str, payload: RiskIn):
    project = policy.access_project_by_key(request.user, key)
    risk = risks.create_risk(actor=request.user, project=project, data=payload.model_dump(), now=timezone.now())
    return Status(201, _detail(risk))


@router.get("/projects/{key}/risks/heat-map", response=HeatMapOut,
            summary="The open risks on the 5 × 5 probability × impact matrix")
def heat_map(request: HttpRequest, key: str) -> dict[str, Any]:
    return {"cells": risks.heat_map(policy.access_project_by_key(request.user, key))}


@router.get("/projects/{key}/risks/exposure", response=ExposureOut,
            summary="The total score of the open risks on each day")
def exposure(request: HttpRequest, key: str) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    return {"points": [{"date": day, "exposure": total}
                       for day, total in risks.exposure(project, today=timezone.localdate())]}


@router.get("/projects/{key}/risks/{risk_id}", response=RiskDetail, summary="A risk with the history of its rating")
def get_risk(request: HttpRequest, key: str, risk_id: int) -> dict[str, Any]:
    return _detail(_risk(request, key, risk_id))


@router.patch("/projects/{key}/risks/{risk_id}", response=RiskDetail, summary="Re-rate or edit a risk")
def patch_risk(request: HttpRequest, key: str, risk_id: int, payload: RiskPatch) -> dict[str, Any]:
    risk = _risk(request, key, risk_id)
    data = payload.model_dump(exclude_unset=True)
    risks.update_risk(actor=request.user, risk=risk, data=data, now=timezone.now())
    return _detail(risk)


@router.delete("/projects/{key}/risks/{risk_id}", response={204: None}, summary="Remove a risk (managers)")
def delete_risk(request: HttpRequest, key: str, risk_id: int):
    risks.delete_risk(actor=request.user, risk=_risk(request, key, risk_id))
    return Status(204, None)


@router.post("/projects/{key}/risks/{risk_id}/actions", response={201: RiskDetail},
             summary="Link an issue as an action against the risk, or create one by title")
def add_action(request: HttpRequest, key: str, risk_id: int, payload: ActionIn):
    risk = _risk(request, key, risk_id)
    risks.add_action(actor=request.user, risk=risk, key=payload.key, title=payload.title, now=timezone.now())
    return Status(201, _detail(risk))
