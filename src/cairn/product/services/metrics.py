"""Use cases on a product's KPIs: metrics defined by managers, data points added by
members (one per day: a second value for a day replaces the first), the series of a
date range, the figures of a metric, and the impact of each shipped release on it.

The figures themselves are computed by the engine (cairn.engine.product.metrics)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet

from cairn import values
from cairn.accounts.models import User
from cairn.engine.product import metrics as figures
from cairn.errors import Invalid, NotFound
from cairn.product.models import DataPoint, Direction, Metric, Product, Release, ReleaseStatus
from cairn.product.services import products
from cairn.workspaces import policy
from cairn.workspaces.models import WorkspaceMember

Action = products.Action
FIELDS = ("name", "unit", "direction", "target", "owner", "description")
MAX_NAME = 120
MAX_UNIT = 20
MAX_DESCRIPTION = 10_000
# Ten thousand billion: far above any KPI, and safely inside the column's 20 digits
# once means and percents are taken.
MAX_VALUE = Decimal(10) ** 13
PLACES = 4
MAX_BATCH = 10_000
IMPACT_WINDOWS = (14, 30)


@dataclass(frozen=True)
class Card:
    """A metric as the list of KPIs shows it: its figures and its recent points."""

    metric: Metric
    summary: figures.Summary
    recent: list[figures.Point]


@dataclass(frozen=True)
class ReleaseImpact:
    release: Release
    impact: figures.Impact


def metrics_of(actor: User | Any, product: Product) -> QuerySet[Metric]:
    products.require(actor, Action.VIEW, product)
    return product.metrics.select_related("owner")


def metric_for(actor: User | Any, product: Product, metric_id: Any, action: policy.Action = Action.VIEW) -> Metric:
    products.require(actor, action, product)
    try:
        pk = int(metric_id)
    except (TypeError, ValueError):
        raise NotFound(f"No metric {metric_id}") from None
    metric = product.metrics.select_related("owner").filter(pk=pk).first()
    if metric is None:
        raise NotFound(f"No metric {pk} in product {product.pk}")
    return metric


def create_metric(*, actor: User, product: Product, fields: dict[str, Any], now: datetime) -> Metric:
    products.require(actor, Action.MANAGE_PROJECT, product)
    if values.is_blank(fields.get("name")):
        raise Invalid.field("name", "is required")
    metric = Metric(product=product, created_at=now)
    _apply(metric, fields)
    return _save(metric)


def update_metric(*, actor: User, metric: Metric, fields: dict[str, Any]) -> Metric:
    products.require(actor, Action.MANAGE_PROJECT, metric.product)
    _apply(metric, fields)
    return _save(metric)


def delete_metric(*, actor: User, metric: Metric) -> None:
    """Deletes the metric and its data points."""
    products.require(actor, Action.MANAGE_PROJECT, metric.product)
    metric.delete()


def point_value(raw: Any, field: str) -> Decimal:
    """A data point's value: a number with a decimal point, negative allowed."""
    if isinstance(raw, str) and "," in raw:
        raise Invalid.field(field, f"{raw[:40]!r} is not a number (write decimals with a point: 1234.5)")
    number = values.decimal(raw, field, places=PLACES, maximum=MAX_VALUE, signed=True)
    if number is None:
        raise Invalid.field(field, "is required")
    return number


def set_point(*, actor: User, metric: Metric, day: Any, value: Any) -> DataPoint:
    """The metric's value on a day, replacing the one already there."""
    products.require(actor, Action.EDIT_ISSUES, metric.product)
    on = values.required_date(day, "day")
    number = point_value(value, "value")
    with transaction.atomic():
        point, _ = DataPoint.objects.update_or_create(metric=metric, day=on, defaults={"value": number})
    return point


