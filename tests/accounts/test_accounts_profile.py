"""The profile form refuses what it cannot store faithfully, naming the field, and keeps
the profile as it was."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.parametrize(("field", "value"), [("display_name", "Bo\x00b"), ("email", "bob\x00@example.com")])
def test_the_profile_form_refuses_a_nul_character(client: Any, bob: Any, field: str, value: str) -> None:
    client.force_login(bob)
    form = {"action": "profile", "display_name": "Bob", "email": "bob@example.com", "time_zone": "UTC", field: value}
    response = client.post("/account/", form)
    assert response.status_code == 422
    assert f"{field}: must not contain NUL characters" in response.content.decode()
    bob.refresh_from_db()
    assert (bob.display_name, bob.email) == ("Bob", "bob@example.com")


def test_the_profile_form_saves_a_plain_name(client: Any, bob: Any) -> None:
    client.force_login(bob)
    response = client.post("/account/", {"action": "profile", "display_name": "Robert", "email": "bob@example.com",
                                         "time_zone": "Europe/Paris"})
    assert response.status_code == 302
    bob.refresh_from_db()
    assert (bob.display_name, bob.time_zone) == ("Robert", "Europe/Paris")
