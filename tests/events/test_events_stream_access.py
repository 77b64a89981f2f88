"""An open live stream stops the moment its listener loses access: removed from the
project or the workspace, token revoked, account deactivated. Bob, who keeps access,
listens beside them to prove the event was sent."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from django.test import Client
from django.utils import timezone

from cairn.accounts.services import issue_token, revoke_token
from cairn.workspaces import services as workspaces
from cairn.workspaces.models import Role, WorkspaceMember


def _bearer(user: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(user=user, name='t', now=timezone.now())[1]}"}


def _session(user: Any) -> dict[str, str]:
    client = Client()
    client.force_login(user)
    return {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}


def _change(server: Any, alice: Any, key: str) -> None:
    response = httpx.patch(f"{server.url}/api/v1/issues/{key}", json={"title": "Changed live"},
                           headers=_bearer(alice), timeout=10)
    assert response.status_code == 200, response.text


def test_gus_removed_from_the_workspace_hears_nothing_more(start_server: Any, open_stream: Any, alice: Any,
                                                          bob: Any, gus: Any, issue: Any) -> None:
    server = start_server()
    witness = open_stream(server, "WEB", _bearer(bob))
    stream = open_stream(server, "WEB", _bearer(gus))
    WorkspaceMember.objects.filter(user=gus).delete()
    _change(server, alice, "WEB-1")
    assert '"WEB-1"' in witness.next_data()
    assert stream.next_data() == stream.ENDED


def test_gus_removed_from_a_private_project_hears_nothing_more(start_server: Any, open_stream: Any, alice: Any,
                                                              bob: Any, gus: Any, sec: Any) -> None:
    from cairn.tracker import services as tracker

    now = timezone.now()
    tracker.create_issue(actor=alice, project=sec, fields={"title": "Secret"}, now=now)
    workspaces.set_project_member(actor=alice, project=sec, user=bob, role=Role.MEMBER)
    workspaces.set_project_member(actor=alice, project=sec, user=gus, role=Role.GUEST)
    server = start_server()
    witness = open_stream(server, "SEC", _session(bob))
    stream = open_stream(server, "SEC", _session(gus))
    workspaces.remove_project_member(actor=alice, project=sec, user=gus)
    _change(server, alice, "SEC-1")
    assert '"SEC-1"' in witness.next_data()
    assert stream.next_data() == stream.ENDED


def test_a_revoked_token_closes_its_stream(start_server: Any, open_stream: Any, alice: Any, bob: Any,
                                           issue: Any) -> None:
    server = start_server()
    token, secret = issue_token(user=bob, name="laptop", now=timezone.now())
    witness = open_stream(server, "WEB", _session(bob))
    stream = open_stream(server, "WEB", {"Authorization": f"Bearer {secret}"})
    revoke_token(user=bob, token_id=token.pk, now=timezone.now())
    _change(server, alice, "WEB-1")
    assert '"WEB-1"' in witness.next_data()
    assert stream.next_data() == stream.ENDED


@pytest.mark.parametrize("credential", [_session, _bearer], ids=["session", "token"])
def test_a_deactivated_account_hears_nothing_more(credential: Any, start_server: Any, open_stream: Any,
                                                  alice: Any, bob: Any, gus: Any, issue: Any) -> None:
    server = start_server()
    witness = open_stream(server, "WEB", _bearer(bob))
    stream = open_stream(server, "WEB", credential(gus))
    gus.is_active = False
    gus.save(update_fields=["is_active"])
    _change(server, alice, "WEB-1")
    assert '"WEB-1"' in witness.next_data()
    assert stream.next_data() == stream.ENDED


def test_a_quiet_stream_closes_at_its_next_keep_alive(start_server: Any, open_stream: Any, bob: Any,
                                                      issue: Any) -> None:
    server = start_server(CAIRN_STREAM_KEEPALIVE_SECONDS="1")
    token, secret = issue_token(user=bob, name="laptop", now=timezone.now())
    stream = open_stream(server, "WEB", {"Authorization": f"Bearer {secret}"})
    assert stream.lines.get(timeout=5) == ": connected"
    assert stream.lines.get(timeout=5) == ": keep-alive"
    revoke_token(user=bob, token_id=token.pk, now=timezone.now())
    assert stream.next_data(timeout=5) == stream.ENDED
