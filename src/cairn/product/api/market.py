"""API for competitors and the feature comparison matrix."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from cairn import paging
from cairn.inputs import Input
from cairn.product.models import Competitor
from cairn.product.services import market, products

router = Router(tags=["market"])


class CompetitorOut(Schema):
    id: int
    name: str
    website: str
    notes: str
    strengths: str
    weaknesses: str
    pricing: str


class CompetitorPage(Schema):
    items: list[CompetitorOut]
    total: int
    next_cursor: str | None


class CompetitorIn(Input):
    name: str
    website: str = ""
    notes: str = ""
    strengths: str = ""
    weaknesses: str = ""
    pricing: str = ""


class CompetitorPatch(Input):
    name: str | None = None
    website: str | None = None
    notes: str | None = None
    strengths: str | None = None
    weaknesses: str | None = None
    pricing: str | None = None


class ColumnOut(Schema):
    competitor_id: int | None
    name: str


class CellOut(Schema):
    competitor_id: int | None
    support: str
    label: str
    note: str


class RowOut(Schema):
    id: int
    name: str
    position: int
    issue: str | None
    cells: list[CellOut]


class MatrixOut(Schema):
    columns: list[ColumnOut]
    rows: list[RowOut]


class RowIn(Input):
    name: str
    issue: str | None = None


class RowPatch(Input):
    name: str | None = None
    issue: str | None = None
    position: int | None = None


class CellIn(Input):
    row_id: int
    competitor_id: int | None = None
    support: str
    note: str | None = None


class CellsIn(Input):
    cells: list[CellIn]


def competitor_out(competitor: Competitor) -> CompetitorOut:
    return CompetitorOut(id=competitor.pk, name=competitor.name, website=competitor.website, notes=competitor.notes,
                         strengths=competitor.strengths, weaknesses=competitor.weaknesses,
                         pricing=competitor.pricing)


def matrix_out(grid: market.Matrix) -> MatrixOut:
    ids = [c.pk if c else None for c in grid.columns]
    return MatrixOut(
        columns=[ColumnOut(competitor_id=c.pk if c else None, name=c.name if c else "Us") for c in grid.columns],
        rows=[RowOut(id=r.row.pk, name=r.row.name, position=r.row.position, issue=r.issue.key if r.issue else None,
                     cells=[CellOut(competitor_id=i, support=c.support, label=c.label, note=c.note)
                            for i, c in zip(ids, r.cells, strict=True)])
              for r in grid.rows],
    )


def _row_out(request: HttpRequest, product: Any, row_id: int) -> RowOut:
    grid = matrix_out(market.matrix(request.user, product))
    return next(r for r in grid.rows if r.id == row_id)


@router.get("/products/{product_id}/competitors", response=CompetitorPage, summary="A product's competitors")
def list_competitors(request: HttpRequest, product_id: int, cursor: str | None = None, limit: int = 50) -> Any:
    product = products.product_for(request.user, product_id)
    page = paging.paginate(market.competitors_of(request.user, product), cursor=cursor, limit=limit)
    return {"items": [competitor_out(c) for c in page.items], "total": page.total, "next_cursor": page.next_cursor}


@router.post("/products/{product_id}/competitors", response={201: CompetitorOut},
             summary="Add a competitor (managers)")
def create_competitor(request: HttpRequest, product_id: int, payload: CompetitorIn) -> Any:
    product = products.product_for(request.user, product_id)
    made = market.create_competitor(actor=request.user, product=product,  # type: ignore[arg-type]
                                    **payload.model_dump())
    return Status(201, competitor_out(made))


@router.get("/products/{product_id}/competitors/{competitor_id}", response=CompetitorOut, summary="A competitor")
def get_competitor(request: HttpRequest, product_id: int, competitor_id: int) -> Any:
    product = products.product_for(request.user, product_id)
    return competitor_out(market.competitor_for(request.user, product, competitor_id))


@router.patch("/products/{product_id}/competitors/{competitor_id}", response=CompetitorOut,
              summary="Change a competitor (managers)")
def update_competitor(request: HttpRequest, product_id: int, competitor_id: int, payload: CompetitorPatch) -> Any:
    product = products.product_for(request.user, product_id)
    competitor = market.competitor_for(request.user, product, competitor_id)
    market.update_competitor(actor=request.user, competitor=competitor,  # type: ignore[arg-type]
                             fields=payload.model_dump(exclude_unset=True))
    return competitor_out(competitor)


@router.delete("/products/{product_id}/competitors/{competitor_id}", response={204: None},
               summary="Remove a competitor and its column of the matrix (managers)")
def delete_competitor(request: HttpRequest, product_id: int, competitor_id: int) -> Any:
    product = products.product_for(request.user, product_id)
    market.delete_competitor(actor=request.user,  # type: ignore[arg-type]
                             competitor=market.competitor_for(request.user, product, competitor_id))
    return Status(204, None)


@router.get("/products/{product_id}/matrix", response=MatrixOut,
            summary="The feature comparison matrix: us and each competitor, per capability")
def get_matrix(request: HttpRequest, product_id: int) -> Any:
    return matrix_out(market.matrix(request.user, products.product_for(request.user, product_id)))


@router.put("/products/{product_id}/matrix/cells", response=MatrixOut,
            summary="Set many cells of the matrix at once, all or nothing (managers)")
def set_cells(request: HttpRequest, product_id: int, payload: CellsIn) -> Any:
    product = products.product_for(request.user, product_id)
    market.set_cells(actor=request.user, product=product,  # type: ignore[arg-type]
                     cells=[c.model_dump() for c in payload.cells])
    return matrix_out(market.matrix(request.user, product))


@router.post("/products/{product_id}/matrix/rows", response={201: RowOut},
             summary="Add a capability to the matrix (managers)")
def create_row(request: HttpRequest, product_id: int, payload: RowIn) -> Any:
    product = products.product_for(request.user, product_id)
    row = market.create_row(actor=request.user, product=product, **payload.model_dump())  # type: ignore[arg-type]
    return Status(201, _row_out(request, product, row.pk))


@router.patch("/products/{product_id}/matrix/rows/{row_id}", response=RowOut,
              summary="Rename a capability, change its issue or move it (position 0 is the top; managers)")
def update_row(request: HttpRequest, product_id: int, row_id: int, payload: RowPatch) -> Any:
    product = products.product_for(request.user, product_id)
    row = market.row_for(request.user, product, row_id)
    market.update_row(actor=request.user, row=row,  # type: ignore[arg-type]
                      fields=payload.model_dump(exclude_unset=True))
    return _row_out(request, product, row.pk)


@router.delete("/products/{product_id}/matrix/rows/{row_id}", response={204: None},
               summary="Remove a capability and its cells (managers)")
def delete_row(request: HttpRequest, product_id: int, row_id: int) -> Any:
    product = products.product_for(request.user, product_id)
    market.delete_row(actor=request.user, row=market.row_for(request.user, product, row_id))  # type: ignore[arg-type]
    return Status(204, None)
