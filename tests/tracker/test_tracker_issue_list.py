"""The issue list: filters, sorting and cursor pages, as a script sees them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cairn.tracker import services, setup


@pytest.fixture
def board(alice, bob, web) -> None:
    """Five issues of WEB, each differing from the others on some filter."""
    for name in ("ui", "api"):
        setup.add_label(actor=alice, project=web, name=name)
    for name in ("M1", "M2"):
        setup.add_milestone(actor=alice, project=web, name=name)
    rows: list[dict[str, Any]] = [
        {"title": "Login page is slow", "type": "Bug", "assignee": "bob", "labels": ["ui"],
         "milestone": "M1", "due_date": "2026-05-01", "priority": "High"},
        {"title": "API rate limits", "type": "Feature", "status": "In progress", "assignee": "alice",
         "labels": ["api"], "due_date": "2026-05-10", "priority": "Low"},
        {"title": "Write the docs", "status": "Done", "labels": ["ui", "api"], "milestone": "M2",
         "priority": "Highest"},
        {"title": "Fix login redirect", "type": "Bug", "status": "In review", "assignee": "bob",
         "description": "The OAuth callback loses the next URL.", "due_date": "2026-05-20", "priority": "Lowest"},
        {"title": "Release 1.0", "due_date": "2026-05-10"},
    ]
    for fields in rows:
        services.create_issue(actor=alice, project=web, fields=fields, now=timezone.now())


def keys(api: Any, query: str) -> list[str]:
    response = api.get(f"/api/v1/projects/WEB/issues?{query}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"items", "total", "next_cursor"}
    assert body["total"] == len(body["items"]) and body["next_cursor"] is None
    return [item["key"] for item in body["items"]]


def numbers(api: Any, query: str) -> set[int]:
    return {int(key.split("-")[1]) for key in keys(api, query)}


FILTERS = [
        ("", {1, 2, 3, 4, 5}),
        ("status=open", {1, 2, 4, 5}),
        ("status=closed", {3}),
        ("status=Done", {3}),
        ("status=in%20review", {4}),
        ("status=in_progress", {2, 4}),
        ("status=To%20do&status=Done", {1, 3, 5}),
        ("status=Nonexistent", set()),
        ("assignee=me", {1, 4}),
        ("assignee=@bob", {1, 4}),
        ("assignee=alice", {2}),
        ("assignee=none", {3, 5}),
        ("assignee=me&assignee=none", {1, 3, 4, 5}),
        ("type=Bug", {1, 4}),
        ("type=Bug&type=Feature", {1, 2, 4}),
        ("priority=High", {1}),
        ("label=ui", {1, 3}),
        ("label=api", {2, 3}),
        ("label=ui&label=api", {1, 2, 3}),
        ("milestone=M1", {1}),
        ("milestone=none", {2, 4, 5}),
        ("text=login", {1, 4}),
        ("text=LOGIN%20slow", {1}),
        ("text=oauth", {4}),
        ("text=WEB-3", {3}),
        ("text=nothing-like-this", set()),
        ("due_before=2026-05-10", {1}),
        ("due_after=2026-05-10", {2, 4, 5}),
        ("due_after=2026-05-02&due_before=2026-05-20", {2, 5}),
        ("status=open&assignee=bob&type=Bug", {1, 4}),
        ("status=open&label=ui", {1}),
]


def test_it_filters_the_list(api_as, bob, board, subtests):
    api = api_as(bob)  # so "me" is Bob
    for query, expected in FILTERS:
        with subtests.test(query):
            assert numbers(api, query) == expected


def test_a_filter_on_updated_after_sees_only_recent_changes(api_as, alice, board):
    api = api_as(alice)
    since = timezone.now()
    api.patch("/api/v1/issues/WEB-2", {"title": "API rate limits per token"})
    assert numbers(api, f"updated_after={since.isoformat().replace('+00:00', 'Z')}") == {2}


def test_it_lists_the_sub_tasks_of_an_issue(api_as, alice, board):
    api = api_as(alice)
    for key in ("WEB-2", "WEB-3"):
        assert api.patch(f"/api/v1/issues/{key}", {"parent": "WEB-1"}).status_code == 200
    assert numbers(api, "parent=WEB-1") == {2, 3}
    assert numbers(api, "parent=WEB-2") == set()


SORTS = [
        ("key", [1, 2, 3, 4, 5]),
        ("-key", [5, 4, 3, 2, 1]),
        ("priority", [3, 1, 5, 2, 4]),
        ("-priority", [4, 2, 5, 1, 3]),
        ("title", [2, 4, 1, 5, 3]),
        ("type,key", [3, 5, 1, 4, 2]),
        ("status,-key", [5, 1, 2, 4, 3]),
        ("-created", [5, 4, 3, 2, 1]),
]


def test_it_sorts_the_list(api_as, alice, board, subtests):
    api = api_as(alice)
    for sort, expected in SORTS:
        with subtests.test(sort):
            assert keys(api, f"sort={sort}") == [f"WEB-{n}" for n in expected]


def test_the_default_order_is_the_most_recently_updated_first(api_as, alice, board):
    api = api_as(alice)
    api.patch("/api/v1/issues/WEB-3", {"title": "Write the docs again"})
    assert keys(api, "")[0] == "WEB-3"


def test_issues_without_a_due_date_sort_last_both_ways(api_as, alice, board):
    api = api_as(alice)
    assert keys(api, "sort=due,key") == ["WEB-1", "WEB-2", "WEB-5", "WEB-4", "WEB-3"]
    assert keys(api, "sort=-due,key") == ["WEB-4", "WEB-2", "WEB-5", "WEB-1", "WEB-3"]
    assert keys(api, "sort=assignee,key") == ["WEB-2", "WEB-1", "WEB-4", "WEB-3", "WEB-5"]


def test_walking_the_pages_yields_every_issue_once(api_as, alice, web, board):
    for n in range(20):
        services.create_issue(actor=alice, project=web, fields={"title": f"Filler {n}", "type": "Task"},
                              now=timezone.now())
    api = api_as(alice)
    for sort in ("-updated", "type", "key"):
        seen: list[str] = []
        cursor: str | None = None
        pages = 0
        while True:
            query = f"sort={sort}&limit=4" + (f"&cursor={cursor}" if cursor else "")
            body = api.get(f"/api/v1/projects/WEB/issues?{query}").json()
            assert body["total"] == 25
            assert len(body["items"]) <= 4
            seen += [item["key"] for item in body["items"]]
            pages += 1
            cursor = body["next_cursor"]
            if cursor is None:
                break
        assert pages == 7
        assert sorted(seen) == sorted(f"WEB-{n}" for n in range(1, 26)), sort
        assert len(seen) == len(set(seen))


def test_a_page_of_a_filtered_list_counts_the_filtered_total(api_as, alice, board):
    body = api_as(alice).get("/api/v1/projects/WEB/issues?status=open&limit=3&sort=key").json()
    assert [i["key"] for i in body["items"]] == ["WEB-1", "WEB-2", "WEB-4"]
    assert body["total"] == 4 and body["next_cursor"]


def test_it_refuses_odd_list_parameters_naming_them(api_as, alice, board, subtests):
    api = api_as(alice)
    for query, field in [("sort=colour", "sort"), ("cursor=bm9wZQ", "cursor"), ("cursor=%21%21", "cursor"),
                         ("limit=0", "limit"), ("limit=201", "limit"), ("limit=ten", "limit"),
                         ("due_before=31.12.2026", "due_before")]:
        with subtests.test(query):
            response = api.get(f"/api/v1/projects/WEB/issues?{query}")
            assert response.status_code == 422, response.content
            assert field in response.json()["errors"]


def test_an_issue_reads_back_with_every_field(api_as, alice, board):
    body = api_as(alice).get("/api/v1/issues/WEB-1").json()
    assert {k: body[k] for k in ("key", "project", "number", "title", "type", "status", "status_category",
                                  "priority", "assignee", "reporter", "labels", "milestone", "due_date")} == {
        "key": "WEB-1", "project": "WEB", "number": 1, "title": "Login page is slow", "type": "Bug",
        "status": "To do", "status_category": "todo", "priority": "High", "assignee": "bob",
        "reporter": "alice", "labels": ["ui"], "milestone": "M1", "due_date": "2026-05-01",
    }
    assert body["url"] == "/issues/WEB-1/" and body["version"] == 1 and body["resolved_at"] is None
    assert dt.datetime.fromisoformat(body["created_at"].replace("Z", "+00:00")) <= timezone.now()
