"""Saved filters in a browser: the filter chosen after the page loaded is the one kept,
and a saved filter can be deleted from the list."""

from __future__ import annotations

import re
from urllib.parse import parse_qs

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.tracker import services as tracker
from cairn.tracker.models import SavedFilter

pytestmark = pytest.mark.browser


def file_issues(actor, project, titles_and_statuses):
    for title, status in titles_and_statuses:
        tracker.create_issue(actor=actor, project=project, fields={"title": title, "status": status},
                             now=timezone.now())


def test_the_filter_chosen_after_loading_is_saved_and_opens_again(page, login, alice, web):
    file_issues(alice, web, [("Draft the copy", "To do"), ("Ship the banner", "Done"), ("Fix the footer", "Done")])
    login(alice).goto("/projects/WEB/issues/")
    rows = page.locator("#issue-table tbody tr")
    page.locator("form.filters select[name=status]").select_option("Done")
    expect(rows).to_have_count(2)
    page.get_by_label("Filter name").fill("Finished")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("link", name="Finished", exact=True)).to_be_visible()  # the list again, after saving
    expect(page).to_have_url(re.compile(r"/projects/WEB/issues/\?status=Done&"))
    assert parse_qs(SavedFilter.objects.get().query) == {"status": ["Done"], "sort": ["-updated"]}
    page.get_by_role("link", name="Clear").click()
    expect(rows).to_have_count(3)
    page.get_by_role("link", name="Finished").click()
    expect(rows).to_have_count(2)
    expect(page.locator("#issue-table")).not_to_contain_text("Draft the copy")


def test_words_typed_just_before_saving_are_part_of_the_filter(page, login, alice, web):
    file_issues(alice, web, [("Ship the banner", "Done"), ("Fix the footer", "Done")])
    login(alice).goto("/projects/WEB/issues/")
    page.locator("form.filters input[name=text]").fill("banner")
    page.get_by_label("Filter name").fill("Banner")  # at once, before the list has caught up
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("link", name="Banner", exact=True)).to_be_visible()
    assert parse_qs(SavedFilter.objects.get().query) == {"text": ["banner"], "sort": ["-updated"]}


def test_a_saved_filter_is_deleted_from_the_list(page, login, alice, web):
    from cairn.tracker import saved_filters

    saved_filters.save_filter(actor=alice, project=web, name="Finished", query="status=Done")
    login(alice).goto("/projects/WEB/issues/")
    expect(page.get_by_role("link", name="Finished")).to_be_visible()
    page.get_by_role("button", name="Delete saved filter Finished").click()
    expect(page.get_by_role("link", name="Finished")).to_have_count(0)
    expect(page.locator("#saved-filters")).to_contain_text("none yet")
    assert not SavedFilter.objects.exists()
