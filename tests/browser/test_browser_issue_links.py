"""Linking, moving and deleting an issue from its page, in a real browser."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.tracker import services as tracker
from cairn.tracker import setup
from cairn.tracker.models import AuditEntry, Issue

pytestmark = pytest.mark.browser


def new(actor, project, title):
    return tracker.create_issue(actor=actor, project=project, fields={"title": title}, now=timezone.now())


def test_alice_links_two_issues_and_removes_the_link(page, login, mark_document, alice, web):
    new(alice, web, "Login")
    new(alice, web, "Checkout")
    login(alice).goto("/issues/WEB-2/")
    same_document = mark_document()
    links = page.get_by_role("region", name="Links")
    links.get_by_label("Link kind").select_option("is_blocked_by")
    links.get_by_label("Other issue's key").fill("WEB-9")
    links.get_by_role("button", name="Link").click()
    expect(links.get_by_role("alert")).to_have_text("no issue WEB-9 that you can see")
    links.get_by_label("Other issue's key").fill("web-1")
    links.get_by_role("button", name="Link").click()
    expect(links.locator("tr")).to_have_count(1)
    expect(links).to_contain_text("is blocked by")
    expect(links).to_contain_text("Login")
    links.get_by_role("button", name="Remove the link to WEB-1").click()
    expect(links).to_contain_text("No links to other issues.")
    assert same_document()


def test_alice_moves_an_issue_then_deletes_it(page, login, alice, web, workspace):
    setup.create_project(actor=alice, workspace=workspace, key="MOB", name="Mobile", now=timezone.now())
    new(alice, web, "Wrong project")
    login(alice).goto("/issues/WEB-1/")
    page.get_by_text("More actions").click()
    page.get_by_label("Move to project").select_option("MOB")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page).to_have_url(re.compile(r"/issues/MOB-1/$"))
    expect(page.locator(".flash")).to_contain_text("WEB-1 moved to Mobile as MOB-1")
    page.get_by_text("More actions").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete issue").click()
    expect(page).to_have_url(re.compile(r"/projects/MOB/issues/$"))
    expect(page.locator(".flash")).to_contain_text("MOB-1 Wrong project was deleted")
    assert not Issue.objects.exists()
    assert [e.action for e in AuditEntry.objects.order_by("at", "id")] == ["issue.moved", "issue.deleted"]


def test_a_member_is_not_offered_what_she_may_not_do(page, login, bob, gus, alice, web):
    new(alice, web, "Only one project")
    login(gus).goto("/issues/WEB-1/")
    expect(page.get_by_text("More actions")).to_have_count(0)
    expect(page.get_by_role("region", name="Links").get_by_role("button", name="Link")).to_have_count(0)
