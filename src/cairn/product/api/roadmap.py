"""API for a product's roadmap: lanes and timeline, moving features, their timeline
dates, shared read-only links, and the public answer of a link (no login)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status
from pydantic import BaseModel

from cairn import paging
from cairn.inputs import Input
from cairn.product.models import Feature, RoadmapLink
from cairn.product.services import products, roadmap_data, roadmap_links
from cairn.product.services import roadmap as roadmaps
from cairn.workspaces import policy

router = Router(tags=["roadmap"])


class Schema(BaseModel):
    """The answers here are built as plain dicts by services.roadmap_data: pydantic's own
    validation reads them in C, where Ninja's Schema would wrap every nested object to read
    model attributes (most of a 500-item roadmap's time)."""


class RoadmapSpanOut(Schema):
    left: float
    width: float
    clipped_start: bool
    clipped_end: bool


class RoadmapObjectiveRef(Schema):
    id: int
    title: str
    color: str


class RoadmapReleaseRef(Schema):
    id: int
    name: str


class RoadmapItemOut(Schema):
    id: int
    title: str
    description: str
    lane: str
    start: dt.date | None
    end: dt.date | None
    dates_from: str
    draggable: bool
    kind: str
    type: str
    status: str
    progress: float | None
    issue: str | None
    theme: str
    objective: RoadmapObjectiveRef | None
    release: RoadmapReleaseRef | None
    objective_color: str
    theme_color: str
    shipped: bool
    month: RoadmapSpanOut | None
    quarter: RoadmapSpanOut | None


class RoadmapLaneOut(Schema):
    lane: str
    label: str
    items: list[RoadmapItemOut]


class RoadmapReleaseOut(Schema):
    id: int
    name: str
    date: dt.date | None
    status: str
    shipped: bool
    month: float | None
    quarter: float | None


class RoadmapColumnOut(Schema):
    label: str
    start: dt.date
    left: float
    width: float


class RoadmapScaleOut(Schema):
    start: dt.date
    end: dt.date
    days: int
    today: float | None
    columns: list[RoadmapColumnOut]


class RoadmapLegendEntry(Schema):
    label: str
    color: str


class RoadmapLegendOut(Schema):
    objective: list[RoadmapLegendEntry]
    theme: list[RoadmapLegendEntry]


class RoadmapOut(Schema):
    product_id: int
    product: str
    today: dt.date
    lanes: list[RoadmapLaneOut]
    releases: list[RoadmapReleaseOut]
    scales: dict[str, RoadmapScaleOut]
    legend: RoadmapLegendOut
    off_roadmap: list[RoadmapItemOut]
    off_roadmap_total: int


class RoadmapMoveIn(Input):
    lane: str
    after: int | None = None
    before: int | None = None


class RoadmapDatesIn(Input):
    start: str | None = None
    end: str | None = None


class RoadmapPlacedOut(Schema):
    id: int
    title: str
    lane: str
    lane_rank: str
    roadmap_start: dt.date | None
    roadmap_end: dt.date | None


class RoadmapLinkIn(Input):
    label: str
    fields: list[str]


class RoadmapLinkOut(Schema):
    id: int
    label: str
    fields: list[str]
    created_by: str | None
    created_at: dt.datetime
    revoked_at: dt.datetime | None
    last_viewed_at: dt.datetime | None
    active: bool


class RoadmapLinkCreatedOut(RoadmapLinkOut):
    token: str
    url: str


class RoadmapLinkPage(Schema):
    items: list[RoadmapLinkOut]
    total: int
    next_cursor: str | None


class PublicRoadmapItemOut(Schema):
    """Only the fields the link was made for are present."""

    title: str | None = None
    description: str | None = None
    lane: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    month: RoadmapSpanOut | None = None
    quarter: RoadmapSpanOut | None = None
    status: str | None = None
    type: str | None = None
    kind: str | None = None
    theme: str | None = None
    objective: str | None = None
    release: str | None = None
    progress: float | None = None
    issue: str | None = None
    color: str | None = None


class PublicRoadmapLaneOut(Schema):
    lane: str
    label: str
    items: list[PublicRoadmapItemOut]


class PublicRoadmapReleaseOut(Schema):
    name: str
    date: dt.date
    shipped: bool
    month: float | None
    quarter: float | None


class PublicRoadmapOut(Schema):
    product: str
    fields: list[str]
    today: dt.date
    lanes: list[PublicRoadmapLaneOut]
    scales: dict[str, RoadmapScaleOut] | None = None
    releases: list[PublicRoadmapReleaseOut] | None = None
    legend: list[RoadmapLegendEntry] | None = None


def placed_out(feature: Feature) -> dict[str, Any]:
    return {"id": feature.pk, "title": feature.title, "lane": feature.lane, "lane_rank": feature.lane_rank,
            "roadmap_start": feature.roadmap_start, "roadmap_end": feature.roadmap_end}


def link_out(link: RoadmapLink) -> dict[str, Any]:
    return {"id": link.pk, "label": link.label, "fields": link.fields,
            "created_by": link.created_by.username if link.created_by else None, "created_at": link.created_at,
            "revoked_at": link.revoked_at, "last_viewed_at": link.last_viewed_at, "active": link.revoked_at is None}


@router.get("/products/{product_id}/roadmap", response=RoadmapOut,
            summary="A product's roadmap: Now / Next / Later lanes, the timeline by month and quarter, releases")
def get_roadmap(request: HttpRequest, product_id: int) -> Any:
    product = products.product_for(request.user, product_id)
    return roadmap_data.team_data(roadmaps.roadmap_of(request.user, product, timezone.now().date()))


@router.post("/products/{product_id}/roadmap/features/{feature_id}/move", response=RoadmapPlacedOut,
             summary="Move a feature to a lane (now, next, later; empty takes it off) between two of its features")
def move_feature(request: HttpRequest, product_id: int, feature_id: int, payload: RoadmapMoveIn) -> Any:
    product = products.product_for(request.user, product_id)
    feature = roadmaps.move_feature(actor=request.user, product=product, feature_id=feature_id,  # type: ignore[arg-type]
                                    lane=payload.lane, after=payload.after, before=payload.before)
    return placed_out(feature)


@router.put("/products/{product_id}/roadmap/features/{feature_id}/dates", response=RoadmapPlacedOut,
            summary="Place a feature on the timeline (refused when its dates come from the schedule)")
def set_dates(request: HttpRequest, product_id: int, feature_id: int, payload: RoadmapDatesIn) -> Any:
    product = products.product_for(request.user, product_id)
    feature = roadmaps.set_dates(actor=request.user, product=product, feature_id=feature_id,  # type: ignore[arg-type]
                                 start=payload.start, end=payload.end)
    return placed_out(feature)


@router.get("/products/{product_id}/roadmap/links", response=RoadmapLinkPage,
            summary="The roadmap's shared read-only links (managers)")
def list_links(request: HttpRequest, product_id: int, cursor: str | None = None, limit: int = 50) -> Any:
    product = products.product_for(request.user, product_id)
    page = paging.paginate(roadmap_links.links_of(request.user, product), cursor=cursor, limit=limit)
    return {"items": [link_out(link) for link in page.items], "total": page.total, "next_cursor": page.next_cursor}


@router.post("/products/{product_id}/roadmap/links", response={201: RoadmapLinkCreatedOut},
             summary="Share the roadmap read-only with the chosen fields; the token is shown only in this answer")
def create_link(request: HttpRequest, product_id: int, payload: RoadmapLinkIn) -> Any:
    product = products.product_for(request.user, product_id, policy.Action.VIEW)
    link, token = roadmap_links.create_link(actor=request.user, product=product,  # type: ignore[arg-type]
                                            label=payload.label, fields=payload.fields, now=timezone.now())
    return Status(201, {**link_out(link), "token": token, "url": f"/roadmap/{token}/"})


@router.delete("/products/{product_id}/roadmap/links/{link_id}", response={204: None},
               summary="Revoke a shared link: it stops working at once")
def revoke_link(request: HttpRequest, product_id: int, link_id: int) -> Any:
    product = products.product_for(request.user, product_id)
    roadmap_links.revoke_link(actor=request.user, product=product, link_id=link_id,  # type: ignore[arg-type]
                              now=timezone.now())
    return Status(204, None)


@router.get("/public/roadmaps/{token}", auth=None, response=PublicRoadmapOut, exclude_unset=True,
            summary="A shared roadmap, without login: only the fields chosen for the link")
def public_roadmap(request: HttpRequest, token: str) -> Any:
    return roadmap_data.public_data(roadmap_links.roadmap_for_link(token, timezone.now()))
