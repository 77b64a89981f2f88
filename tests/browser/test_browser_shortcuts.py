"""`?` opens the list of the keyboard shortcuts that work on the page at hand, Esc closes
it, and typing a question mark into a field types it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def shortcuts(page):
    return page.get_by_role("dialog", name="Keyboard shortcuts")


def test_question_mark_lists_the_issue_lists_shortcuts_and_esc_closes_it(page, login, alice, web):
    login(alice).goto("/projects/WEB/issues/")
    page.locator("main").click(position={"x": 5, "y": 5})
    page.keyboard.press("?")
    dialog = shortcuts(page)
    expect(dialog).to_be_visible()
    expect(dialog.get_by_text("Search issues")).to_be_visible()
    expect(dialog.get_by_text("New issue")).to_be_visible()
    expect(dialog.get_by_text("Scroll to today")).to_have_count(0)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    # What the dialog promises works: c opens the new-issue form, / goes to search.
    page.keyboard.press("c")
    expect(page.get_by_role("dialog", name="New issue")).to_be_visible()


def test_a_question_mark_typed_into_a_field_is_just_typed(page, login, alice, web):
    login(alice).goto("/projects/WEB/issues/")
    search = page.get_by_role("searchbox", name="Search issues")
    search.click()
    page.keyboard.type("why?")
    expect(search).to_have_value("why?")
    expect(shortcuts(page)).to_be_hidden()


def test_a_page_without_a_new_issue_button_does_not_offer_c(page, login, bob, workspace):
    login(bob).goto("/workload/")
    page.keyboard.press("?")
    dialog = shortcuts(page)
    expect(dialog).to_be_visible()
    expect(dialog.get_by_text("Search issues")).to_be_visible()
    expect(dialog.get_by_text("New issue")).to_be_hidden()


def test_the_gantt_lists_its_own_keys_and_the_menu_opens_the_list(page, login, alice, web):
    login(alice).goto("/projects/WEB/gantt/")
    expect(page.locator("#gantt.g-ready")).to_be_attached()
    page.locator("summary", has_text=alice.name).click()
    page.get_by_role("button", name="Keyboard shortcuts").click()
    dialog = shortcuts(page)
    expect(dialog).to_be_visible()
    for text in ("Zoom to days, weeks, months or quarters", "Scroll to today", "Move the focused bar a working day"):
        expect(dialog.get_by_text(text)).to_be_visible()
    expect(dialog.get_by_text("New issue")).to_be_hidden()
    expect(page.locator("main").get_by_text("Scroll to today")).to_have_count(0)
    # While the list is open, its keys do not act on the chart behind it.
    page.keyboard.press("m")
    expect(page.locator("#gantt")).not_to_have_attribute("data-zoom", "month")
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()
    # The browser hands focus back once the dialog has closed; keys before that are the dialog's.
    page.wait_for_function("!document.activeElement || !document.activeElement.closest('dialog')")
    page.keyboard.press("m")
    expect(page.locator("#gantt")).to_have_attribute("data-zoom", "month")