def set_points(*, actor: User, metric: Metric, items: list[Any]) -> list[DataPoint]:
    """Several days' values at once, all or nothing: an Invalid naming every bad item
    (``points[2].day``) writes none of them."""
    products.require(actor, Action.EDIT_ISSUES, metric.product)
    if not isinstance(items, list):
        raise Invalid.field("points", "must be a list of {day, value}")
    if len(items) > MAX_BATCH:
        raise Invalid.field("points", f"must hold at most {MAX_BATCH:,} points; send several batches")
    errors: dict[str, str] = {}
    by_day: dict[date, Decimal] = {}
    for index, item in enumerate(items):
        where = f"points[{index}]"
        if not isinstance(item, dict):
            errors[where] = "must be an object with day and value"
            continue
        try:
            on = values.required_date(item.get("day"), f"{where}.day")
            if on in by_day:
                raise Invalid.field(f"{where}.day", f"{on.isoformat()} appears twice in the batch")
            by_day[on] = point_value(item.get("value"), f"{where}.value")
        except Invalid as failure:
            errors.update(failure.fields)
    if errors:
        raise Invalid(f"{len(errors)} points are invalid; none was written", fields=errors)
    write(metric, by_day)
    return list(metric.points.filter(day__in=list(by_day)))


def write(metric: Metric, by_day: dict[date, Decimal]) -> None:
    """Upserts the values in one statement per thousand rows; the caller has checked
    permission and every value."""
    write_many([DataPoint(metric=metric, day=day, value=number) for day, number in by_day.items()])


def write_many(points: Iterable[DataPoint]) -> None:
    with transaction.atomic():
        DataPoint.objects.bulk_create(list(points), batch_size=1000, update_conflicts=True,
                                      unique_fields=["metric", "day"], update_fields=["value"])


def delete_point(*, actor: User, metric: Metric, day: Any) -> None:
    products.require(actor, Action.EDIT_ISSUES, metric.product)
    on = values.required_date(day, "day")
    deleted, _ = metric.points.filter(day=on).delete()
    if not deleted:
        raise NotFound(f"No data point on {on.isoformat()}")


def points_between(actor: User | Any, metric: Metric, start: Any = None, end: Any = None) -> QuerySet[DataPoint]:
    """The metric's data points from start to end inclusive (either may be open), by day."""
    products.require(actor, Action.VIEW, metric.product)
    first, last = values.date(start, "from"), values.date(end, "to")
    if first and last and first > last:
        raise Invalid.field("from", "must not be after to")
    points = metric.points.all()
    if first:
        points = points.filter(day__gte=first)
    if last:
        points = points.filter(day__lte=last)
    return points.order_by("day")


def series(metric: Metric, start: date | None = None) -> list[figures.Point]:
    points = metric.points.all() if start is None else metric.points.filter(day__gte=start)
    return [figures.Point(day, number) for day, number in points.order_by("day").values_list("day", "value")]


def summary(metric: Metric, points: list[figures.Point] | None = None) -> figures.Summary:
    """Latest value, its change over 7 and 30 days and its distance to the target;
    reads the last 60 days when no points are given."""
    if points is None:
        latest = metric.points.order_by("-day").values_list("day", flat=True).first()
        points = [] if latest is None else series(metric, latest - timedelta(days=60))
    return figures.summary(points, metric.target, _direction(metric))


def cards_of(listed: list[Metric], days: int = 90) -> list[Card]:
    """The figures and recent points of metrics already read (the caller checked who may
    see them), in two queries."""
    latest = dict(DataPoint.objects.filter(metric__in=listed).values("metric")
                  .annotate(last=Max("day")).values_list("metric", "last"))
    recent: dict[int, list[figures.Point]] = {m.pk: [] for m in listed}
    if latest:
        start = min(latest.values()) - timedelta(days=days)
        rows = (DataPoint.objects.filter(metric_id__in=list(latest), day__gte=start).order_by("day")
                .values_list("metric_id", "day", "value"))
        for pk, day, number in rows:
            if day > latest[pk] - timedelta(days=days):
                recent[pk].append(figures.Point(day, number))
    return [Card(m, figures.summary(recent[m.pk], m.target, _direction(m)), recent[m.pk]) for m in listed]


