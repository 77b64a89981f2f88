"""Who sees and does what through the API. A private project is invisible to those
outside it: everything under it answers 404 exactly as a project that does not exist."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cairn.tracker import attachments, comments, services
from cairn.tracker.models import Change, Comment, Issue
from cairn.workspaces import policy


@pytest.fixture
def secret_issue(alice, sec, settings, tmp_path) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    now = timezone.now()
    issue = services.create_issue(actor=alice, project=sec, fields={"title": "Secret plan"}, now=now)
    comments.add_comment(actor=alice, issue=issue, body="Hush", now=now)
    upload = SimpleUploadedFile("plan.txt", b"the plan", content_type="text/plain")
    attachment = attachments.add_attachment(actor=alice, issue=issue, upload=upload, now=now)
    return {"attachment": attachment.pk}


SEC_READS = [
    "/api/v1/projects/SEC",
    "/api/v1/projects/SEC/issues",
    "/api/v1/projects/SEC/issues?text=Secret",
    "/api/v1/projects/SEC/members",
    "/api/v1/projects/SEC/labels",
    "/api/v1/projects/SEC/custom-fields",
    "/api/v1/issues/SEC-1",
    "/api/v1/issues/SEC-1/comments",
    "/api/v1/issues/SEC-1/attachments",
    "/api/v1/issues/SEC-1/attachments/{attachment}/content",
    "/api/v1/issues/SEC-1/history",
]
SEC_WRITES = [
    ("post", "/api/v1/projects/SEC/issues", {"title": "Peek"}),
    ("post", "/api/v1/projects/SEC/issues/bulk", {"issues": ["SEC-1"], "set": {"status": "Done"}}),
    ("patch", "/api/v1/projects/SEC", {"name": "Mine now"}),
    ("put", "/api/v1/projects/SEC/members/bob", {"role": "admin"}),
    ("post", "/api/v1/projects/SEC/labels", {"name": "peek"}),
    ("patch", "/api/v1/issues/SEC-1", {"title": "Peek"}),
    ("post", "/api/v1/issues/SEC-1/comments", {"body": "Peek"}),
    ("patch", "/api/v1/issues/SEC-1/comments/1", {"body": "Peek"}),
    ("post", "/api/v1/issues/SEC-1/watch", None),
    ("delete", "/api/v1/issues/SEC-1/attachments/{attachment}", None),
]


@pytest.mark.parametrize("who", ["bob", "gus", "charlie"])
def test_a_private_project_answers_404_to_everyone_outside_it(request, api_as, secret_issue, who):
    api = api_as(request.getfixturevalue(who))
    for path in SEC_READS:
        response = api.get(path.format(**secret_issue))
        assert response.status_code == 404, (path, response.content)
        assert set(response.json()) == {"message", "errors"}
        assert "Secret" not in response.content.decode() and "Hush" not in response.content.decode()


@pytest.mark.parametrize("who", ["bob", "gus", "charlie"])
def test_writes_to_a_private_project_answer_404_and_change_nothing(request, api_as, secret_issue, who):
    api = api_as(request.getfixturevalue(who))
    changes, comment_count = Change.objects.count(), Comment.objects.count()
    for method, path, payload in SEC_WRITES:
        response = getattr(api, method)(path.format(**secret_issue), json=payload)
        assert response.status_code == 404, (method, path, response.content)
    assert (Change.objects.count(), Comment.objects.count()) == (changes, comment_count)
    assert Issue.objects.get(project__key="SEC").title == "Secret plan"
    assert list(Issue.objects.get(project__key="SEC").watchers.values_list("username", flat=True)) == ["alice"]


def test_a_hidden_project_reads_exactly_like_one_that_does_not_exist(api_as, bob, secret_issue):
    api = api_as(bob)
    hidden, missing = api.get("/api/v1/issues/SEC-1"), api.get("/api/v1/issues/SEC-2")
    assert (hidden.status_code, hidden.json()) == (missing.status_code, {**missing.json(), "message": "No issue SEC-1"})


@pytest.mark.parametrize(
    ("who", "keys"),
    [("alice", ["SEC", "WEB"]), ("bob", ["WEB"]), ("gus", ["WEB"]), ("charlie", [])],
)
def test_the_project_list_shows_only_what_you_may_see_and_counts_only_that(request, api_as, web, secret_issue, who, keys):
    body = api_as(request.getfixturevalue(who)).get("/api/v1/projects").json()
    assert [p["key"] for p in body["items"]] == keys
    assert body["total"] == len(keys)
    assert body["next_cursor"] is None


def test_the_project_list_total_ignores_hidden_projects_across_pages(api_as, alice, bob, workspace, secret_issue):
    from cairn.tracker.setup import create_project

    for key in ("AAA", "BBB", "CCC"):
        create_project(actor=alice, workspace=workspace, key=key, name=key, now=timezone.now())
    api = api_as(bob)
    first = api.get("/api/v1/projects?limit=2").json()
    second = api.get(f"/api/v1/projects?limit=2&cursor={first['next_cursor']}").json()
    assert [p["key"] for p in first["items"] + second["items"]] == ["AAA", "BBB", "CCC"]
    assert first["total"] == second["total"] == 3
    assert second["next_cursor"] is None


def test_issue_search_never_reaches_into_a_private_project(api_as, alice, bob, web, secret_issue):
    services.create_issue(actor=alice, project=web, fields={"title": "Public plan"}, now=timezone.now())
    api = api_as(bob)
    for query in ("text=plan", "text=Secret", "text=SEC-1", "text=Hush", ""):
        body = api.get(f"/api/v1/projects/WEB/issues?{query}").json()
        assert all(item["project"] == "WEB" for item in body["items"]), query
        assert "SEC-1" not in {item["key"] for item in body["items"]}
    assert api.get("/api/v1/projects/WEB/issues?text=plan").json()["total"] == 1


def test_charlie_sees_nothing_of_a_workspace_he_is_not_in(api_as, charlie, issue):
    api = api_as(charlie)
    for path in ("/api/v1/projects/WEB", "/api/v1/projects/WEB/issues", "/api/v1/issues/WEB-1",
                 "/api/v1/issues/WEB-1/comments", "/api/v1/issues/WEB-1/history"):
        assert api.get(path).status_code == 404, path
    assert api.post("/api/v1/projects/WEB/issues", {"title": "Hi"}).status_code == 404
    assert api.post("/api/v1/projects", {"key": "CHA", "name": "Mine", "workspace": "acme"}).json()["errors"] == {
        "workspace": "you are in no workspace acme"
    }
    assert "you are in no workspace yet" in api.post("/api/v1/projects", {"key": "CHA", "name": "Mine"}).json()["errors"]["workspace"]


def test_a_private_project_opens_to_those_made_members_and_closes_again(api_as, alice, bob, web, secret_issue):
    admin, api = api_as(alice), api_as(bob)
    assert admin.put("/api/v1/projects/SEC/members/bob", {"role": "member"}).json()["role"] == "member"
    assert api.get("/api/v1/issues/SEC-1").status_code == 200
    assert [p["key"] for p in api.get("/api/v1/projects").json()["items"]] == ["SEC", "WEB"]
    assert admin.delete("/api/v1/projects/SEC/members/bob").status_code == 204
    assert api.get("/api/v1/issues/SEC-1").status_code == 404
    assert [p["key"] for p in api.get("/api/v1/projects").json()["items"]] == ["WEB"]


GUEST_WRITES = [
    ("post", "/api/v1/projects/WEB/issues", {"title": "From a guest"}),
    ("patch", "/api/v1/issues/WEB-1", {"title": "Guest was here"}),
    ("post", "/api/v1/projects/WEB/issues/bulk", {"issues": ["WEB-1"], "set": {"status": "Done"}}),
    ("post", "/api/v1/issues/WEB-1/comments", {"body": "Me too"}),
    ("patch", "/api/v1/issues/WEB-1/comments/{comment}", {"body": "Edited by a guest"}),
    ("post", "/api/v1/projects/WEB/labels", {"name": "guest"}),
    ("post", "/api/v1/projects/WEB/types", {"name": "Guest"}),
    ("patch", "/api/v1/projects/WEB", {"name": "Guest's"}),
    ("put", "/api/v1/projects/WEB/members/gus", {"role": "admin"}),
    ("post", "/api/v1/projects", {"key": "GUS", "name": "Guest's"}),
]


def test_gus_the_guest_reads_everything_in_web(api_as, alice, gus, issue):
    comments.add_comment(actor=alice, issue=issue, body="Welcome", now=timezone.now())
    api = api_as(gus)
    assert api.get("/api/v1/issues/WEB-1").json()["title"] == "First issue"
    assert api.get("/api/v1/projects/WEB/issues").json()["total"] == 1
    assert [c["body"] for c in api.get("/api/v1/issues/WEB-1/comments").json()["items"]] == ["Welcome"]
    assert api.get("/api/v1/issues/WEB-1/history").json()["total"] == 1
    assert api.get("/api/v1/projects/WEB").json()["your_role"] == "guest"


def test_gus_the_guest_may_not_create_edit_or_comment(api_as, alice, gus, issue):
    comment = comments.add_comment(actor=alice, issue=issue, body="Welcome", now=timezone.now())
    api = api_as(gus)
    before = (Issue.objects.count(), Change.objects.count(), Comment.objects.count())
    for method, path, payload in GUEST_WRITES:
        response = getattr(api, method)(path.format(comment=comment.pk), json=payload)
        assert response.status_code == 403, (method, path, response.content)
        assert response.json()["message"]
    assert (Issue.objects.count(), Change.objects.count(), Comment.objects.count()) == before
    upload = api.client.post("/api/v1/issues/WEB-1/attachments", headers=api.headers,
                             data={"file": SimpleUploadedFile("a.txt", b"x")})
    assert upload.status_code == 403
    assert Issue.objects.get(pk=issue.pk).title == "First issue"


def test_bob_the_member_edits_issues_but_not_the_project_settings(api_as, alice, bob, issue):
    api = api_as(bob)
    assert api.post("/api/v1/projects/WEB/issues", {"title": "By Bob"}).status_code == 201
    assert api.post("/api/v1/projects/WEB/labels", {"name": "bob"}).status_code == 201
    for method, path, payload in [
        ("post", "/api/v1/projects/WEB/types", {"name": "Bobs"}),
        ("post", "/api/v1/projects/WEB/statuses", {"name": "Bobs", "category": "todo"}),
        ("patch", "/api/v1/projects/WEB", {"name": "Bob's"}),
        ("put", "/api/v1/projects/WEB/members/gus", {"role": "member"}),
        ("delete", "/api/v1/projects/WEB/members/alice", None),
        ("post", "/api/v1/projects", {"key": "BOB", "name": "Bob's"}),
    ]:
        assert getattr(api, method)(path, json=payload).status_code == 403, (method, path)


def test_bob_may_not_edit_alices_comment(api_as, alice, bob, issue):
    comment = comments.add_comment(actor=alice, issue=issue, body="Mine", now=timezone.now())
    response = api_as(bob).patch(f"/api/v1/issues/WEB-1/comments/{comment.pk}", {"body": "Ours"})
    assert response.status_code == 403
    assert Comment.objects.get(pk=comment.pk).body == "Mine"


def test_the_projects_where_someone_may_act_agree_with_can(alice, bob, gus, charlie, web, sec, workspace):
    from django.utils import timezone

    from cairn.tracker.setup import create_project
    from cairn.workspaces.models import Project, ProjectMember, Role, Visibility

    side = create_project(actor=alice, workspace=workspace, key="SIDE", name="Side", now=timezone.now())
    hidden = create_project(actor=alice, workspace=workspace, key="HID", name="Hidden",
                            visibility=Visibility.PRIVATE, now=timezone.now())
    ProjectMember.objects.create(project=side, user=bob, role=Role.GUEST)  # a project role wins
    ProjectMember.objects.create(project=hidden, user=gus, role=Role.MEMBER)
    for user in (alice, bob, gus, charlie):
        policy.forget_roles(user)
        for action in policy.Action:
            expected = {p.key for p in Project.objects.all() if policy.can(user, action, p)}
            assert {p.key for p in policy.projects_where(user, action)} == expected, (user, action)
