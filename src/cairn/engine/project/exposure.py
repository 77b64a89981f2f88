"""A project's risk exposure over time: on each day, the total score of the risks open
that day, read from the history of their ratings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from cairn.engine.project.risks import score


@dataclass(frozen=True)
class Rating:
    """A risk's probability, impact and openness from a day on, until its next rating."""

    risk: Hashable
    on: dt.date
    probability: int
    impact: int
    open: bool


def exposure_over_time(ratings: Iterable[Rating], start: dt.date, end: dt.date) -> list[tuple[dt.date, int]]:
    """The exposure at the end of each day from start to end (both included). A risk
    rated several times on one day counts with its last rating of that day."""
    ordered = sorted(ratings, key=lambda r: r.on)  # stable: same-day ratings keep their order
    current: dict[Hashable, int] = {}
    points, n, day = [], 0, start
    while day <= end:
        while n < len(ordered) and ordered[n].on <= day:
            rating = ordered[n]
            current[rating.risk] = score(rating.probability, rating.impact) if rating.open else 0
            n += 1
        points.append((day, sum(current.values())))
        day += dt.timedelta(days=1)
    return points
