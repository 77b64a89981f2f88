"""People's capacity, set through the API or the workload page: by the person or their
manager, checked, and used by the workload figures."""

from __future__ import annotations

from typing import Any

from cairn.planning.models import Capacity


def test_capacity_is_full_time_until_someone_sets_it(api_as: Any, bob: Any, workspace: Any) -> None:
    response = api_as(bob).get("/api/v1/people/bob/capacity")
    assert response.status_code == 200
    assert response.json() == {"username": "bob", "units": 100}


def test_bob_sets_his_own_capacity(api_as: Any, bob: Any, workspace: Any) -> None:
    api = api_as(bob)
    response = api.put("/api/v1/people/bob/capacity", {"units": 80})
    assert response.status_code == 200, response.content
    assert response.json() == {"username": "bob", "units": 80}
    assert api.get("/api/v1/people/BOB/capacity").json()["units"] == 80
    assert Capacity.objects.get(user=bob).units == 80


def test_alice_manages_her_teams_capacity_and_gus_does_not(api_as: Any, alice: Any, bob: Any, gus: Any,
                                                           workspace: Any) -> None:
    assert api_as(alice).put("/api/v1/people/bob/capacity", {"units": 50}).json()["units"] == 50
    # Out of her reach reads like no such person: nobody learns who has an account.
    refused = api_as(gus).put("/api/v1/people/bob/capacity", {"units": 100})
    assert refused.status_code == 404
    assert api_as(gus).get("/api/v1/people/bob/capacity").status_code == 404
    assert Capacity.objects.get(user=bob).units == 50


def test_charlie_cannot_see_or_set_a_strangers_capacity(api_as: Any, bob: Any, charlie: Any, workspace: Any) -> None:
    assert api_as(charlie).get("/api/v1/people/bob/capacity").status_code == 404
    assert api_as(charlie).put("/api/v1/people/bob/capacity", {"units": 10}).status_code == 404
    assert api_as(charlie).get("/api/v1/people/nobody/capacity").status_code == 404
    assert not Capacity.objects.exists()


def test_bad_capacity_names_the_field(api_as: Any, bob: Any, workspace: Any) -> None:
    api = api_as(bob)
    for units in (0, 201, -5, 1.5, "80", True, None):
        response = api.put("/api/v1/people/bob/capacity", {"units": units})
        assert response.status_code == 422 and "units" in response.json()["errors"], (units, response.content)
    assert api.put("/api/v1/people/bob/capacity", {"units": 80, "hours": 32}).status_code == 422
    assert not Capacity.objects.exists()


def test_the_workload_measures_load_against_capacity(api_as: Any, alice: Any, bob: Any, web: Any) -> None:
    api = api_as(alice)
    api.post("/api/v1/projects/WEB/issues", {"title": "Spec", "assignee": "bob", "estimate_hours": 10,
                                             "start_date": "2026-11-02", "due_date": "2026-11-06"})
    api.put("/api/v1/people/bob/capacity", {"units": 50})
    bob_load = api.get("/api/v1/workload?start=2026-11-02&weeks=1").json()["people"][0]
    assert bob_load["username"] == "bob" and bob_load["capacity_hours"] == [20.0]


def test_the_workload_page_shows_and_sets_capacity(client: Any, alice: Any, bob: Any, workspace: Any) -> None:
    client.force_login(alice)
    page = client.get("/workload/", HTTP_HOST="127.0.0.1")
    assert b'aria-label="Capacity of Bob, percent of full time"' in page.content
    saved = client.post("/workload/", {"action": "set-capacity", "username": "bob", "units": "60"}, HTTP_HOST="127.0.0.1")
    assert saved.status_code == 302
    assert Capacity.objects.get(user=bob).units == 60
    assert b'value="60"' in client.get("/workload/", HTTP_HOST="127.0.0.1").content
    bad = client.post("/workload/", {"action": "set-capacity", "username": "bob", "units": "lots"}, HTTP_HOST="127.0.0.1")
    assert bad.status_code == 422 and b"whole percentage" in bad.content
    assert Capacity.objects.get(user=bob).units == 60


def test_bob_cannot_set_alices_capacity_from_the_page(client: Any, alice: Any, bob: Any, workspace: Any) -> None:
    client.force_login(bob)
    refused = client.post("/workload/", {"action": "set-capacity", "username": "alice", "units": "10"},
                          HTTP_HOST="127.0.0.1")
    assert refused.status_code == 422 and b"may not change alice" in refused.content
    assert not Capacity.objects.exists()
