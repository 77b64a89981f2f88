"""Two-factor login with TOTP: once Bob turns it on, his password alone is not enough."""

from __future__ import annotations

from typing import Any

from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.test import Client


def _code(secret: str) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def _log_in(client: Client, password: str) -> Any:
    return client.post("/accounts/login/", {"login": "bob", "password": password})


def test_bob_with_totp_needs_his_code_to_log_in(bob: Any, password: str) -> None:
    secret = generate_totp_secret()
    TOTP.activate(bob, secret)
    client = Client(HTTP_HOST="127.0.0.1")
    first = _log_in(client, password)
    assert first.status_code == 302 and first["Location"].startswith("/accounts/2fa/authenticate/")
    assert client.get("/account/").status_code == 302  # not logged in yet
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000" if _code(secret) != "000000" else "111111"})
    assert wrong.status_code == 200 and b"Incorrect code" in wrong.content
    right = client.post("/accounts/2fa/authenticate/", {"code": _code(secret)})
    assert right.status_code == 302
    assert client.get("/account/").status_code == 200


def test_bob_without_totp_logs_in_with_his_password(bob: Any, password: str) -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    assert _log_in(client, password)["Location"] == "/"
    assert client.get("/account/").status_code == 200


def test_a_wrong_password_is_refused_with_a_message(bob: Any) -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    response = _log_in(client, "not the password")
    assert response.status_code == 200
    assert b"not correct" in response.content or b"incorrect" in response.content.lower()
