"""Comments: Markdown rendered safe, @mentions that resolve to people who can work in
the project and make them watchers."""

from __future__ import annotations

from html.parser import HTMLParser

from cairn.accounts.services import create_user
from cairn.tracker.models import Comment, Issue
from cairn.workspaces.models import Role, WorkspaceMember


def comment(api, body, key="WEB-1"):
    response = api.post(f"/api/v1/issues/{key}/comments", {"body": body})
    assert response.status_code == 201, response.content
    return response.json()


def test_markdown_is_rendered(api_as, bob, issue):
    body = comment(api_as(bob), "**Bold** and `code`\n\n- one\n- two")
    assert "<strong>Bold</strong>" in body["body_html"]
    assert "<code>code</code>" in body["body_html"]
    assert "<li>one</li>" in body["body_html"]
    assert body["author"] == "bob" and body["edited_at"] is None


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    found: list[tuple[str, dict[str, str | None]]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Collector().feed(html)
    return found


def test_script_and_javascript_links_are_stripped(api_as, bob, issue):
    html = comment(api_as(bob), (
        "<script>alert(1)</script>\n\n[click](javascript:alert(2))\n\n"
        '<img src=x onerror="alert(3)">\n\n[ok](https://example.com)\n\n![i](javascript:alert(4))\n\n'
        '[x](JaVaScRiPt:alert(5)) [y](data:text/html,hi) <a href="javascript:x">a</a> '
        '<iframe src="https://evil.example"></iframe>'
    ))["body_html"]
    tags = tags_of(html)
    assert {tag for tag, _ in tags} == {"p", "a"}
    assert [attrs for tag, attrs in tags if tag == "a"] == [
        {"href": "https://example.com", "rel": "noopener noreferrer nofollow"}
    ]
    assert all(not name.startswith("on") for _, attrs in tags for name in attrs)


def test_mentions_resolve_to_people_and_make_them_watchers(api_as, alice, bob, issue):
    body = comment(api_as(bob), "@alice please look, and @nobody too")
    assert body["mentions"] == ["alice"]
    assert '<span class="mention">@alice</span>' in body["body_html"]
    assert "@nobody" in body["body_html"] and 'mention">@nobody' not in body["body_html"]
    watchers = set(Issue.objects.get(pk=issue.pk).watchers.values_list("username", flat=True))
    assert watchers == {"alice", "bob"}


def test_mentioning_an_outsider_or_a_guest_resolves_to_no_one(api_as, alice, bob, gus, charlie, issue):
    body = comment(api_as(bob), "@charlie and @gus, have a look")
    assert body["mentions"] == []
    assert "mention" not in body["body_html"]
    assert set(Issue.objects.get(pk=issue.pk).watchers.values_list("username", flat=True)) == {"alice", "bob"}


def test_a_mention_inside_code_is_not_a_mention_in_the_html(api_as, bob, issue):
    html = comment(api_as(bob), "`@alice`")["body_html"]
    assert "<code>@alice</code>" in html


def test_comments_list_in_order_with_pages(api_as, alice, bob, issue):
    api = api_as(bob)
    for n in range(3):
        comment(api, f"Comment {n}")
    first = api.get("/api/v1/issues/WEB-1/comments?limit=2").json()
    second = api.get(f"/api/v1/issues/WEB-1/comments?limit=2&cursor={first['next_cursor']}").json()
    assert [c["body"] for c in first["items"] + second["items"]] == ["Comment 0", "Comment 1", "Comment 2"]
    assert first["total"] == second["total"] == 3 and second["next_cursor"] is None


def test_the_author_edits_a_comment_and_new_mentions_resolve_and_watch(api_as, alice, bob, workspace, issue):
    dave = create_user(username="dave", email="dave@example.com", password="correct horse battery staple")
    WorkspaceMember.objects.create(workspace=workspace, user=dave, role=Role.MEMBER)
    api = api_as(bob)
    created = comment(api, "First draft")
    edited = api.patch(f"/api/v1/issues/WEB-1/comments/{created['id']}", {"body": "Now with @dave"})
    assert edited.status_code == 200
    body = edited.json()
    assert body["body"] == "Now with @dave" and body["edited_at"] is not None
    assert body["mentions"] == ["dave"]
    assert Comment.objects.get(pk=created["id"]).body_html == body["body_html"]
    watchers = set(Issue.objects.get(pk=issue.pk).watchers.values_list("username", flat=True))
    assert watchers == {"alice", "bob", "dave"}


def test_editing_a_comment_of_another_issue_is_404(api_as, alice, bob, issue, web):
    from django.utils import timezone

    from cairn.tracker import services

    services.create_issue(actor=alice, project=web, fields={"title": "Other"}, now=timezone.now())
    created = comment(api_as(bob), "On WEB-1")
    response = api_as(bob).patch(f"/api/v1/issues/WEB-2/comments/{created['id']}", {"body": "moved"})
    assert response.status_code == 404
