"""Configuring a project's tracker through the API: types, statuses, priorities, labels,
milestones and custom fields, added, listed and removed."""

from __future__ import annotations

from cairn.tracker.models import IssueType, Label


def test_a_new_project_starts_with_the_default_settings(api_as, alice, workspace):
    api = api_as(alice)
    created = api.post("/api/v1/projects", {"key": "new", "name": " New ", "visibility": "private"})
    assert created.status_code == 201, created.content
    assert {k: created.json()[k] for k in ("key", "name", "visibility", "workspace", "lead", "your_role")} == {
        "key": "NEW", "name": "New", "visibility": "private", "workspace": "acme", "lead": "alice", "your_role": "admin"}
    assert [t["name"] for t in api.get("/api/v1/projects/NEW/types").json()] == [
        "Task", "Bug", "Feature", "Epic", "Milestone", "Risk"]
    assert [(s["name"], s["category"]) for s in api.get("/api/v1/projects/NEW/statuses").json()] == [
        ("To do", "todo"), ("In progress", "in_progress"), ("In review", "in_progress"), ("Done", "done")]
    assert [p["name"] for p in api.get("/api/v1/projects/NEW/priorities").json()] == [
        "Highest", "High", "Medium", "Low", "Lowest"]
    assert api.get("/api/v1/projects/NEW/labels").json() == []
    assert api.post("/api/v1/projects/NEW/issues", {"title": "x"}).json()["priority"] == "Medium"


def test_alice_adds_one_setting_of_each_kind_and_lists_it(api_as, alice, web):
    api = api_as(alice)
    for kind, payload, shown in [
        ("types", {"name": "Spike", "color": "#123abc"}, {"name": "Spike", "color": "#123abc"}),
        ("statuses", {"name": "Blocked", "category": "in_progress"}, {"name": "Blocked", "category": "in_progress"}),
        ("priorities", {"name": "Urgent"}, {"name": "Urgent", "color": "#6b7280"}),
        ("labels", {"name": "ux"}, {"name": "ux", "color": "#2563eb"}),
        ("milestones", {"name": "Beta", "due_date": "2026-10-01"}, {"name": "Beta", "due_date": "2026-10-01", "closed": False}),
        ("custom-fields", {"name": "Size", "kind": "select", "options": [" S ", "M", "S"], "required": True},
         {"name": "Size", "kind": "select", "options": ["S", "M"], "required": True}),
    ]:
        response = api.post(f"/api/v1/projects/WEB/{kind}", payload)
        assert response.status_code == 201, (kind, response.content)
        assert {k: response.json()[k] for k in shown} == shown, kind
        assert response.json()["id"] in [row["id"] for row in api.get(f"/api/v1/projects/WEB/{kind}").json()]


def test_a_setting_no_issue_uses_can_be_removed(api_as, alice, web):
    api = api_as(alice)
    spike = api.post("/api/v1/projects/WEB/types", {"name": "Spike"}).json()
    assert api.delete(f"/api/v1/projects/WEB/types/{spike['id']}").status_code == 204
    assert not IssueType.objects.filter(pk=spike["id"]).exists()


def test_a_setting_issues_use_cannot_be_removed(api_as, alice, issue):
    api = api_as(alice)
    task = IssueType.objects.get(project=issue.project, name="Task")
    response = api.delete(f"/api/v1/projects/WEB/types/{task.pk}")
    assert response.status_code == 409 and "still used" in response.json()["message"]
    assert IssueType.objects.filter(pk=task.pk).exists()


def test_removing_a_label_takes_it_off_its_issues(api_as, alice, issue):
    api = api_as(alice)
    label = api.post("/api/v1/projects/WEB/labels", {"name": "ui"}).json()
    api.patch("/api/v1/issues/WEB-1", {"labels": ["ui"]})
    assert api.delete(f"/api/v1/projects/WEB/labels/{label['id']}").status_code == 204
    assert api.get("/api/v1/issues/WEB-1").json()["labels"] == []
    assert not Label.objects.exists()


def test_removing_a_setting_is_for_managers_and_only_within_the_project(api_as, alice, bob, web, sec):
    label = api_as(alice).post("/api/v1/projects/SEC/labels", {"name": "secret"}).json()
    assert api_as(bob).delete(f"/api/v1/projects/SEC/labels/{label['id']}").status_code == 404
    assert api_as(alice).delete(f"/api/v1/projects/WEB/labels/{label['id']}").status_code == 404
    assert api_as(alice).delete(f"/api/v1/projects/WEB/colours/{label['id']}").status_code == 404
    web_label = api_as(alice).post("/api/v1/projects/WEB/labels", {"name": "web"}).json()
    assert api_as(bob).delete(f"/api/v1/projects/WEB/labels/{web_label['id']}").status_code == 403
    assert Label.objects.count() == 2


def test_project_members_are_listed_and_managed(api_as, alice, bob, gus, web):
    api = api_as(alice)
    assert api.get("/api/v1/projects/WEB/members").json() == [{"username": "alice", "name": "Alice", "role": "admin"}]
    assert api.put("/api/v1/projects/WEB/members/BOB", {"role": "manager"}).json() == {
        "username": "bob", "name": "Bob", "role": "manager"}
    assert api_as(bob).post("/api/v1/projects/WEB/types", {"name": "Bob's"}).status_code == 201
    made_admin = api_as(bob).put("/api/v1/projects/WEB/members/gus", {"role": "admin"})
    assert made_admin.status_code == 422 and "role" in made_admin.json()["errors"]
    assert api.delete("/api/v1/projects/WEB/members/bob").status_code == 204
    assert [m["username"] for m in api.get("/api/v1/projects/WEB/members").json()] == ["alice"]


def test_alice_renames_and_closes_a_project(api_as, alice, bob, web):
    api = api_as(alice)
    patched = api.patch("/api/v1/projects/WEB", {"name": "Web site", "description": "The site", "visibility": "private"})
    assert patched.status_code == 200
    assert {k: patched.json()[k] for k in ("name", "description", "visibility")} == {
        "name": "Web site", "description": "The site", "visibility": "private"}
    assert api_as(bob).get("/api/v1/projects/WEB").status_code == 404
