"""Gus, a guest in WEB, in a real browser: nothing on his pages looks as if he could use
it when he cannot, and each page says in one line what he may do and whom to ask."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.planning import services as planning
from cairn.tracker import comments
from cairn.tracker import services as tracker

pytestmark = pytest.mark.browser

GUEST = re.compile(r"^You are a guest in WEB: you can read and follow issues\. Ask a manager of WEB \(Alice\) for ")


@pytest.fixture
def footer(alice, bob, web):
    now = timezone.now()
    issue = tracker.create_issue(actor=alice, project=web, fields={"title": "Fix the footer"}, now=now)
    planning.add_to_schedule(actor=alice, issue=issue, duration_minutes=2 * 480, now=now)
    comments.add_comment(actor=bob, issue=issue, body="On it.", now=now)
    return issue


def test_gus_is_told_why_he_cannot_comment(page, login, gus, footer):
    login(gus).goto(f"/issues/{footer.key}/")
    expect(page.get_by_text("On it.")).to_be_visible()
    comments_tab = page.get_by_role("tabpanel", name=re.compile("Comments"))
    expect(comments_tab.get_by_role("note")).to_have_text(GUEST)
    expect(comments_tab.get_by_role("note")).to_contain_text("for member access to comment and edit.")
    expect(page.get_by_role("textbox")).to_have_count(0)
    expect(page.get_by_role("button", name="Comment")).to_have_count(0)
    # What he may do is still there.
    page.get_by_role("button", name="Watch").click()
    expect(page.get_by_role("button", name=re.compile("Watching"))).to_be_visible()


def test_the_issue_list_tells_gus_what_he_may_do(page, login, gus, footer):
    login(gus).goto("/projects/WEB/issues/")
    expect(page.get_by_role("note")).to_have_text(GUEST)
    expect(page.get_by_role("note")).to_contain_text("for member access to file and edit issues.")
    expect(page.get_by_role("button", name=re.compile("New issue"))).to_have_count(0)
    expect(page.get_by_label(f"Select {footer.key}")).to_have_count(0)
    expect(page.locator("#issue-table")).to_contain_text("Fix the footer")


def test_the_schedule_page_offers_gus_nothing_he_cannot_do(page, login, gus, footer):
    login(gus).goto("/projects/WEB/schedule/")
    expect(page.get_by_role("note")).to_have_text(GUEST)
    expect(page.get_by_role("note")).to_contain_text(
        "for manager access to level the plan, save baselines and change the calendar.")
    calendar = page.locator("#calendar")
    expect(calendar).to_contain_text("Monday")
    expect(calendar.get_by_role("textbox")).to_have_count(0)
    expect(page.locator("input:disabled, textarea:disabled, select:disabled, button:disabled")).to_have_count(0)
    # He may look at what levelling would do, but nothing he cannot finish is primary.
    preview = page.get_by_role("link", name="Preview levelling")
    expect(preview).not_to_have_class(re.compile(r"\bprimary\b"))
    preview.click()
    expect(page.locator("#levelling")).to_contain_text("nobody")
    expect(page.locator(".primary")).to_have_count(0)
    expect(page.get_by_role("button", name="Apply levelling")).to_have_count(0)
