"""The money API: rates for managers only, expenses with receipts, the budget and earned
value — and a private project's money that answers 404 to outsiders."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cairn.costs import expenses, rates


def test_alice_sets_lists_and_removes_rates(api_as, alice, web):
    client = api_as(alice)
    made = client.post("/api/v1/projects/WEB/rates", json={"person": "bob", "hourly_rate": "80",
                                                           "effective_from": "2026-01-01"})
    assert made.status_code == 201, made.content
    assert made.json()["person"] == "bob" and made.json()["hourly_rate"] == "80.00"
    assert client.get("/api/v1/projects/WEB/rates").json()["total"] == 1
    bad = client.post("/api/v1/projects/WEB/rates", json={"hourly_rate": "lots", "effective_from": "2026-01-01"})
    assert bad.status_code == 422 and "hourly_rate" in bad.json()["errors"]
    assert client.delete(f"/api/v1/projects/WEB/rates/{made.json()['id']}").status_code == 204


@pytest.mark.parametrize("who", ["bob", "gus"])
def test_rates_are_for_managers_only(api_as, request, alice, web, who):
    rate = rates.set_rate(actor=alice, project=web, hourly_rate="50", effective_from="2026-01-01")
    client = api_as(request.getfixturevalue(who))
    assert client.get("/api/v1/projects/WEB/rates").status_code == 403
    assert client.post("/api/v1/projects/WEB/rates", json={"hourly_rate": "1",
                                                           "effective_from": "2026-01-01"}).status_code == 403
    assert client.delete(f"/api/v1/projects/WEB/rates/{rate.pk}").status_code == 403


def test_bob_records_an_expense_with_a_receipt_and_gus_reads_it(api_as, bob, gus, web, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    receipt = SimpleUploadedFile("bill.pdf", b"%PDF", content_type="application/pdf")
    made = api_as(bob).client.post("/api/v1/projects/WEB/expenses", {
        "date": "2026-11-03", "category": "software", "amount": "19.99", "description": "Font licence",
        "receipt": receipt}, headers=api_as(bob).headers)
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["amount"], body["receipt_name"], body["created_by"]) == ("19.99", "bill.pdf", "bob")
    listed = api_as(gus).get("/api/v1/projects/WEB/expenses").json()
    assert listed["total"] == 1
    download = api_as(gus).get(body["receipt"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF"
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert api_as(gus).delete(f"/api/v1/projects/WEB/expenses/{body['id']}").status_code == 403
    assert api_as(bob).delete(f"/api/v1/projects/WEB/expenses/{body['id']}").status_code == 204


def test_a_bad_expense_names_the_field(api_as, bob, web):
    answer = api_as(bob).client.post("/api/v1/projects/WEB/expenses", {
        "date": "2026-11-03", "category": "food", "amount": "1", "description": "x"}, headers=api_as(bob).headers)
    assert answer.status_code == 422 and "category" in answer.json()["errors"]


def test_a_guest_may_not_record_an_expense(api_as, gus, web):
    answer = api_as(gus).client.post("/api/v1/projects/WEB/expenses", {
        "date": "2026-11-03", "category": "travel", "amount": "1", "description": "x"}, headers=api_as(gus).headers)
    assert answer.status_code == 403


def test_the_budget_is_set_by_managers_and_read_by_guests(api_as, alice, bob, gus, web):
    made = api_as(alice).post("/api/v1/projects/WEB/budget", json={"category": "labour", "amount": "5000"})
    assert made.status_code == 201, made.content
    assert api_as(bob).post("/api/v1/projects/WEB/budget", json={"category": "labour",
                                                                 "amount": "1"}).status_code == 403
    read = api_as(gus).get("/api/v1/projects/WEB/budget").json()
    assert read["total"]["budget"] == "5000.00"
    assert read["by_category"][0]["label"] == "Labour"
    assert api_as(gus).delete(f"/api/v1/projects/WEB/budget/{made.json()['id']}").status_code == 403
    assert api_as(alice).delete(f"/api/v1/projects/WEB/budget/{made.json()['id']}").status_code == 204


def test_earned_value_answers_figures_curve_and_table(api_as, gus, web, small_plan):
    answer = api_as(gus).get("/api/v1/projects/WEB/earned-value?on=2026-11-04")
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["baseline"]["name"] == "Approved"
    assert body["figures"]["bac"] == "0.00"  # no rate set: the plan costs nothing yet
    assert "nothing was planned" in body["figures"]["formulas"]["spi"]
    assert [e["code"] for e in body["elements"]] == ["1"]
    assert body["curve"][0]["date"] == "2026-11-02"
    assert api_as(gus).get("/api/v1/projects/WEB/earned-value?on=someday").status_code == 422


VALID = {"rates": {"hourly_rate": "1", "effective_from": "2026-01-01"}, "budget": {"category": "labour", "amount": "1"}}


@pytest.mark.parametrize(("method", "path"), [
    ("get", "/api/v1/projects/SEC/rates"), ("post", "/api/v1/projects/SEC/rates"),
    ("delete", "/api/v1/projects/SEC/rates/1"), ("get", "/api/v1/projects/SEC/expenses"),
    ("post", "/api/v1/projects/SEC/expenses"), ("get", "/api/v1/projects/SEC/expenses/1/receipt"),
    ("delete", "/api/v1/projects/SEC/expenses/1"), ("get", "/api/v1/projects/SEC/budget"),
    ("post", "/api/v1/projects/SEC/budget"), ("delete", "/api/v1/projects/SEC/budget/1"),
    ("get", "/api/v1/projects/SEC/earned-value"),
])
def test_a_private_projects_money_is_not_found_by_charlie(api_as, charlie, sec, method, path):
    client = api_as(charlie)
    if path.endswith("/expenses") and method == "post":
        answer = client.client.post(path, {"date": "2026-11-03", "category": "travel", "amount": "1",
                                           "description": "x"}, headers=client.headers)
    else:
        answer = getattr(client, method)(path, json=VALID.get(path.rsplit("/", 1)[1]) if method == "post" else None)
    assert answer.status_code == 404, (path, answer.status_code)


def test_a_receipt_of_another_project_is_not_found(api_as, alice, bob, web, sec, now):
    expense = expenses.add_expense(actor=alice, project=sec, date="2026-11-03", category_name="travel",
                                   amount="1", description="x", now=now)
    assert api_as(alice).get(f"/api/v1/projects/WEB/expenses/{expense.pk}/receipt").status_code == 404
    assert api_as(alice).get(f"/api/v1/projects/SEC/expenses/{expense.pk}/receipt").status_code == 404  # none
