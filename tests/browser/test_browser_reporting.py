"""Status reports and the portfolio in a browser: a manager generates a report and
reads why it has its colour; the portfolio sorts by health."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.controls import risks
from cairn.reporting import services
from cairn.tracker.setup import create_project

pytestmark = pytest.mark.browser


def test_alice_generates_a_report_and_sees_why_it_is_red(page, login, alice, web):
    risks.create_risk(actor=alice, project=web, now=timezone.now(), data={
        "title": "Payment provider insolvent", "probability": 5, "impact": 5})
    login(alice).goto("/projects/WEB/reports/")
    expect(page.locator("#reports")).to_have_count(0)
    page.get_by_role("button", name="Generate now").click()
    expect(page).to_have_url(f"{page.url.split('/projects/')[0]}/projects/WEB/reports/1/")
    expect(page.locator("#health-rag")).to_have_text("Red")
    expect(page.locator("#health-reason")).to_contain_text("1 open critical risk(s)")
    expect(page.locator("#top-risks")).to_contain_text("Payment provider insolvent")
    page.get_by_text("Edit the summary").click()
    page.get_by_label("Summary (Markdown)").fill("The **provider** is the worry.")
    page.get_by_role("button", name="Save summary").click()
    expect(page.locator("#summary strong")).to_have_text("provider")
    page.get_by_role("link", name="All reports").click()
    expect(page.locator("#reports tbody tr")).to_have_count(1)


def test_the_portfolio_sorts_by_health(page, login, alice, workspace, web):
    now = timezone.now()
    services.generate(actor=alice, project=web, now=now)  # green
    red = create_project(actor=alice, workspace=workspace, key="RED", name="Troubled", now=now)
    risks.create_risk(actor=alice, project=red, now=now, data={"title": "Fire", "probability": 5, "impact": 5})
    services.generate(actor=alice, project=red, now=now)
    amber = create_project(actor=alice, workspace=workspace, key="AMB", name="Wobbly", now=now)
    risks.create_risk(actor=alice, project=amber, now=now, data={"title": "Smoke", "probability": 4, "impact": 4})
    services.generate(actor=alice, project=amber, now=now)
    login(alice).goto("/")
    page.get_by_role("link", name="Portfolio").first.click()
    rows = page.locator("#portfolio tbody tr")
    expect(rows).to_have_count(3)
    page.get_by_role("link", name="Health", exact=True).click()
    expect(rows.first).to_have_attribute("data-key", "RED")
    expect(rows.nth(1)).to_have_attribute("data-key", "AMB")
    expect(rows.nth(2)).to_have_attribute("data-key", "WEB")
    expect(rows.first).to_contain_text("1 open critical risk(s)")
    page.get_by_role("link", name="Health ▲").click()
    expect(rows.first).to_have_attribute("data-key", "WEB")
    expect(page.locator("#resource-load")).to_contain_text("workload page")
