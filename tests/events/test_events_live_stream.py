"""A change made through one app process arrives on another process's live stream
(through Redis), and on the same process's stream without Redis."""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.db import connection
from django.utils import timezone

from cairn.accounts.services import issue_token

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _redis_url() -> str:
    url = "redis://127.0.0.1:6379/15"
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return url
    except OSError:
        if IN_CI:
            pytest.fail("Redis must be running in CI (127.0.0.1:6379)")
        pytest.skip("Redis is not running here")


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Server:
    def __init__(self, env: dict[str, str], data_dir: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "cairn.asgi:application", "--port", str(self.port),
             "--log-level", "warning"],
            env={**os.environ, **env, "CAIRN_DATA_DIR": str(data_dir)},
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(self.url + "/accounts/login/", timeout=1)
                return
            except httpx.TransportError:
                if self.process.poll() is not None:
                    raise RuntimeError("the app process died at start") from None
                time.sleep(0.1)
        raise RuntimeError("the app process did not start in 30 s")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


@pytest.fixture
def servers(request: Any, transactional_db: Any, tmp_path: Path) -> Iterator[list[Server]]:
    count, redis = request.param
    env = {"CAIRN_DATABASE_URL": _database_url(), "CAIRN_SECRET_KEY": "test-secret-key-for-two-processes",
           "CAIRN_REDIS_URL": _redis_url() if redis else ""}
    started = [Server(env, tmp_path) for _ in range(count)]
    try:
        yield started
    finally:
        for server in started:
            server.stop()


def _listen(server: Server, token: str, into: queue.Queue[str], ready: threading.Event) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.stream("GET", server.url + "/projects/WEB/events", headers=headers, timeout=20) as stream:
        for line in stream.iter_lines():
            ready.set()
            if line.startswith("data:"):
                into.put(line)
                return


@pytest.mark.parametrize("servers", [(1, False), (2, True)], indirect=True, ids=["one-process", "two-processes-redis"])
def test_bob_sees_alices_change_on_his_live_stream(servers: list[Server], alice: Any, bob: Any, web: Any, issue: Any) -> None:
    alice_token = issue_token(user=alice, name="t", now=timezone.now())[1]
    bob_token = issue_token(user=bob, name="t", now=timezone.now())[1]
    received: queue.Queue[str] = queue.Queue()
    ready = threading.Event()
    listener = threading.Thread(target=_listen, args=(servers[-1], bob_token, received, ready), daemon=True)
    listener.start()
    assert ready.wait(15), "the live stream did not open"
    response = httpx.patch(servers[0].url + "/api/v1/issues/WEB-1", json={"title": "Changed live"},
                           headers={"Authorization": f"Bearer {alice_token}"}, timeout=10)
    assert response.status_code == 200, response.text
    line = received.get(timeout=10)
    assert '"issue.updated"' in line and '"WEB-1"' in line and f'"actor_id": {alice.pk}' in line


def test_the_stream_refuses_outsiders_and_anonymous_callers(client: Any, charlie: Any, sec: Any) -> None:
    assert client.get("/projects/SEC/events", HTTP_HOST="127.0.0.1").status_code == 401
    client.force_login(charlie)
    assert client.get("/projects/SEC/events", HTTP_HOST="127.0.0.1").status_code == 404
