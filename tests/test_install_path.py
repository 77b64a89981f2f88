"""docs/install.md stays true: its commands, run as written on an empty database, bring a
team from nothing to a first issue. The commands are read from the page itself, so a
changed command in the docs is tested as changed."""

from __future__ import annotations

import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
CAIRN = str(Path(sys.executable).with_name("cairn"))
PASSWORD = "a long install password 42"


def documented_commands() -> list[str]:
    """The page's shell commands that talk to Cairn, in order, joined across `\\`."""
    text = (ROOT / "docs" / "install.md").read_text()
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    lines = "\n".join(blocks).replace("\\\n", " ").splitlines()
    return [line.split("#")[0].strip() for line in lines
            if ".venv/bin/cairn" in line or line.strip().startswith("curl ")]


def test_the_page_covers_the_whole_path_to_a_first_issue() -> None:
    commands = " | ".join(documented_commands())
    for step in ("cairn migrate", "cairn createuser you", "--admin", "cairn createworkspace",
                 "cairn addmember", "cairn token you", "/api/v1/projects", "/issues"):
        assert step in commands, f"docs/install.md no longer shows {step!r}"


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[str]:
    """A database of its own, on the same kind of server the suite runs on."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'install.sqlite3'}"
        return
    import psycopg

    name = f"install_{uuid.uuid4().hex[:12]}"
    params = connection.get_connection_params()
    admin = {k: params[k] for k in ("host", "port", "user") if params.get(k)}
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield f"postgres://{admin.get('user', 'postgres')}@{admin.get('host', '127.0.0.1')}:{admin.get('port', 5432)}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, server: subprocess.Popen[Any]) -> None:
    for _ in range(200):
        if server.poll() is not None:
            raise AssertionError(f"cairn serve stopped: {server.stdout.read() if server.stdout else ''}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("cairn serve did not answer")


def _curl(command: str, base_url: str, token: str) -> httpx.Response:
    """The page's curl lines, sent as written (headers, JSON body, path) to our server."""
    words = shlex.split(command.replace("$TOKEN", token))
    headers, body, url = {}, None, ""
    for i, word in enumerate(words):
        if word == "-H":
            name, _, value = words[i + 1].partition(":")
            headers[name.strip()] = value.strip()
        elif word == "-d":
            body = json.loads(words[i + 1])
        elif word.startswith("https://"):
            url = re.sub(r"^https://[^/]+", base_url, word)
    return httpx.post(url, headers=headers, json=body, timeout=30)


def test_following_the_install_page_on_an_empty_database_reaches_a_first_issue(tmp_path: Path, empty_database: str) -> None:
    env = {**os.environ, "CAIRN_DATA_DIR": str(tmp_path / "data"), "CAIRN_DATABASE_URL": empty_database,
           "CAIRN_PASSWORD": PASSWORD, "PYTHONPATH": str(ROOT / "src")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    token = ""
    server = None
    try:
        for command in documented_commands():
            if command.startswith("curl "):
                if server is None:
                    server = subprocess.Popen([CAIRN, "serve", "--port", str(port)], env=env,
                                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                    _wait_for(base_url + "/accounts/login/", server)
                response = _curl(command, base_url, token)
                assert response.status_code == 201, (command, response.text)
                continue
            words = shlex.split(command.replace(".venv/bin/cairn", CAIRN).replace("CAIRN_PASSWORD=... ", ""))
            # Migrating an empty PostgreSQL database runs every context's migrations: give
            # it room on a busy machine.
            done = subprocess.run(words, env=env, capture_output=True, text=True, timeout=600)
            assert done.returncode == 0, (command, done.stdout, done.stderr)
            if words[1] == "token":
                token = done.stdout.strip().split()[-1]
        assert server is not None, "the page never reaches the API"
        issue = httpx.get(f"{base_url}/api/v1/issues/WEB-1", headers={"Authorization": f"Bearer {token}"}).json()
        assert (issue["title"], issue["assignee"], issue["project"]) == ("First issue", "sam", "WEB")
    finally:
        if server is not None:
            server.terminate()
            server.wait(10)
