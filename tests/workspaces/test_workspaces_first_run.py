"""A team starting from nothing: the setup page, the workspace page's people management,
and the commands for scripted installs."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from cairn.tracker.models import Status
from cairn.workspaces.models import Invitation, Project, Role, Workspace, WorkspaceMember

SETUP = {"workspace_name": "Acme", "project_key": "web", "project_name": "Website", "invitations": "",
         "invite_as": "member"}


def browser_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_someone_in_no_workspace_is_taken_to_the_setup_page(charlie):
    client = browser_of(charlie)
    response = client.get("/")
    assert (response.status_code, response["Location"]) == (302, "/setup/")
    page = client.get("/setup/")
    assert b"Welcome to Cairn" in page.content
    assert client.get("/workspace/")["Location"] == "/setup/"


def test_the_setup_page_starts_a_workspace_with_its_first_project_and_invitations(charlie):
    client = browser_of(charlie)
    response = client.post("/setup/", SETUP | {"invitations": "sam@example.com,\nLee@Example.com sam@example.com"})
    assert (response.status_code, response["Location"]) == (302, "/projects/WEB/issues/")
    workspace = Workspace.objects.get()
    assert (workspace.name, workspace.slug) == ("Acme", "acme")
    assert WorkspaceMember.objects.get(workspace=workspace).role == Role.ADMIN
    project = Project.objects.get(key="WEB")
    assert (project.name, project.workspace) == ("Website", workspace)
    assert Status.objects.filter(project=project).count() == 4
    assert sorted(Invitation.objects.values_list("email", flat=True)) == ["lee@example.com", "sam@example.com"]
    assert sorted(m.to[0] for m in mail.outbox) == ["lee@example.com", "sam@example.com"]
    issues = client.get("/projects/WEB/issues/")
    assert b"Acme is ready" in issues.content
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(("change", "field"), [
    ({"workspace_name": ""}, "workspace_name"),
    ({"workspace_name": "a\x00"}, "workspace_name"),
    ({"project_key": "1X"}, "project_key"),
    ({"project_name": ""}, "project_name"),
    ({"invitations": "sam@example.com, not-an-address"}, "invitations"),
    ({"invite_as": "owner"}, "invite_as"),
])
def test_a_setup_with_a_wrong_field_names_it_and_creates_nothing(charlie, change, field):
    response = browser_of(charlie).post("/setup/", SETUP | change)
    assert response.status_code == 422
    assert field in response.context["errors"], response.context["errors"]
    assert b'class="field-error"' in response.content
    assert not Workspace.objects.exists()
    assert not Project.objects.exists()
    assert not mail.outbox


def test_a_project_key_in_use_is_a_form_error_and_leaves_no_workspace_behind(charlie, web):
    response = browser_of(charlie).post("/setup/", SETUP)
    assert response.status_code == 422
    assert response.context["errors"] == {"project_key": "WEB is already used by another project"}
    assert not Workspace.objects.filter(members__user=charlie).exists()


def test_an_invitation_that_cannot_be_mailed_is_reported_and_the_workspace_stays(charlie, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nobody listens
    client = browser_of(charlie)
    response = client.post("/setup/", SETUP | {"invitations": "sam@example.com"}, follow=True)
    assert response.redirect_chain[-1][0] == "/projects/WEB/issues/"
    assert b"The invitation to sam@example.com could not be sent" in response.content
    assert Project.objects.filter(key="WEB").exists()


def test_someone_in_a_workspace_starts_another_from_the_same_page(alice, web):
    client = browser_of(alice)
    assert b"New workspace" in client.get("/setup/").content
    assert client.post("/setup/", SETUP | {"workspace_name": "Labs", "project_key": "LAB"}).status_code == 302
    assert sorted(Workspace.objects.filter(members__user=alice).values_list("slug", flat=True)) == ["acme", "labs"]


def test_the_workspace_page_adds_changes_removes_and_deactivates_people(alice, charlie, workspace):
    client = browser_of(alice)
    assert client.get("/workspace/")["Location"] == "/workspaces/acme/"
    page = "/workspaces/acme/"
    assert client.post(page, {"action": "add", "username": "charlie", "role": "guest"}).status_code == 302
    assert WorkspaceMember.objects.get(user=charlie).role == Role.GUEST
    assert client.post(page, {"action": "role", "username": "charlie", "role": "member"}).status_code == 302
    assert WorkspaceMember.objects.get(user=charlie).role == Role.MEMBER
    assert client.post(page, {"action": "deactivate", "username": "charlie"}).status_code == 302
    charlie.refresh_from_db()
    assert not charlie.is_active
    assert b"deactivated" in client.get(page).content
    assert client.post(page, {"action": "reactivate", "username": "charlie"}).status_code == 302
    charlie.refresh_from_db()
    assert charlie.is_active
    assert client.post(page, {"action": "remove", "username": "charlie"}).status_code == 302
    assert not WorkspaceMember.objects.filter(user=charlie).exists()
    assert client.post(page, {"action": "rename", "name": "Acme Corp"}).status_code == 302
    assert Workspace.objects.get(slug="acme").name == "Acme Corp"


def test_the_workspace_page_explains_a_refused_change(alice, bob, workspace):
    page = "/workspaces/acme/"
    unknown = browser_of(alice).post(page, {"action": "add", "username": "ghost", "role": "member"})
    assert (unknown.status_code, unknown.context["error"]) == (422, "username: no user ghost")
    last_admin = browser_of(alice).post(page, {"action": "remove", "username": "alice"})
    assert last_admin.context["error"] == "A workspace keeps at least one admin"
    by_member = browser_of(bob).post(page, {"action": "remove", "username": "alice"})
    assert by_member.status_code == 422
    assert "may not do this" in by_member.context["error"]
    assert WorkspaceMember.objects.filter(workspace=workspace).count() == 3


def test_only_admins_see_pending_invitations_and_people_controls(alice, gus, workspace):
    browser_of(alice).post("/workspaces/acme/", {"action": "invite", "email": "sam@example.com", "role": "member"})
    as_admin = browser_of(alice).get("/workspaces/acme/").content
    as_guest = browser_of(gus).get("/workspaces/acme/").content
    assert b"sam@example.com" in as_admin
    assert b"sam@example.com" not in as_guest
    assert b"Deactivate" in as_admin
    assert b"Deactivate" not in as_guest


def test_outsiders_get_no_workspace_page(charlie, workspace):
    assert browser_of(charlie).get("/workspaces/acme/").status_code == 404


def test_scripted_install_creates_a_workspace_and_adds_people(alice, bob):
    out = io.StringIO()
    call_command("createworkspace", "Acme Corp", "--owner", "alice", stdout=out)
    assert out.getvalue().strip() == "acme-corp"
    out = io.StringIO()
    call_command("addmember", "acme-corp", "bob", "--role", "manager", stdout=out)
    assert out.getvalue().strip() == "Added bob as manager of Acme Corp"
    assert WorkspaceMember.objects.get(user=bob).role == Role.MANAGER
    with pytest.raises(CommandError, match="No active user ghost"):
        call_command("createworkspace", "X", "--owner", "ghost")
    with pytest.raises(CommandError, match="No workspace nowhere"):
        call_command("addmember", "nowhere", "bob")
    with pytest.raises(CommandError, match="A workspace keeps at least one admin"):
        call_command("addmember", "acme-corp", "alice", "--role", "member")
