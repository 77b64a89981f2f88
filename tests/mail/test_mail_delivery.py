"""Mail goes out through a real SMTP server (aiosmtpd) on a local port."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from django.utils import timezone
from smtp import Inbox, body

from cairn.workspaces.models import Invitation, WorkspaceMember
from cairn.workspaces.services import invite


def test_bob_resets_his_forgotten_password_by_mail(inbox: Inbox, bob: Any, password: str) -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    response = client.post("/accounts/password/reset/", {"email": "bob@example.com"})
    assert response.status_code == 302
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == "bob@example.com"
    link = re.search(r"http://[^\s]+/accounts/password/reset/key/[^\s]+", body(message))
    assert link, body(message)
    path = link.group(0).split("127.0.0.1", 1)[-1].split("testserver", 1)[-1]
    form = client.get(path, follow=True)
    assert form.status_code == 200
    new = "a much better passphrase 42"
    done = client.post(form.redirect_chain[-1][0] if form.redirect_chain else path,
                       {"password1": new, "password2": new})
    assert done.status_code == 302
    assert Client(HTTP_HOST="127.0.0.1").login(username="bob", password=new)
    assert not Client(HTTP_HOST="127.0.0.1").login(username="bob", password=password)


def test_alice_invites_dana_who_joins_through_the_mailed_link(inbox: Inbox, alice: Any, workspace: Any) -> None:
    invite(actor=alice, workspace=workspace, email="dana@example.com", role="member", now=timezone.now())
    assert len(inbox.messages) == 1
    link = re.search(r"/invitations/[^\s/]+/", body(inbox.messages[0]))
    assert link
    client = Client(HTTP_HOST="127.0.0.1")
    page = client.get(link.group(0))
    assert page.status_code == 200 and b"Join Acme" in page.content
    joined = client.post(link.group(0), {"username": "dana", "display_name": "Dana", "password": "a long enough secret 9",
                                         "password2": "a long enough secret 9"})
    assert joined.status_code == 302
    assert WorkspaceMember.objects.get(user__username="dana").role == "member"
    assert Invitation.objects.get().accepted_at is not None
    assert client.get(link.group(0)).status_code == 404  # a used link does not work twice


def test_an_invitation_stores_only_a_hash_of_its_secret(inbox: Inbox, alice: Any, workspace: Any) -> None:
    invite(actor=alice, workspace=workspace, email="erin@example.com", role="guest", now=timezone.now())
    secret = re.search(r"/invitations/([^\s/]+)/", body(inbox.messages[0])).group(1)  # type: ignore[union-attr]
    assert secret not in Invitation.objects.get().token_hash
