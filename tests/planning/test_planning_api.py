from __future__ import annotations

from typing import Any


def test_the_schedule_api_answers_dates_floats_and_critical_flags(api_as: Any, alice: Any, plan: dict[str, Any]) -> None:
    body = api_as(alice).get("/api/v1/projects/WEB/schedule").json()
    assert [t["key"] for t in body["tasks"]] == [plan[n].key for n in "ABC"]
    assert all({"start", "finish", "total_float_minutes", "free_float_minutes", "critical"} <= t.keys() for t in body["tasks"])


def test_dragging_a_bar_through_the_api_moves_the_successors(api_as: Any, alice: Any, plan: dict[str, Any]) -> None:
    response = api_as(alice).patch(f"/api/v1/issues/{plan['A'].key}/schedule", {"start": "2026-11-04T08:00"})
    assert response.status_code == 200, response.content
    c = next(t for t in response.json()["tasks"] if t["key"] == plan["C"].key)
    assert c["start"] == "2026-11-10T08:00"


def test_links_are_made_and_removed_and_loops_refused(api_as: Any, alice: Any, plan: dict[str, Any]) -> None:
    api = api_as(alice)
    loop = api.post("/api/v1/projects/WEB/dependencies", {"predecessor": plan["C"].key, "successor": plan["A"].key})
    assert loop.status_code == 422 and "predecessor" in loop.json()["errors"]
    made = api.post("/api/v1/projects/WEB/dependencies",
                    {"predecessor": plan["A"].key, "successor": plan["C"].key, "type": "SS", "lag_minutes": 480})
    assert made.status_code == 201
    assert api.delete(f"/api/v1/projects/WEB/dependencies/{made.json()['id']}").status_code == 204


def test_bad_link_input_names_the_field(api_as: Any, alice: Any, plan: dict[str, Any]) -> None:
    api = api_as(alice)
    for body, field in (
        ({"predecessor": "WEB-999", "successor": plan["A"].key}, "predecessor"),
        ({"predecessor": plan["A"].key, "successor": plan["A"].key}, "successor"),
        ({"predecessor": plan["A"].key, "successor": plan["C"].key, "type": "XX"}, "type"),
    ):
        response = api.post("/api/v1/projects/WEB/dependencies", body)
        assert response.status_code == 422 and field in response.json()["errors"], response.content


def test_charlie_cannot_see_a_private_schedule(api_as: Any, charlie: Any, sec: Any) -> None:
    assert api_as(charlie).get("/api/v1/projects/SEC/schedule").status_code == 404


def test_the_gantt_workload_and_schedule_pages_render(client: Any, alice: Any, plan: dict[str, Any]) -> None:
    client.force_login(alice)
    for url in ("/projects/WEB/gantt/", "/projects/WEB/schedule/", "/projects/WEB/schedule/?preview=1", "/workload/"):
        assert client.get(url, HTTP_HOST="127.0.0.1").status_code == 200, url


def test_a_baseline_of_another_project_is_not_found(api_as: Any, alice: Any, plan: dict[str, Any]) -> None:
    assert api_as(alice).get("/api/v1/projects/WEB/schedule?baseline=999999").status_code == 404


def test_a_position_too_large_to_store_is_refused_naming_it(api_as: Any, alice: Any, plan: dict[str, Any]) -> None:
    response = api_as(alice).patch(f"/api/v1/issues/{plan['A'].key}/schedule", {"position": 9223372036854775808})
    assert response.status_code == 422 and "position" in response.json()["errors"], response.content


def test_names_that_cannot_be_stored_are_refused_not_cut(api_as: Any, alice: Any, plan: dict[str, Any]) -> None:
    api = api_as(alice)
    for path, method, body, field in (
        ("/api/v1/projects/WEB/calendar", "put", {"holidays": [{"date": "2026-12-25", "name": "Yule\x00"}]}, "holidays"),
        ("/api/v1/projects/WEB/calendar", "put", {"holidays": [{"date": "2026-12-25", "name": "x" * 121}]}, "holidays"),
        ("/api/v1/projects/WEB/baselines", "post", {"name": "Plan\x00"}, "name"),
    ):
        response = getattr(api, method)(path, body)
        assert response.status_code == 422 and field in response.json()["errors"], response.content
    assert api.get("/api/v1/projects/WEB/schedule").json()["calendar"]["holidays"] == []
