"""A team's first hour on an empty install, in a real browser: the administrator made by
`cairn createuser --admin` logs in, sets up the workspace and a first project, files the
first issue, invites a colleague who joins through the mailed link, and assigns it."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from cairn.accounts.models import User
from cairn.tracker.models import Issue
from cairn.workspaces.models import Workspace

pytestmark = pytest.mark.browser
ADMIN_PASSWORD = "first admin of the install"


def test_a_team_starts_from_an_empty_install(page, browser, live_server, open_editor, monkeypatch):
    monkeypatch.setenv("CAIRN_PASSWORD", ADMIN_PASSWORD)
    call_command("createuser", "root", "--email", "root@example.com", "--name", "Robin", "--admin")
    assert not Workspace.objects.exists()

    page.goto("/")
    page.get_by_label("Username or e-mail").fill("root")
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/setup/$"))
    expect(page.get_by_role("heading", name="Welcome to Cairn, Robin")).to_be_visible()

    page.get_by_label("Workspace name").fill("Acme")
    page.get_by_label("First project").fill("Website relaunch")
    key = page.get_by_role("textbox", name=re.compile(r"^Key"))
    expect(key).to_have_value("WR")  # suggested from the name
    key.fill("web")
    page.get_by_label("Invite colleagues").fill("sam@example.com")
    page.get_by_role("button", name="Start").click()
    expect(page).to_have_url(re.compile(r"/projects/WEB/issues/$"))
    expect(page.locator(".flash")).to_contain_text("Acme is ready")
    expect(page.locator(".flash")).to_contain_text("Invitations sent to sam@example.com")

    page.wait_for_load_state("load")  # the shortcut keys are wired by the page's scripts
    page.locator("body").press("c")
    dialog = page.get_by_role("dialog", name="New issue")
    dialog.get_by_label("Title").fill("Choose the new typeface")
    dialog.get_by_role("button", name="Create issue").click()
    expect(page).to_have_url(re.compile(r"/issues/WEB-1/$"))

    # Sam follows the mailed link in a browser of their own.
    link = re.search(r"https?://\S+/invitations/\S+/", mail.outbox[0].body).group(0)
    sam_context = browser.new_context(base_url=live_server.url)
    sam = sam_context.new_page()
    sam.goto(urlparse(link).path)
    expect(sam.get_by_role("heading", name="Join Acme")).to_be_visible()
    sam.get_by_label("Username").fill("sam")
    sam.get_by_label("Your name").fill("Sam Lee")
    sam.get_by_label("Password", exact=True).fill("sam's own long password")
    sam.get_by_label("Password again").fill("sam's own long password")
    sam.get_by_role("button", name="Join").click()
    expect(sam.get_by_role("heading", name=re.compile("Good to see you, Sam Lee"))).to_be_visible()
    expect(sam.get_by_role("link", name="Website relaunch")).to_be_visible()
    sam_context.close()

    page.reload()
    open_editor("assignee").get_by_label("Assignee").select_option(label="Sam Lee")
    expect(page.locator("#field-assignee select")).to_have_count(0)
    expect(page.locator("#field-assignee")).to_contain_text("Sam Lee")
    issue = Issue.objects.get(project__key="WEB", number=1)
    assert issue.assignee == User.objects.get(username="sam")
    assert issue.reporter.username == "root"
