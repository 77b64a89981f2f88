"""Saved filters: kept by anyone who can see the project, shared only by those who may
edit issues, changed by their owner, refused whole when their text is not storable."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cairn.tracker import saved_filters
from cairn.tracker.models import SavedFilter


def _page(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _save(client: Client, **form: str) -> Any:
    return client.post("/projects/WEB/filters/", {"name": "Done", "query": "status=Done", **form},
                       headers={"HX-Request": "true"})


def test_bob_saves_the_list_he_is_looking_at(bob: Any, web: Any) -> None:
    response = _page(bob).post("/projects/WEB/filters/", {"name": "Mine", "query": "?assignee=me&text=&cursor=abc"})
    assert response.status_code == 302
    assert response["Location"] == "/projects/WEB/issues/?assignee=me"
    saved = SavedFilter.objects.get()
    assert (saved.name, saved.query, saved.shared, saved.owner) == ("Mine", "assignee=me", False, bob)
    listed = _page(bob).get("/projects/WEB/issues/").content.decode()
    assert 'href="/projects/WEB/issues/?assignee=me"' in listed


def test_saving_under_a_name_you_use_replaces_that_filter(api_as: Any, bob: Any, web: Any) -> None:
    api = api_as(bob)
    first = api.post("/api/v1/projects/WEB/filters", {"name": "Mine", "query": "assignee=me"})
    again = api.post("/api/v1/projects/WEB/filters", {"name": "Mine", "query": "assignee=me&status=open"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert [f["query"] for f in api.get("/api/v1/projects/WEB/filters").json()] == ["assignee=me&status=open"]


def test_gus_keeps_a_filter_for_himself_but_may_not_share_one(api_as: Any, gus: Any, web: Any) -> None:
    shared = api_as(gus).post("/api/v1/projects/WEB/filters", {"name": "All", "query": "", "shared": True})
    assert shared.status_code == 403
    assert shared.json()["errors"] == {"shared": "your role may not share filters"}
    assert _save(_page(gus), shared="on").status_code == 403
    assert not SavedFilter.objects.exists()
    assert api_as(gus).post("/api/v1/projects/WEB/filters", {"name": "All"}).status_code == 201
    assert 'name="shared"' not in _page(gus).get("/projects/WEB/issues/").content.decode()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("name", "Do\x00ne", "must not contain NUL characters"),
    ("query", "status=Do\x00ne", "must not contain NUL characters"),
    ("query", "status=Do%00ne", "must not contain NUL characters"),
    ("name", "x" * 81, "must be at most 80 characters"),
    ("query", "text=" + "x" * 1000, "must be at most 1,000 characters"),
    ("name", "  ", "give the filter a name"),
])
def test_the_form_and_the_api_refuse_what_they_cannot_keep(api_as: Any, bob: Any, web: Any, field: str,
                                                            value: str, message: str) -> None:
    form = _save(_page(bob), **{field: value})
    assert form.status_code == 422
    assert f"{field}: {message}" in form.content.decode()
    if field == "query":
        assert 'value="Done"' in form.content.decode()  # the name typed stays in the form
    body = {"name": "Done", "query": "status=Done", field: value}
    api = api_as(bob).post("/api/v1/projects/WEB/filters", body)
    assert api.status_code == 422
    assert api.json()["errors"] == {field: message}
    assert not SavedFilter.objects.exists()


def test_everyone_sees_a_shared_filter_and_only_the_owner_sees_a_private_one(api_as: Any, alice: Any,
                                                                               bob: Any, gus: Any, web: Any) -> None:
    api_as(bob).post("/api/v1/projects/WEB/filters", {"name": "Team", "query": "status=open", "shared": True})
    api_as(bob).post("/api/v1/projects/WEB/filters", {"name": "Mine", "query": "assignee=me"})
    names = {who.username: [f["name"] for f in api_as(who).get("/api/v1/projects/WEB/filters").json()]
             for who in (alice, bob, gus)}
    assert names == {"alice": ["Team"], "bob": ["Mine", "Team"], "gus": ["Team"]}
    team = api_as(gus).get("/api/v1/projects/WEB/filters").json()[0]
    assert team == {"id": team["id"], "name": "Team", "query": "status=open", "shared": True, "owner": "bob",
                    "url": "/projects/WEB/issues/?status=open"}


def test_charlie_cannot_list_or_save_filters_of_a_project_he_cannot_see(api_as: Any, charlie: Any, web: Any) -> None:
    assert api_as(charlie).get("/api/v1/projects/WEB/filters").status_code == 404
    assert api_as(charlie).post("/api/v1/projects/WEB/filters", {"name": "x"}).status_code == 404


def test_the_owner_changes_a_filter_and_others_may_not(api_as: Any, alice: Any, bob: Any, web: Any) -> None:
    made = api_as(bob).post("/api/v1/projects/WEB/filters", {"name": "Team", "shared": True}).json()
    path = f"/api/v1/projects/WEB/filters/{made['id']}"
    assert api_as(alice).patch(path, {"name": "Ours"}).status_code == 403
    changed = api_as(bob).patch(path, {"name": "Ours", "query": "status=Done", "shared": False})
    assert changed.status_code == 200, changed.content
    assert (changed.json()["name"], changed.json()["query"], changed.json()["shared"]) == ("Ours", "status=Done", False)
    assert api_as(alice).patch(path, {"name": "Hers"}).status_code == 404  # no longer shared: not hers to see


def test_a_filter_is_deleted_by_its_owner_or_for_a_shared_one_by_a_manager(api_as: Any, alice: Any, bob: Any,
                                                                             gus: Any, web: Any) -> None:
    team = api_as(bob).post("/api/v1/projects/WEB/filters", {"name": "Team", "shared": True}).json()
    mine = api_as(bob).post("/api/v1/projects/WEB/filters", {"name": "Mine"}).json()
    assert api_as(gus).delete(f"/api/v1/projects/WEB/filters/{team['id']}").status_code == 403
    assert api_as(alice).delete(f"/api/v1/projects/WEB/filters/{mine['id']}").status_code == 404
    assert api_as(alice).delete(f"/api/v1/projects/WEB/filters/{team['id']}").status_code == 204
    assert api_as(bob).delete(f"/api/v1/projects/WEB/filters/{mine['id']}").status_code == 204
    assert not SavedFilter.objects.exists()


def test_the_list_page_offers_delete_only_where_it_is_allowed(alice: Any, bob: Any, gus: Any, web: Any) -> None:
    team, _ = saved_filters.save_filter(actor=bob, project=web, name="Team", query="status=open", shared=True)
    delete = f'action="/projects/WEB/filters/{team.pk}/delete"'
    assert delete in _page(bob).get("/projects/WEB/issues/").content.decode()
    assert delete in _page(alice).get("/projects/WEB/issues/").content.decode()
    assert delete not in _page(gus).get("/projects/WEB/issues/").content.decode()
    assert _page(gus).post(f"/projects/WEB/filters/{team.pk}/delete").status_code == 403
    assert _page(bob).post(f"/projects/WEB/filters/{team.pk}/delete").status_code == 302
    assert not SavedFilter.objects.exists()
