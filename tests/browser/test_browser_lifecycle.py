"""The lifecycle in a browser: a manager ticks a gate's items and approves it, and the
project list shows the new phase; the RACI grid refuses a second Accountable; the
post-project report fills its cost from the costs API."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.lifecycle import deliverables, gates, raci
from cairn.lifecycle.models import Phase

pytestmark = pytest.mark.browser


def test_ticking_a_gate_and_approving_it_moves_the_project_on(page, login, alice, web):
    texts = [c.item.text for c in gates.gate(web).checks]
    login(alice).goto("/projects/WEB/lifecycle/")
    expect(page.locator('.phase-steps li[aria-current="step"]')).to_contain_text("Initiation")
    for text in texts:
        box = page.locator(f'#gate input[data-item="{text}"]')
        box.check()
        # The checklist comes back from the server after each tick.
        expect(page.locator(f'#gate input[data-item="{text}"]')).to_be_checked()
        expect(page.locator("#gate")).to_contain_text("ticked by Alice")
    page.get_by_role("button", name="Approve the Initiation gate").click()
    expect(page.locator('.phase-steps li[aria-current="step"]')).to_contain_text("Planning")
    expect(page.locator(".phase-steps li.done")).to_contain_text("approved by Alice")
    assert gates.phase_of(web) == Phase.PLANNING
    page.goto("/projects/")
    expect(page.locator("tr", has_text="Website").locator(".pill.phase")).to_have_text("Planning")


def test_an_open_gate_is_refused_naming_what_is_open(page, login, alice, web):
    login(alice).goto("/projects/WEB/lifecycle/")
    page.get_by_role("button", name="Approve the Initiation gate").click()
    expect(page.locator("[role=alert]")).to_contain_text("Charter approved")
    expect(page.locator('.phase-steps li[aria-current="step"]')).to_contain_text("Initiation")


def test_the_raci_grid_refuses_a_second_accountable(page, login, alice, web):
    deliverables.add_deliverable(actor=alice, project=web, now=timezone.now(), data={"name": "Checkout"})
    login(alice).goto("/projects/WEB/deliverables/")
    page.get_by_label("DL-1 Alice").select_option("A")
    page.get_by_label("DL-1 Bob").select_option("A")
    page.get_by_role("button", name="Save RACI").click()
    expect(page.locator("[role=alert]")).to_contain_text("DL-1 Checkout needs exactly one Accountable")
    expect(page.locator('tr[data-row="DL-1"]')).to_have_class(re.compile("refused"))
    assert raci.matrix(web) == {}
    page.get_by_label("DL-1 Bob").select_option("R")
    page.get_by_role("button", name="Save RACI").click()
    expect(page.locator("[role=alert]")).to_have_count(0)
    assert raci.matrix(web) == {1: {"alice": "A", "bob": "R"}}


def test_the_post_project_report_reads_its_cost(page, login, alice, web):
    login(alice).goto("/projects/WEB/closure/report/")
    expect(page.locator("#cost")).to_have_attribute("data-loaded", "1")
    expect(page.locator('[data-cost="budget"]')).not_to_have_text("…")
