"""Alice's day with one issue, in a real browser: she logs in, files an issue through the
dialog, moves it along inline, comments, and reads its history."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.tracker import services as tracker
from cairn.tracker.models import Issue

pytestmark = pytest.mark.browser


def test_alice_mistypes_her_password_then_logs_in(page, alice, web):
    alice.set_password("a long browser passphrase")
    alice.save()
    page.goto("/projects/WEB/issues/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/projects/WEB/issues/"))
    page.get_by_label("Username or e-mail").fill("alice")
    page.get_by_label("Password").fill("not her passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_label("Username or e-mail")).to_have_value("alice")
    page.get_by_label("Password").fill("a long browser passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/projects/WEB/issues/$"))
    expect(page.get_by_role("heading", name="Issues")).to_be_visible()
    expect(page.locator(".usermenu summary")).to_have_text("Alice")


def test_alice_files_an_issue_through_the_dialog(page, login, alice, web):
    login(alice).goto("/projects/WEB/issues/")
    assert page.evaluate("typeof htmx.ajax") == "function", "htmx did not load"
    page.get_by_role("button", name="New issue").click()
    dialog = page.get_by_role("dialog", name="New issue")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Title").fill("Checkout button does nothing")
    dialog.get_by_label("Priority").select_option("High")
    dialog.get_by_label("Description").fill("Steps: *click* it.")
    dialog.get_by_role("button", name="Create issue").click()
    expect(page).to_have_url(re.compile(r"/issues/WEB-1/$"))
    expect(page.locator("h1")).to_contain_text("Checkout button does nothing")
    expect(page.locator("section[aria-label=Description] em")).to_have_text("click")
    issue = Issue.objects.get(project=web, number=1)
    assert (issue.title, issue.priority.name, issue.reporter) == ("Checkout button does nothing", "High", alice)


def test_the_dialog_opens_with_c_and_shows_the_servers_errors(page, login, alice, web):
    login(alice).goto("/projects/WEB/issues/")
    page.locator("body").press("c")
    dialog = page.get_by_role("dialog", name="New issue")
    title = dialog.get_by_label("Title")
    expect(title).to_be_focused()
    # The browser's own check would stop the request; the server must refuse it as well.
    title.evaluate("input => input.removeAttribute('required')")
    dialog.get_by_role("button", name="Create issue").click()
    expect(dialog.locator(".field-error")).to_have_text(re.compile("required"))

    dialog.get_by_label("Title").fill("Backwards dates")
    dialog.get_by_label("Start").fill("2026-05-10")
    dialog.get_by_label("Due").fill("2026-05-01")
    dialog.get_by_role("button", name="Create issue").click()
    expect(dialog.locator(".field-error, .form-error")).to_contain_text([re.compile("due|start", re.I)])
    expect(dialog.get_by_label("Title")).to_have_value("Backwards dates")
    expect(dialog).to_be_visible()
    assert not Issue.objects.exists()


def test_alice_moves_an_issue_along_inline(page, login, mark_document, open_editor, alice, issue):
    login(alice).goto(f"/issues/{issue.key}/")
    same_document = mark_document()
    open_editor("status").get_by_label("Status").select_option("In progress")
    expect(page.locator("#field-status .pill")).to_have_text("In progress")
    # The save hands the page the issue's new version, so a second edit is not stale.
    open_editor("priority").get_by_label("Priority").select_option("High")
    expect(page.locator("#field-priority select")).to_have_count(0)
    expect(page.locator("#field-priority")).to_contain_text("High")
    page.get_by_role("tab", name="History").click()
    history = page.locator("#history")
    expect(history).to_contain_text("created the issue")
    expect(history).to_contain_text(re.compile(r"changed status from\s+To do\s+to\s+In progress"))
    expect(history).to_contain_text(re.compile(r"changed priority from\s+Medium\s+to\s+High"))
    expect(page.locator("#toast")).to_be_empty()
    assert same_document()
    issue.refresh_from_db()
    assert (issue.status.name, issue.priority.name) == ("In progress", "High")


def test_alice_comments_in_markdown_and_scripts_stay_inert(page, login, mark_document, alice, issue):
    login(alice).goto(f"/issues/{issue.key}/")
    same_document = mark_document()
    expect(page.locator("#no-comments")).to_be_visible()
    page.get_by_placeholder("Write a comment…").fill(
        "Looks **bad** on mobile.\n\n<script>window.__pwned = true</script><img src=x onerror=\"window.__pwned = true\">"
    )
    page.get_by_role("button", name="Comment").click()
    comment = page.locator("#comment-list .comment")
    expect(comment).to_have_count(1)
    expect(comment.locator("strong", has_text="bad")).to_be_visible()
    expect(page.locator("#no-comments")).to_have_count(0)
    expect(page.get_by_placeholder("Write a comment…")).to_have_value("")
    assert comment.locator("script, img[onerror]").count() == 0
    assert page.evaluate("window.__pwned === undefined")
    assert same_document()
    assert issue.comments.count() == 1


def test_a_stale_inline_edit_is_refused_with_a_message(page, login, open_editor, alice, bob, issue):
    login(alice).goto(f"/issues/{issue.key}/")
    expect(page.locator("#field-status .pill")).to_have_text("To do")
    # Bob moves the issue while Alice's page still shows the old version.
    tracker.update_issue(actor=bob, issue=issue, fields={"status": "Done"}, now=timezone.now())
    open_editor("status").get_by_label("Status").select_option("In progress")
    expect(page.locator("#toast .toast.error")).to_contain_text(
        f"{issue.key} was changed by someone else since you opened it"
    )
    issue.refresh_from_db()
    assert issue.status.name == "Done"
    assert not issue.changes.filter(field="status", new_value="In progress").exists()
