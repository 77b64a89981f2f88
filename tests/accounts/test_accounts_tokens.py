"""Personal access tokens: the only way a script gets in. Shown once, kept only as a
hash, and useless from the moment they are revoked."""

from __future__ import annotations

import hashlib

import pytest
from django.db import connection
from django.utils import timezone

from cairn.accounts.models import PersonalAccessToken
from cairn.accounts.services import issue_token

ENDPOINTS = [
    ("get", "/api/v1/me"),
    ("get", "/api/v1/me/tokens"),
    ("post", "/api/v1/me/tokens"),
    ("get", "/api/v1/projects"),
    ("post", "/api/v1/projects"),
    ("get", "/api/v1/projects/WEB/issues"),
    ("post", "/api/v1/projects/WEB/issues"),
    ("get", "/api/v1/issues/WEB-1"),
    ("patch", "/api/v1/issues/WEB-1"),
    ("post", "/api/v1/issues/WEB-1/comments"),
    ("get", "/api/v1/issues/WEB-1/history"),
    ("get", "/api/v1/projects/WEB/labels"),
]


def _bearer(api, secret):
    api.headers["Authorization"] = f"Bearer {secret}"
    return api


@pytest.mark.parametrize("authorization", [None, "Bearer", "Bearer nonsense", "Bearer cairn_forged", "Basic YWxpY2U6eA=="])
def test_it_answers_401_without_a_working_token(api_as, issue, authorization):
    api = api_as(None)
    if authorization is not None:
        api.headers["Authorization"] = authorization
    for method, path in ENDPOINTS:
        response = getattr(api, method)(path, json={"title": "x"} if method != "get" else None)
        assert response.status_code == 401, (method, path, response.content)
        assert response.json()["message"].startswith("Authentication required")
    assert issue.__class__.objects.get(pk=issue.pk).title == "First issue"


def test_me_says_who_you_are(api_as, bob, workspace):
    assert api_as(bob).get("/api/v1/me").json() == {
        "username": "bob", "name": "Bob", "email": "bob@example.com", "time_zone": "UTC", "workspaces": ["acme"],
    }


def test_charlie_is_someone_in_no_workspace(api_as, charlie, workspace):
    assert api_as(charlie).get("/api/v1/me").json()["workspaces"] == []


def test_a_new_token_is_shown_once_and_works(api_as, bob, workspace):
    created = api_as(bob).post("/api/v1/me/tokens", {"name": "  laptop  "})
    assert created.status_code == 201
    body = created.json()
    assert body["name"] == "laptop" and body["revoked_at"] is None
    assert body["token"].startswith("cairn_") and body["token"].startswith(body["prefix"])
    fresh = _bearer(api_as(None), body["token"])
    assert fresh.get("/api/v1/me").json()["username"] == "bob"
    listed = api_as(bob).get("/api/v1/me/tokens").json()
    assert {t["name"] for t in listed} == {"laptop", "tests"}
    assert all("token" not in t for t in listed)
    assert next(t for t in listed if t["name"] == "laptop")["last_used_at"] is not None


def test_the_secret_is_kept_only_as_a_hash(bob):
    token, secret = issue_token(user=bob, name="ci", now=timezone.now())
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_personalaccesstoken WHERE id = %s", [token.pk])
        row = cursor.fetchone()
    assert row is not None
    assert not any(secret in str(column) for column in row)
    assert not any(secret[len("cairn_") + 4 :] in str(column) for column in row)


def test_a_revoked_token_stops_working_at_once(api_as, bob, workspace):
    api = api_as(bob)
    created = api.post("/api/v1/me/tokens", {"name": "script"}).json()
    script = _bearer(api_as(None), created["token"])
    assert script.get("/api/v1/projects").status_code == 200
    revoked = api.delete(f"/api/v1/me/tokens/{created['id']}")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"] is not None
    assert script.get("/api/v1/projects").status_code == 401
    assert script.post("/api/v1/projects/WEB/issues", {"title": "late"}).status_code == 401
    assert api.get("/api/v1/me").status_code == 200  # the other token lives on


def test_a_token_can_revoke_itself(api_as, bob, workspace):
    api = api_as(bob)
    own = PersonalAccessToken.objects.get(user=bob)
    assert api.delete(f"/api/v1/me/tokens/{own.pk}").status_code == 200
    assert api.get("/api/v1/me").status_code == 401


def test_bob_cannot_see_or_revoke_alices_tokens(api_as, alice, bob, workspace):
    alices, _ = issue_token(user=alice, name="alice's", now=timezone.now())
    api = api_as(bob)
    assert "alice's" not in {t["name"] for t in api.get("/api/v1/me/tokens").json()}
    assert api.delete(f"/api/v1/me/tokens/{alices.pk}").status_code == 404
    assert PersonalAccessToken.objects.get(pk=alices.pk).revoked_at is None


def test_a_deactivated_users_tokens_stop_working(api_as, bob, workspace):
    api = api_as(bob)
    bob.is_active = False
    bob.save(update_fields=["is_active"])
    assert api.get("/api/v1/me").status_code == 401
