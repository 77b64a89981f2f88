"""API for the product backlog: features, their scores, the hand-made order of features
and ideas, and the backlog sorted by hand or by any score."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Schema, Status

from cairn import paging
from cairn.inputs import Input
from cairn.product.models import Feature, Idea, Product
from cairn.product.services import backlog, products, scoring, work
from cairn.workspaces import policy

router = Router(tags=["product backlog"])
MEMBERS = policy.Action.EDIT_ISSUES


class InputsOut(Schema):
    reach: int | None
    impact: Decimal | None
    confidence: int | None
    effort: Decimal | None
    business_value: int | None
    time_criticality: int | None
    risk_reduction: int | None
    job_size: int | None
    value: int | None
    moscow: str | None


class ScoresOut(Schema):
    rice: float | None
    wsjf: float | None
    value_effort: float | None
    moscow: str | None
    quadrant: str | None


class ExplanationsOut(Schema):
    rice: str
    wsjf: str
    value_effort: str
    moscow: str


class WorkOut(Schema):
    key: str
    title: str
    status: str
    done: bool
    start: dt.date | None
    finish: dt.date | None
    progress: float


class BacklogItemOut(Schema):
    kind: str
    id: int
    title: str
    rank: str
    inputs: InputsOut
    scores: ScoresOut
    explanations: ExplanationsOut
    url: str
    # Features: the delivering issue, when you can see it. Ideas: status and votes.
    issue: WorkOut | None = None
    status: str | None = None
    votes: int | None = None


class FeatureOut(BacklogItemOut):
    description: str
    theme: str
    objective: int | None
    release: int | None
    ideas: int
    created_at: dt.datetime
    updated_at: dt.datetime


class BacklogPage(Schema):
    items: list[BacklogItemOut]
    total: int
    next_cursor: str | None


class FeatureIn(Input):
    title: str = ""
    description: str = ""
    issue: str | None = None


class FeaturePatch(Input):
    title: str | None = None
    description: str | None = None
    issue: str | None = None
    objective: int | None = None
    theme: str | None = None
    release: int | None = None


class ScoresIn(Input):
    """Inputs left out keep their value; null clears one. Numbers may come as text
    ("0.5"); the service checks each against its scale and names the one it refuses."""

    reach: int | float | str | None = None
    impact: int | float | str | None = None
    confidence: int | float | str | None = None
    effort: int | float | str | None = None
    business_value: int | float | str | None = None
    time_criticality: int | float | str | None = None
    risk_reduction: int | float | str | None = None
    job_size: int | float | str | None = None
    value: int | float | str | None = None
    moscow: str | None = None


class MoveIn(Input):
    after: int | None = None
    before: int | None = None


def item_out(item: Feature | Idea, works: dict[int, work.Work] | None = None) -> dict[str, Any]:
    explained = scoring.explain(item)
    is_feature = isinstance(item, Feature)
    out: dict[str, Any] = {
        "kind": "feature" if is_feature else "idea", "id": item.pk, "title": item.title, "rank": item.rank,
        "inputs": {name: (getattr(item, name) if name != "moscow" else item.moscow or None) for name in scoring.INPUTS},
        "scores": {"rice": item.rice_score, "wsjf": item.wsjf_score, "value_effort": item.value_effort_score,
                   "moscow": item.moscow or None, "quadrant": explained["value_effort"].quadrant},
        "explanations": {name: line.text for name, line in explained.items()},
    }
    if isinstance(item, Feature):
        found = (works or {}).get(item.issue_id or 0)
        out.update(url=f"/products/{item.product_id}/features/{item.pk}/", issue=_work_out(found))
    else:
        out.update(url=f"/products/{item.product_id}/ideas/{item.pk}/", status=item.status, votes=item.vote_count)
    return out


def _work_out(found: work.Work | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {"key": found.key, "title": found.title, "status": found.status, "done": found.done,
            "start": found.start, "finish": found.finish, "progress": round(found.progress, 4)}


def feature_out(request: HttpRequest, feature: Feature) -> dict[str, Any]:
    works = work.work_of(request.user, [feature.issue_id]) if feature.issue_id else {}
    return {**item_out(feature, works), "description": feature.description, "theme": feature.theme,
            "objective": feature.objective_id, "release": feature.release_id, "ideas": feature.ideas.count(),
            "created_at": feature.created_at, "updated_at": feature.updated_at}


def _product(request: HttpRequest, product_id: int, action: policy.Action = policy.Action.VIEW) -> Product:
    return products.product_for(request.user, product_id, action)


@router.get("/products/{product_id}/backlog", response=BacklogPage,
            summary="A product's features or ideas, by hand (rank) or by a score")
def get_backlog(request: HttpRequest, product_id: int, kind: str = "features", sort: str = "rank",
                cursor: str | None = None, limit: int = 50) -> Any:
    product = _product(request, product_id)
    page = paging.paginate(backlog.backlog(request.user, product, kind=kind, sort=sort), cursor=cursor, limit=limit)
    issue_ids = {i.issue_id for i in page.items if isinstance(i, Feature) and i.issue_id}
    works = work.work_of(request.user, issue_ids) if issue_ids else {}
    return {"items": [item_out(i, works) for i in page.items], "total": page.total, "next_cursor": page.next_cursor}


@router.get("/products/{product_id}/features", response=BacklogPage, summary="A product's features in hand order")
def list_features(request: HttpRequest, product_id: int, cursor: str | None = None, limit: int = 50) -> Any:
    return get_backlog(request, product_id, "features", "rank", cursor, limit)


@router.post("/products/{product_id}/features", response={201: FeatureOut},
             summary="Add a feature at the bottom of the backlog, optionally delivered by an issue")
def create_feature(request: HttpRequest, product_id: int, payload: FeatureIn) -> Any:
    product = _product(request, product_id, MEMBERS)
    feature = backlog.create_feature(actor=request.user, product=product, title=payload.title,  # type: ignore[arg-type]
                                     issue=payload.issue, description=payload.description, now=timezone.now())
    return Status(201, feature_out(request, feature))


@router.get("/products/{product_id}/features/{feature_id}", response=FeatureOut, summary="A feature")
def get_feature(request: HttpRequest, product_id: int, feature_id: int) -> Any:
    feature = backlog.feature_for(request.user, _product(request, product_id), feature_id)
    return feature_out(request, feature)


@router.patch("/products/{product_id}/features/{feature_id}", response=FeatureOut,
              summary="Change a feature's title, description, delivering issue, objective, theme or release")
def update_feature(request: HttpRequest, product_id: int, feature_id: int, payload: FeaturePatch) -> Any:
    feature = backlog.feature_for(request.user, _product(request, product_id), feature_id)
    backlog.update_feature(actor=request.user, feature=feature,  # type: ignore[arg-type]
                           fields=payload.model_dump(exclude_unset=True), now=timezone.now())
    return feature_out(request, feature)


@router.delete("/products/{product_id}/features/{feature_id}", response={204: None},
               summary="Delete a feature (managers)")
def delete_feature(request: HttpRequest, product_id: int, feature_id: int) -> Any:
    feature = backlog.feature_for(request.user, _product(request, product_id), feature_id)
    backlog.delete_feature(actor=request.user, feature=feature)  # type: ignore[arg-type]
    return HttpResponse(status=204)


@router.put("/products/{product_id}/features/{feature_id}/scores", response=FeatureOut,
            summary="Set a feature's score inputs (RICE, WSJF, value/effort, MoSCoW); the scores are recomputed")
def score_feature(request: HttpRequest, product_id: int, feature_id: int, payload: ScoresIn) -> Any:
    feature = backlog.feature_for(request.user, _product(request, product_id), feature_id)
    scoring.set_scores(actor=request.user, item=feature,  # type: ignore[arg-type]
                       inputs=payload.model_dump(exclude_unset=True), now=timezone.now())
    return feature_out(request, feature)


@router.put("/products/{product_id}/ideas/{idea_id}/scores", response=BacklogItemOut,
            summary="Set an idea's score inputs; the scores are recomputed")
def score_idea(request: HttpRequest, product_id: int, idea_id: int, payload: ScoresIn) -> Any:
    idea = backlog.idea_for(request.user, _product(request, product_id), idea_id)
    scoring.set_scores(actor=request.user, item=idea,  # type: ignore[arg-type]
                       inputs=payload.model_dump(exclude_unset=True), now=timezone.now())
    return item_out(idea)


@router.post("/products/{product_id}/features/{feature_id}/move", response=FeatureOut,
             summary="Move a feature in the backlog: just after `after` and before `before` (ids)")
def move_feature(request: HttpRequest, product_id: int, feature_id: int, payload: MoveIn) -> Any:
    feature = backlog.feature_for(request.user, _product(request, product_id), feature_id)
    backlog.move_feature(actor=request.user, feature=feature,  # type: ignore[arg-type]
                         after=payload.after, before=payload.before)
    return feature_out(request, feature)


@router.post("/products/{product_id}/ideas/{idea_id}/move", response=BacklogItemOut,
             summary="Move an idea in the backlog: just after `after` and before `before` (ids)")
def move_idea(request: HttpRequest, product_id: int, idea_id: int, payload: MoveIn) -> Any:
    idea = backlog.idea_for(request.user, _product(request, product_id), idea_id)
    backlog.move_idea(actor=request.user, idea=idea, after=payload.after, before=payload.before)  # type: ignore[arg-type]
    return item_out(idea)
