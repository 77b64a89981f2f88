"""The project manager's controls in a browser: a manager raises a change request, sees
its computed schedule impact, approves it and sees the new baseline; a risk moves on
the heat map, without a reload, when its scores change."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.controls import risks
from cairn.planning import services as planning
from cairn.tracker import services as tracker

pytestmark = pytest.mark.browser

DAY = 480


def a_small_plan(alice, web):
    """A → B → C (two days each) and D (one day), from Monday 2 November 2026."""
    now = timezone.now()
    planning.set_calendar(actor=alice, project=web, start_date=dt.date(2026, 11, 2), now=now)
    tasks = {}
    for name, days in (("A", 2), ("B", 2), ("C", 2), ("D", 1)):
        tasks[name] = tracker.create_issue(actor=alice, project=web, fields={"title": f"Task {name}"}, now=now)
        planning.add_to_schedule(actor=alice, issue=tasks[name], duration_minutes=days * DAY, now=now)
    planning.add_dependency(actor=alice, project=web, predecessor=tasks["A"], successor=tasks["B"], now=now)
    planning.add_dependency(actor=alice, project=web, predecessor=tasks["B"], successor=tasks["C"], now=now)
    planning.save_baseline(actor=alice, project=web, name="Approved plan", now=now)


def test_a_manager_raises_a_change_sees_its_impact_approves_it_and_sees_the_baseline(page, login, alice, web):
    a_small_plan(alice, web)
    # The first request of a run imports the URLconf and builds the API: slow on a busy machine.
    login(alice).goto("/projects/WEB/changes/", timeout=30_000)
    page.get_by_label("What changes").fill("Harden checkout")
    page.get_by_label("Why").fill("The audit asks for a security review")
    page.locator("input[name=changed_issue]").fill("WEB-2")
    page.locator("input[name=changed_days]").fill("3")
    page.locator("input[name=added_title]").fill("Security review")
    page.locator("input[name=added_days]").fill("1")
    page.locator("input[name=added_after]").fill("WEB-3")
    page.get_by_role("button", name="Raise and compute the impact").click()
    expect(page).to_have_url(re.compile(r"/projects/WEB/changes/1/$"))
    expect(page.locator("#finish-after")).to_have_text("2026-11-11")
    expect(page.locator("#finish-delta")).to_contain_text("+2 working days")
    expect(page.locator("#impact")).to_contain_text("Security review")
    page.get_by_label("Decision note").fill("Worth two days")
    page.get_by_role("button", name="Approve and re-baseline").click()
    expect(page.locator("#change-state")).to_have_text("Approved")
    expect(page.locator("#change-baseline")).to_contain_text("CR-1: Harden checkout")
    page.locator("#change-baseline a").click()
    expect(page).to_have_url(re.compile(r"/projects/WEB/schedule/\?baseline=\d+"))
    expect(page.locator("#baselines select[name=baseline] option:checked")).to_contain_text("CR-1: Harden checkout")


def test_a_risk_moves_on_the_heat_map_when_its_scores_change(page, login, bob, web, mark_document):
    risks.create_risk(actor=bob, project=web, now=timezone.now() - dt.timedelta(days=3),
                      data={"title": "Payment provider late", "probability": 2, "impact": 2})
    login(bob).goto("/projects/WEB/risks/", timeout=30_000)
    same_document = mark_document()
    cell = lambda p, i: page.locator(f'#heat-map [data-probability="{p}"][data-impact="{i}"]')  # noqa: E731
    expect(cell(2, 2)).to_contain_text("R-1")
    expect(page.locator("#exposure-chart")).to_have_attribute("data-points", "4")
    page.get_by_label("Probability of R-1").select_option("5")
    expect(cell(5, 2)).to_contain_text("R-1")
    expect(cell(2, 2)).not_to_contain_text("R-1")
    expect(page.locator("#risk-1-score")).to_contain_text("10 · high")
    page.get_by_label("Impact of R-1").select_option("5")
    expect(cell(5, 5)).to_contain_text("R-1")
    expect(page.locator("#risk-1-score")).to_contain_text("25 · critical")
    assert same_document()
