"""Time and cost in a browser: a member fills and submits a week, the manager approves
it, and the actual cost on the earned value S-curve moves by that week's cost."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.costs import rates
from cairn.planning import services as planning
from cairn.tracker import services as tracker

pytestmark = pytest.mark.browser


def baselined_task(alice, web):
    now = timezone.now()
    today = timezone.localdate()
    planning.set_calendar(actor=alice, project=web, start_date=today - dt.timedelta(days=today.weekday()), now=now)
    task = tracker.create_issue(actor=alice, project=web, fields={"title": "Write the copy"}, now=now)
    planning.add_to_schedule(actor=alice, issue=task, duration_minutes=5 * 480, now=now)
    planning.save_baseline(actor=alice, project=web, name="Approved", now=now)
    rates.set_rate(actor=alice, project=web, hourly_rate="100", effective_from="2020-01-01")
    return task


def last_actual_cost(page):
    page.wait_for_function("window.cairnSCurve !== undefined")
    return page.evaluate("window.cairnSCurve.data.datasets[2].data.slice(-1)[0].y")


def test_a_submitted_and_approved_week_moves_the_actual_cost(page, login, mark_document, alice, bob, web):
    task = baselined_task(alice, web)
    # The first request of a run loads every URL and the API; on a busy machine that alone
    # can take longer than the default wait.
    login(alice).goto("/projects/WEB/earned-value/", timeout=30_000)
    expect(page.locator("#figure-ac")).to_have_text("0.00")
    assert last_actual_cost(page) == 0

    login(bob).goto(f"/timesheet/?add={task.key}")
    page.get_by_label(f"{task.key} Monday").fill("2.5")
    page.get_by_label(f"{task.key} Tuesday").fill("1:30")
    same_document = mark_document()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#week-total")).to_have_text("4")
    assert same_document()  # saved without reloading the page
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit week").click()
    expect(page.locator("#timesheet-state")).to_contain_text("Submitted")
    expect(page.get_by_label(f"{task.key} Monday")).to_have_count(0)  # locked

    login(alice).goto("/timesheet/approvals/")
    approval = page.get_by_role("region", name=re.compile("Bob"))
    expect(approval).to_contain_text("4 h")
    approval.get_by_role("button", name="Approve").click()
    expect(page.locator(".messages")).to_contain_text("approved")
    expect(page.get_by_text("No week is waiting for your approval.")).to_be_visible()

    page.goto("/projects/WEB/earned-value/")
    expect(page.locator("#figure-ac")).to_have_text("400.00")
    assert last_actual_cost(page) == 400


def test_the_timer_on_the_issue_page_starts_and_stops(page, login, bob, issue):
    login(bob).goto(f"/issues/{issue.key}/", timeout=30_000)
    panel = page.locator("#issue-time")
    panel.get_by_role("button", name="Start timer").click()
    expect(panel).to_contain_text("running")
    panel.get_by_role("button", name="Stop timer").click()
    expect(panel.get_by_role("button", name="Start timer")).to_be_visible()
    panel.get_by_label("Hours").fill("0.75")
    panel.get_by_role("button", name="Log").click()
    expect(panel).to_contain_text("0.75 h logged")
