"""A project's budget — lines by category and, optionally, by phase — and what was
actually spent against it: labour (time entries × the rate of their person on their
day) and expenses. A phase's figures include those of the phases under it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from cairn import values
from cairn.accounts.models import User
from cairn.costs import wbs
from cairn.costs.expenses import category, phase
from cairn.costs.models import BudgetLine, Category, Expense, TimeEntry
from cairn.costs.rates import RateBook
from cairn.engine.project.earned_value import Cost
from cairn.errors import Invalid, NotFound
from cairn.workspaces import policy
from cairn.workspaces.models import Project

ZERO = Decimal(0)
CENT = Decimal("0.01")
MOST = Decimal("9999999999")


def add_line(*, actor: User, project: Project, category_name: Any, amount: Any, phase_key: Any = None,
             note: Any = "") -> BudgetLine:
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    money = values.decimal(amount, "amount", places=2, maximum=MOST)
    if money is None:
        raise Invalid.field("amount", "is required")
    with transaction.atomic():
        return BudgetLine.objects.create(project=project, category=category(category_name), amount=money,
                                         phase=phase(project, phase_key),
                                         note=values.text(note, "note", max_length=300))


def remove_line(*, actor: User, project: Project, line_id: int) -> None:
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    deleted, _ = BudgetLine.objects.filter(project=project, pk=line_id).delete()
    if not deleted:
        raise NotFound(f"No budget line {line_id} in {project.key}")


@dataclass(frozen=True)
class Booked:
    """A cost with where it belongs: its category and WBS code."""

    cost: Cost
    category: str


def actual_costs(project: Project, breakdown: wbs.Breakdown, book: RateBook | None = None) -> list[Booked]:
    """Every cost of the project so far: each time entry at its person's rate on its day,
    each expense."""
    book = book or RateBook(project)
    booked = []
    for person_id, day, minutes, issue_id in TimeEntry.objects.filter(issue__project=project).values_list(
            "person_id", "date", "minutes", "issue_id"):
        amount = (book.rate(person_id, day) * minutes / 60).quantize(CENT)
        booked.append(Booked(Cost(day, amount, breakdown.code_of(issue_id)), Category.LABOUR))
    for day, amount, kind, phase_id in Expense.objects.filter(project=project).values_list(
            "date", "amount", "category", "phase_id"):
        booked.append(Booked(Cost(day, amount, breakdown.code_of(phase_id)), kind))
    return booked


@dataclass(frozen=True)
class Line:
    label: str
    budget: Decimal
    actual: Decimal
    code: str = ""
    key: str = ""
    level: int = 0

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.actual

    @property
    def over(self) -> bool:
        return self.actual > self.budget

    @property
    def used_percent(self) -> int | None:
        return None if not self.budget else round(100 * self.actual / self.budget)


@dataclass(frozen=True)
class Summary:
    by_category: list[Line]
    by_phase: list[Line]
    total: Line


def summary(project: Project, *, on: dt.date | None = None) -> Summary:
    breakdown = wbs.breakdown(project)
    booked = [b for b in actual_costs(project, breakdown) if on is None or b.cost.on <= on]
    lines = list(BudgetLine.objects.filter(project=project).values_list("category", "phase_id", "amount"))
    by_category = []
    for kind, label in Category.choices:
        budget = sum((amount for c, _, amount in lines if c == kind), ZERO)
        actual = sum((b.cost.amount for b in booked if b.category == kind), ZERO)
        if budget or actual:
            by_category.append(Line(label, budget, actual))
    by_phase = []
    for p in breakdown.phases:
        budget = sum((amount for _, phase_id, amount in lines
                      if phase_id is not None and wbs.within(breakdown.code_of(phase_id), p.code)), ZERO)
        actual = sum((b.cost.amount for b in booked if b.cost.code and wbs.within(b.cost.code, p.code)), ZERO)
        by_phase.append(Line(p.title, budget, actual, p.code, p.key, p.level))
    total = Line("Total", sum((amount for _, _, amount in lines), ZERO), sum((b.cost.amount for b in booked), ZERO))
    return Summary(by_category, by_phase, total)
