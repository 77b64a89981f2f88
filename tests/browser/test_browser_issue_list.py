"""The issue list in a browser: filters and pages swap the table in place, and bulk edit
changes several issues at once."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.tracker import services as tracker
from cairn.tracker.models import Issue

pytestmark = pytest.mark.browser


def file_issues(actor, project, titles_and_statuses):
    return [
        tracker.create_issue(actor=actor, project=project, fields={"title": title, "status": status},
                             now=timezone.now())
        for title, status in titles_and_statuses
    ]


def test_the_status_filter_swaps_the_table_in_place(page, login, mark_document, alice, web):
    file_issues(alice, web, [("Draft the copy", "To do"), ("Ship the banner", "Done"), ("Fix the footer", "Done")])
    login(alice).goto("/projects/WEB/issues/")
    rows = page.locator("#issue-table tbody tr")
    expect(rows).to_have_count(3)
    status = page.locator("form.filters select[name=status]")
    same_document = mark_document()
    status.select_option("Done")
    expect(rows).to_have_count(2)
    expect(page.locator("#issue-table")).not_to_contain_text("Draft the copy")
    expect(page).to_have_url(re.compile(r"[?&]status=Done"))
    status.select_option("open")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Draft the copy")
    assert same_document()


def test_next_shows_the_issues_past_the_first_fifty(page, login, mark_document, alice, web):
    file_issues(alice, web, [(f"Issue number {n}", "To do") for n in range(1, 56)])
    login(alice).goto("/projects/WEB/issues/")
    rows = page.locator("#issue-table tbody tr")
    expect(rows).to_have_count(50)
    expect(page.locator(".pager")).to_contain_text("1–50 of 55")
    same_document = mark_document()
    page.get_by_role("link", name="Next →").click()
    expect(page.locator(".pager")).to_contain_text("51–55 of 55")
    expect(rows).to_have_count(5)
    # Newest first: the second page holds the five issues filed first.
    expect(rows.get_by_role("link", name="WEB-1", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Next →")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"[?&]cursor="))
    page.get_by_role("link", name="← Previous").click()
    expect(page.locator(".pager")).to_contain_text("1–50 of 55")
    assert same_document()


def test_bulk_edit_sets_the_status_of_the_selected_issues(page, login, mark_document, alice, web):
    first, second, third = file_issues(alice, web, [("One", "To do"), ("Two", "To do"), ("Three", "To do")])
    login(alice).goto("/projects/WEB/issues/?status=open")
    same_document = mark_document()
    page.get_by_label(f"Select {first.key}").check()
    page.get_by_label(f"Select {second.key}").check()
    expect(page.get_by_text("2 selected")).to_be_visible()
    page.get_by_label("Field to change").select_option("status")
    page.get_by_label("New status").select_option("Done")
    page.get_by_role("button", name="Apply to selected").click()
    expect(page.locator("#toast")).to_contain_text("Status set to Done on 2 issues (WEB-1, WEB-2).")
    # The table is redrawn with the filter of the address: the two done issues leave it.
    expect(page.locator("#issue-table tbody tr")).to_have_count(1)
    expect(page.locator("#issue-table tbody")).to_contain_text("Three")
    statuses = dict(Issue.objects.values_list("number", "status__name"))
    assert statuses == {first.number: "Done", second.number: "Done", third.number: "To do"}
    assert same_document()


def test_bulk_edit_picks_people_by_the_names_shown(page, login, alice, bob, web):
    first, second = file_issues(alice, web, [("One", "To do"), ("Two", "To do")])
    tracker.update_issue(actor=alice, issue=second, fields={"assignee": "bob"}, now=timezone.now())
    login(alice).goto("/projects/WEB/issues/")
    page.get_by_label("Select all").check()
    page.get_by_label("Field to change").select_option("assignee")
    page.get_by_label("New assignee").select_option(label="Bob")
    page.get_by_role("button", name="Apply to selected").click()
    expect(page.locator("#toast")).to_contain_text("Assignee set to Bob on 1 issue (WEB-1); 1 already had it.")
    assert set(Issue.objects.values_list("assignee__username", flat=True)) == {"bob"}


def test_a_bad_bulk_value_changes_nothing_and_says_why(page, login, alice, web):
    from cairn.tracker.models import Status

    file_issues(alice, web, [("One", "To do"), ("Two", "To do")])
    login(alice).goto("/projects/WEB/issues/")
    # Someone renames a status after the page was drawn: the picker's choice is stale.
    Status.objects.filter(project=web, name="In review").update(name="Reviewing")
    page.get_by_label("Select all").check()
    page.get_by_label("New status").select_option("In review")
    with page.expect_response("**/issues/bulk") as refused:
        page.get_by_role("button", name="Apply to selected").click()
    assert refused.value.status == 422
    expect(page.locator("#toast .toast.error")).to_contain_text("In review")
    assert set(Issue.objects.values_list("status__name", flat=True)) == {"To do"}
