"""API for objectives and key results, with their progress and its arithmetic."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from cairn import paging
from cairn.engine.product.okrs import Progress
from cairn.inputs import Input
from cairn.product.models import KeyResult, Objective
from cairn.product.services import products, strategy

router = Router(tags=["objectives"])


class FigureOut(Schema):
    percent: float | None
    arithmetic: str


class KeyResultOut(Schema):
    id: int
    title: str
    unit: str
    start_value: float
    target_value: float
    current_value: float
    progress: FigureOut


class WorkOut(Schema):
    key: str
    title: str
    type: str
    status: str
    done: bool
    progress: float


class FeatureRef(Schema):
    id: int
    title: str


class ObjectiveProgressOut(Schema):
    key_results: FigureOut
    work: FigureOut
    combined: FigureOut
    elapsed: FigureOut
    behind: bool


class ObjectiveOut(Schema):
    id: int
    title: str
    description: str
    period: str
    starts_on: dt.date
    ends_on: dt.date
    owner: str | None
    color: str
    key_results: list[KeyResultOut]
    issues: list[WorkOut]
    features: list[FeatureRef]
    progress: ObjectiveProgressOut
    url: str


class ObjectivePage(Schema):
    items: list[ObjectiveOut]
    total: int
    next_cursor: str | None


class ObjectiveIn(Input):
    title: str
    period: str
    starts_on: dt.date
    ends_on: dt.date
    description: str = ""
    owner: str | None = None
    color: str | None = None


class ObjectivePatch(Input):
    title: str | None = None
    period: str | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    description: str | None = None
    owner: str | None = None
    color: str | None = None


class KeyResultIn(Input):
    title: str
    start_value: Decimal
    target_value: Decimal
    current_value: Decimal | None = None
    unit: str = ""


class KeyResultPatch(Input):
    title: str | None = None
    unit: str | None = None
    start_value: Decimal | None = None
    target_value: Decimal | None = None
    current_value: Decimal | None = None


def figure(progress: Progress) -> FigureOut:
    return FigureOut(percent=progress.percent, arithmetic=progress.arithmetic)


def objective_out(figures: strategy.ObjectiveProgress) -> ObjectiveOut:
    o = figures.objective
    return ObjectiveOut(
        id=o.pk, title=o.title, description=o.description, period=o.period, starts_on=o.starts_on,
        ends_on=o.ends_on, owner=o.owner.username if o.owner else None, color=o.color,
        key_results=[KeyResultOut(id=r.key_result.pk, title=r.key_result.title, unit=r.key_result.unit,
                                  start_value=float(r.key_result.start_value),
                                  target_value=float(r.key_result.target_value),
                                  current_value=float(r.key_result.current_value), progress=figure(r.progress))
                     for r in figures.key_results],
        issues=[WorkOut(key=w.key, title=w.title, type=w.type, status=w.status, done=w.done, progress=w.progress)
                for w in figures.work],
        features=[FeatureRef(id=f.pk, title=f.title) for f in figures.features],
        progress=ObjectiveProgressOut(key_results=figure(figures.by_key_results), work=figure(figures.by_work),
                                      combined=figure(figures.combined), elapsed=figure(figures.elapsed),
                                      behind=figures.behind),
        url=f"/products/{o.product_id}/okrs/#objective-{o.pk}",
    )


def _answer(request: HttpRequest, objective: Objective) -> ObjectiveOut:
    fresh = strategy.objective_for(request.user, objective.product, objective.pk)
    return objective_out(strategy.progress_of(request.user, [fresh], timezone.now().date())[fresh.pk])


def _objective(request: HttpRequest, product_id: int, objective_id: int) -> Objective:
    return strategy.objective_for(request.user, products.product_for(request.user, product_id), objective_id)


def _key_result_out(request: HttpRequest, key_result: KeyResult) -> KeyResultOut:
    answer = _answer(request, key_result.objective)
    return next(r for r in answer.key_results if r.id == key_result.pk)


@router.get("/products/{product_id}/objectives", response=ObjectivePage,
            summary="A product's objectives with their progress (optionally of one period)")
def list_objectives(request: HttpRequest, product_id: int, period: str | None = None, cursor: str | None = None,
                    limit: int = 50) -> Any:
    product = products.product_for(request.user, product_id)
    page = paging.paginate(strategy.objectives_of(request.user, product, period), cursor=cursor, limit=limit)
    figures = strategy.progress_of(request.user, page.items, timezone.now().date())
    return {"items": [objective_out(figures[o.pk]) for o in page.items], "total": page.total,
            "next_cursor": page.next_cursor}


@router.post("/products/{product_id}/objectives", response={201: ObjectiveOut},
             summary="Create an objective (managers)")
def create_objective(request: HttpRequest, product_id: int, payload: ObjectiveIn) -> Any:
    product = products.product_for(request.user, product_id)
    objective = strategy.create_objective(actor=request.user, product=product,  # type: ignore[arg-type]
                                          **payload.model_dump())
    return Status(201, _answer(request, objective))


@router.get("/products/{product_id}/objectives/{objective_id}", response=ObjectiveOut,
            summary="An objective, its key results, linked work and progress with the arithmetic")
def get_objective(request: HttpRequest, product_id: int, objective_id: int) -> Any:
    return _answer(request, _objective(request, product_id, objective_id))


@router.patch("/products/{product_id}/objectives/{objective_id}", response=ObjectiveOut,
              summary="Change an objective (managers)")
def update_objective(request: HttpRequest, product_id: int, objective_id: int, payload: ObjectivePatch) -> Any:
    objective = _objective(request, product_id, objective_id)
    strategy.update_objective(actor=request.user, objective=objective,  # type: ignore[arg-type]
                              fields=payload.model_dump(exclude_unset=True))
    return _answer(request, objective)


@router.delete("/products/{product_id}/objectives/{objective_id}", response={204: None},
               summary="Delete an objective and its key results (managers)")
def delete_objective(request: HttpRequest, product_id: int, objective_id: int) -> Any:
    strategy.delete_objective(actor=request.user,  # type: ignore[arg-type]
                              objective=_objective(request, product_id, objective_id))
    return Status(204, None)


@router.post("/products/{product_id}/objectives/{objective_id}/key-results", response={201: KeyResultOut},
             summary="Add a key result (managers)")
def create_key_result(request: HttpRequest, product_id: int, objective_id: int, payload: KeyResultIn) -> Any:
    objective = _objective(request, product_id, objective_id)
    made = strategy.create_key_result(actor=request.user, objective=objective,  # type: ignore[arg-type]
                                      **payload.model_dump())
    return Status(201, _key_result_out(request, made))


@router.patch("/products/{product_id}/objectives/{objective_id}/key-results/{key_result_id}",
              response=KeyResultOut,
              summary="Change a key result: members report current_value, managers change the rest")
def update_key_result(request: HttpRequest, product_id: int, objective_id: int, key_result_id: int,
                      payload: KeyResultPatch) -> Any:
    objective = _objective(request, product_id, objective_id)
    key_result = strategy.key_result_for(request.user, objective, key_result_id)
    strategy.update_key_result(actor=request.user, key_result=key_result,  # type: ignore[arg-type]
                               fields=payload.model_dump(exclude_unset=True))
    return _key_result_out(request, key_result)


@router.delete("/products/{product_id}/objectives/{objective_id}/key-results/{key_result_id}",
               response={204: None}, summary="Delete a key result (managers)")
def delete_key_result(request: HttpRequest, product_id: int, objective_id: int, key_result_id: int) -> Any:
    objective = _objective(request, product_id, objective_id)
    key_result = strategy.key_result_for(request.user, objective, key_result_id)
    strategy.delete_key_result(actor=request.user, key_result=key_result)  # type: ignore[arg-type]
    return Status(204, None)


@router.put("/products/{product_id}/objectives/{objective_id}/issues/{issue_key}", response=ObjectiveOut,
            summary="Link an issue (an epic or any other) to an objective (managers)")
def link_issue(request: HttpRequest, product_id: int, objective_id: int, issue_key: str) -> Any:
    objective = _objective(request, product_id, objective_id)
    strategy.link_issue(actor=request.user, objective=objective, key=issue_key)  # type: ignore[arg-type]
    return _answer(request, objective)


@router.delete("/products/{product_id}/objectives/{objective_id}/issues/{issue_key}", response={204: None},
               summary="Unlink an issue from an objective (managers)")
def unlink_issue(request: HttpRequest, product_id: int, objective_id: int, issue_key: str) -> Any:
    objective = _objective(request, product_id, objective_id)
    strategy.unlink_issue(actor=request.user, objective=objective, key=issue_key)  # type: ignore[arg-type]
    return Status(204, None)


@router.put("/products/{product_id}/objectives/{objective_id}/features/{feature_id}", response=ObjectiveOut,
            summary="Link a feature to an objective (managers)")
def link_feature(request: HttpRequest, product_id: int, objective_id: int, feature_id: int) -> Any:
    objective = _objective(request, product_id, objective_id)
    strategy.link_feature(actor=request.user, objective=objective,  # type: ignore[arg-type]
                          feature_id=feature_id, now=timezone.now())
    return _answer(request, objective)


@router.delete("/products/{product_id}/objectives/{objective_id}/features/{feature_id}", response={204: None},
               summary="Unlink a feature from an objective (managers)")
def unlink_feature(request: HttpRequest, product_id: int, objective_id: int, feature_id: int) -> Any:
    objective = _objective(request, product_id, objective_id)
    strategy.unlink_feature(actor=request.user, objective=objective,  # type: ignore[arg-type]
                            feature_id=feature_id, now=timezone.now())
    return Status(204, None)
