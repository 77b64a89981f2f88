"""Pages leave out what a person's role does not allow and say so in one line: what the
role allows and whom to ask. Gus is a guest, Bob a member, Alice WEB's admin."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone

from cairn.accounts.services import create_user, deactivate
from cairn.tracker import services as tracker
from cairn.workspaces import policy
from cairn.workspaces.models import Role, WorkspaceMember
from cairn.workspaces.services import set_project_member


def page(user, path: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200, response.content
    return response.content.decode()


def note(html: str) -> str:
    found = re.search(r'<p class="role-note" role="note">(.*?)</p>', html, re.S)
    return found.group(1) if found else ""


@pytest.fixture
def first(alice, web):
    return tracker.create_issue(actor=alice, project=web, fields={"title": "Fix the footer"}, now=timezone.now())


def test_gus_is_told_why_the_issue_page_has_no_comment_box(gus, first):
    html = page(gus, f"/issues/{first.key}/")
    assert 'name="body"' not in html
    assert note(html) == ("You are a guest in WEB: you can read and follow issues. "
                          "Ask a manager of WEB (Alice) for member access to comment and edit.")


def test_bob_comments_and_sees_no_note_on_the_issue_page(bob, first):
    html = page(bob, f"/issues/{first.key}/")
    assert 'name="body"' in html
    assert note(html) == ""


@pytest.mark.parametrize("path", ["/projects/WEB/", "/projects/WEB/issues/"])
def test_gus_is_told_he_may_not_file_issues(gus, web, path):
    html = page(gus, path)
    assert "New issue <kbd>" not in html
    assert "for member access to file and edit issues." in note(html)


def test_the_schedule_page_shows_bob_the_calendar_as_text_and_why(bob, web):
    html = page(bob, "/projects/WEB/schedule/")
    assert note(html) == ("You are a member of WEB: you can create, edit and comment on issues. "
                          "Ask a manager of WEB (Alice) for manager access to level the plan, "
                          "save baselines and change the calendar.")
    assert "disabled" not in html
    assert 'name="holidays"' not in html
    assert 'class="button primary" href="?preview=1' not in html


def test_the_settings_page_shows_bob_the_details_as_text_and_why(bob, web):
    html = page(bob, "/projects/WEB/settings/")
    assert "for manager access to change these settings." in note(html)
    assert "disabled" not in html
    assert 'name="name"' not in html
    assert "Website" in html


@pytest.mark.parametrize("path", ["/projects/WEB/schedule/", "/projects/WEB/settings/", "/projects/WEB/issues/"])
def test_alice_sees_no_note_where_she_may_do_everything(alice, web, path):
    assert note(page(alice, path)) == ""


def test_the_people_to_ask_are_the_projects_managers_by_name(alice, bob, gus, workspace, web, sec):
    dora = create_user(username="dora", email="dora@example.com", password="x" * 12, display_name="Dora")
    WorkspaceMember.objects.create(workspace=workspace, user=dora, role=Role.MANAGER)
    manage = policy.Action.MANAGE_PROJECT
    # WEB is open to the workspace: Dora manages it through her workspace role.
    assert [p.name for p in policy.people_who_may(manage, web)] == ["Alice", "Dora"]
    # A project role counts over the workspace role, both ways.
    set_project_member(actor=alice, project=web, user=dora, role=Role.MEMBER)
    set_project_member(actor=alice, project=web, user=bob, role=Role.MANAGER)
    assert [p.name for p in policy.people_who_may(manage, web)] == ["Alice", "Bob"]
    # A private project's managers are its own members only.
    assert [p.name for p in policy.people_who_may(manage, sec)] == ["Alice"]
    # Nobody is sent to an account that cannot sign in.
    deactivate(user=bob, now=timezone.now())
    assert [p.name for p in policy.people_who_may(manage, web)] == ["Alice"]
    assert "(Alice)" in note(page(gus, "/projects/WEB/issues/"))


def test_the_projects_page_tells_bob_who_creates_projects(alice, bob, workspace):
    html = page(bob, "/projects/")
    assert "New project</button>" not in html
    assert note(html) == ("You are a member of Acme: you can create, edit and comment on issues. "
                          "Ask a manager of Acme (Alice) to create a project.")
    assert note(page(alice, "/projects/")) == ""
