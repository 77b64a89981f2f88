"""Real app processes under uvicorn for the live stream tests: the stream is an async
response that neither the test client nor the WSGI live server can hold open."""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.conf import settings
from django.db import connection

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
ENDED = "(the stream ended)"


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


@pytest.fixture
def redis_url() -> Callable[[], str]:
    """The test Redis's address; skips (fails in CI) when it is not running."""
    return _redis_url


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
             "--log-level", "warning",
             # Open streams would otherwise hold the shutdown until they end.
             "--timeout-graceful-shutdown", "1"],
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
def start_server(transactional_db: Any, tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Starts app processes on the test database, with this process's secret key so its
    sessions hold there; extra environment as keywords."""
    started: list[Server] = []

    def start(**env: str) -> Server:
        base = {"CAIRN_DATABASE_URL": _database_url(), "CAIRN_SECRET_KEY": settings.SECRET_KEY,
                "CAIRN_REDIS_URL": ""}
        server = Server({**base, **env}, tmp_path)
        started.append(server)
        return server

    try:
        yield start
    finally:
        for server in started:
            server.stop()


class Stream:
    """A live stream read on a thread: its lines arrive on `lines`, then ENDED when the
    server closes it."""

    ENDED = ENDED

    def __init__(self, url: str, headers: dict[str, str]) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.open = threading.Event()
        self.thread = threading.Thread(target=self._read, args=(url, headers), daemon=True)
        self.thread.start()
        assert self.open.wait(15), "the live stream did not open"

    def _read(self, url: str, headers: dict[str, str]) -> None:
        try:
            with httpx.stream("GET", url, headers=headers, timeout=20) as response:
                if response.status_code != 200:
                    raise AssertionError(f"the stream answered {response.status_code}")
                for line in response.iter_lines():
                    self.open.set()
                    if line:
                        self.lines.put(line)
        except httpx.ReadTimeout:
            self.lines.put("(no line for 20 s)")
            return
        except httpx.RemoteProtocolError:  # the server stopped at the end of the test
            self.lines.put("(the connection broke)")
            return
        self.lines.put(ENDED)

    def next_data(self, timeout: float = 10) -> str:
        """The next event's data line (or ENDED), skipping comments and event names."""
        while True:
            line = self.lines.get(timeout=timeout)
            if line.startswith("data:") or line == ENDED or line.startswith("(no line"):
                return line


@pytest.fixture
def open_stream() -> Callable[[Server, str, dict[str, str]], Stream]:
    def open_(server: Server, key: str, headers: dict[str, str]) -> Stream:
        return Stream(f"{server.url}/projects/{key}/events", headers)

    return open_
