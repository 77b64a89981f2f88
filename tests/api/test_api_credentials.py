"""A script that sends a bad token is told to authenticate (401), never about CSRF; a
session keeps its CSRF check; a body over the limit is refused in the API's own words."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

WRITES = [
    ("post", "/api/v1/projects/WEB/issues"),
    ("patch", "/api/v1/issues/WEB-1"),
    ("put", "/api/v1/projects/WEB/members/bob"),
    ("delete", "/api/v1/projects/WEB/members/bob"),
]


def _send(client: Client, method: str, path: str, **headers: str) -> Any:
    return getattr(client, method)(path, data={"title": "x", "role": "member"}, content_type="application/json",
                                   headers=headers)


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_a_write_with_a_bad_token_is_told_to_authenticate(method: str, path: str, issue: Any) -> None:
    response = _send(Client(enforce_csrf_checks=True), method, path, Authorization="Bearer cairn_not-a-token")
    assert response.status_code == 401, response.content
    assert response.json()["message"].startswith("Authentication required")
    assert response.json()["errors"] == {}


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_a_write_with_no_credentials_is_told_to_authenticate(method: str, path: str, issue: Any) -> None:
    response = _send(Client(enforce_csrf_checks=True), method, path)
    assert response.status_code == 401, response.content


def test_a_session_write_without_its_csrf_token_is_still_refused(alice: Any, issue: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = _send(client, "patch", "/api/v1/issues/WEB-1")
    assert response.status_code == 403
    assert client.get("/api/v1/issues/WEB-1").json()["title"] == "First issue"


def test_a_bad_token_beside_a_good_session_is_not_taken_for_the_session(alice: Any, issue: Any) -> None:
    client = Client()
    client.force_login(alice)
    response = _send(client, "patch", "/api/v1/issues/WEB-1", Authorization="Bearer cairn_revoked")
    assert response.status_code == 401


def test_a_body_over_the_limit_is_refused_as_json(api_as: Any, alice: Any, issue: Any) -> None:
    too_big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = api_as(alice).patch("/api/v1/issues/WEB-1", {"description": too_big})
    assert response.status_code == 413, response.content[:200]
    body = response.json()
    assert "5 MB" in body["message"] and body["errors"] == {"request": "is larger than 5 MB"}
    assert api_as(alice).get("/api/v1/issues/WEB-1").json()["description"] == ""


def test_a_page_form_keeps_its_csrf_check(alice: Any, issue: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post("/projects/WEB/filters/", {"name": "Mine", "query": "assignee=me"})
    assert response.status_code == 403
