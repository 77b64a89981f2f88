"""Read-only links to a product's roadmap for people without an account.

A link shows only the fields chosen for it, from a fixed list: scores, customers,
votes and revenue are not on that list, so no link can ever show them. The secret token
is shown once, when the link is made; only its SHA-256 is kept. Revoking a link ends it
at once. The work behind the features is read as the workspace sees it, minus private
projects: a link never shows anything of a private project.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from cairn import values
from cairn.accounts.models import User
from cairn.errors import Invalid, NotFound
from cairn.product.models import Feature, Product, RoadmapLink
from cairn.product.services import products, work
from cairn.product.services import roadmap as roadmaps
from cairn.workspaces import policy
from cairn.workspaces.models import Project, Visibility

SHAREABLE = ("title", "description", "lane", "dates", "status", "type", "theme", "objective", "release", "progress",
             "issue")
LABELS = {"title": "Title", "description": "Description", "lane": "Lane (Now, Next, Later)",
          "dates": "Dates (the timeline)", "status": "Status", "type": "Type (feature, epic)", "theme": "Theme",
          "objective": "Objective", "release": "Release", "progress": "Progress", "issue": "Issue key"}
DEFAULT_FIELDS = ("title", "lane", "dates", "status", "theme")
MAX_LABEL = 120
# Writing last_viewed_at on every view would turn a popular link's reads into writes.
VIEW_RESOLUTION = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class SharedRoadmap:
    link: RoadmapLink
    roadmap: roadmaps.Roadmap

    @property
    def fields(self) -> list[str]:
        return [name for name in SHAREABLE if name in self.link.fields]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_link(*, actor: User, product: Product, label: Any, fields: Any, now: dt.datetime) -> tuple[RoadmapLink, str]:
    """A new link and its secret token, which is not kept and cannot be shown again."""
    products.require(actor, policy.Action.MANAGE_PROJECT, product)
    name = values.text(label, "label", max_length=MAX_LABEL, required=True)
    chosen = _fields(fields)
    token = secrets.token_urlsafe(24)
    link = RoadmapLink.objects.create(product=product, label=name, token_hash=hash_token(token), fields=chosen,
                                      created_by=actor, created_at=now)
    return link, token


def links_of(actor: User | Any, product: Product) -> QuerySet[RoadmapLink]:
    """The product's links, newest first, revoked ones included (they say when)."""
    products.require(actor, policy.Action.MANAGE_PROJECT, product)
    return RoadmapLink.objects.filter(product=product).select_related("created_by")


def revoke_link(*, actor: User, product: Product, link_id: Any, now: dt.datetime) -> RoadmapLink:
    products.require(actor, policy.Action.MANAGE_PROJECT, product)
    try:
        pk = int(link_id)
    except (TypeError, ValueError):
        raise NotFound(f"No link {link_id}") from None
    with transaction.atomic():
        link = RoadmapLink.objects.select_for_update().filter(product=product, pk=pk).first()
        if link is None:
            raise NotFound(f"No link {pk} on this product")
        if link.revoked_at is None:
            link.revoked_at = now
            link.save(update_fields=["revoked_at"])
    return link


def roadmap_for_link(token: Any, now: dt.datetime) -> SharedRoadmap:
    """The roadmap a link shows; NotFound for a revoked, unknown or malformed token, all
    alike, so a visitor learns nothing from trying."""
    if not isinstance(token, str) or not 16 <= len(token) <= 100 or "\x00" in token:
        raise NotFound("No roadmap here")
    link = (RoadmapLink.objects.select_related("product", "product__workspace")
            .filter(token_hash=hash_token(token), revoked_at__isnull=True).first())
    if link is None:
        raise NotFound("No roadmap here")
    if link.last_viewed_at is None or now - link.last_viewed_at >= VIEW_RESOLUTION:
        RoadmapLink.objects.filter(pk=link.pk).update(last_viewed_at=now)
        link.last_viewed_at = now
    product = link.product
    rows = list(Feature.objects.filter(product=product).exclude(lane="").order_by("lane_rank", "id")
                .values(*roadmaps.FEATURE_FIELDS))
    return SharedRoadmap(link, roadmaps.build(product, now.date(), rows, _open_work(link, rows)))


def _open_work(link: RoadmapLink, rows: list[dict[str, Any]]) -> dict[int, work.Work]:
    # Read as the link's maker sees the work, but never from a private project: a link's
    # visitors are outside every project.
    ids = {r["issue_id"] for r in rows if r["issue_id"]}
    if not ids or link.created_by is None:
        return {}
    open_keys = set(Project.objects.filter(workspace_id=link.product.workspace_id, visibility=Visibility.WORKSPACE)
                    .values_list("key", flat=True))
    return {pk: found for pk, found in work.work_of(link.created_by, ids).items()
            if found.key.rsplit("-", 1)[0] in open_keys}


def _fields(raw: Any) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(name, str) for name in raw):
        raise Invalid.field("fields", "must be a list of field names")
    unknown = [name for name in raw if name not in SHAREABLE]
    if unknown:
        raise Invalid.field("fields", f"{unknown[0][:40]!r} cannot be shared; choose from {', '.join(SHAREABLE)}")
    if not raw:
        raise Invalid.field("fields", "choose at least one field to show")
    return [name for name in SHAREABLE if name in raw]
