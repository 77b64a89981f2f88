"""What a KPI's data points say: its latest value, how it moved over 7 and 30 days,
how far it is from its target, and how each release moved it.

A metric has a good direction ("up": higher is better, "down": lower is better); every
figure here says whether a change went that way. Missing data is an answer with a
reason, never a division error.

The impact of a release on day R with a window of N days compares the mean of the
points on days R−N … R−1 with the mean of those on R+1 … R+N. The release day itself is
left out of both sides: on that day the metric is a mix of before and after."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

Direction = Literal["up", "down"]
Verdict = Literal["better", "worse", "unchanged"]
HUNDRED = Decimal(100)
PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Point:
    day: date
    value: Decimal


@dataclass(frozen=True)
class Change:
    """From one value to another: the difference, the percent of the first (None when
    the first is zero) and whether it went the good way."""

    before: Decimal
    after: Decimal
    absolute: Decimal
    percent: Decimal | None
    verdict: Verdict


@dataclass(frozen=True)
class Impact:
    day: date
    days: int
    mean_before: Decimal | None
    mean_after: Decimal | None
    points_before: int
    points_after: int
    change: Change | None
    # Why there is no change, when a side of the release has no data points.
    missing: str | None


@dataclass(frozen=True)
class TargetDistance:
    target: Decimal
    # target − latest: what is left to go, with its sign.
    gap: Decimal
    reached: bool


@dataclass(frozen=True)
class Summary:
    latest: Point | None
    week: Change | None
    month: Change | None
    target: TargetDistance | None


def verdict(absolute: Decimal, direction: Direction) -> Verdict:
    if absolute == 0:
        return "unchanged"
    went_up = absolute > 0
    return "better" if went_up == (direction == "up") else "worse"


def change(before: Decimal, after: Decimal, direction: Direction) -> Change:
    absolute = after - before
    # Percent of the size of the first value, so that the sign of the percent is the
    # sign of the change even for a metric below zero (a net balance, a margin).
    percent = None if before == 0 else (absolute / abs(before) * HUNDRED).quantize(PLACES)
    return Change(before, after, absolute, percent, verdict(absolute, direction))


def mean(values: Sequence[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(PLACES)


def in_order(points: Sequence[Point]) -> list[Point]:
    return sorted(points, key=lambda p: p.day)


def between(points: Sequence[Point], first: date, last: date) -> list[Point]:
    """The points from first to last inclusive, of points sorted by day."""
    days = [p.day for p in points]
    return list(points[bisect_left(days, first):bisect_right(days, last)])


def impact(points: Sequence[Point], day: date, days: int, direction: Direction) -> Impact:
    """The release on `day` seen through the metric: mean of the `days` days before
    against the `days` days after, the day itself excluded. `points` sorted by day."""
    if days < 1:
        raise ValueError("the window must be at least one day")
    before = [p.value for p in between(points, day - timedelta(days=days), day - timedelta(days=1))]
    after = [p.value for p in between(points, day + timedelta(days=1), day + timedelta(days=days))]
    mean_before, mean_after = mean(before), mean(after)
    missing = None
    if mean_before is None and mean_after is None:
        missing = f"no data points in the {days} days before or after {day.isoformat()}"
    elif mean_before is None:
        missing = f"no data points in the {days} days before {day.isoformat()}"
    elif mean_after is None:
        missing = f"no data points yet in the {days} days after {day.isoformat()}"
    moved = None
    if mean_before is not None and mean_after is not None:
        moved = change(mean_before, mean_after, direction)
    return Impact(day, days, mean_before, mean_after, len(before), len(after), moved, missing)


def change_over(points: Sequence[Point], days: int, direction: Direction) -> Change | None:
    """The latest value against the value `days` days earlier: the last point on or
    before that day, but no older than twice the span (a point from last year says
    nothing about "this week"). `points` sorted by day."""
    if not points:
        return None
    latest = points[-1]
    earlier = between(points, latest.day - timedelta(days=2 * days), latest.day - timedelta(days=days))
    if not earlier:
        return None
    return change(earlier[-1].value, latest.value, direction)


def distance(latest: Decimal, target: Decimal, direction: Direction) -> TargetDistance:
    reached = latest >= target if direction == "up" else latest <= target
    return TargetDistance(target, target - latest, reached)


def summary(points: Sequence[Point], target: Decimal | None, direction: Direction) -> Summary:
    ordered = in_order(points)
    if not ordered:
        return Summary(None, None, None, None)
    latest = ordered[-1]
    return Summary(
        latest=latest,
        week=change_over(ordered, 7, direction),
        month=change_over(ordered, 30, direction),
        target=None if target is None else distance(latest.value, target, direction),
    )


def sparkline(points: Sequence[Point], width: int, height: int) -> str:
    """The points as an SVG polyline's `points` attribute, x by day and y by value
    (higher values higher up), filling width × height."""
    ordered = in_order(points)
    if not ordered:
        return ""
    first, span_days = ordered[0].day, max((ordered[-1].day - ordered[0].day).days, 1)
    low = min(p.value for p in ordered)
    span = max(p.value for p in ordered) - low
    coordinates = []
    for p in ordered:
        x = width * (p.day - first).days / span_days
        y = height / 2 if span == 0 else height * float(1 - (p.value - low) / span)
        coordinates.append(f"{x:.1f},{y:.1f}")
    return " ".join(coordinates)
