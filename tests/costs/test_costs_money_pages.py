"""The costs page and the earned value page, for each persona."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cairn.costs import expenses, rates
from cairn.costs.models import BudgetLine, CostRate, Expense


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_alice_sets_a_rate_and_a_budget_line_on_the_costs_page(alice, bob, web, small_plan):
    client = logged_in(alice)
    page = client.get("/projects/WEB/costs/").content.decode()
    assert "Hourly rates" in page and 'aria-label="Hourly rate"' in page
    client.post("/projects/WEB/costs/", {"action": "add-rate", "person": "bob", "hourly_rate": "90",
                                         "effective_from": "2026-01-01"})
    client.post("/projects/WEB/costs/", {"action": "add-line", "category": "labour", "amount": "5000",
                                         "phase": small_plan["Build"].key})
    assert CostRate.objects.get().hourly_rate == 90
    assert BudgetLine.objects.get().phase == small_plan["Build"]
    page = client.get("/projects/WEB/costs/").content.decode()
    assert "Bob" in page and "5,000.00" in page
    refused = client.post("/projects/WEB/costs/", {"action": "add-line", "category": "labour", "amount": "x"})
    assert refused.status_code == 422
    client.post("/projects/WEB/costs/", {"action": "delete-rate", "id": CostRate.objects.get().pk})
    client.post("/projects/WEB/costs/", {"action": "delete-line", "id": BudgetLine.objects.get().pk})
    assert not CostRate.objects.exists() and not BudgetLine.objects.exists()


def test_bob_records_an_expense_with_a_receipt_on_the_page(bob, web, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = logged_in(bob)
    answer = client.post("/projects/WEB/costs/", {
        "action": "add-expense", "date": "2026-11-03", "category": "hardware", "amount": "120",
        "description": "Test phone", "phase": "", "receipt": SimpleUploadedFile("phone.png", b"png")})
    assert answer.status_code == 302
    expense = Expense.objects.get()
    page = client.get("/projects/WEB/costs/").content.decode()
    assert "Test phone" in page and "phone.png" in page
    download = client.get(f"/projects/WEB/costs/expenses/{expense.pk}/receipt")
    assert b"".join(download.streaming_content) == b"png"


def test_bob_and_gus_read_costs_but_never_the_rates(alice, bob, gus, web):
    rates.set_rate(actor=alice, project=web, person="bob", hourly_rate="123.45", effective_from="2026-01-01")
    for person in (bob, gus):
        page = logged_in(person).get("/projects/WEB/costs/").content.decode()
        assert "Budget and actual by category" in page
        assert "123.45" not in page and "only the project's managers see them" in page
        answer = logged_in(person).post("/projects/WEB/costs/", {"action": "add-rate", "hourly_rate": "1",
                                                                 "effective_from": "2026-01-01"})
        assert answer.status_code == 422
    assert CostRate.objects.count() == 1


def test_gus_may_not_record_an_expense(gus, web):
    answer = logged_in(gus).post("/projects/WEB/costs/", {"action": "add-expense", "date": "2026-11-03",
                                                          "category": "travel", "amount": "1", "description": "x"})
    assert answer.status_code == 422 and not Expense.objects.exists()


def test_the_expenses_list_pages(alice, web, now):
    for n in range(30):
        expenses.add_expense(actor=alice, project=web, date="2026-11-03", category_name="other", amount="1",
                             description=f"Item {n}", now=now)
    page = logged_in(alice).get("/projects/WEB/costs/").content.decode()
    assert "1–25 of 30" in page and "Next" in page


def test_charlie_finds_no_costs_of_a_private_project(alice, charlie, sec, now):
    expense = expenses.add_expense(actor=alice, project=sec, date="2026-11-03", category_name="travel",
                                   amount="1", description="x", now=now)
    client = logged_in(charlie)
    assert client.get("/projects/SEC/costs/").status_code == 404
    assert client.post("/projects/SEC/costs/", {"action": "delete-expense", "id": expense.pk}).status_code == 404
    assert client.get(f"/projects/SEC/costs/expenses/{expense.pk}/receipt").status_code == 404
    assert client.get("/projects/SEC/earned-value/").status_code == 404


def test_the_earned_value_page_shows_figures_formulas_curve_and_table(gus, web, small_plan):
    page = logged_in(gus).get("/projects/WEB/earned-value/").content.decode()
    assert "Against the baseline “Approved”" in page
    assert 'title="EV − PV = ' in page
    assert 'id="s-curve-data"' in page and "chart.umd.js" in page
    assert "Build" in page


def test_the_earned_value_page_explains_a_missing_baseline(gus, web):
    page = logged_in(gus).get("/projects/WEB/earned-value/").content.decode()
    assert "No baseline yet" in page


def test_the_project_navigation_links_the_money_pages(gus, web):
    page = logged_in(gus).get("/projects/WEB/").content.decode()
    assert 'href="/projects/WEB/costs/"' in page and 'href="/projects/WEB/earned-value/"' in page
    assert 'href="/timesheet/"' in page
