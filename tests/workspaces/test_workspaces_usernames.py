"""Nobody learns which usernames exist by asking about people they may not deal with:
every route that names a person answers exactly the same for someone who exists but is
out of reach as for someone who does not exist. Lee exists, in no workspace of ours;
ghost does not exist."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client

from cairn.accounts.services import create_user

TIME_OFF = {"start_date": "2026-12-01"}
API_ROUTES = [
    ("post", "/api/v1/people/{name}/time-off", TIME_OFF),
    ("get", "/api/v1/people/{name}/time-off", None),
    ("delete", "/api/v1/people/{name}/time-off/1", None),
    ("put", "/api/v1/issues/WEB-1/assignments/{name}", {"units": 50}),
    ("put", "/api/v1/projects/WEB/members/{name}", {"role": "member"}),
    ("delete", "/api/v1/projects/WEB/members/{name}", None),
]
PAGE_FORMS = [
    (who, path, form) for who in ("charlie", "gus", "bob", "alice") for path, form in [
        ("/workload/", {"username": "{name}", "start_date": "2026-12-01"}),
        ("/workload/", {"username": "{name}", "action": "remove-time-off", "id": "1"}),
        ("/projects/WEB/settings/", {"action": "member", "username": "{name}", "role": "member"}),
        ("/projects/WEB/settings/", {"action": "remove-member", "username": "{name}"}),
        # Workspace admins add people who already have an account by their username, so
        # Alice learns who exists by design; the others must not.
        *([("/workspace/", {"action": "role", "username": "{name}", "role": "member"})] if who != "alice" else []),
    ]
]


@pytest.fixture
def lee(db: Any) -> Any:
    return create_user(username="lee", email="lee@example.com", password="correct horse battery staple")


def _api(api_as: Any, who: Any, method: str, path: str, body: Any, name: str) -> tuple[int, str]:
    send = getattr(api_as(who), method)
    response = send(path.format(name=name), body) if body else send(path.format(name=name))
    return response.status_code, response.content.decode().replace(name, "NAME")


def _page(who: Any, path: str, form: dict[str, str], name: str) -> tuple[int, str]:
    client = Client()
    client.force_login(who)
    response = client.post(path, {k: v.format(name=name) for k, v in form.items()})
    shown = re.search(r'class="form-error" role="alert">(.*?)</p>', response.content.decode())
    message = html.unescape(shown.group(1)) if shown else ""
    return response.status_code, message.replace(name, "NAME")


@pytest.mark.parametrize(("method", "path", "body"), API_ROUTES)
@pytest.mark.parametrize("who", ["charlie", "gus", "bob", "alice"])
def test_the_api_answers_alike_for_someone_out_of_reach_and_no_one(request: Any, api_as: Any, lee: Any,
                                                                   issue: Any, who: str, method: str,
                                                                   path: str, body: Any) -> None:
    actor = request.getfixturevalue(who)
    assert _api(api_as, actor, method, path, body, "lee") == _api(api_as, actor, method, path, body, "ghost")


@pytest.mark.parametrize(("who", "path", "form"), PAGE_FORMS)
def test_the_pages_answer_alike_for_someone_out_of_reach_and_no_one(request: Any, lee: Any, issue: Any,
                                                                    who: str, path: str,
                                                                    form: dict[str, str]) -> None:
    actor = request.getfixturevalue(who)
    assert _page(actor, path, form, "lee") == _page(actor, path, form, "ghost")


def test_bob_is_told_he_may_not_plan_alices_time_off(api_as: Any, alice: Any, bob: Any, workspace: Any) -> None:
    response = api_as(bob).post("/api/v1/people/alice/time-off", TIME_OFF)
    assert response.status_code == 404
    assert api_as(alice).post("/api/v1/people/bob/time-off", TIME_OFF).status_code == 201
