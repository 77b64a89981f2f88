"""API for a product's KPIs: metrics with their figures, data points (one per day),
CSV imports with a dry run, and the impact of each shipped release."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from cairn import paging
from cairn.engine.product import metrics as figures
from cairn.inputs import Input
from cairn.product.models import DataPoint, Metric
from cairn.product.services import metrics, metrics_csv, products

router = Router(tags=["product metrics"])
Number = float | int | str


class ChangeOut(Schema):
    before: float
    after: float
    absolute: float
    percent: float | None = Field(description="Percent of the first value; null when it is zero")
    verdict: str = Field(description="better, worse or unchanged, read in the metric's good direction")


class TargetOut(Schema):
    target: float
    gap: float = Field(description="target − latest value")
    reached: bool


class SummaryOut(Schema):
    latest_day: dt.date | None
    latest_value: float | None
    week: ChangeOut | None = Field(description="The latest value against the one 7 days earlier")
    month: ChangeOut | None = Field(description="The latest value against the one 30 days earlier")
    target: TargetOut | None


class MetricOut(Schema):
    id: int
    name: str
    unit: str
    direction: str = Field(description="up: higher is better; down: lower is better")
    target: float | None
    owner: str | None
    description: str
    created_at: dt.datetime
    summary: SummaryOut
    url: str


class MetricPage(Schema):
    items: list[MetricOut]
    total: int
    next_cursor: str | None


class MetricIn(Input):
    name: str
    unit: str = ""
    direction: str = "up"
    target: Number | None = None
    owner: str | None = None
    description: str = ""


class MetricPatch(Input):
    name: str | None = None
    unit: str | None = None
    direction: str | None = None
    target: Number | None = None
    owner: str | None = None
    description: str | None = None


class PointOut(Schema):
    day: dt.date
    value: float


class PointPage(Schema):
    items: list[PointOut]
    total: int
    next_cursor: str | None


class PointIn(Input):
    day: str
    value: Number


class PointsIn(Input):
    points: list[Any] = Field(description="[{day, value}]: each day's value replaces the stored one")


class PointsOut(Schema):
    written: int
    items: list[PointOut]


class RowOut(Schema):
    line: int
    metric: str
    day: dt.date
    value: float
    replaces: float | None = Field(description="The value stored for that day, which the import replaces")


class RowErrorOut(Schema):
    line: int
    message: str


class ImportOut(Schema):
    dry_run: bool
    rows: int = Field(description="Good rows: written, or to be written")
    new: int
    replaced: int
    written: int
    skipped: int = Field(description="Bad rows left out because skip_bad_rows was chosen")
    errors: list[RowErrorOut]
    sample: list[RowOut] = Field(description="The first 100 good rows")


class ImpactOut(Schema):
    release_id: int
    release: str
    day: dt.date
    days: int
    mean_before: float | None
    mean_after: float | None
    points_before: int
    points_after: int
    change: ChangeOut | None
    missing: str | None = Field(description="Why there is no change: a side of the release has no data points")


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def change_out(moved: figures.Change | None) -> ChangeOut | None:
    if moved is None:
        return None
    return ChangeOut(before=float(moved.before), after=float(moved.after), absolute=float(moved.absolute),
                     percent=_number(moved.percent), verdict=moved.verdict)


def summary_out(summary: figures.Summary) -> SummaryOut:
    target = summary.target
    return SummaryOut(
        latest_day=summary.latest.day if summary.latest else None,
        latest_value=float(summary.latest.value) if summary.latest else None,
        week=change_out(summary.week), month=change_out(summary.month),
        target=TargetOut(target=float(target.target), gap=float(target.gap), reached=target.reached) if target else None,
    )


def metric_out(metric: Metric, summary: figures.Summary | None = None) -> MetricOut:
    summary = summary if summary is not None else metrics.summary(metric)
    return MetricOut(
        id=metric.pk, name=metric.name, unit=metric.unit, direction=metric.direction,
        target=_number(metric.target), owner=metric.owner.username if metric.owner else None,
        description=metric.description, created_at=metric.created_at, summary=summary_out(summary),
        url=f"/products/{metric.product_id}/metrics/{metric.pk}/",
    )


def point_out(point: DataPoint) -> PointOut:
    return PointOut(day=point.day, value=float(point.value))


def import_out(preview: metrics_csv.Preview, dry_run: bool) -> ImportOut:
    return ImportOut(
        dry_run=dry_run, rows=len(preview.rows), new=preview.new, replaced=preview.replaced,
        written=preview.written, skipped=preview.skipped,
        errors=[RowErrorOut(line=e.line, message=e.message) for e in preview.errors],
        sample=[RowOut(line=r.line, metric=r.metric.name, day=r.day, value=float(r.value),
                       replaces=_number(r.replaces)) for r in preview.rows[:100]],
    )


def _metric(request: HttpRequest, product_id: int, metric_id: int) -> Metric:
    product = products.product_for(request.user, product_id)
    return metrics.metric_for(request.user, product, metric_id)


@router.get("/products/{product_id}/metrics", response=MetricPage, summary="A product's KPIs with their figures")
def list_metrics(request: HttpRequest, product_id: int, cursor: str | None = None, limit: int = 50) -> Any:
    product = products.product_for(request.user, product_id)
    page = paging.paginate(metrics.metrics_of(request.user, product), cursor=cursor, limit=limit)
    items = [metric_out(card.metric, card.summary) for card in metrics.cards_of(page.items)]
    return {"items": items, "total": page.total, "next_cursor": page.next_cursor}


@router.post("/products/{product_id}/metrics", response={201: MetricOut}, summary="Define a KPI (managers)")
def create_metric(request: HttpRequest, product_id: int, payload: MetricIn) -> Any:
    product = products.product_for(request.user, product_id)
    metric = metrics.create_metric(actor=request.user, product=product,  # type: ignore[arg-type]
                                   fields=payload.model_dump(), now=timezone.now())
    return Status(201, metric_out(metric))


# Declared before the routes of one metric: Django matches paths in order, and
# "import" would otherwise be taken for a metric_id.
@router.post("/products/{product_id}/metrics/import", response=ImportOut,
             summary="Import data points of several metrics from one CSV file (metric,date,value): the metric "
                     "column names each row's metric")
def import_product_points(request: HttpRequest, product_id: int,
                          file: File[UploadedFile] = None,  # type: ignore[assignment]
                          dry_run: Form[bool] = False, skip_bad_rows: Form[bool] = False) -> Any:  # type: ignore[assignment]
    product = products.product_for(request.user, product_id)
    if dry_run:
        preview = metrics_csv.preview_csv(actor=request.user, product=product, upload=file)  # type: ignore[arg-type]
    else:
        preview = metrics_csv.import_csv(actor=request.user, product=product, upload=file,  # type: ignore[arg-type]
                                         skip_bad_rows=skip_bad_rows)
    return import_out(preview, dry_run)


@router.get("/products/{product_id}/metrics/{metric_id}", response=MetricOut, summary="A KPI with its figures")
def get_metric(request: HttpRequest, product_id: int, metric_id: int) -> Any:
    return metric_out(_metric(request, product_id, metric_id))


@router.patch("/products/{product_id}/metrics/{metric_id}", response=MetricOut, summary="Change a KPI (managers)")
def update_metric(request: HttpRequest, product_id: int, metric_id: int, payload: MetricPatch) -> Any:
    metric = _metric(request, product_id, metric_id)
    metric = metrics.update_metric(actor=request.user, metric=metric,  # type: ignore[arg-type]
                                   fields=payload.model_dump(exclude_unset=True))
    return metric_out(metric)


@router.delete("/products/{product_id}/metrics/{metric_id}", response={204: None},
               summary="Delete a KPI and its data points (managers)")
def delete_metric(request: HttpRequest, product_id: int, metric_id: int) -> Any:
    metrics.delete_metric(actor=request.user, metric=_metric(request, product_id, metric_id))  # type: ignore[arg-type]
    return Status(204, None)


@router.get("/products/{product_id}/metrics/{metric_id}/points", response=PointPage,
            summary="A KPI's data points, by day, optionally from and to a date")
def list_points(request: HttpRequest, product_id: int, metric_id: int, cursor: str | None = None, limit: int = 200,
                start: str | None = Query(None, alias="from"), end: str | None = Query(None, alias="to")) -> Any:
    metric = _metric(request, product_id, metric_id)
    page = paging.paginate(metrics.points_between(request.user, metric, start, end), cursor=cursor, limit=limit)
    return {"items": [point_out(p) for p in page.items], "total": page.total, "next_cursor": page.next_cursor}


@router.put("/products/{product_id}/metrics/{metric_id}/points", response=PointsOut,
            summary="Set several days' values (members): all or nothing, errors per item")
def set_points(request: HttpRequest, product_id: int, metric_id: int, payload: PointsIn) -> Any:
    metric = _metric(request, product_id, metric_id)
    written = metrics.set_points(actor=request.user, metric=metric, items=payload.points)  # type: ignore[arg-type]
    return {"written": len(written), "items": [point_out(p) for p in written]}


@router.post("/products/{product_id}/metrics/{metric_id}/points", response={201: PointOut},
             summary="Set one day's value (members); it replaces the one stored")
def set_point(request: HttpRequest, product_id: int, metric_id: int, payload: PointIn) -> Any:
    metric = _metric(request, product_id, metric_id)
    point = metrics.set_point(actor=request.user, metric=metric, day=payload.day,  # type: ignore[arg-type]
                              value=payload.value)
    return Status(201, point_out(point))


@router.delete("/products/{product_id}/metrics/{metric_id}/points/{day}", response={204: None},
               summary="Delete a day's value (members)")
def delete_point(request: HttpRequest, product_id: int, metric_id: int, day: str) -> Any:
    metric = _metric(request, product_id, metric_id)
    metrics.delete_point(actor=request.user, metric=metric, day=day)  # type: ignore[arg-type]
    return Status(204, None)


@router.post("/products/{product_id}/metrics/{metric_id}/import", response=ImportOut,
             summary="Import data points from a CSV file (date,value): a dry run previews, nothing is "
                     "written while a row is bad unless skip_bad_rows")
def import_points(request: HttpRequest, product_id: int, metric_id: int,
                  file: File[UploadedFile] = None,  # type: ignore[assignment]
                  dry_run: Form[bool] = False, skip_bad_rows: Form[bool] = False) -> Any:  # type: ignore[assignment]
    metric = _metric(request, product_id, metric_id)
    if dry_run:
        preview = metrics_csv.preview_csv(actor=request.user, product=metric.product,  # type: ignore[arg-type]
                                          upload=file, metric=metric)
    else:
        preview = metrics_csv.import_csv(actor=request.user, product=metric.product,  # type: ignore[arg-type]
                                         upload=file, metric=metric, skip_bad_rows=skip_bad_rows)
    return import_out(preview, dry_run)


@router.get("/products/{product_id}/metrics/{metric_id}/impact", response=list[ImpactOut],
            summary="Each shipped release: the KPI's mean in the N days before and after (the day left out)")
def impact(request: HttpRequest, product_id: int, metric_id: int, days: int = 14) -> Any:
    metric = _metric(request, product_id, metric_id)
    return [impact_out(row) for row in metrics.impact_panel(request.user, metric, days)]


def impact_out(row: metrics.ReleaseImpact) -> ImpactOut:
    moved = row.impact
    return ImpactOut(
        release_id=row.release.pk, release=row.release.name, day=moved.day, days=moved.days,
        mean_before=_number(moved.mean_before), mean_after=_number(moved.mean_after),
        points_before=moved.points_before, points_after=moved.points_after,
        change=change_out(moved.change), missing=moved.missing,
    )
