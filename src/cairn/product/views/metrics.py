"""Pages of a product's KPIs: a card per metric, and a metric's chart with its target
and releases, the impact of each release, its data points and a CSV import."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn import paging
from cairn.errors import Invalid
from cairn.markup import render as markdown
from cairn.product.models import Direction, Metric
from cairn.product.services import metrics, metrics_csv
from cairn.product.views.shared import form_errors, product_page
from cairn.workspaces import policy
from cairn.workspaces.models import Role

RANGES = (30, 90, 365)
PAGE_SIZE = 48
RECENT_POINTS = 10
PLANNED_AHEAD = 30
SPARK_WIDTH, SPARK_HEIGHT = 160, 36


def _fields(post: Any) -> dict[str, Any]:
    return {name: post.get(name, "") for name in metrics.FIELDS}


@login_required
def metric_list(request: HttpRequest, product_id: int) -> HttpResponse:
    context = product_page(request, product_id, "metrics")
    product, errors = context["product"], {}
    if request.method == "POST":
        try:
            metric = metrics.create_metric(actor=request.user, product=product,  # type: ignore[arg-type]
                                           fields=_fields(request.POST), now=timezone.now())
            messages.success(request, f"Metric {metric.name} created.")
            return redirect(f"/products/{product.pk}/metrics/{metric.pk}/")
        except Invalid as failure:
            errors = form_errors(failure)
    page = paging.paginate(metrics.metrics_of(request.user, product), cursor=request.GET.get("cursor"),
                           limit=PAGE_SIZE)
    previous_url, next_url = paging.page_urls(request.GET, page, PAGE_SIZE)
    cards = [(card, _spark(card)) for card in metrics.cards_of(page.items)]
    return render(request, "product/metric_list.html", {
        **context, "cards": cards, "page": page, "previous_url": previous_url, "next_url": next_url, "errors": errors, "values": request.POST, "directions": Direction.choices,
        "people": policy.workspace_people(product.workspace, Role.MEMBER),
        "blank": Metric(direction=Direction.UP), "spark_width": SPARK_WIDTH, "spark_height": SPARK_HEIGHT,
    }, status=422 if errors else 200)


def _spark(card: metrics.Card) -> str:
    from cairn.engine.product.metrics import sparkline

    return sparkline(card.recent, SPARK_WIDTH, SPARK_HEIGHT)


def _metric_page(request: HttpRequest, product_id: int, metric_id: int) -> tuple[dict[str, Any], Metric]:
    context = product_page(request, product_id, "metrics")
    return context, metrics.metric_for(request.user, context["product"], metric_id)


def _choice(raw: str | None, allowed: tuple[int, ...], default: int) -> int:
    return int(raw) if raw and raw.isdigit() and int(raw) in allowed else default


@login_required
def metric_detail(request: HttpRequest, product_id: int, metric_id: int) -> HttpResponse:
    context, metric = _metric_page(request, product_id, metric_id)
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            if request.POST.get("action") == "delete":
                metrics.delete_metric(actor=request.user, metric=metric)  # type: ignore[arg-type]
                messages.success(request, f"Metric {metric.name} deleted.")
                return redirect(f"/products/{product_id}/metrics/")
            metrics.update_metric(actor=request.user, metric=metric, fields=_fields(request.POST))  # type: ignore[arg-type]
            messages.success(request, "Saved.")
            return redirect(f"/products/{product_id}/metrics/{metric.pk}/")
        except Invalid as failure:
            errors = form_errors(failure)
            metric.refresh_from_db()
    return render(request, "product/metric_detail.html", {
        **context, **_detail(request, metric), "errors": errors, "values": request.POST,
    }, status=422 if errors else 200)


def _detail(request: HttpRequest, metric: Metric) -> dict[str, Any]:
    today = timezone.now().date()
    days = _choice(request.GET.get("range"), RANGES, 90)
    window = _choice(request.GET.get("impact"), metrics.IMPACT_WINDOWS, 14)
    first = today - dt.timedelta(days=days)
    points = metrics.series(metric, first)
    # Releases planned in the coming weeks are drawn too, to the right of today.
    marks = metrics.release_marks(request.user, metric.product, first, today + dt.timedelta(days=PLANNED_AHEAD))
    last = max([today, *(m.day for m in marks)])
    chart = {
        "name": metric.name, "unit": metric.unit, "first": _stamp(first), "last": _stamp(last),
        "target": float(metric.target) if metric.target is not None else None,
        "points": [[_stamp(p.day), float(p.value)] for p in points],
        "releases": [{"name": m.name, "at": _stamp(m.day), "shipped": m.shipped} for m in marks],
    }
    return {
        "metric": metric, "summary": metrics.summary(metric), "chart": chart, "range": days, "ranges": RANGES,
        "impact_days": window, "impact_windows": metrics.IMPACT_WINDOWS,
        "impacts": metrics.impact_panel(request.user, metric, window),
        "description": markdown(metric.description), "directions": Direction.choices,
        "people": policy.workspace_people(metric.product.workspace, Role.MEMBER),
        **_recent(request, metric),
    }


def _stamp(day: dt.date) -> int:
    """Milliseconds since the epoch at midnight UTC: Chart.js's linear x axis."""
    return int(dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC).timestamp() * 1000)


