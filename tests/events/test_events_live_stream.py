"""A change made through one app process arrives on another process's live stream
(through Redis), and on the same process's stream without Redis."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from django.db import connection
from django.utils import timezone

from cairn.accounts.services import issue_token


@pytest.fixture
def servers(request: Any, start_server: Any, redis_url: Any) -> list[Any]:
    count, redis = request.param
    env = {"CAIRN_REDIS_URL": redis_url() if redis else ""}
    return [start_server(**env) for _ in range(count)]


@pytest.mark.parametrize("servers", [(1, False), (2, True)], indirect=True, ids=["one-process", "two-processes-redis"])
def test_bob_sees_alices_change_on_his_live_stream(servers: list[Any], open_stream: Any, alice: Any, bob: Any,
                                                   web: Any, issue: Any) -> None:
    alice_token = issue_token(user=alice, name="t", now=timezone.now())[1]
    bob_token = issue_token(user=bob, name="t", now=timezone.now())[1]
    stream = open_stream(servers[-1], "WEB", {"Authorization": f"Bearer {bob_token}"})
    response = httpx.patch(servers[0].url + "/api/v1/issues/WEB-1", json={"title": "Changed live"},
                           headers={"Authorization": f"Bearer {alice_token}"}, timeout=10)
    assert response.status_code == 200, response.text
    line = stream.next_data()
    assert '"issue.updated"' in line and '"WEB-1"' in line and f'"actor_id": {alice.pk}' in line


def test_the_stream_refuses_outsiders_and_anonymous_callers(client: Any, charlie: Any, sec: Any) -> None:
    assert client.get("/projects/SEC/events", HTTP_HOST="127.0.0.1").status_code == 401
    client.force_login(charlie)
    assert client.get("/projects/SEC/events", HTTP_HOST="127.0.0.1").status_code == 404


def test_open_streams_hold_no_database_connection(start_server: Any, open_stream: Any, bob: Any,
                                                   issue: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL connections come from a bounded pool")
    server = start_server(CAIRN_DB_POOL_SIZE="2")
    headers = {"Authorization": f"Bearer {issue_token(user=bob, name='t', now=timezone.now())[1]}"}
    for _ in range(3):  # each stays open on its own thread
        open_stream(server, "WEB", headers)
    assert httpx.get(server.url + "/api/v1/issues/WEB-1", headers=headers, timeout=10).status_code == 200
