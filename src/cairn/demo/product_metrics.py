"""The demo product's KPIs: three metrics with a year of daily data — a trend, a weekly
rhythm, noise, and a step after the shipped release, so that the chart and the impact
panel have something to show."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from cairn.accounts.models import User
from cairn.product.models import Product
from cairn.product.services import metrics

DAYS = 365
# When the other parts seeded no shipped release, the step comes this long ago.
STEP_AGO = 75


@dataclass(frozen=True)
class Kpi:
    name: str
    unit: str
    direction: str
    target: str
    owner: str
    description: str
    start: float
    end: float
    # Added on weekdays, subtracted at weekends.
    weekly: float
    noise: float
    step: float
    places: int


KPIS = [
    Kpi("Weekly active teams", "teams", "up", "450", "maria",
        "Teams with at least one member who changed an issue in the last 7 days.",
        start=220, end=360, weekly=12, noise=6, step=35, places=0),
    Kpi("Median time to first issue (min)", "min", "down", "5", "sam",
        "Minutes from sign-up to the first issue filed, median of the day's new accounts.",
        start=14, end=11, weekly=-0.8, noise=0.9, step=-3, places=1),
    Kpi("Trial → paid conversion (%)", "%", "up", "8", "maria",
        "Trials started 30 days earlier that became a paid plan.",
        start=4.5, end=5.6, weekly=0.15, noise=0.35, step=1.2, places=2),
]


def seed(product: Product, users: dict[str, User], now: datetime, rng: random.Random) -> None:
    manager = users["maria"]
    today = now.date()
    shipped = [day for _, day in metrics.shipped_releases(product) if day <= today]
    step_day = shipped[-1] if shipped else today - timedelta(days=STEP_AGO)
    for kpi in KPIS:
        metric = metrics.create_metric(actor=manager, product=product, now=now - timedelta(days=DAYS), fields={
            "name": kpi.name, "unit": kpi.unit, "direction": kpi.direction, "target": kpi.target,
            "owner": kpi.owner, "description": kpi.description})
        points = [{"day": day.isoformat(), "value": _value(kpi, day, today, step_day, rng)}
                  for day in (today - timedelta(days=n) for n in range(DAYS, 0, -1))]
        metrics.set_points(actor=manager, metric=metric, items=points)


def _value(kpi: Kpi, day: date, today: date, step_day: date, rng: random.Random) -> str:
    progress = 1 - (today - day).days / DAYS
    trend = kpi.start + (kpi.end - kpi.start) * progress
    weekly = kpi.weekly if day.weekday() < 5 else -kpi.weekly * 1.5
    # A gentle yearly wave, so that the trend is not a ruler.
    wave = (kpi.end - kpi.start) * 0.08 * math.sin(2 * math.pi * progress * 2)
    # The step grows in over a week after the release: users find the new thing.
    after = (day - step_day).days
    step = kpi.step * min(after / 7, 1) if after > 0 else 0
    value = max(trend + weekly + wave + step + rng.gauss(0, kpi.noise), 0)
    return f"{value:.{kpi.places}f}"