def _recent(request: HttpRequest, metric: Metric) -> dict[str, Any]:
    return {"recent": list(metrics.points_between(request.user, metric).order_by("-day")[:RECENT_POINTS]),
            "total_points": metric.points.count()}


@login_required
def add_point(request: HttpRequest, product_id: int, metric_id: int) -> HttpResponse:
    """Adds (or replaces) one day's value and answers the list of recent points; the
    chart hears of the new point through an event and redraws without a reload."""
    context, metric = _metric_page(request, product_id, metric_id)
    errors: dict[str, str] = {}
    point = None
    if request.method == "POST":
        try:
            point = metrics.set_point(actor=request.user, metric=metric,  # type: ignore[arg-type]
                                      day=request.POST.get("day"), value=request.POST.get("value"))
        except Invalid as failure:
            errors = form_errors(failure)
    response = render(request, "product/metric_points.html", {
        **context, "metric": metric, **_recent(request, metric), "errors": errors,
        "values": request.POST if errors else {},
    }, status=422 if errors else 200)
    if point is not None:
        response["HX-Trigger"] = json.dumps({"metric:point": {"at": _stamp(point.day), "value": float(point.value)}})
    return response


@login_required
def delete_point(request: HttpRequest, product_id: int, metric_id: int, day: str) -> HttpResponse:
    context, metric = _metric_page(request, product_id, metric_id)
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            metrics.delete_point(actor=request.user, metric=metric, day=day)  # type: ignore[arg-type]
        except Invalid as failure:
            errors = form_errors(failure)
    response = render(request, "product/metric_points.html", {
        **context, "metric": metric, **_recent(request, metric), "errors": errors, "values": {},
    })
    if not errors and request.method == "POST":
        response["HX-Trigger"] = json.dumps({"metric:removed": {"at": _stamp(dt.date.fromisoformat(day))}})
    return response


@login_required
def import_points(request: HttpRequest, product_id: int, metric_id: int) -> HttpResponse:
    """Step one previews the chosen file; step two, sent by the same form with the file
    still chosen, imports it (all rows, or only the good ones when asked)."""
    context, metric = _metric_page(request, product_id, metric_id)
    if request.method != "POST":
        return redirect(f"/products/{product_id}/metrics/{metric.pk}/")
    upload = request.FILES.get("file")
    errors: dict[str, str] = {}
    preview = None
    try:
        if request.POST.get("step") == "import":
            result = metrics_csv.import_csv(actor=request.user, product=metric.product,  # type: ignore[arg-type]
                                            upload=upload, metric=metric,
                                            skip_bad_rows=request.POST.get("skip_bad_rows") == "on")
            messages.success(request, f"Imported {result.written:,} data points"
                             + (f", skipped {result.skipped:,} bad rows." if result.skipped else "."))
            target = f"/products/{product_id}/metrics/{metric.pk}/"
            if request.htmx:  # type: ignore[attr-defined]
                response = HttpResponse(status=204)
                response["HX-Redirect"] = target
                return response
            return redirect(target)
        preview = metrics_csv.preview_csv(actor=request.user, product=metric.product,  # type: ignore[arg-type]
                                          upload=upload, metric=metric)
    except Invalid as failure:
        errors = {"file": failure.fields["file"]} if "file" in failure.fields else {"form": failure.message}
        if "file" not in errors:
            preview = metrics_csv.preview_csv(actor=request.user, product=metric.product,  # type: ignore[arg-type]
                                              upload=upload, metric=metric)
    preview_context = {**context, "metric": metric, "preview": preview, "errors": errors,
                       "sample": preview.rows[:100] if preview else [],
                       "shown_errors": preview.errors[:200] if preview else []}
    status = 422 if errors else 200
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "product/metric_import_preview.html", preview_context, status=status)
    return render(request, "product/metric_detail.html", {**preview_context, **_detail(request, metric),
                                                          "import_open": True}, status=status)
