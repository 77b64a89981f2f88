"""API for a project's money: rates (managers only), expenses with receipts, budget lines,
budget against actual, and earned value."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import FileResponse, HttpRequest
from django.utils import timezone
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from cairn import paging, values
from cairn.costs import budget, earned, expenses, rates
from cairn.costs.models import BudgetLine, CostRate, Expense
from cairn.engine.project.earned_value import EarnedValue, Ratio
from cairn.errors import NotFound
from cairn.inputs import Input
from cairn.workspaces import policy

router = Router(tags=["costs"])


class RateOut(Schema):
    id: int
    person: str | None
    role: str | None
    hourly_rate: Decimal
    effective_from: dt.date


class RatePage(Schema):
    items: list[RateOut]
    total: int
    next_cursor: str | None


class RateIn(Input):
    person: str | None = None
    role: str | None = None
    hourly_rate: Decimal | str
    effective_from: dt.date | str


def rate_out(rate: CostRate) -> RateOut:
    return RateOut(id=rate.pk, person=rate.person.username if rate.person else None, role=rate.role or None,
                   hourly_rate=rate.hourly_rate, effective_from=rate.effective_from)


@router.get("/projects/{key}/rates", response=RatePage, summary="The project's hourly cost rates (managers)")
def list_rates(request: HttpRequest, key: str, cursor: str | None = None, limit: int = 100) -> Any:
    project = policy.access_project_by_key(request.user, key)
    page = paging.paginate(rates.rates_of(request.user, project), cursor=cursor, limit=limit)
    return {"items": [rate_out(r) for r in page.items], "total": page.total, "next_cursor": page.next_cursor}


@router.post("/projects/{key}/rates", response={201: RateOut},
             summary="Set a rate from a day on: for a person, a role, or (neither) the project's default")
def add_rate(request: HttpRequest, key: str, payload: RateIn) -> Any:
    project = policy.access_project_by_key(request.user, key)
    rate = rates.set_rate(actor=request.user, project=project, person=payload.person, role=payload.role,  # type: ignore[arg-type]
                          hourly_rate=payload.hourly_rate, effective_from=payload.effective_from)
    return Status(201, rate_out(rate))


@router.delete("/projects/{key}/rates/{rate_id}", response={204: None}, summary="Remove a rate")
def delete_rate(request: HttpRequest, key: str, rate_id: int) -> Any:
    project = policy.access_project_by_key(request.user, key)
    rates.remove_rate(actor=request.user, project=project, rate_id=rate_id)  # type: ignore[arg-type]
    return Status(204, None)


class ExpenseOut(Schema):
    id: int
    date: dt.date
    category: str
    amount: Decimal
    description: str
    phase: str | None
    receipt: str | None
    receipt_name: str | None
    created_by: str | None


class ExpensePage(Schema):
    items: list[ExpenseOut]
    total: int
    next_cursor: str | None


def expense_out(expense: Expense) -> ExpenseOut:
    receipt = f"/api/v1/projects/{expense.project.key}/expenses/{expense.pk}/receipt" if expense.receipt else None
    return ExpenseOut(id=expense.pk, date=expense.date, category=expense.category, amount=expense.amount,
                      description=expense.description, phase=expense.phase.key if expense.phase else None,
                      receipt=receipt, receipt_name=expense.receipt_name or None,
                      created_by=expense.created_by.username if expense.created_by else None)


@router.get("/projects/{key}/expenses", response=ExpensePage, summary="The project's expenses, newest first")
def list_expenses(request: HttpRequest, key: str, cursor: str | None = None, limit: int = 50) -> Any:
    project = policy.access_project_by_key(request.user, key)
    page = paging.paginate(expenses.expenses_of(request.user, project), cursor=cursor, limit=limit)
    return {"items": [expense_out(e) for e in page.items], "total": page.total, "next_cursor": page.next_cursor}


@router.post("/projects/{key}/expenses", response={201: ExpenseOut},
             summary="Record an expense (multipart form: date, category, amount, description, phase, receipt)")
def add_expense(request: HttpRequest, key: str, date: Form[str], category: Form[str], amount: Form[str],
                description: Form[str], phase: Form[str] = "",
                receipt: File[UploadedFile] = None) -> Any:  # type: ignore[assignment]
    project = policy.access_project_by_key(request.user, key)
    expense = expenses.add_expense(actor=request.user, project=project, date=date, category_name=category,  # type: ignore[arg-type]
                                   amount=amount, description=description, phase_key=phase, receipt=receipt,
                                   now=timezone.now())
    return Status(201, expense_out(expense))


@router.get("/projects/{key}/expenses/{expense_id}/receipt", summary="Download an expense's receipt",
            openapi_extra={"responses": {200: {"description": "The receipt, with the type it was uploaded with",
                                               "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}}}}})
def download_receipt(request: HttpRequest, key: str, expense_id: int) -> Any:
    project = policy.access_project_by_key(request.user, key)
    return receipt_response(expenses.expense_in(request.user, project, expense_id))


def receipt_response(expense: Expense) -> FileResponse:
    if not expense.receipt:
        raise NotFound(f"Expense {expense.pk} has no receipt")
    # A download with its type never sniffed: an uploaded HTML file must not run in our origin.
    response = FileResponse(expense.receipt.open("rb"), as_attachment=True, filename=expense.receipt_name,
                            content_type=expense.receipt_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@router.delete("/projects/{key}/expenses/{expense_id}", response={204: None},
               summary="Remove an expense (who recorded it, or a manager)")
def delete_expense(request: HttpRequest, key: str, expense_id: int) -> Any:
    project = policy.access_project_by_key(request.user, key)
    expenses.delete_expense(actor=request.user, project=project, expense_id=expense_id)  # type: ignore[arg-type]
    return Status(204, None)


class BudgetLineOut(Schema):
    id: int
    category: str
    phase: str | None
    amount: Decimal
    note: str


class BudgetLineIn(Input):
    category: str
    amount: Decimal | str
    phase: str | None = None
    note: str = ""


class LineOut(Schema):
    label: str
    code: str
    key: str
    budget: Decimal
    actual: Decimal
    remaining: Decimal
    over: bool


class BudgetOut(Schema):
    lines: list[BudgetLineOut]
    by_category: list[LineOut]
    by_phase: list[LineOut]
    total: LineOut


def line_out(line: BudgetLine) -> BudgetLineOut:
    return BudgetLineOut(id=line.pk, category=line.category, phase=line.phase.key if line.phase else None,
                         amount=line.amount, note=line.note)


def _summary_line(line: budget.Line) -> LineOut:
    return LineOut(label=line.label, code=line.code, key=line.key, budget=line.budget, actual=line.actual,
                   remaining=line.remaining, over=line.over)


@router.get("/projects/{key}/budget", response=BudgetOut,
            summary="The budget lines, and budget against actual by category and by phase")
def get_budget(request: HttpRequest, key: str) -> Any:
    project = policy.access_project_by_key(request.user, key)
    found = budget.summary(project)
    lines = BudgetLine.objects.filter(project=project).select_related("phase", "phase__project")
    return BudgetOut(lines=[line_out(x) for x in lines], by_category=[_summary_line(x) for x in found.by_category],
                     by_phase=[_summary_line(x) for x in found.by_phase], total=_summary_line(found.total))


@router.post("/projects/{key}/budget", response={201: BudgetLineOut}, summary="Add a budget line (managers)")
def add_budget_line(request: HttpRequest, key: str, payload: BudgetLineIn) -> Any:
    project = policy.access_project_by_key(request.user, key)
    line = budget.add_line(actor=request.user, project=project, category_name=payload.category,  # type: ignore[arg-type]
                           amount=payload.amount, phase_key=payload.phase, note=payload.note)
    return Status(201, line_out(line))


@router.delete("/projects/{key}/budget/{line_id}", response={204: None}, summary="Remove a budget line (managers)")
def delete_budget_line(request: HttpRequest, key: str, line_id: int) -> Any:
    project = policy.access_project_by_key(request.user, key)
    budget.remove_line(actor=request.user, project=project, line_id=line_id)  # type: ignore[arg-type]
    return Status(204, None)


class FiguresOut(Schema):
    bac: Decimal
    pv: Decimal
    ev: Decimal
    ac: Decimal
    sv: Decimal
    cv: Decimal
    spi: Decimal | None
    cpi: Decimal | None
    eac: Decimal | None
    etc: Decimal | None
    vac: Decimal | None
    tcpi: Decimal | None
    formulas: dict[str, str]


class CurvePointOut(Schema):
    date: dt.date
    pv: Decimal
    ev: Decimal | None
    ac: Decimal | None


class ElementOut(Schema):
    code: str
    key: str
    title: str
    level: int
    figures: FiguresOut


class BaselineOut(Schema):
    id: int
    name: str
    created_at: dt.datetime


class EarnedValueOut(Schema):
    project: str
    on: dt.date
    baseline: BaselineOut | None
    figures: FiguresOut
    curve: list[CurvePointOut]
    elements: list[ElementOut]


CENT = Decimal("0.01")
THOUSANDTH = Decimal("0.001")


def _ratio(ratio: Ratio, places: Decimal) -> Decimal | None:
    return None if ratio.value is None else ratio.value.quantize(places)


def figures_out(ev: EarnedValue) -> FiguresOut:
    return FiguresOut(
        bac=ev.bac.quantize(CENT), pv=ev.pv.quantize(CENT), ev=ev.ev.quantize(CENT), ac=ev.ac.quantize(CENT),
        sv=ev.sv.quantize(CENT), cv=ev.cv.quantize(CENT), spi=_ratio(ev.spi, THOUSANDTH),
        cpi=_ratio(ev.cpi, THOUSANDTH), eac=_ratio(ev.eac, CENT), etc=_ratio(ev.etc, CENT),
        vac=_ratio(ev.vac, CENT), tcpi=_ratio(ev.tcpi, THOUSANDTH), formulas=ev.formulas(),
    )


def _money(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(CENT)


def earned_value_out(found: earned.Report, key: str) -> EarnedValueOut:
    base = found.baseline
    return EarnedValueOut(
        project=key, on=found.on,
        baseline=BaselineOut(id=base.pk, name=base.name, created_at=base.created_at) if base else None,
        figures=figures_out(found.figures),
        curve=[CurvePointOut(date=p.on, pv=p.pv.quantize(CENT), ev=_money(p.ev), ac=_money(p.ac))
               for p in found.curve],
        elements=[ElementOut(code=e.code, key=e.key, title=e.title, level=e.level, figures=figures_out(e.figures))
                  for e in found.elements],
    )


@router.get("/projects/{key}/earned-value", response=EarnedValueOut,
            summary="Earned value today: the figures with their formulas, the S-curve and the table per WBS element")
def get_earned_value(request: HttpRequest, key: str, on: str | None = None) -> Any:
    project = policy.access_project_by_key(request.user, key)
    day = values.date(on, "on") or timezone.localdate()
    return earned_value_out(earned.report(project, today=day), project.key)
