"""History: every change says who changed which field from what to what, written in the
same transaction as the change."""

from __future__ import annotations

import re

from django.utils import timezone

from cairn.tracker import setup


def history(api, key="WEB-1"):
    body = api.get(f"/api/v1/issues/{key}/history").json()
    assert body["total"] == len(body["items"])
    return [(c["actor"], c["field"], c["old_value"], c["new_value"]) for c in body["items"]]


def test_creating_an_issue_is_the_first_line_of_its_history(api_as, alice, issue):
    assert history(api_as(alice)) == [("alice", "created", "", "First issue")]


def test_each_changed_field_is_one_line_naming_who_what_and_from_what(api_as, alice, bob, issue):
    setup.add_label(actor=alice, project=issue.project, name="ui")
    setup.add_milestone(actor=alice, project=issue.project, name="M1")
    response = api_as(bob).patch("/api/v1/issues/WEB-1", {
        "title": "Renamed", "status": "In progress", "priority": "High", "assignee": "alice",
        "due_date": "2026-06-30", "estimate_hours": "2.50", "labels": ["ui"], "milestone": "M1",
        "description": "Now with words",
    })
    assert response.status_code == 200, response.content
    assert sorted(history(api_as(alice))[1:]) == sorted([
        ("bob", "title", "First issue", "Renamed"),
        ("bob", "status", "To do", "In progress"),
        ("bob", "priority", "Medium", "High"),
        ("bob", "assignee", "", "alice"),
        ("bob", "due_date", "", "2026-06-30"),
        ("bob", "estimate_hours", "", "2.5"),
        ("bob", "labels", "", "ui"),
        ("bob", "milestone", "", "M1"),
        ("bob", "description", "", "Now with words"),
    ])


def test_unchanged_fields_leave_no_line(api_as, alice, issue):
    api = api_as(alice)
    api.patch("/api/v1/issues/WEB-1", {"title": "First issue", "status": "To do", "priority": "medium"})
    assert history(api) == [("alice", "created", "", "First issue")]


def test_clearing_a_field_records_the_old_value(api_as, alice, issue):
    api = api_as(alice)
    api.patch("/api/v1/issues/WEB-1", {"assignee": "bob"})
    api.patch("/api/v1/issues/WEB-1", {"assignee": None})
    assert history(api)[1:] == [("alice", "assignee", "", "bob"), ("alice", "assignee", "bob", "")]


def test_closing_and_reopening_sets_and_clears_resolved_at(api_as, alice, issue):
    api = api_as(alice)
    closed = api.patch("/api/v1/issues/WEB-1", {"status": "Done"}).json()
    assert closed["status_category"] == "done" and closed["resolved_at"] is not None
    reopened = api.patch("/api/v1/issues/WEB-1", {"status": "To do"}).json()
    assert reopened["resolved_at"] is None
    assert [line[2:] for line in history(api)[1:]] == [("To do", "Done"), ("Done", "To do")]


def test_history_pages_walk_every_change_once(api_as, alice, issue):
    api = api_as(alice)
    for n in range(7):
        api.patch("/api/v1/issues/WEB-1", {"title": f"Title {n}"})
    first = api.get("/api/v1/issues/WEB-1/history?limit=5").json()
    second = api.get(f"/api/v1/issues/WEB-1/history?limit=5&cursor={first['next_cursor']}").json()
    assert first["total"] == second["total"] == 8 and second["next_cursor"] is None
    assert [c["new_value"] for c in first["items"] + second["items"]] == ["First issue"] + [f"Title {n}" for n in range(7)]


def test_a_bulk_edit_writes_history_on_every_issue_it_changes(api_as, alice, bob, web):
    from cairn.tracker import services

    for title in ("One", "Two"):
        services.create_issue(actor=alice, project=web, fields={"title": title}, now=timezone.now())
    api_as(bob).post("/api/v1/projects/WEB/issues/bulk", {"issues": ["WEB-1", "WEB-2"], "set": {"status": "Done"}})
    for key in ("WEB-1", "WEB-2"):
        assert history(api_as(alice), key)[1:] == [("bob", "status", "To do", "Done")]


def test_the_history_on_the_page_names_people_as_the_rest_of_the_page_does(api_as, alice, bob, issue):
    from django.test import Client

    field = api_as(alice).post("/api/v1/projects/WEB/custom-fields", {"name": "Reviewer", "kind": "user"})
    assert field.status_code == 201, field.content
    api_as(alice).patch("/api/v1/issues/WEB-1", {"assignee": "bob", "custom_fields": {"Reviewer": "alice"}})
    api_as(alice).patch("/api/v1/issues/WEB-1", {"assignee": "alice"})
    client = Client()
    client.force_login(alice)
    page = client.get("/issues/WEB-1/").content.decode()
    shown = page[page.index('id="history-panel"'):]
    assert re.search(r"changed <em>assignee</em> from <del>none</del> to <ins>Bob</ins>", shown)
    assert re.search(r"changed <em>assignee</em> from <del>Bob</del> to <ins>Alice</ins>", shown)
    assert re.search(r"changed <em>Reviewer</em> from <del>none</del> to <ins>Alice</ins>", shown)
    # The API keeps the stable usernames.
    assert ("alice", "assignee", "bob", "alice") in history(api_as(alice))


def test_a_favicon_is_served(client):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    assert b"<svg" in b"".join(response.streaming_content if response.streaming else [response.content])
