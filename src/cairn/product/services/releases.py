"""Use cases on releases: their scope of issues and features, their progress and date
risk, and shipping them.

The scope is the release's own issues plus the issues that deliver its features. It is
always read through the actor's eyes (cairn.product.services.work), so an issue of a
private project never shows to someone outside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from cairn import values
from cairn.accounts.models import User
from cairn.engine.product.releases import DateRisk, ReleaseWork, date_risk
from cairn.errors import Conflict, Invalid, NotFound
from cairn.product import signals
from cairn.product.models import Feature, Product, Release, ReleaseStatus
from cairn.product.services import products, work
from cairn.tracker.models import Issue
from cairn.workspaces import policy

Action = policy.Action
MAX_NAME = 120
MAX_TEXT = 50_000
# The pace of the forecast: issues of the scope done in these last weeks.
PACE_WEEKS = 4
EDITABLE = {"name", "description", "target_date", "status"}


@dataclass(frozen=True)
class Progress:
    """A release's scope as the actor sees it, and how far it has come."""

    scope: list[work.Work]
    done: int
    total: int
    done_hours: Decimal | None
    total_hours: Decimal | None
    risk: DateRisk

    @property
    def share(self) -> float:
        return self.done / self.total if self.total else 0.0

    @property
    def share_by_estimate(self) -> float | None:
        if not self.total_hours:
            return None
        return float((self.done_hours or Decimal(0)) / self.total_hours)

    @property
    def percent(self) -> int:
        return round(self.share * 100)


def releases_of(actor: User | Any, product: Product) -> QuerySet[Release]:
    products.require(actor, Action.VIEW, product)
    return Release.objects.filter(product=product).order_by("target_date", "id")


def release_for(actor: User | Any, product: Product, release_id: Any) -> Release:
    products.require(actor, Action.VIEW, product)
    try:
        pk = int(release_id)
    except (TypeError, ValueError):
        raise NotFound(f"No release {release_id}") from None
    release = Release.objects.filter(product=product, pk=pk).first()
    if release is None:
        raise NotFound(f"No release {pk}")
    release.product = product
    return release


def create_release(*, actor: User, product: Product, name: Any, now: dt.datetime, description: Any = "",
                   target_date: Any = None, status: Any = ReleaseStatus.PLANNED) -> Release:
    products.require(actor, Action.MANAGE_PROJECT, product)
    release = Release(product=product, created_at=now)
    _apply(release, {"name": name, "description": description, "target_date": target_date, "status": status})
    release.save()
    return release


def update_release(*, actor: User, release: Release, fields: dict[str, Any]) -> Release:
    """Changes the given fields (name, description, target_date, status). Shipping is its
    own use case, so that the features it delivers are marked and told."""
    products.require(actor, Action.MANAGE_PROJECT, release.product)
    unknown = set(fields) - EDITABLE
    if unknown:
        raise Invalid.field(sorted(unknown)[0], "is not a field of a release")
    _apply(release, fields)
    release.save()
    return release


def delete_release(*, actor: User, release: Release) -> None:
    products.require(actor, Action.MANAGE_PROJECT, release.product)
    release.delete()


def _apply(release: Release, fields: dict[str, Any]) -> None:
    if "name" in fields:
        release.name = values.text(fields["name"], "name", max_length=MAX_NAME, required=True)
    if "description" in fields:
        release.description = values.text(fields["description"], "description", max_length=MAX_TEXT, strip=False)
    if "target_date" in fields:
        release.target_date = values.date(fields["target_date"], "target_date")
    if "status" in fields:
        status = fields["status"]
        if status not in ReleaseStatus.values:
            raise Invalid.field("status", f"must be one of {', '.join(ReleaseStatus.values)}")
        if status == ReleaseStatus.SHIPPED and release.status != ReleaseStatus.SHIPPED:
            raise Invalid.field("status", "ship the release to mark it shipped")
        if release.status == ReleaseStatus.SHIPPED and status != ReleaseStatus.SHIPPED:
            raise Invalid.field("status", "a shipped release stays shipped")
        release.status = status


# The scope

def add_issue(*, actor: User, release: Release, key: Any) -> Issue:
    products.require(actor, Action.MANAGE_PROJECT, release.product)
    issue = work.issue_for(actor, release.product, key)
    release.issues.add(issue)
    return issue


def remove_issue(*, actor: User, release: Release, key: Any) -> None:
    products.require(actor, Action.MANAGE_PROJECT, release.product)
    issue = work.issue_for(actor, release.product, key)
    release.issues.remove(issue)


def feature_for(actor: User | Any, product: Product, feature_id: Any) -> Feature:
    products.require(actor, Action.VIEW, product)
    try:
        pk = int(feature_id)
    except (TypeError, ValueError):
        raise NotFound(f"No feature {feature_id}") from None
    feature = Feature.objects.filter(product=product, pk=pk).first()
    if feature is None:
        raise NotFound(f"No feature {pk}")
    return feature


