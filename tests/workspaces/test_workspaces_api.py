"""Workspaces and their people through the API: a team can start from nothing, add the
people who already have accounts, change their roles, remove them and stop an account."""

from __future__ import annotations

from django.test import Client

from cairn.accounts.services import create_user
from cairn.workspaces.models import ProjectMember, Role, Workspace


def test_anyone_starts_a_workspace_named_by_its_slug_and_becomes_its_admin(api_as, charlie):
    api = api_as(charlie)
    created = api.post("/api/v1/workspaces", {"name": "Acme"})
    assert created.status_code == 201, created.content
    assert created.json() | {"created_at": None} == {
        "slug": "acme", "name": "Acme", "created_at": None, "your_role": "admin", "url": "/workspaces/acme/",
    }
    second = api.post("/api/v1/workspaces", {"name": "  Acme "}).json()
    assert (second["slug"], second["name"]) == ("acme-2", "Acme")
    assert api.post("/api/v1/workspaces", {"name": "Ünïcode Labs!"}).json()["slug"] == "unicode-labs"
    listed = api.get("/api/v1/workspaces").json()
    assert [w["slug"] for w in listed["items"]] == ["acme", "acme-2", "unicode-labs"]
    assert listed["total"] == 3
    assert api.get("/api/v1/workspaces/acme").json()["name"] == "Acme"


def test_a_workspace_name_is_checked_and_named_in_the_error(api_as, charlie):
    api = api_as(charlie)
    for body, field in (({"name": ""}, "name"), ({"name": "   "}, "name"), ({"name": "a\x00b"}, "name"),
                        ({"name": "x" * 121}, "name"), ({}, "name"), ({"name": "A", "slug": "a"}, "slug")):
        response = api.post("/api/v1/workspaces", body)
        assert response.status_code == 422, (body, response.content)
        assert field in response.json()["errors"], (body, response.json())
    assert not Workspace.objects.exists()


def test_the_list_of_workspaces_pages(api_as, charlie):
    api = api_as(charlie)
    for n in range(5):
        api.post("/api/v1/workspaces", {"name": f"Team {n}"})
    first = api.get("/api/v1/workspaces?limit=2").json()
    rest = api.get(f"/api/v1/workspaces?limit=10&cursor={first['next_cursor']}").json()
    assert first["total"] == 5
    assert [w["name"] for w in first["items"] + rest["items"]] == [f"Team {n}" for n in range(5)]
    assert rest["next_cursor"] is None


def test_outsiders_cannot_see_or_rename_a_workspace_and_only_its_admins_rename(api_as, alice, bob, charlie, workspace):
    assert api_as(charlie).get("/api/v1/workspaces/acme").status_code == 404
    assert api_as(charlie).patch("/api/v1/workspaces/acme", {"name": "Mine"}).status_code == 404
    assert api_as(charlie).get("/api/v1/workspaces").json()["items"] == []
    refused = api_as(bob).patch("/api/v1/workspaces/acme", {"name": "Bob's"})
    assert refused.status_code == 403
    renamed = api_as(alice).patch("/api/v1/workspaces/acme", {"name": "Acme Corp"})
    assert (renamed.status_code, renamed.json()["name"], renamed.json()["slug"]) == (200, "Acme Corp", "acme")
    assert api_as(alice).patch("/api/v1/workspaces/acme", {"name": ""}).json()["errors"] == {"name": "is required"}


def test_the_admin_adds_an_existing_account_changes_its_role_and_removes_it(api_as, alice, charlie, workspace):
    admin = api_as(alice)
    added = admin.put("/api/v1/workspaces/acme/members/charlie", {"role": "member"})
    assert added.status_code == 201, added.content
    assert added.json() == {"username": "charlie", "name": "Charlie", "email": "charlie@example.com",
                            "role": "member", "active": True}
    assert api_as(charlie).get("/api/v1/projects").status_code == 200
    changed = admin.put("/api/v1/workspaces/acme/members/CHARLIE", {"role": "manager"})
    assert (changed.status_code, changed.json()["role"]) == (200, "manager")
    members = admin.get("/api/v1/workspaces/acme/members").json()
    assert [(m["username"], m["role"]) for m in members["items"]] == [
        ("alice", "admin"), ("bob", "member"), ("charlie", "manager"), ("gus", "guest")]
    assert admin.delete("/api/v1/workspaces/acme/members/charlie").status_code == 204
    assert api_as(charlie).get("/api/v1/workspaces/acme").status_code == 404


def test_bad_member_changes_are_refused_by_name(api_as, alice, bob, workspace):
    admin = api_as(alice)
    assert admin.put("/api/v1/workspaces/acme/members/ghost", {"role": "member"}).json()["errors"] == {
        "user": "no user ghost"}
    assert "role" in admin.put("/api/v1/workspaces/acme/members/bob", {"role": "owner"}).json()["errors"]
    assert admin.delete("/api/v1/workspaces/acme/members/ghost").status_code == 404
    assert api_as(bob).put("/api/v1/workspaces/acme/members/bob", {"role": "admin"}).status_code == 403
    assert api_as(bob).delete("/api/v1/workspaces/acme/members/alice").status_code == 403


