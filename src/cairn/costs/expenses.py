"""Expenses of a project: what was bought, when, in which category and phase, with the
receipt kept as attachments are (a random name under the data directory, served only
after a permission check). Members record expenses; the person who recorded one or a
manager removes it."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet

from cairn import values
from cairn.accounts.models import User
from cairn.costs import wbs
from cairn.costs.models import Category, Expense
from cairn.errors import Forbidden, Invalid, NotFound
from cairn.events.bus import Event, publish
from cairn.tracker.models import Issue, split_key
from cairn.workspaces import policy
from cairn.workspaces.models import Project

MOST = Decimal("9999999999")


def category(raw: Any, field: str = "category") -> str:
    if raw not in Category.values:
        raise Invalid.field(field, f"must be one of {', '.join(Category.values)}")
    return str(raw)


def phase(project: Project, raw: Any, field: str = "phase") -> Issue | None:
    """A summary task of the project's plan, named by its key; blank is none."""
    if values.is_blank(raw):
        return None
    parts = split_key(values.text(raw, field, max_length=30))
    found = None
    if parts is not None and parts[0] == project.key:
        found = Issue.objects.filter(project=project, number=parts[1]).first()
    if found is None or wbs.breakdown(project).phase(found.pk) is None:
        raise Invalid.field(field, f"{str(raw)[:30]} is not a phase (a summary task) of {project.key}'s plan")
    return found


def add_expense(*, actor: User, project: Project, date: Any, category_name: Any, amount: Any, description: Any,
                phase_key: Any = None, receipt: UploadedFile[Any] | None = None, now: dt.datetime) -> Expense:
    policy.require(actor, policy.Action.EDIT_ISSUES, project)
    expense = Expense(
        project=project, date=values.required_date(date, "date"), category=category(category_name),
        amount=_amount(amount), description=values.text(description, "description", max_length=500, required=True),
        phase=phase(project, phase_key), created_by=actor, created_at=now,
    )
    with transaction.atomic():
        publish(Event("expense.added", now, actor.pk, project.pk, {
            "category": expense.category, "amount": str(expense.amount), "description": expense.description}))
        if receipt is None:
            expense.save()
            return expense
        _check_receipt(receipt)
        expense.receipt_token = secrets.token_hex(16)
        expense.receipt_name = (receipt.name or "receipt").replace("/", "_").replace("\\", "_")[-255:]
        expense.receipt_type = (receipt.content_type or "application/octet-stream")[:120]
        expense.receipt.save(expense.receipt_token, receipt, save=False)
        try:
            expense.save()
        except Exception:
            expense.receipt.delete(save=False)
            raise
    return expense


def _amount(raw: Any) -> Decimal:
    amount = values.decimal(raw, "amount", places=2, maximum=MOST)
    if amount is None or amount <= 0:
        raise Invalid.field("amount", "must be more than 0")
    return amount


def _check_receipt(upload: UploadedFile[Any]) -> None:
    size = upload.size or 0
    if size == 0:
        raise Invalid.field("receipt", "is empty")
    if size > settings.ATTACHMENT_MAX_BYTES:
        raise Invalid.field("receipt", f"is larger than the {settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)} MB limit")


def expenses_of(actor: User | Any, project: Project) -> QuerySet[Expense]:
    policy.require(actor, policy.Action.VIEW, project)
    return Expense.objects.filter(project=project).select_related("phase", "created_by")


def expense_in(actor: User | Any, project: Project, expense_id: int) -> Expense:
    found = expenses_of(actor, project).filter(pk=expense_id).first()
    if found is None:
        raise NotFound(f"No expense {expense_id} in {project.key}")
    return found


def delete_expense(*, actor: User, project: Project, expense_id: int) -> None:
    expense = expense_in(actor, project, expense_id)
    policy.require(actor, policy.Action.EDIT_ISSUES, project)
    if expense.created_by_id != actor.pk and not policy.can(actor, policy.Action.MANAGE_PROJECT, project):
        raise Forbidden("Only who recorded this expense or a manager may remove it")
    with transaction.atomic():
        expense.delete()
        if expense.receipt:
            transaction.on_commit(lambda: expense.receipt.delete(save=False))
