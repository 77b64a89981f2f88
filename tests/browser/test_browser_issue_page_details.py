"""The issue page's small promises, each checked in a real browser: counts that follow
what you do, a sub-task added without leaving its parent, `c` everywhere, dates in the
reader's own format, and editors that fit their boxes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.tracker import services as tracker

pytestmark = pytest.mark.browser


def test_the_comments_tab_counts_a_comment_just_posted(page, login, alice, issue):
    login(alice).goto(f"/issues/{issue.key}/")
    expect(page.get_by_role("tab", name="Comments (0)")).to_be_visible()
    page.get_by_placeholder("Write a comment…").fill("First!")
    page.get_by_role("button", name="Comment").click()
    expect(page.get_by_role("tab", name="Comments (1)")).to_be_visible()
    expect(page.get_by_text("@username mentions notify")).to_have_count(0)


def test_a_sub_task_is_added_without_leaving_its_parent(page, login, mark_document, alice, issue):
    login(alice).goto(f"/issues/{issue.key}/")
    same_document = mark_document()
    page.get_by_role("button", name="Add sub-task").click()
    dialog = page.get_by_role("dialog", name="New issue")
    expect(dialog.get_by_label("Parent")).to_have_value(issue.key)
    dialog.get_by_label("Title").fill("Write the copy")
    dialog.get_by_role("button", name="Create issue").click()
    expect(dialog).to_be_hidden()
    expect(page).to_have_url(re.compile(rf"/issues/{issue.key}/$"))
    expect(page.locator("#subtasks")).to_contain_text("Write the copy")
    expect(page.locator("#toast")).to_contain_text(f"WEB-2 added as a sub-task of {issue.key}")
    assert same_document()
    assert issue.children.get().title == "Write the copy"


def test_c_opens_the_new_issue_dialog_on_an_issue_page(page, login, alice, issue):
    login(alice).goto(f"/issues/{issue.key}/")
    page.locator("body").press("c")
    expect(page.get_by_role("dialog", name="New issue").get_by_label("Title")).to_be_focused()


def test_dates_read_in_the_readers_own_locale(browser, live_server, alice, web):
    tracker.create_issue(actor=alice, project=web, fields={"title": "Launch", "due_date": "2026-12-01"},
                         now=timezone.now())
    from django.test import Client

    client = Client()
    client.force_login(alice)
    for locale, shown in (("en-GB", "1 Dec 2026"), ("en-US", "Dec 1, 2026"), ("de-DE", "01.12.2026")):
        context = browser.new_context(base_url=live_server.url, locale=locale, timezone_id="America/Los_Angeles")
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
        context.route("**/projects/*/events", lambda route: route.abort())
        page = context.new_page()
        page.goto("/projects/WEB/issues/")
        # A calendar date stays the same day in every time zone.
        expect(page.locator("#issue-table time").first).to_have_text(shown)
        context.close()


def test_editors_and_the_create_dialog_fit_their_boxes(page, login, alice, issue):
    page.set_viewport_size({"width": 1280, "height": 900})
    login(alice).goto(f"/issues/{issue.key}/")
    page.locator("#field-spent_hours").click()
    editor = page.locator("form#field-spent_hours:not(.htmx-added)")
    editor.wait_for()
    aside = page.get_by_role("complementary", name="Details").bounding_box()
    for box in (editor.bounding_box(), editor.locator("input").bounding_box(), editor.locator("button").last.bounding_box()):
        assert box["x"] + box["width"] <= aside["x"] + aside["width"] + 0.5, (box, aside)
    page.keyboard.press("Escape")
    expect(page.locator("form#field-spent_hours")).to_have_count(0)
    page.locator("body").press("c")
    dialog = page.get_by_role("dialog", name="New issue")
    estimate = dialog.get_by_label("Estimate (h)")
    expect(estimate).to_be_visible()
    dialog_box = dialog.bounding_box()
    for field in dialog.locator("input, select, textarea").all():
        if field.is_visible():
            box = field.bounding_box()
            assert box["x"] + box["width"] <= dialog_box["x"] + dialog_box["width"], field.get_attribute("name")
    assert dialog.evaluate("d => d.scrollWidth <= d.clientWidth")


def test_an_issue_due_yesterday_shows_as_overdue_in_my_work(page, login, alice, web):
    tracker.create_issue(actor=alice, project=web, fields={
        "title": "Late", "assignee": "alice", "due_date": (timezone.localdate() - dt.timedelta(days=1)).isoformat()},
        now=timezone.now())
    login(alice).goto("/")
    expect(page.locator(".overdue time")).to_have_count(1)
