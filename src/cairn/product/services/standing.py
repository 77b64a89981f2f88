"""Where a product stands, at a glance on its overview: this period's objectives, the
next release and its date risk, what customers want most, what waits in the inbox, and
the KPIs. Only reads, each part through the service that owns it, as the reader sees it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cairn.accounts.models import User
from cairn.product.models import Idea, IdeaStatus, Product, Release, ReleaseStatus
from cairn.product.services import feedback, ideas, metrics, products, releases, strategy
from cairn.workspaces import policy

TOP_IDEAS = 3
KPI_CARDS = 4


@dataclass(frozen=True)
class Standing:
    period: str | None
    objectives: list[strategy.ObjectiveProgress]
    next_release: Release | None
    next_release_progress: releases.Progress | None
    most_wanted: list[Idea]
    to_triage: int
    # Ideas nobody has reviewed yet: what the public form files arrives here, not in the inbox.
    new_ideas: int
    kpis: list[metrics.Card]


def standing_of(actor: User | Any, product: Product, now: dt.datetime) -> Standing:
    products.require(actor, policy.Action.VIEW, product)
    today = now.date()
    period = _current_period(product, today)
    objectives = list(strategy.objectives_of(actor, product, period)) if period else []
    progress = strategy.progress_of(actor, objectives, today) if objectives else {}
    upcoming = _next_release(product)
    return Standing(
        period=period,
        objectives=[progress[o.pk] for o in objectives if o.pk in progress],
        next_release=upcoming,
        next_release_progress=releases.progress(actor, upcoming, now) if upcoming else None,
        most_wanted=list(ideas.ideas_of(actor, product, sort="votes")[:TOP_IDEAS]),
        to_triage=feedback.inbox(actor, product, triage=True).count(),
        new_ideas=ideas.ideas_of(actor, product, status=IdeaStatus.NEW).count(),
        kpis=metrics.cards_of(list(metrics.metrics_of(actor, product)[:KPI_CARDS])),
    )


def _current_period(product: Product, today: dt.date) -> str | None:
    """The period running today, else the latest one."""
    running = (product.objectives.filter(starts_on__lte=today, ends_on__gte=today)
               .order_by("-starts_on").values_list("period", flat=True).first())
    return running or next(iter(strategy.periods(product)), None)


def _next_release(product: Product) -> Release | None:
    open_ones = product.releases.exclude(status__in=[ReleaseStatus.SHIPPED, ReleaseStatus.CANCELLED])
    return (open_ones.filter(target_date__isnull=False).order_by("target_date", "id").first()
            or open_ones.order_by("id").first())
