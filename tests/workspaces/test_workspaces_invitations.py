"""Invitations: sent by workspace admins, accepted once, by the person they name."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from cairn.accounts.models import User
from cairn.workspaces import services


def _invite(alice: Any, workspace: Any, email: str, role: str = "member") -> str:
    """The path of the link mailed for a new invitation."""
    services.invite(actor=alice, workspace=workspace, email=email, role=role, now=timezone.now())
    link = re.search(r"https?://\S+/invitations/\S+/", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    return "/" + link.group(0).split("/", 3)[3]


@pytest.mark.parametrize("field", ["username", "display_name"])
def test_joining_refuses_a_nul_character_in_a_name(client: Any, alice: Any, workspace: Any, field: str) -> None:
    path = _invite(alice, workspace, "dana@example.com")
    form = {"username": "dana", "display_name": "Dana", "password": "a long pass phrase",
            "password2": "a long pass phrase", field: "Da\x00na"}
    response = client.post(path, form)
    assert response.status_code == 422
    assert f"{field}: must not contain NUL characters" in response.content.decode()
    assert not User.objects.filter(email="dana@example.com").exists()


@pytest.mark.parametrize("who", ["bob", "gus"])
def test_only_admins_see_whom_the_workspace_invited(request: Any, client: Any, alice: Any, workspace: Any,
                                                    who: str) -> None:
    _invite(alice, workspace, "dana@example.com")
    client.force_login(request.getfixturevalue(who))
    page = client.get("/workspace/").content.decode()
    assert "dana@example.com" not in page
    assert "Invitations" not in page
    client.force_login(alice)
    assert "dana@example.com" in client.get("/workspace/").content.decode()