def set_feature_release(*, actor: User, feature: Feature, release: Release | None, now: dt.datetime) -> Feature:
    """Puts a feature in a release (its delivering issue joins the scope), or takes it out."""
    products.require(actor, Action.MANAGE_PROJECT, feature.product)
    if release is not None and release.product_id != feature.product_id:
        raise Invalid.field("release", "is a release of another product")
    feature.release = release
    feature.updated_at = now
    feature.save(update_fields=["release", "updated_at"])
    return feature


def features_of(actor: User | Any, release: Release) -> list[Feature]:
    products.require(actor, Action.VIEW, release.product)
    return list(Feature.objects.filter(release=release).order_by("rank", "id"))


def scope_ids(releases: list[Release]) -> dict[int, set[int]]:
    """Every release's scope: its issues and its features' issues, in two queries."""
    found: dict[int, set[int]] = {r.pk: set() for r in releases}
    through = Release.issues.through.objects.filter(release_id__in=list(found))
    for release_id, issue_id in through.values_list("release_id", "issue_id"):
        found[release_id].add(issue_id)
    features = Feature.objects.filter(release_id__in=list(found), issue__isnull=False)
    for release_id, issue_id in features.values_list("release_id", "issue_id"):
        found[release_id].add(issue_id)
    return found


# Progress and risk

def progress_of(actor: User | Any, releases: list[Release], now: dt.datetime) -> dict[int, Progress]:
    """Each release's progress and date risk, in a fixed number of queries however many
    releases and issues there are."""
    scopes = scope_ids(releases)
    every = set().union(*scopes.values()) if scopes else set()
    seen = work.work_of(actor, every)
    since = now - dt.timedelta(weeks=PACE_WEEKS)
    recent = set(Issue.objects.filter(id__in=list(seen), resolved_at__gte=since, resolved_at__lte=now)
                 .values_list("id", flat=True))
    return {r.pk: _progress(r, [seen[i] for i in scopes[r.pk] if i in seen], recent, now.date())
            for r in releases}


def progress(actor: User | Any, release: Release, now: dt.datetime) -> Progress:
    return progress_of(actor, [release], now)[release.pk]


def _progress(release: Release, scope: list[work.Work], recent: set[int], today: dt.date) -> Progress:
    scope.sort(key=lambda w: (w.done, w.key.split("-")[0], int(w.key.rsplit("-", 1)[1])))
    done = [w for w in scope if w.done]
    left = [w for w in scope if not w.done]
    estimated = [w for w in scope if w.estimate_hours is not None]
    total_hours = sum((w.estimate_hours for w in estimated if w.estimate_hours), Decimal(0)) if estimated else None
    done_hours = sum((w.estimate_hours for w in estimated if w.done and w.estimate_hours), Decimal(0)) \
        if estimated else None
    open_estimated = [w.estimate_hours for w in left if w.estimate_hours is not None]
    finishes = [w.finish for w in left if w.finish is not None]
    risk = date_risk(ReleaseWork(
        today=today, target=release.target_date, open_issues=len(left), done_issues=len(done),
        done_per_week=sum(1 for w in done if w.id in recent) / PACE_WEEKS,
        open_hours=float(sum(open_estimated, Decimal(0))) if open_estimated else None,
        scheduled_finish=max(finishes) if finishes else None,
        shipped=release.status == ReleaseStatus.SHIPPED,
    ))
    return Progress(scope, len(done), len(scope), done_hours, total_hours, risk)


# Shipping

def ship(*, actor: User, release: Release, now: dt.datetime) -> list[Feature]:
    """Marks the release shipped and the features it delivers (in it, or delivered by an
    issue of its scope) shipped; once committed, the other parts of the product hear of
    them (signals.features_shipped). Shipping twice is a Conflict."""
    products.require(actor, Action.MANAGE_PROJECT, release.product)
    product = release.product
    with transaction.atomic():
        locked = Release.objects.select_for_update().get(pk=release.pk)
        if locked.status == ReleaseStatus.SHIPPED:
            raise Conflict(f"{release.name} shipped already")
        scope = Release.issues.through.objects.filter(release_id=release.pk).values("issue_id")
        shipped = list(Feature.objects.filter(product=product, shipped_at__isnull=True)
                       .filter(Q(release=release) | Q(issue_id__in=scope)).order_by("rank", "id"))
        Feature.objects.filter(pk__in=[f.pk for f in shipped]).update(shipped_at=now, updated_at=now)
        for feature in shipped:
            feature.shipped_at = feature.updated_at = now
        Release.objects.filter(pk=release.pk).update(status=ReleaseStatus.SHIPPED, shipped_at=now)
        release.status, release.shipped_at = ReleaseStatus.SHIPPED, now
        transaction.on_commit(lambda: signals.features_shipped.send(
            sender=Release, product=product, features=shipped, release=release, now=now))
    return shipped