def test_a_workspace_keeps_at_least_one_admin(api_as, alice, workspace):
    admin = api_as(alice)
    demoted = admin.put("/api/v1/workspaces/acme/members/alice", {"role": "member"})
    assert (demoted.status_code, demoted.json()["errors"]) == (409, {"role": "is the last admin"})
    assert admin.delete("/api/v1/workspaces/acme/members/alice").status_code == 409
    assert admin.put("/api/v1/workspaces/acme/members/bob", {"role": "admin"}).status_code == 200
    assert admin.put("/api/v1/workspaces/acme/members/alice", {"role": "member"}).status_code == 200


def test_removing_someone_from_the_workspace_closes_its_private_projects_to_them(api_as, alice, bob, sec):
    admin = api_as(alice)
    assert admin.put("/api/v1/projects/SEC/members/bob", {"role": "member"}).status_code == 200
    assert api_as(bob).get("/api/v1/projects/SEC").status_code == 200
    assert admin.delete("/api/v1/workspaces/acme/members/bob").status_code == 204
    assert api_as(bob).get("/api/v1/projects/SEC").status_code == 404
    assert not ProjectMember.objects.filter(user=bob).exists()


def test_only_admins_see_members_e_mail_addresses(api_as, alice, gus, workspace):
    as_guest = api_as(gus).get("/api/v1/workspaces/acme/members").json()["items"]
    as_admin = api_as(alice).get("/api/v1/workspaces/acme/members").json()["items"]
    assert {m["email"] for m in as_guest} == {None}
    assert "bob@example.com" in {m["email"] for m in as_admin}


def test_a_deactivated_account_stops_at_once_and_keeps_its_history(api_as, alice, bob, issue):
    bob_api = api_as(bob)
    assert bob_api.post("/api/v1/issues/WEB-1/comments", {"body": "I was here"}).status_code == 201
    browser = Client()
    browser.force_login(bob)
    assert browser.get("/projects/").status_code == 200
    stopped = api_as(alice).put("/api/v1/workspaces/acme/members/bob/account", {"active": False})
    assert (stopped.status_code, stopped.json()["active"]) == (200, False)
    assert bob_api.get("/api/v1/projects").status_code == 401
    assert browser.get("/projects/").status_code == 302
    comments = api_as(alice).get("/api/v1/issues/WEB-1/comments").json()["items"]
    assert [c["author"] for c in comments] == ["bob"]
    assert api_as(alice).put("/api/v1/workspaces/acme/members/bob/account", {"active": True}).json()["active"]
    # Revoked tokens stay revoked; a new one works.
    assert bob_api.get("/api/v1/projects").status_code == 401
    assert api_as(bob).get("/api/v1/projects").status_code == 200


def test_who_may_deactivate_whom(api_as, alice, bob, charlie, workspace):
    admin = api_as(alice)
    assert admin.put("/api/v1/workspaces/acme/members/alice/account", {"active": False}).json()["errors"] == {
        "user": "you cannot deactivate yourself"}
    assert api_as(bob).put("/api/v1/workspaces/acme/members/gus/account", {"active": False}).status_code == 403
    assert admin.put("/api/v1/workspaces/acme/members/charlie/account", {"active": False}).status_code == 404
    # Bob is also in a workspace Alice does not administer: it is not hers to stop his account.
    other = api_as(charlie).post("/api/v1/workspaces", {"name": "Other"}).json()["slug"]
    assert api_as(charlie).put(f"/api/v1/workspaces/{other}/members/bob", {"role": "member"}).status_code == 201
    refused = admin.put("/api/v1/workspaces/acme/members/bob/account", {"active": False})
    assert refused.status_code == 403
    site_admin = create_user(username="root", email="root@example.com", password="correct horse battery staple",
                             is_superuser=True)
    Workspace.objects.get(slug="acme").members.create(user=site_admin, role=Role.ADMIN)
    assert api_as(site_admin).put("/api/v1/workspaces/acme/members/bob/account", {"active": False}).status_code == 200


def test_a_project_is_created_in_the_workspace_named_by_its_slug(api_as, alice, charlie, workspace):
    api = api_as(alice)
    assert api.post("/api/v1/workspaces", {"name": "Labs"}).status_code == 201
    ambiguous = api.post("/api/v1/projects", {"key": "LAB", "name": "Lab"})
    assert ambiguous.json()["errors"] == {"workspace": "you are in several workspaces: name one by its slug"}
    created = api.post("/api/v1/projects", {"key": "LAB", "name": "Lab", "workspace": "labs"})
    assert (created.status_code, created.json()["workspace"]) == (201, "labs")
    outsider = api_as(charlie).post("/api/v1/projects", {"key": "OUT", "name": "Out", "workspace": "labs"})
    assert outsider.json()["errors"] == {"workspace": "you are in no workspace labs"}
