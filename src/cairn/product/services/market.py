"""Use cases on the market: the competitors of a product (notes, strengths, weaknesses,
pricing in Markdown) and the comparison matrix — our capabilities down the side, us and
each competitor across, a support level and a short note in every cell. Managers edit
them; everyone in the workspace reads them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeGuard

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet

from cairn import values
from cairn.accounts.models import User
from cairn.errors import Invalid, NotFound
from cairn.product.models import Competitor, MatrixCell, MatrixRow, Product, Support
from cairn.product.services import products, work
from cairn.workspaces import policy

Action = policy.Action
TEXTS = ("notes", "strengths", "weaknesses", "pricing")
COMPETITOR_FIELDS = {"name", "website", *TEXTS}
MAX_NAME = 120
MAX_TEXT = 50_000
MAX_NOTE = 300
MAX_CELLS = 2_000


@dataclass(frozen=True)
class Cell:
    support: str
    note: str

    @property
    def label(self) -> str:
        return str(Support(self.support).label)


@dataclass(frozen=True)
class Row:
    row: MatrixRow
    # The delivering issue, when the reader may see it.
    issue: work.Work | None
    # One per column, in the columns' order; a cell never set is "unknown".
    cells: list[Cell]


@dataclass(frozen=True)
class Matrix:
    # None is us.
    columns: list[Competitor | None]
    rows: list[Row]


@dataclass(frozen=True)
class CellChange:
    row: MatrixRow
    competitor: Competitor | None
    support: str
    note: str | None


# Competitors ---------------------------------------------------------------------------

def competitors_of(actor: User | Any, product: Product) -> QuerySet[Competitor]:
    products.require(actor, Action.VIEW, product)
    return Competitor.objects.filter(product=product)


def competitor_for(actor: User | Any, product: Product, competitor_id: Any) -> Competitor:
    found = competitors_of(actor, product).filter(pk=_id(competitor_id)).first()
    if found is None:
        raise NotFound(f"No competitor {competitor_id} in this product")
    return found


def create_competitor(*, actor: User, product: Product, name: Any, **fields: Any) -> Competitor:
    products.require(actor, Action.MANAGE_PROJECT, product)
    competitor = Competitor(product=product)
    _apply_competitor(competitor, {"name": name, **fields})
    _save_named(competitor, "competitor")
    return competitor


def update_competitor(*, actor: User, competitor: Competitor, fields: dict[str, Any]) -> Competitor:
    products.require(actor, Action.MANAGE_PROJECT, competitor.product)
    _apply_competitor(competitor, fields)
    _save_named(competitor, "competitor")
    return competitor


def delete_competitor(*, actor: User, competitor: Competitor) -> None:
    products.require(actor, Action.MANAGE_PROJECT, competitor.product)
    competitor.delete()


def _apply_competitor(competitor: Competitor, fields: dict[str, Any]) -> None:
    unknown = set(fields) - COMPETITOR_FIELDS
    if unknown:
        raise Invalid.field(sorted(unknown)[0], "is not a field of a competitor")
    if "name" in fields:
        competitor.name = values.text(fields["name"], "name", max_length=MAX_NAME, required=True)
    if "website" in fields:
        competitor.website = _website(fields["website"])
    for name in TEXTS:
        if name in fields:
            setattr(competitor, name, values.text(fields[name], name, max_length=MAX_TEXT, strip=False))


def _website(raw: Any) -> str:
    address = values.text(raw, "website", max_length=200)
    if not address:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(address)
    except ValidationError:
        raise Invalid.field("website", "must be an address like https://example.com") from None
    return address


def _save_named(record: Competitor | MatrixRow, what: str) -> None:
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        raise Invalid.field("name", f"there is already a {what} named {record.name!r}") from None


# The matrix ----------------------------------------------------------------------------

def matrix(actor: User | Any, product: Product) -> Matrix:
    """The whole grid in four queries."""
    columns: list[Competitor | None] = [None, *competitors_of(actor, product)]
    rows = list(MatrixRow.objects.filter(product=product))
    cells = {(c.row_id, c.competitor_id): Cell(c.support, c.note)
             for c in MatrixCell.objects.filter(row__product=product)}
    issues = work.work_of(actor, {r.issue_id for r in rows if r.issue_id})
    unknown = Cell(Support.UNKNOWN, "")
    return Matrix(columns, [
        Row(r, issues.get(r.issue_id) if r.issue_id else None,
            [cells.get((r.pk, c.pk if c else None), unknown) for c in columns])
        for r in rows
    ])


def row_for(actor: User | Any, product: Product, row_id: Any) -> MatrixRow:
    products.require(actor, Action.VIEW, product)
    found = MatrixRow.objects.filter(product=product, pk=_id(row_id)).first()
    if found is None:
        raise NotFound(f"No matrix row {row_id} in this product")
    return found


def create_row(*, actor: User, product: Product, name: Any, issue: Any = None) -> MatrixRow:
    products.require(actor, Action.MANAGE_PROJECT, product)
    row = MatrixRow(product=product, name=_row_name(name))
    row.issue = None if values.is_blank(issue) else work.issue_for(actor, product, issue)
    last = MatrixRow.objects.filter(product=product).aggregate(last=Max("position"))["last"]
    row.position = 0 if last is None else last + 1
    _save_named(row, "row")
    return row


def update_row(*, actor: User, row: MatrixRow, fields: dict[str, Any]) -> MatrixRow:
    """Renames a row, changes its issue, or moves it to `position` (0 is the top)."""
    products.require(actor, Action.MANAGE_PROJECT, row.product)
    unknown = set(fields) - {"name", "issue", "position"}
    if unknown:
        raise Invalid.field(sorted(unknown)[0], "is not a field of a matrix row")
    if "name" in fields:
        row.name = _row_name(fields["name"])
    if "issue" in fields:
        row.issue = None if values.is_blank(fields["issue"]) else work.issue_for(actor, row.product, fields["issue"])
    with transaction.atomic():
        _save_named(row, "row")
        if "position" in fields:
            _move(row, values.whole_number(fields["position"], "position"))
    return row


def delete_row(*, actor: User, row: MatrixRow) -> None:
    products.require(actor, Action.MANAGE_PROJECT, row.product)
    row.delete()


def _move(row: MatrixRow, position: int) -> None:
    # A matrix has tens of rows: renumbering them all is simpler than gaps.
    order = [r for r in MatrixRow.objects.filter(product_id=row.product_id).order_by("position", "id") if r.pk != row.pk]
    order.insert(min(position, len(order)), row)
    for n, each in enumerate(order):
        if each.position != n:
            MatrixRow.objects.filter(pk=each.pk).update(position=n)
    row.position = order.index(row)


def _row_name(raw: Any) -> str:
    return values.text(raw, "name", max_length=MAX_NAME, required=True)


def set_cell(*, actor: User, row: MatrixRow, competitor: Competitor | None, support: Any,
             note: Any = None) -> MatrixCell:
    """One cell; a note left out keeps the one there is."""
    products.require(actor, Action.MANAGE_PROJECT, row.product)
    if competitor is not None and competitor.product_id != row.product_id:
        raise Invalid.field("competitor", "is not a competitor of this product")
    change = CellChange(row, competitor, _support(support, "support"), _note(note, "note"))
    with transaction.atomic():
        return _write(change)


def set_cells(*, actor: User, product: Product, cells: Any) -> list[MatrixCell]:
    """Many cells at once, all or nothing: every cell is checked before any is written.
    Each cell is {"row_id", "competitor_id" (null for us), "support", "note"}; errors
    name the cell as cells[2].support."""
    products.require(actor, Action.MANAGE_PROJECT, product)
    if not isinstance(cells, list) or not cells:
        raise Invalid.field("cells", "must be a list of cells")
    if len(cells) > MAX_CELLS:
        raise Invalid.field("cells", f"at most {MAX_CELLS:,} cells at once")
    rows = {r.pk: r for r in MatrixRow.objects.filter(product=product)}
    competitors = {c.pk: c for c in Competitor.objects.filter(product=product)}
    changes = [_change(n, cell, rows, competitors) for n, cell in enumerate(cells)]
    with transaction.atomic():
        return [_write(change) for change in changes]


def _change(n: int, cell: Any, rows: dict[int, MatrixRow], competitors: dict[int, Competitor]) -> CellChange:
    name = f"cells[{n}]"
    if not isinstance(cell, dict):
        raise Invalid.field(name, "must be an object")
    row_id = cell.get("row_id")
    row = rows.get(row_id) if _is_id(row_id) else None
    if row is None:
        raise Invalid.field(f"{name}.row_id", f"no row {row_id!r} in this product's matrix")
    competitor = None
    if cell.get("competitor_id") is not None:
        raw = cell["competitor_id"]
        competitor = competitors.get(raw) if _is_id(raw) else None
        if competitor is None:
            raise Invalid.field(f"{name}.competitor_id", f"no competitor {raw!r} of this product")
    return CellChange(row, competitor, _support(cell.get("support"), f"{name}.support"),
                      _note(cell.get("note"), f"{name}.note"))


def _is_id(raw: Any) -> TypeGuard[int]:
    # True is an int to Python, and would be row 1.
    return isinstance(raw, int) and not isinstance(raw, bool)


def _write(change: CellChange) -> MatrixCell:
    cell, _ = MatrixCell.objects.get_or_create(row=change.row, competitor=change.competitor)
    cell.support = change.support
    if change.note is not None:
        cell.note = change.note
    cell.save()
    return cell


def _support(raw: Any, field: str) -> str:
    if raw not in Support.values:
        raise Invalid.field(field, f"must be one of {', '.join(Support.values)}")
    return str(raw)


def _note(raw: Any, field: str) -> str | None:
    return None if raw is None else values.text(raw, field, max_length=MAX_NOTE)


def _id(raw: Any) -> int:
    try:
        return values.whole_number(raw, "id", minimum=1)
    except Invalid:
        raise NotFound(f"No {raw!r}") from None
