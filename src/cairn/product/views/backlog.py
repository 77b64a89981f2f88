"""Pages of the product backlog: the list of features or ideas (by hand or by a score,
reordered by dragging, scored inline), the value/effort chart, and a feature's page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn import paging
from cairn.errors import Invalid, NotFound
from cairn.markup import render as markdown
from cairn.product.models import Feature, Idea, Product
from cairn.product.services import backlog, scoring, work
from cairn.product.views import backlog_chart
from cairn.product.views.shared import form_errors, product_page

PAGE_SIZE = 50
SORT_LABELS = [("rank", "By hand"), ("rice", "RICE"), ("wsjf", "WSJF"), ("value_effort", "Value ÷ effort"),
               ("moscow", "MoSCoW")]
IMPACT_CHOICES = [("", "—"), ("0.25", "0.25 minimal"), ("0.5", "0.5 low"), ("1", "1 medium"), ("2", "2 high"),
                  ("3", "3 massive")]
FIBONACCI_CHOICES = [("", "—")] + [(str(n), str(n)) for n in (1, 2, 3, 5, 8, 13, 20)]
MOSCOW_CHOICES = [("", "—"), ("must", "Must"), ("should", "Should"), ("could", "Could"), ("wont", "Won't")]
# name, label, choices (None: a number box), hint
INPUT_FIELDS: list[tuple[str, str, list[tuple[str, str]] | None, str]] = [
    ("reach", "Reach", None, "people per quarter"),
    ("impact", "Impact", IMPACT_CHOICES, ""),
    ("confidence", "Confidence %", None, "0–100"),
    ("effort", "Effort", None, "person-months"),
    ("business_value", "Business value", FIBONACCI_CHOICES, ""),
    ("time_criticality", "Time criticality", FIBONACCI_CHOICES, ""),
    ("risk_reduction", "Risk reduction / opportunity", FIBONACCI_CHOICES, ""),
    ("job_size", "Job size", FIBONACCI_CHOICES, ""),
    ("value", "Value", None, "1–10"),
    ("moscow", "MoSCoW", MOSCOW_CHOICES, ""),
]


def _choice(request: HttpRequest, name: str, allowed: tuple[str, ...], default: str) -> str:
    chosen = request.GET.get(name, default)
    return chosen if chosen in allowed else default


@login_required
def backlog_page(request: HttpRequest, product_id: int) -> HttpResponse:
    context = product_page(request, product_id, "backlog")
    product: Product = context["product"]
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            feature = backlog.create_feature(actor=request.user, product=product,  # type: ignore[arg-type]
                                             title=request.POST.get("title", ""), issue=request.POST.get("issue"),
                                             description=request.POST.get("description", ""), now=timezone.now())
            messages.success(request, f"Feature {feature.title} added at the bottom of the backlog.")
            return redirect(f"/products/{product.pk}/backlog/?kind=features")
        except Invalid as failure:
            errors = form_errors(failure)
    kind = _choice(request, "kind", backlog.KINDS, "features")
    sort = _choice(request, "sort", backlog.SORTS, "rank")
    page = paging.paginate(backlog.backlog(request.user, product, kind=kind, sort=sort),
                           cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
    previous_url, next_url = paging.page_urls(request.GET, page, PAGE_SIZE)
    works = _works(request, page.items)
    return render(request, "product/backlog.html", {
        **context, "kind": kind, "sort": sort, "sorts": SORT_LABELS, "page": page,
        "rows": [row(item, works) for item in page.items], "previous_url": previous_url, "next_url": next_url,
        "sortable": sort == "rank" and context["may_contribute"],
        "chart": backlog_chart.chart(product, kind), "errors": errors, "values": request.POST,
    }, status=422 if errors else 200)


@login_required
def item_scores(request: HttpRequest, product_id: int, kind: str, item_id: int) -> HttpResponse:
    """The inline score editor: GET answers its form, POST saves the inputs and answers
    the row again (with the form open and the fields named when they were refused)."""
    context = product_page(request, product_id, "backlog")
    product = context["product"]
    if kind not in backlog.KINDS:
        raise NotFound(f"No backlog of {kind}")
    item: Feature | Idea = (backlog.feature_for(request.user, product, item_id) if kind == "features"
                            else backlog.idea_for(request.user, product, item_id))
    sort = _choice(request, "sort", backlog.SORTS, "rank")
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            scoring.set_scores(actor=request.user, item=item, inputs=score_inputs(request.POST),  # type: ignore[arg-type]
                               now=timezone.now())
        except Invalid as failure:
            errors = form_errors(failure)
            item.refresh_from_db()
    template = "product/backlog_row.html" if request.method == "POST" else "product/backlog_scores_form.html"
    response = render(request, template, {
        **context, "row": row(item, _works(request, [item]), typed=request.POST if errors else None, editor=True),
        "kind": kind,
        "sort": sort, "sortable": sort == "rank" and context["may_contribute"], "errors": errors,
        "open": bool(errors),
    }, status=422 if errors else 200)
    if request.method == "POST" and not errors:
        # The 2×2 redraws itself when it hears of a new score.
        response["HX-Trigger"] = "backlog-scored"
    return response


@login_required
def chart_fragment(request: HttpRequest, product_id: int) -> HttpResponse:
    context = product_page(request, product_id, "backlog")
    kind = _choice(request, "kind", backlog.KINDS, "features")
    return render(request, "product/backlog_chart.html", {**context, "chart": backlog_chart.chart(context["product"], kind)})


def score_inputs(post: QueryDict) -> dict[str, Any]:
    return {name: post[name] for name, *_ in INPUT_FIELDS if name in post}


def _works(request: HttpRequest, items: list[Any]) -> dict[int, work.Work]:
    ids = {i.issue_id for i in items if isinstance(i, Feature) and i.issue_id}
    return work.work_of(request.user, ids) if ids else {}


def row(item: Feature | Idea, works: dict[int, work.Work], typed: QueryDict | None = None, *,
        editor: bool = False) -> dict[str, Any]:
    """What one line of the backlog shows: the scores as read and their formulas for the
    hover; with `editor`, the inputs for the score editor (as typed, when refused)."""
    explained = scoring.explain(item)
    is_feature = isinstance(item, Feature)
    kind = "features" if is_feature else "ideas"
    # Numbers go to the template as text: its localisation of every integer costs more
    # than the rest of a row.
    return {
        "item": item, "kind": kind, "id": str(item.pk),
        "scores_url": f"/products/{item.product_id}/backlog/{kind}/{item.pk}/scores/",
        "votes": "" if is_feature else f"{item.vote_count} vote{'' if item.vote_count == 1 else 's'}",
        "url": (f"/products/{item.product_id}/features/{item.pk}/" if is_feature
                else f"/products/{item.product_id}/ideas/{item.pk}/"),
        "work": works.get(item.issue_id or 0) if isinstance(item, Feature) else None,
        "scores": [(name, _shown(explained[name].score, item, name), explained[name].text)
                   for name in ("rice", "wsjf", "value_effort", "moscow")],
        "quadrant": explained["value_effort"].quadrant,
        "quadrant_class": (explained["value_effort"].quadrant or "").replace(" ", "-"),
        "inputs": [(name, label, choices, hint, typed[name] if typed and name in typed else _input_value(item, name))
                   for name, label, choices, hint in INPUT_FIELDS] if editor else [],
    }


def _shown(score: float | None, item: Feature | Idea, name: str) -> str:
    if name == "moscow":
        return {"must": "Must", "should": "Should", "could": "Could", "wont": "Won't"}.get(item.moscow, "—")
    return "—" if score is None else scoring.scoring.fmt(score)


def _input_value(item: Feature | Idea, name: str) -> str:
    raw = getattr(item, name)
    if raw is None:
        return ""
    return scoring.scoring.fmt(raw).replace(",", "") if name in ("impact", "effort") else str(raw)


@login_required
def feature_page(request: HttpRequest, product_id: int, feature_id: int) -> HttpResponse:
    context = product_page(request, product_id, "backlog")
    product: Product = context["product"]
    feature = backlog.feature_for(request.user, product, feature_id)
    errors: dict[str, str] = {}
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "delete":
                backlog.delete_feature(actor=request.user, feature=feature)  # type: ignore[arg-type]
                messages.success(request, f"Feature {feature.title} deleted.")
                return redirect(f"/products/{product.pk}/backlog/")
            if action == "scores":
                scoring.set_scores(actor=request.user, item=feature, inputs=score_inputs(request.POST),  # type: ignore[arg-type]
                                   now=timezone.now())
            else:
                fields = {name: request.POST[name] for name in backlog.EDITABLE if name in request.POST}
                backlog.update_feature(actor=request.user, feature=feature, fields=fields,  # type: ignore[arg-type]
                                       now=timezone.now())
            messages.success(request, "Saved.")
            return redirect(f"/products/{product.pk}/features/{feature.pk}/")
        except Invalid as failure:
            errors = form_errors(failure)
            feature.refresh_from_db()
    works = _works(request, [feature])
    return render(request, "product/feature.html", {
        **context, "feature": feature,
        "row": row(feature, works, typed=request.POST if errors and request.POST.get("action") == "scores" else None,
                   editor=True), "work": works.get(feature.issue_id or 0),
        "description": markdown(feature.description),
        "ideas": feature.ideas.order_by("-vote_count", "rank", "id"),
        "insights": feature.insights.select_related("note").order_by("note__title", "start", "id"),
        "objectives": product.objectives.all(), "releases": product.releases.all(),
        "errors": errors, "values": request.POST,
    }, status=422 if errors else 200)