def shipped_releases(product: Product) -> list[tuple[Release, date]]:
    """The product's shipped releases with the day they shipped, oldest first: the date
    of `shipped_at` (UTC), else its target date; a release not shipped has no impact."""
    dated = []
    for release in product.releases.filter(status=ReleaseStatus.SHIPPED):
        day = release.shipped_at.date() if release.shipped_at else release.target_date
        if day is not None:
            dated.append((release, day))
    return sorted(dated, key=lambda pair: (pair[1], pair[0].pk))


@dataclass(frozen=True)
class ReleaseMark:
    name: str
    day: date
    shipped: bool


def release_marks(actor: User | Any, product: Product, first: date, last: date) -> list[ReleaseMark]:
    """The releases to mark on a chart from first to last: the shipped ones on the day
    they shipped, the planned ones on their target date."""
    products.require(actor, Action.VIEW, product)
    marks = [ReleaseMark(r.name, day, True) for r, day in shipped_releases(product) if first <= day <= last]
    planned = product.releases.filter(status__in=[ReleaseStatus.PLANNED, ReleaseStatus.IN_PROGRESS],
                                      target_date__range=(first, last))
    marks += [ReleaseMark(r.name, r.target_date, False) for r in planned if r.target_date]
    return sorted(marks, key=lambda m: m.day)


def impact_panel(actor: User | Any, metric: Metric, days: Any = 14) -> list[ReleaseImpact]:
    """Each shipped release with the metric's mean in the `days` days before and after."""
    products.require(actor, Action.VIEW, metric.product)
    window = values.whole_number(days, "days", minimum=1, maximum=365)
    releases = shipped_releases(metric.product)
    if not releases:
        return []
    first = releases[0][1] - timedelta(days=window)
    points = series(metric, first)
    direction = _direction(metric)
    return [ReleaseImpact(release, figures.impact(points, day, window, direction)) for release, day in releases]


def _direction(metric: Metric) -> figures.Direction:
    return "down" if metric.direction == Direction.DOWN else "up"


def _apply(metric: Metric, fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise Invalid.field(sorted(unknown)[0], "is not a field of a metric")
    if "name" in fields:
        metric.name = values.text(fields["name"], "name", max_length=MAX_NAME, required=True)
    if "unit" in fields:
        metric.unit = values.text(fields["unit"], "unit", max_length=MAX_UNIT)
    if "description" in fields:
        metric.description = values.text(fields["description"], "description", max_length=MAX_DESCRIPTION,
                                         strip=False)
    if "direction" in fields:
        if fields["direction"] not in Direction.values:
            raise Invalid.field("direction", "must be up (higher is better) or down (lower is better)")
        metric.direction = fields["direction"]
    if "target" in fields:
        metric.target = values.decimal(fields["target"], "target", places=PLACES, maximum=MAX_VALUE, signed=True)
    if "owner" in fields:
        metric.owner = _owner(metric.product, fields["owner"])


def _owner(product: Product, raw: Any) -> User | None:
    if values.is_blank(raw):
        return None
    username = values.text(raw, "owner", max_length=150)
    member = (WorkspaceMember.objects.filter(workspace_id=product.workspace_id, user__username__iexact=username)
              .select_related("user").first())
    if member is None:
        raise Invalid.field("owner", f"{username} is not in this workspace")
    return member.user


def _save(metric: Metric) -> Metric:
    clash = (Metric.objects.filter(product_id=metric.product_id, name__iexact=metric.name)
             .exclude(pk=metric.pk).exists())
    if clash:
        raise Invalid.field("name", f"there is already a metric named {metric.name!r}")
    try:
        with transaction.atomic():
            metric.save()
    except IntegrityError:
        raise Invalid.field("name", f"there is already a metric named {metric.name!r}") from None
    return metric
