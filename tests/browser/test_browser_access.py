"""Who sees what, in the browser: Gus (a guest) reads but finds nothing to edit;
Charlie (an outsider) gets the same "Not found" page as for something that does not exist."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.tracker import services as tracker

pytestmark = pytest.mark.browser


def test_gus_reads_issues_but_finds_nothing_to_edit(page, login, gus, issue):
    login(gus).goto(f"/issues/{issue.key}/")
    expect(page.locator("h1")).to_contain_text("First issue")
    expect(page.locator("#field-status .pill")).to_have_text("To do")
    page.locator("#field-status").click()
    expect(page.locator("form.editing")).to_have_count(0)
    expect(page.locator(".editable, [hx-get$='/edit']")).to_have_count(0)
    expect(page.get_by_role("button", name="Edit Status")).to_have_count(0)
    expect(page.get_by_role("button", name="Add sub-task")).to_have_count(0)
    expect(page.get_by_role("button", name="Attach")).to_have_count(0)
    expect(page.locator("#comment-form")).to_have_count(0)

    page.goto("/projects/WEB/issues/")
    expect(page.get_by_role("link", name=issue.key)).to_be_visible()
    expect(page.get_by_role("button", name="New issue")).to_have_count(0)
    expect(page.locator("input[name=issues]")).to_have_count(0)
    page.locator("body").press("c")
    expect(page.get_by_role("dialog")).to_be_hidden()


def test_charlie_gets_not_found_for_what_he_may_not_see(page, login, charlie, alice, sec, web):
    tracker.create_issue(actor=alice, project=sec, fields={"title": "Rotate the keys"}, now=timezone.now())
    login(charlie)
    for path in ("/projects/SEC/", "/issues/SEC-1/", "/projects/SEC/issues/", "/projects/WEB/"):
        response = page.goto(path)
        assert response.status == 404, path
        expect(page.get_by_role("heading", name="Not found")).to_be_visible()
        expect(page.get_by_text("Rotate the keys")).to_have_count(0)
        expect(page.get_by_text("Secret")).to_have_count(0)
    # A hidden issue reads exactly like one that was never filed.
    page.goto("/issues/SEC-1/")
    hidden = page.locator("main").inner_text()
    page.goto("/issues/SEC-2/")
    assert page.locator("main").inner_text() == hidden.replace("SEC-1", "SEC-2")
