"""The demo product's roadmap: its features (made by the backlog's part) in Now / Next /
Later by their backlog order, the ones no schedule dates placed over the next two
quarters, and a read-only link for customers."""

from __future__ import annotations

import datetime as dt
import random
from datetime import datetime

from cairn.accounts.models import User
from cairn.product.models import Feature, Product
from cairn.product.services import roadmap, roadmap_links, work

# Where a lane's features start, in days from today, and how long they take.
LANE_STARTS = {"now": (-20, 10), "next": (30, 90), "later": (90, 150)}
CUSTOMER_FIELDS = ["title", "description", "lane", "dates", "status", "theme", "objective", "release", "progress"]


def seed(product: Product, users: dict[str, User], now: datetime, rng: random.Random) -> None:
    manager = users["maria"]
    features = list(Feature.objects.filter(product=product).exclude(shipped_at__isnull=False).order_by("rank", "id"))
    shipped = list(Feature.objects.filter(product=product, shipped_at__isnull=False).order_by("rank", "id"))
    planned = work.work_of(manager, {f.issue_id for f in features if f.issue_id})
    third = max(1, len(features) // 3)
    for n, feature in enumerate(features):
        lane = "now" if n < third else "next" if n < 2 * third else "later"
        roadmap.move_feature(actor=manager, product=product, feature_id=feature.pk, lane=lane)
        delivered = planned.get(feature.issue_id) if feature.issue_id else None
        if delivered is None or not (delivered.start or delivered.finish):
            _place(manager, product, feature, lane, now.date(), rng)
    for feature in shipped:
        roadmap.move_feature(actor=manager, product=product, feature_id=feature.pk, lane="now")
    roadmap_links.create_link(actor=manager, product=product, label="Customers", fields=CUSTOMER_FIELDS, now=now)


def _place(manager: User, product: Product, feature: Feature, lane: str, today: dt.date, rng: random.Random) -> None:
    first, last = LANE_STARTS[lane]
    start = today + dt.timedelta(days=rng.randint(first, last))
    end = start + dt.timedelta(days=rng.choice([21, 28, 42, 56]))
    roadmap.set_dates(actor=manager, product=product, feature_id=feature.pk, start=start, end=end)
