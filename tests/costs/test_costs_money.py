"""Rates, expenses and budget lines: who may set them, what they refuse, and a private
project's money that never leaks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cairn.costs import budget, expenses, rates
from cairn.costs.models import CostRate, Expense
from cairn.errors import Forbidden, Invalid, NotFound


def test_the_rate_on_a_day_is_the_latest_effective_by_then(alice, bob, gus, web):
    rates.set_rate(actor=alice, project=web, hourly_rate="50", effective_from="2026-01-01")
    rates.set_rate(actor=alice, project=web, role="member", hourly_rate="70", effective_from="2026-03-01")
    rates.set_rate(actor=alice, project=web, person="bob", hourly_rate="90", effective_from="2026-06-01")
    book = rates.RateBook(web)
    assert book.rate(bob.pk, dt.date(2025, 12, 31)) == 0
    assert book.rate(bob.pk, dt.date(2026, 2, 1)) == 50
    assert book.rate(bob.pk, dt.date(2026, 3, 1)) == 70
    assert book.rate(bob.pk, dt.date(2026, 6, 1)) == 90
    assert book.rate(gus.pk, dt.date(2026, 6, 1)) == 50  # a guest: no role rate, the default
    assert book.rate(None, dt.date(2026, 6, 1)) == 50


def test_the_same_scope_and_day_replaces_the_rate(alice, web):
    rates.set_rate(actor=alice, project=web, hourly_rate="50", effective_from="2026-01-01")
    rates.set_rate(actor=alice, project=web, hourly_rate="55", effective_from="2026-01-01")
    assert list(CostRate.objects.values_list("hourly_rate", flat=True)) == [Decimal("55.00")]


@pytest.mark.parametrize(("fields", "field"), [
    ({"hourly_rate": "x", "effective_from": "2026-01-01"}, "hourly_rate"),
    ({"hourly_rate": "-5", "effective_from": "2026-01-01"}, "hourly_rate"),
    ({"hourly_rate": "", "effective_from": "2026-01-01"}, "hourly_rate"),
    ({"hourly_rate": "5", "effective_from": "soon"}, "effective_from"),
    ({"hourly_rate": "5", "effective_from": "2026-01-01", "person": "nobody"}, "person"),
    ({"hourly_rate": "5", "effective_from": "2026-01-01", "role": "king"}, "role"),
    ({"hourly_rate": "5", "effective_from": "2026-01-01", "role": "member", "person": "bob"}, "role"),
])
def test_a_bad_rate_is_refused_naming_the_field(alice, bob, web, fields, field):
    with pytest.raises(Invalid) as refused:
        rates.set_rate(actor=alice, project=web, **fields)
    assert field in refused.value.fields


def test_only_managers_see_and_set_rates(alice, bob, gus, charlie, web, sec):
    rate = rates.set_rate(actor=alice, project=web, hourly_rate="50", effective_from="2026-01-01")
    for person in (bob, gus):
        with pytest.raises(Forbidden):
            rates.rates_of(person, web)
        with pytest.raises(Forbidden):
            rates.set_rate(actor=person, project=web, hourly_rate="1", effective_from="2026-01-01")
        with pytest.raises(Forbidden):
            rates.remove_rate(actor=person, project=web, rate_id=rate.pk)
    with pytest.raises(NotFound):
        rates.rates_of(charlie, sec)
    rates.remove_rate(actor=alice, project=web, rate_id=rate.pk)
    with pytest.raises(NotFound):
        rates.remove_rate(actor=alice, project=web, rate_id=rate.pk)


def test_bob_records_an_expense_with_its_receipt(bob, web, now, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    receipt = SimpleUploadedFile("../ticket.pdf", b"%PDF-1.4", content_type="application/pdf")
    expense = expenses.add_expense(actor=bob, project=web, date="2026-11-03", category_name="travel",
                                   amount="42.50", description="Train", receipt=receipt, now=now)
    assert (expense.amount, expense.receipt_name) == (Decimal("42.50"), "ticket.pdf")
    assert expense.receipt.read() == b"%PDF-1.4"
    assert expense.receipt_token in expense.receipt.name


@pytest.mark.parametrize(("fields", "field"), [
    ({"amount": "0"}, "amount"), ({"amount": "abc"}, "amount"), ({"category_name": "food"}, "category"),
    ({"description": ""}, "description"), ({"date": ""}, "date"), ({"phase_key": "WEB-999"}, "phase"),
])
def test_a_bad_expense_is_refused_and_nothing_is_kept(bob, web, issue, now, fields, field):
    given = {"date": "2026-11-03", "category_name": "travel", "amount": "10", "description": "Taxi", **fields}
    with pytest.raises(Invalid) as refused:
        expenses.add_expense(actor=bob, project=web, now=now, **given)
    assert field in refused.value.fields
    assert not Expense.objects.exists()


def test_an_issue_that_is_not_a_phase_is_refused_as_one(bob, web, issue, now):
    with pytest.raises(Invalid):
        expenses.add_expense(actor=bob, project=web, date="2026-11-03", category_name="travel", amount="1",
                             description="x", phase_key=issue.key, now=now)


def test_an_empty_receipt_is_refused(bob, web, now):
    with pytest.raises(Invalid) as refused:
        expenses.add_expense(actor=bob, project=web, date="2026-11-03", category_name="travel", amount="1",
                             description="x", receipt=SimpleUploadedFile("a.pdf", b""), now=now)
    assert "receipt" in refused.value.fields


def test_who_may_record_and_remove_expenses(alice, bob, gus, charlie, web, sec, now):
    with pytest.raises(Forbidden):
        expenses.add_expense(actor=gus, project=web, date="2026-11-03", category_name="travel", amount="1",
                             description="x", now=now)
    with pytest.raises(NotFound):
        expenses.add_expense(actor=charlie, project=sec, date="2026-11-03", category_name="travel", amount="1",
                             description="x", now=now)
    own = expenses.add_expense(actor=alice, project=web, date="2026-11-03", category_name="travel", amount="1",
                               description="Alice's", now=now)
    with pytest.raises(Forbidden):
        expenses.delete_expense(actor=bob, project=web, expense_id=own.pk)
    bobs = expenses.add_expense(actor=bob, project=web, date="2026-11-03", category_name="travel", amount="1",
                                description="Bob's", now=now)
    expenses.delete_expense(actor=bob, project=web, expense_id=bobs.pk)
    expenses.delete_expense(actor=alice, project=web, expense_id=own.pk)
    assert not Expense.objects.exists()


def test_only_managers_set_the_budget(alice, bob, gus, web):
    for person in (bob, gus):
        with pytest.raises(Forbidden):
            budget.add_line(actor=person, project=web, category_name="labour", amount="1")
    line = budget.add_line(actor=alice, project=web, category_name="labour", amount="1000", note="Team")
    with pytest.raises(Forbidden):
        budget.remove_line(actor=bob, project=web, line_id=line.pk)
    with pytest.raises(Invalid):
        budget.add_line(actor=alice, project=web, category_name="labour", amount="")
    budget.remove_line(actor=alice, project=web, line_id=line.pk)
    assert budget.summary(web).total.budget == 0
