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
    page = client.get("/workspace/", follow=True).content.decode()
    assert "dana@example.com" not in page
    assert "Invitations" not in page
    client.force_login(alice)
    assert "dana@example.com" in client.get("/workspace/", follow=True).content.decode()


@pytest.fixture
def beta(alice: Any) -> Any:
    """A second workspace of Alice's, where Bob is not yet."""
    return services.create_workspace(owner=alice, name="Beta", now=timezone.now())


def test_an_invitation_to_an_existing_account_asks_to_log_in_and_makes_no_second_one(
        client: Any, alice: Any, bob: Any, beta: Any, password: str) -> None:
    path = _invite(alice, beta, "BOB@Example.com")
    page = client.get(path).content.decode()
    assert f'href="/accounts/login/?next={path}"' in page
    assert 'name="password2"' not in page
    form = {"username": "bob2", "display_name": "Bob", "password": "a long pass phrase",
            "password2": "a long pass phrase"}
    response = client.post(path, form)
    assert response.status_code == 422
    assert "log in" in response.content.decode()
    assert User.objects.filter(email__iexact="bob@example.com").count() == 1
    assert not beta.members.filter(user=bob).exists()
    logged_in = client.post(f"/accounts/login/?next={path}", {"login": "bob", "password": password})
    assert logged_in.status_code == 302 and logged_in["Location"] == path
    assert "Join Beta as Bob" in client.get(path).content.decode()


def test_the_invited_person_logged_in_joins_with_the_account_they_have(client: Any, alice: Any, bob: Any,
                                                                        beta: Any) -> None:
    path = _invite(alice, beta, "Bob@example.com", role="manager")
    client.force_login(bob)
    assert "Join Beta as Bob" in client.get(path).content.decode()
    response = client.post(path, {"action": "join"})
    assert response.status_code == 302
    assert beta.members.get(user=bob).role == "manager"
    assert User.objects.filter(email__iexact="bob@example.com").count() == 1
    assert client.get(path).status_code == 404  # used


def test_someone_else_logged_in_cannot_take_the_invitation(client: Any, alice: Any, bob: Any, gus: Any,
                                                           beta: Any) -> None:
    path = _invite(alice, beta, "bob@example.com")
    client.force_login(gus)
    page = client.get(path).content.decode()
    assert "bob@example.com" in page and "Log out" in page
    assert client.post(path, {"action": "join"}).status_code == 403
    assert not beta.members.filter(user=gus).exists()
    client.force_login(bob)
    assert client.post(path, {"action": "join"}).status_code == 302


def test_no_two_accounts_share_an_e_mail_address(bob: Any, gus: Any) -> None:
    from cairn.accounts.services import create_user, update_profile
    from cairn.errors import Invalid

    with pytest.raises(Invalid) as refused:
        create_user(username="robert", email=" BOB@example.COM ", password="a long pass phrase")
    assert refused.value.fields == {"email": "another account uses this e-mail address"}
    with pytest.raises(Invalid):
        update_profile(user=gus, display_name="Gus", email="Bob@Example.com", time_zone="UTC")
    update_profile(user=bob, display_name="Bob", email="BOB@example.com", time_zone="UTC")  # his own, recased


def _mailed_link() -> str:
    link = re.search(r"https?://\S+/invitations/\S+/", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    return link.group(0)


def test_the_mailed_link_follows_the_address_the_server_answers_on(client: Any, settings: Any, alice: Any,
                                                                     workspace: Any) -> None:
    settings.BASE_URL = ""  # as when CAIRN_BASE_URL is not set, under `cairn serve --port 9123`
    client.force_login(alice)
    response = client.post("/workspaces/acme/", {"action": "invite", "email": "dana@example.com", "role": "member"},
                           HTTP_HOST="127.0.0.1:9123")
    assert response.status_code == 302
    assert _mailed_link().startswith("http://127.0.0.1:9123/invitations/")


def test_a_configured_public_address_wins_over_the_request(client: Any, settings: Any, alice: Any,
                                                           workspace: Any) -> None:
    settings.BASE_URL = "https://pm.example.com"
    client.force_login(alice)
    client.post("/workspaces/acme/", {"action": "invite", "email": "dana@example.com", "role": "member"},
                HTTP_HOST="127.0.0.1:9123")
    assert _mailed_link().startswith("https://pm.example.com/invitations/")
