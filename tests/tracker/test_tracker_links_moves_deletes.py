"""Issues that bear on each other (blocks, relates to, duplicates), an issue moved to
another project with its sub-tasks, an issue deleted with an audit trail, and an epic's
progress rolled up from its children."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone

from cairn.search.models import Document
from cairn.tracker import services as tracker
from cairn.tracker import setup
from cairn.tracker.models import AuditEntry, Issue, IssueLink


def new(actor, project, title, **fields):
    return tracker.create_issue(actor=actor, project=project, fields={"title": title, **fields}, now=timezone.now())


def test_a_link_reads_both_ways_and_is_in_both_histories(api_as, alice, bob, web):
    login, checkout = new(alice, web, "Login"), new(alice, web, "Checkout")
    api = api_as(bob)
    made = api.post(f"/api/v1/issues/{checkout.key}/links", {"kind": "is_blocked_by", "issue": login.key})
    assert made.status_code == 201, made.content
    assert made.json() | {"id": 0} == {"id": 0, "kind": "is_blocked_by", "label": "is blocked by", "issue": "WEB-1",
                                       "title": "Login", "status": "To do", "url": "/issues/WEB-1/"}
    assert [(x["kind"], x["issue"]) for x in api.get("/api/v1/issues/WEB-1/links").json()] == [("blocks", "WEB-2")]
    assert [(x["kind"], x["issue"]) for x in api.get("/api/v1/issues/WEB-2/links").json()] == [("is_blocked_by", "WEB-1")]
    stored = IssueLink.objects.get()
    assert (stored.source, stored.target, stored.kind) == (login, checkout, "blocks")
    history = {key: [(c["field"], c["new_value"]) for c in api.get(f"/api/v1/issues/{key}/history").json()["items"]]
               for key in ("WEB-1", "WEB-2")}
    assert ("link", "blocks WEB-2") in history["WEB-1"]
    assert ("link", "is blocked by WEB-1") in history["WEB-2"]
    assert api.delete(f"/api/v1/issues/WEB-1/links/{stored.pk}").status_code == 204
    assert api.get("/api/v1/issues/WEB-2/links").json() == []


def test_bad_links_are_refused_by_name(api_as, alice, gus, web, sec):
    one, two = new(alice, web, "One"), new(alice, web, "Two")
    secret = new(alice, sec, "Hidden")
    api = api_as(alice)
    assert api.post("/api/v1/issues/WEB-1/links", {"kind": "causes", "issue": "WEB-2"}).json()["errors"].keys() == {"kind"}
    assert api.post("/api/v1/issues/WEB-1/links", {"kind": "relates", "issue": "WEB-1"}).json()["errors"] == {
        "issue": "an issue cannot be linked to itself"}
    assert api.post("/api/v1/issues/WEB-1/links", {"kind": "relates", "issue": "WEB-99"}).json()["errors"] == {
        "issue": "no issue WEB-99 that you can see"}
    assert api.post("/api/v1/issues/WEB-1/links", {"kind": "relates", "issue": "WEB-2"}).status_code == 201
    again = api.post("/api/v1/issues/WEB-1/links", {"kind": "relates", "issue": "WEB-2"})
    assert (again.status_code, again.json()["errors"]) == (409, {"issue": "already linked"})
    assert api_as(gus).post("/api/v1/issues/WEB-1/links", {"kind": "relates", "issue": "WEB-2"}).status_code == 403
    # Bob cannot see SEC: he cannot link to it, and a link from it is hidden from him.
    assert api.post(f"/api/v1/issues/{secret.key}/links", {"kind": "relates", "issue": one.key}).status_code == 201
    assert api_as(_bob(web)).get(f"/api/v1/issues/{one.key}/links").json() == [
        {"id": IssueLink.objects.filter(source=one).get().pk, "kind": "relates", "label": "relates to",
         "issue": two.key, "title": "Two", "status": "To do", "url": "/issues/WEB-2/"}]
    assert api_as(_bob(web)).post(f"/api/v1/issues/{one.key}/links",
                                  {"kind": "relates", "issue": secret.key}).json()["errors"] == {
        "issue": f"no issue {secret.key} that you can see"}


def _bob(web):
    from cairn.accounts.models import User

    return User.objects.get(username="bob")


def test_an_issue_moves_with_its_sub_tasks_and_keeps_answering_to_its_old_key(api_as, alice, bob, web, workspace):
    mob = setup.create_project(actor=alice, workspace=workspace, key="MOB", name="Mobile", now=timezone.now())
    setup.add_label(actor=alice, project=web, name="ui")
    setup.add_label(actor=alice, project=mob, name="UI")
    setup.add_label(actor=alice, project=web, name="web-only")
    new(alice, mob, "Already there")
    epic = new(alice, web, "Redesign", status="In review", priority="High", assignee="bob", labels=["ui", "web-only"])
    child = new(alice, web, "Colours", parent=epic.key)
    api = api_as(alice)
    moved = api.post(f"/api/v1/issues/{epic.key}/move", {"project": "mob"})
    assert moved.status_code == 200, moved.content
    body = moved.json()
    assert (body["key"], body["status"], body["priority"], body["assignee"], body["labels"]) == (
        "MOB-2", "In review", "High", "bob", ["UI"])
    assert api.get("/api/v1/issues/WEB-1").json()["key"] == "MOB-2"
    child.refresh_from_db()
    assert (child.key, child.parent.key) == ("MOB-3", "MOB-2")
    history = [(c["field"], c["old_value"], c["new_value"]) for c in api.get("/api/v1/issues/MOB-2/history").json()["items"]]
    assert ("project", "WEB-1", "MOB-2") in history
    client = Client()
    client.force_login(bob)
    assert client.get("/issues/WEB-2/")["Location"] == "/issues/MOB-3/"
    assert api.get("/api/v1/projects/MOB/issues?text=Colours").json()["total"] == 1
    assert api.get("/api/v1/projects/WEB/issues?text=Colours").json()["total"] == 0
    audit = api.get("/api/v1/projects/WEB/audit").json()["items"]
    assert [(a["action"], a["details"]["moved"]) for a in audit] == [("issue.moved", {"WEB-1": "MOB-2", "WEB-2": "MOB-3"})]


def test_a_move_needs_rights_in_both_projects_and_a_real_target(api_as, alice, bob, gus, web, sec):
    issue = new(alice, web, "Stay")
    assert api_as(bob).post(f"/api/v1/issues/{issue.key}/move", {"project": "SEC"}).json()["errors"] == {
        "project": "no project SEC you can add issues to"}
    assert api_as(gus).post(f"/api/v1/issues/{issue.key}/move", {"project": "SEC"}).status_code in (403, 422)
    assert api_as(alice).post(f"/api/v1/issues/{issue.key}/move", {"project": "WEB"}).json()["errors"] == {
        "project": "WEB-1 is already in WEB"}
    assert Issue.objects.get(pk=issue.pk).key == "WEB-1"


def test_only_managers_delete_an_issue_and_the_audit_log_keeps_a_copy(api_as, alice, bob, web):
    issue = new(alice, web, "Spam", description="buy now")
    api_as(bob).post(f"/api/v1/issues/{issue.key}/comments", {"body": "this is spam"})
    assert api_as(bob).delete(f"/api/v1/issues/{issue.key}").status_code == 403
    stale = api_as(alice).delete(f"/api/v1/issues/{issue.key}", headers={"If-Match": f'"{issue.pk}.0"'})
    assert stale.status_code == 412
    assert api_as(alice).delete(f"/api/v1/issues/{issue.key}").status_code == 204
    assert api_as(alice).get(f"/api/v1/issues/{issue.key}").status_code == 404
    assert not Document.objects.filter(object_id=issue.pk).exists()
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.subject, entry.actor) == ("issue.deleted", "WEB-1 Spam", alice)
    assert entry.details["description"] == "buy now"
    assert entry.details["comments"][0]["body"] == "this is spam"
    assert api_as(bob).get("/api/v1/projects/WEB/audit").status_code == 403
    # The next issue does not reuse the deleted key.
    assert new(alice, web, "Next").key == "WEB-2"


def test_an_issue_with_sub_tasks_is_not_deleted_by_accident(api_as, alice, web):
    parent = new(alice, web, "Parent")
    new(alice, web, "Child", parent=parent.key)
    refused = api_as(alice).delete(f"/api/v1/issues/{parent.key}")
    assert (refused.status_code, refused.json()["message"]) == (409, "WEB-1 has 1 sub-task: delete or move them first")
    assert Issue.objects.count() == 2


def test_an_epic_rolls_up_its_childrens_progress(api_as, alice, web):
    epic = new(alice, web, "Epic", type="Epic")
    api = api_as(alice)
    assert api.get(f"/api/v1/issues/{epic.key}/progress").status_code == 204
    for title, status, points in (("a", "Done", "5"), ("b", "In progress", "3"), ("c", "To do", "2")):
        new(alice, web, title, parent=epic.key, status=status, story_points=points)
    assert api.get(f"/api/v1/issues/{epic.key}/progress").json() == {
        "done": 1, "total": 3, "points_done": "5.0", "points_total": "10.0", "percent": 50}
    client = Client()
    client.force_login(alice)
    page = client.get(f"/issues/{epic.key}/").content.decode()
    assert "1 of 3 done" in page and 'aria-valuenow="50"' in page
