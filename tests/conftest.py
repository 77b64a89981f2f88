"""Personas: Alice administers the workspace and owns the projects, Bob is a member,
Gus is a guest (reads only), Charlie is an outsider. WEB is open to the workspace; SEC
is private to Alice."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import settings as settings_profiles

from cairn.accounts.models import User
from cairn.accounts.services import create_user, issue_token
from cairn.tracker import services as tracker
from cairn.tracker.setup import create_project
from cairn.workspaces.models import Project, Role, Visibility, Workspace, WorkspaceMember

pytest_plugins = ["shared_data", "smtp"]

PASSWORD = "correct horse battery staple"

# CI explores the same examples every run, so a red build is a real regression that
# reproduces; developers' runs keep exploring new ones.
settings_profiles.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings_profiles.register_profile("dev", deadline=None, print_blob=True)
settings_profiles.load_profile("ci" if os.environ.get("CI", "").lower() in ("1", "true", "yes") else "dev")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def make_user(username: str) -> User:
    return create_user(username=username, email=f"{username}@example.com", password=PASSWORD,
                       display_name=username.title())


@pytest.fixture
def alice(db: Any) -> User:
    return make_user("alice")


@pytest.fixture
def bob(db: Any) -> User:
    return make_user("bob")


@pytest.fixture
def gus(db: Any) -> User:
    return make_user("gus")


@pytest.fixture
def charlie(db: Any) -> User:
    return make_user("charlie")


@pytest.fixture
def workspace(alice: User, bob: User, gus: User) -> Workspace:
    ws = Workspace.objects.create(name="Acme", slug="acme", created_at=timezone.now())
    WorkspaceMember.objects.create(workspace=ws, user=alice, role=Role.ADMIN)
    WorkspaceMember.objects.create(workspace=ws, user=bob, role=Role.MEMBER)
    WorkspaceMember.objects.create(workspace=ws, user=gus, role=Role.GUEST)
    return ws


@pytest.fixture
def web(workspace: Workspace, alice: User) -> Project:
    return create_project(actor=alice, workspace=workspace, key="WEB", name="Website", now=timezone.now())


@pytest.fixture
def sec(workspace: Workspace, alice: User) -> Project:
    return create_project(actor=alice, workspace=workspace, key="SEC", name="Secret",
                          visibility=Visibility.PRIVATE, now=timezone.now())


@pytest.fixture
def issue(web: Project, alice: User) -> Any:
    return tracker.create_issue(actor=alice, project=web, fields={"title": "First issue"}, now=timezone.now())


class ApiClient:
    """Talks to the API the way a script would: a bearer token and JSON."""

    def __init__(self, user: User | None) -> None:
        self.client = Client()
        self.headers: dict[str, str] = {}
        if user is not None:
            _, secret = issue_token(user=user, name="tests", now=timezone.now())
            self.headers["Authorization"] = f"Bearer {secret}"

    def _call(self, method: str, path: str, json: Any = None, headers: dict[str, str] | None = None, **kw: Any) -> Any:
        send = getattr(self.client, method)
        extra = {**self.headers, **(headers or {})}
        if json is not None:
            return send(path, data=json, content_type="application/json", headers=extra, **kw)
        return send(path, headers=extra, **kw)

    def get(self, path: str, **kw: Any) -> Any:
        return self._call("get", path, **kw)

    def post(self, path: str, json: Any = None, **kw: Any) -> Any:
        return self._call("post", path, json, **kw)

    def patch(self, path: str, json: Any = None, **kw: Any) -> Any:
        return self._call("patch", path, json, **kw)

    def put(self, path: str, json: Any = None, **kw: Any) -> Any:
        return self._call("put", path, json, **kw)

    def delete(self, path: str, **kw: Any) -> Any:
        return self._call("delete", path, **kw)


@pytest.fixture
def api_as() -> Any:
    return ApiClient


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    # The production hasher is slow on purpose; the tests hash dozens of passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
