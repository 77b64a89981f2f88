"""The market page: competitor cards, and the comparison matrix edited as a grid — a
click on a cell moves it to the next support level and saves it at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cairn.errors import DomainError
from cairn.markup import render as markdown
from cairn.product.models import Competitor, MatrixRow, Product, Support
from cairn.product.services import market as service
from cairn.product.views.shared import form_errors, product_page

# The order a click walks through: from "not known yet" to the levels, and round again.
CYCLE = [Support.UNKNOWN, Support.FULL, Support.PARTIAL, Support.PLANNED, Support.NONE]
COMPETITOR_FORM = ("name", "website", *service.TEXTS)


@dataclass(frozen=True)
class GridCell:
    row_id: int
    # "" is us.
    competitor: str
    cell: service.Cell

    @property
    def next(self) -> str:
        return CYCLE[(CYCLE.index(Support(self.cell.support)) + 1) % len(CYCLE)].value


@login_required
def market(request: HttpRequest, product_id: int) -> HttpResponse:
    context = product_page(request, product_id, "market")
    product, errors = context["product"], {}
    if request.method == "POST":
        try:
            anchor = _act(request, product)
            messages.success(request, "Saved.")
            return redirect(f"/products/{product.pk}/market/{anchor}")
        except DomainError as failure:
            errors = form_errors(failure)
    grid = service.matrix(request.user, product)
    cards = [(c, {name: markdown(getattr(c, name)) for name in service.TEXTS}) for c in grid.columns if c]
    rows = [(r, [GridCell(r.row.pk, str(c.pk) if c else "", cell) for c, cell in zip(grid.columns, r.cells,
                                                                                      strict=True)])
            for r in grid.rows]
    return render(request, "product/market.html", {
        **context, "cards": cards, "columns": grid.columns, "rows": rows, "errors": errors, "values": request.POST,
        "levels": Support.choices,
    }, status=422 if errors else 200)


@login_required
def cell(request: HttpRequest, product_id: int) -> HttpResponse:
    """One cell set from a click on the grid: answers the cell, for htmx to swap in."""
    context = product_page(request, product_id, "market")
    product = context["product"]
    row = service.row_for(request.user, product, request.POST.get("row", ""))
    competitor = _competitor(request, product)
    if request.method == "POST":
        service.set_cell(actor=request.user, row=row, competitor=competitor,  # type: ignore[arg-type]
                         support=request.POST.get("support"), note=request.POST.get("note"))
    found = service.matrix(request.user, product)
    shown = next(r for r in found.rows if r.row.pk == row.pk).cells[found.columns.index(competitor)]
    return render(request, "product/market_cell.html", {
        **context, "item": GridCell(row.pk, str(competitor.pk) if competitor else "", shown)})


def _competitor(request: HttpRequest, product: Product) -> Competitor | None:
    raw = request.POST.get("competitor", "")
    return service.competitor_for(request.user, product, raw) if raw else None


def _act(request: HttpRequest, product: Product) -> str:
    post, actor = request.POST, request.user
    action = post.get("action", "")
    if action == "competitor":
        made = service.create_competitor(actor=actor, product=product,  # type: ignore[arg-type]
                                         **{name: post.get(name, "") for name in COMPETITOR_FORM})
        return f"#competitor-{made.pk}"
    if action in ("edit-competitor", "delete-competitor"):
        competitor = service.competitor_for(actor, product, post.get("competitor", ""))
        if action == "delete-competitor":
            service.delete_competitor(actor=actor, competitor=competitor)  # type: ignore[arg-type]
            return ""
        service.update_competitor(actor=actor, competitor=competitor,  # type: ignore[arg-type]
                                  fields={name: post[name] for name in COMPETITOR_FORM if name in post})
        return f"#competitor-{competitor.pk}"
    if action == "row":
        service.create_row(actor=actor, product=product, name=post.get("name", ""),  # type: ignore[arg-type]
                           issue=post.get("issue", ""))
        return "#matrix"
    if action == "cell":
        row = service.row_for(actor, product, post.get("row", ""))
        service.set_cell(actor=actor, row=row, competitor=_competitor(request, product),  # type: ignore[arg-type]
                         support=post.get("support"), note=post.get("note", ""))
        return "#matrix"
    return _row_action(actor, service.row_for(actor, product, post.get("row", "")), action, post)


def _row_action(actor: Any, row: MatrixRow, action: str, post: Any) -> str:
    if action == "delete-row":
        service.delete_row(actor=actor, row=row)
    elif action == "move-row":
        service.update_row(actor=actor, row=row, fields={"position": post.get("position", "")})
    elif action == "edit-row":
        service.update_row(actor=actor, row=row, fields={"name": post.get("name", ""), "issue": post.get("issue", "")})
    return "#matrix"
