"""Use cases on a product's roadmap: its features in Now / Next / Later lanes and on a
timeline by month or quarter, with the releases as markers.

A feature's dates come from the schedule when the issue that delivers it is planned (it
or its sub-tasks have dates: an epic spans its stories); those are moved in the plan,
not here. Otherwise the product manager places the feature by hand (`roadmap_start/end`).
Issues are read through the reader's eyes (services.work), so a private project's issue
never shows to someone outside it. Shared read-only links are in roadmap_links, the
answer the API and the pages give in roadmap_data.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q

from cairn import values
from cairn.accounts.models import User
from cairn.engine.product import ranking
from cairn.engine.product import timeline as tl
from cairn.errors import Conflict, Invalid, NotFound
from cairn.product.models import Feature, Lane, Product, Release, ReleaseStatus
from cairn.product.services import products, work
from cairn.workspaces import policy

LANES = (Lane.NOW, Lane.NEXT, Lane.LATER)
# How many features off the roadmap the page offers to drag in (the backlog has the rest).
OFF_ROADMAP_SHOWN = 50
NEUTRAL = "#94a3b8"
# Theme colours: distinct at a glance, readable under white text.
PALETTE = ("#2563eb", "#16a34a", "#d97706", "#9333ea", "#dc2626", "#0891b2", "#db2777", "#65a30d",
           "#7c3aed", "#ea580c")
FEATURE_FIELDS = ("id", "title", "description", "issue_id", "lane", "lane_rank", "roadmap_start", "roadmap_end",
                  "shipped_at", "theme", "objective_id", "objective__title", "objective__color", "release_id",
                  "release__name")


@dataclass(frozen=True)
class Item:
    """A feature as the roadmap shows it. `dates_from` is "schedule", "roadmap" or ""
    (no dates yet); only a feature placed by hand can be dragged along the timeline."""

    id: int
    title: str
    description: str
    lane: str
    start: dt.date | None
    end: dt.date | None
    dates_from: str
    kind: str
    type: str
    status: str
    progress: float | None
    issue: str | None
    theme: str
    objective: dict[str, Any] | None
    release: dict[str, Any] | None
    objective_color: str
    theme_color: str
    shipped: bool

    @property
    def draggable(self) -> bool:
        return self.dates_from != "schedule"


@dataclass(frozen=True)
class Milestone:
    """A release on the timeline: shipped on its shipping day, otherwise at its target."""

    id: int
    name: str
    date: dt.date | None
    status: str
    shipped: bool


@dataclass
class Roadmap:
    product: Product
    today: dt.date
    lanes: dict[str, list[Item]]
    releases: list[Milestone]
    off_roadmap: list[Item] = field(default_factory=list)
    off_roadmap_total: int = 0

    @property
    def items(self) -> list[Item]:
        return [item for lane in LANES for item in self.lanes[lane]]


def theme_color(theme: str) -> str:
    """The same colour for a theme on every page and every run (not Python's salted hash)."""
    if not theme:
        return NEUTRAL
    return PALETTE[zlib.crc32(theme.strip().lower().encode()) % len(PALETTE)]


def roadmap_of(actor: User | Any, product: Product, today: dt.date) -> Roadmap:
    """The roadmap as the actor may see it (guests included); managers, who may drag
    features onto it, also get the first features off it."""
    products.require(actor, policy.Action.VIEW, product)
    rows = list(Feature.objects.filter(product=product).exclude(lane="").order_by("lane_rank", "id")
                .values(*FEATURE_FIELDS))
    off = Feature.objects.filter(product=product, lane="").order_by("rank", "id")
    managing = products.may(actor, policy.Action.MANAGE_PROJECT, product)
    off_rows = list(off.values(*FEATURE_FIELDS)[:OFF_ROADMAP_SHOWN]) if managing else []
    works = work.work_of(actor, {r["issue_id"] for r in rows + off_rows if r["issue_id"]})
    roadmap = build(product, today, rows, works)
    roadmap.off_roadmap = [_item(r, works.get(r["issue_id"])) for r in off_rows]
    roadmap.off_roadmap_total = off.count() if managing else 0
    return roadmap


def build(product: Product, today: dt.date, rows: list[dict[str, Any]], works: dict[int, work.Work]) -> Roadmap:
    lanes: dict[str, list[Item]] = {lane: [] for lane in LANES}
    for row in rows:
        lanes[row["lane"]].append(_item(row, works.get(row["issue_id"])))
    return Roadmap(product, today, lanes, _releases(product))


def _item(row: dict[str, Any], delivered: work.Work | None) -> Item:
    start, end, source = row["roadmap_start"], row["roadmap_end"], "roadmap"
    if delivered is not None and (delivered.start or delivered.finish):
        start, end, source = delivered.start, delivered.finish, "schedule"
    start, end = start or end, end or start
    shipped = row["shipped_at"] is not None
    objective = None
    if row["objective_id"]:
        objective = {"id": row["objective_id"], "title": row["objective__title"], "color": row["objective__color"]}
    return Item(
        id=row["id"], title=row["title"], description=row["description"], lane=row["lane"], start=start, end=end,
        dates_from=source if start else "",
        kind="epic" if delivered is not None and delivered.type.lower() == "epic" else "feature",
        type=delivered.type if delivered is not None else "Feature",
        status="Shipped" if shipped else (delivered.status if delivered is not None else ""),
        progress=1.0 if shipped else (delivered.progress if delivered is not None else None),
        issue=delivered.key if delivered is not None else None, theme=row["theme"], objective=objective,
        release={"id": row["release_id"], "name": row["release__name"]} if row["release_id"] else None,
        objective_color=objective["color"] if objective else NEUTRAL, theme_color=theme_color(row["theme"]),
        shipped=shipped,
    )


def _releases(product: Product) -> list[Milestone]:
    found = []
    for pk, name, target, status, shipped_at in (
        Release.objects.filter(product=product).exclude(status=ReleaseStatus.CANCELLED)
        .values_list("id", "name", "target_date", "status", "shipped_at")
    ):
        shipped = status == ReleaseStatus.SHIPPED or shipped_at is not None
        found.append(Milestone(pk, name, shipped_at.date() if shipped_at else target, status, shipped))
    return sorted(found, key=lambda m: (m.date is None, m.date or dt.date.min, m.id))


def timeline(roadmap: Roadmap, scale: tl.Scale) -> tuple[tl.Window, list[tl.Column]]:
    spans = [(i.start, i.end) for i in roadmap.items if i.start and i.end]
    spans += [(m.date, m.date) for m in roadmap.releases if m.date]
    win = tl.window(roadmap.today, spans, scale)
    return win, tl.columns(win, scale)


# ------------------------------------------------------------------ writes


def move_feature(*, actor: User, product: Product, feature_id: Any, lane: Any, after: Any = None,
                 before: Any = None) -> Feature:
    """Puts the feature in a lane between two of its features (`after` is the one above
    it, `before` the one below; either alone, or neither for the bottom of the lane), or
    off the roadmap (lane ""). Writes the feature's lane and rank, nothing else."""
    products.require(actor, policy.Action.MANAGE_PROJECT, product)
    target = _lane(lane)
    above = _feature_id(after, "after")
    below = _feature_id(before, "before")
    with transaction.atomic():
        feature = _feature(product, feature_id)
        key = ""
        if target:
            _rank_the_unranked(product, target, feature.pk)
            key = ranking.key_between(*_neighbours(product, target, feature.pk, above, below))
        Feature.objects.filter(pk=feature.pk).update(lane=target, lane_rank=key)
    feature.lane, feature.lane_rank = target, key
    return feature


def set_dates(*, actor: User, product: Product, feature_id: Any, start: Any, end: Any) -> Feature:
    """Places a feature on the timeline by hand (both dates, or neither to take it off);
    refused when its dates come from the schedule."""
    products.require(actor, policy.Action.MANAGE_PROJECT, product)
    feature = _feature(product, feature_id)
    if feature.issue_id:
        planned = work.work_of(actor, [feature.issue_id]).get(feature.issue_id)
        if planned is not None and (planned.start or planned.finish):
            raise Conflict(f"The dates of “{feature.title}” come from the schedule of {planned.key}: "
                           "move that work in its project's plan.")
    first, last = values.date(start, "start"), values.date(end, "end")
    if (first is None) != (last is None):
        raise Invalid.field("start" if first is None else "end", "is required with the other date (or clear both)")
    if first is not None and last is not None and last < first:
        raise Invalid.field("end", f"must be on or after the start ({first.isoformat()})")
    Feature.objects.filter(pk=feature.pk).update(roadmap_start=first, roadmap_end=last)
    feature.roadmap_start, feature.roadmap_end = first, last
    return feature


def _lane(raw: Any) -> str:
    name = values.text(raw, "lane", max_length=20).lower()
    if name not in ("", *LANES):
        raise Invalid.field("lane", "must be now, next, later, or empty for off the roadmap")
    return name


def _feature_id(raw: Any, name: str) -> int | None:
    return None if values.is_blank(raw) else values.whole_number(raw, name, minimum=1)


def _feature(product: Product, feature_id: Any) -> Feature:
    try:
        pk = int(feature_id)
    except (TypeError, ValueError):
        raise NotFound(f"No feature {feature_id}") from None
    feature = Feature.objects.filter(product=product, pk=pk).first()
    if feature is None:
        raise NotFound(f"No feature {pk} in this product")
    return feature


def _neighbours(product: Product, lane: str, moving: int, above: int | None,
                below: int | None) -> tuple[str | None, str | None]:
    siblings = Feature.objects.filter(product=product, lane=lane).exclude(pk=moving)
    label = Lane(lane).label

    def rank_of(pk: int, name: str) -> str:
        rank = siblings.filter(pk=pk).values_list("lane_rank", flat=True).first()
        if rank is None:
            raise Invalid.field(name, f"feature {pk} is not in the {label} lane")
        return rank

    low = rank_of(above, "after") if above is not None else None
    high = rank_of(below, "before") if below is not None else None
    ranks = siblings.order_by("lane_rank", "id").values_list("lane_rank", flat=True)
    if low is not None and high is None:
        high = ranks.filter(lane_rank__gt=low).first()
    elif high is not None and low is None:
        low = siblings.filter(lane_rank__lt=high).order_by("-lane_rank").values_list("lane_rank", flat=True).first()
    elif low is None and high is None:
        low = siblings.order_by("-lane_rank").values_list("lane_rank", flat=True).first()
    if low is not None and high is not None and not low < high:
        raise Invalid.field("before", "must be below the feature named in after")
    return low, high


def _rank_the_unranked(product: Product, lane: str, moving: int) -> None:
    # Features put in a lane by other means (an import, an older version) have no rank
    # yet: they go to the lane's bottom once, in the order they were made.
    lane_features = Feature.objects.filter(product=product, lane=lane).exclude(pk=moving)
    unranked = list(lane_features.filter(Q(lane_rank="")).order_by("id").values_list("id", flat=True))
    if not unranked:
        return
    last = lane_features.exclude(lane_rank="").order_by("-lane_rank").values_list("lane_rank", flat=True).first()
    for pk, key in zip(unranked, ranking.keys_between(last, None, len(unranked)), strict=True):
        Feature.objects.filter(pk=pk).update(lane_rank=key)
