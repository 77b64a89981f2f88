"""Full-text search over issues: title, description and comments, whole words and
prefixes, never beyond what the reader may see."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from cairn.search.models import Document
from cairn.tracker import comments, services
from cairn.tracker.indexing import rebuild


def _keys(api: Any, text: str, project: str = "WEB") -> set[str]:
    response = api.get(f"/api/v1/projects/{project}/issues", data={"text": text})
    assert response.status_code == 200, response.content
    return {i["key"] for i in response.json()["items"]}


def test_words_in_titles_descriptions_and_comments_are_found(api_as: Any, alice: Any, web: Any) -> None:
    now = timezone.now()
    a = services.create_issue(actor=alice, project=web, fields={"title": "Checkout times out"}, now=now)
    b = services.create_issue(actor=alice, project=web, now=now,
                              fields={"title": "Slow page", "description": "The payment provider answers slowly"})
    c = services.create_issue(actor=alice, project=web, fields={"title": "Unrelated"}, now=now)
    comments.add_comment(actor=alice, issue=c, body="Seen during checkout on Safari", now=now)
    api = api_as(alice)
    assert _keys(api, "checkout") == {a.key, c.key}
    assert _keys(api, "pay") == {b.key}  # a prefix
    assert _keys(api, "checkout safari") == {c.key}  # every word
    assert _keys(api, "nothing-like-this") == set()
    assert _keys(api, a.key) == {a.key}


def test_an_edited_title_is_searched_by_its_new_words(api_as: Any, alice: Any, issue: Any) -> None:
    services.update_issue(actor=alice, issue=issue, fields={"title": "Renamed to flamingo"}, now=timezone.now())
    assert _keys(api_as(alice), "flamingo") == {issue.key}
    assert _keys(api_as(alice), "first") == set()


def test_charlie_finds_nothing_of_a_private_project(client: Any, alice: Any, charlie: Any, sec: Any) -> None:
    services.create_issue(actor=alice, project=sec, fields={"title": "Secret flamingo"}, now=timezone.now())
    client.force_login(charlie)
    page = client.get("/search/", {"q": "flamingo"}, HTTP_HOST="127.0.0.1")
    assert page.status_code == 200 and b"Secret flamingo" not in page.content
    client.force_login(alice)
    assert b"Secret flamingo" in client.get("/search/", {"q": "flamingo"}, HTTP_HOST="127.0.0.1").content


def test_quotes_and_operators_in_the_query_are_just_words(api_as: Any, alice: Any, issue: Any) -> None:
    for text in ('"first', "first OR", "NEAR(first)", "first*", "-first", "fir:st", "'; DROP TABLE x; --"):
        assert _keys(api_as(alice), text) <= {issue.key}, text


def test_rebuilding_the_index_restores_lost_documents(api_as: Any, alice: Any, issue: Any) -> None:
    Document.objects.all().delete()
    assert _keys(api_as(alice), "first") == set()
    assert rebuild() == 1
    assert _keys(api_as(alice), "first") == {issue.key}


def test_a_key_finds_no_issue_of_a_project_the_reader_cannot_see(
    client: Any, api_as: Any, alice: Any, bob: Any, charlie: Any, web: Any, sec: Any
) -> None:
    secret = services.create_issue(actor=alice, project=sec, fields={"title": "Secret flamingo"}, now=timezone.now())
    for who in (charlie, bob):  # in no workspace; in the workspace but not in SEC
        client.force_login(who)
        page = client.get("/search/", {"q": secret.key}, HTTP_HOST="127.0.0.1")
        assert page.status_code == 200 and b"Secret flamingo" not in page.content, who
        page = client.get("/search/", {"q": secret.key.lower()}, HTTP_HOST="127.0.0.1")
        assert b"Secret flamingo" not in page.content, who
        assert api_as(who).get(f"/api/v1/projects/SEC/issues?text={secret.key}").status_code == 404
    assert _keys(api_as(bob), secret.key) == set()  # in a project bob may see
    client.force_login(alice)
    assert client.get("/search/", {"q": secret.key}, HTTP_HOST="127.0.0.1")["Location"] == f"/issues/{secret.key}/"
    assert _keys(api_as(alice), secret.key, "SEC") == {secret.key}


def test_a_key_with_a_digit_of_another_script_is_just_text(client: Any, alice: Any, issue: Any) -> None:
    client.force_login(alice)
    page = client.get("/search/", {"q": "WEB-\u00b2"}, HTTP_HOST="127.0.0.1")
    assert page.status_code == 200
