"""Custom fields of every kind, sub-tasks, watchers and bulk edits, through the API."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cairn.tracker import services, setup
from cairn.tracker.models import Change, Issue


@pytest.fixture
def fields(alice, web) -> None:
    setup.add_custom_field(actor=alice, project=web, name="Customer", kind="text")
    setup.add_custom_field(actor=alice, project=web, name="Cost", kind="number")
    setup.add_custom_field(actor=alice, project=web, name="Launch", kind="date")
    setup.add_custom_field(actor=alice, project=web, name="Tier", kind="select", options=["Gold", "Silver"])
    setup.add_custom_field(actor=alice, project=web, name="Platforms", kind="multiselect",
                           options=["iOS", "Android", "Web"])
    setup.add_custom_field(actor=alice, project=web, name="Reviewer", kind="user")


def test_custom_fields_of_every_kind_take_and_give_back_their_values(api_as, alice, bob, fields):
    api = api_as(bob)
    values = {"Customer": "ACME", "Cost": "1234.5", "Launch": "2026-09-01", "Tier": "Gold",
              "Platforms": ["Web", "iOS", "Web"], "Reviewer": "@alice"}
    created = api.post("/api/v1/projects/WEB/issues", {"title": "Custom", "custom_fields": values})
    assert created.status_code == 201, created.content
    expected = {"Customer": "ACME", "Cost": 1234.5, "Launch": "2026-09-01", "Tier": "Gold",
                "Platforms": ["Web", "iOS"], "Reviewer": "alice"}
    assert created.json()["custom_fields"] == expected
    assert api.get("/api/v1/issues/WEB-1").json()["custom_fields"] == expected
    listed = api.get("/api/v1/projects/WEB/issues").json()["items"][0]
    assert listed["custom_fields"] == expected


def test_a_custom_field_is_matched_by_name_in_any_case_and_cleared_with_null(api_as, alice, fields):
    api = api_as(alice)
    api.post("/api/v1/projects/WEB/issues", {"title": "Custom", "custom_fields": {"tier": "Silver", "cost": 3}})
    patched = api.patch("/api/v1/issues/WEB-1", {"custom_fields": {"TIER": None, "Cost": -2.25}})
    assert patched.json()["custom_fields"] == {"Cost": -2.25}
    lines = Change.objects.filter(issue__number=1).exclude(field="created").values_list("field", "old_value", "new_value")
    assert sorted(lines) == [("Cost", "3.0", "-2.25"), ("Tier", "Silver", "")]


def test_a_required_custom_field_must_be_given_and_cannot_be_cleared(api_as, alice, web):
    setup.add_custom_field(actor=alice, project=web, name="Team", kind="select", options=["Red", "Blue"], required=True)
    api = api_as(alice)
    missing = api.post("/api/v1/projects/WEB/issues", {"title": "No team"})
    assert missing.status_code == 422 and "custom_fields.Team" in missing.json()["errors"]
    assert api.post("/api/v1/projects/WEB/issues", {"title": "Red", "custom_fields": {"Team": "Red"}}).status_code == 201
    cleared = api.patch("/api/v1/issues/WEB-1", {"custom_fields": {"Team": None}})
    assert cleared.status_code == 422 and "custom_fields.Team" in cleared.json()["errors"]
    assert Issue.objects.get(number=1).custom_values != {}


def test_sub_tasks_name_their_parent_and_can_move_or_leave(api_as, alice, issue, web):
    api = api_as(alice)
    child = api.post("/api/v1/projects/WEB/issues", {"title": "Child", "parent": "web-1"})
    assert child.status_code == 201 and child.json()["parent"] == "WEB-1"
    api.post("/api/v1/projects/WEB/issues", {"title": "Grandchild", "parent": "WEB-2"})
    cycle = api.patch("/api/v1/issues/WEB-1", {"parent": "WEB-3"})
    assert cycle.status_code == 422 and "below this issue" in cycle.json()["errors"]["parent"]
    assert api.patch("/api/v1/issues/WEB-3", {"parent": "WEB-1"}).json()["parent"] == "WEB-1"
    assert api.patch("/api/v1/issues/WEB-3", {"parent": None}).json()["parent"] is None
    assert Issue.objects.get(number=1, project=web).parent is None


def test_watching_is_yours_to_start_and_stop_even_as_a_guest(api_as, alice, gus, issue):
    api = api_as(gus)
    assert api.post("/api/v1/issues/WEB-1/watch").status_code == 204
    assert api.post("/api/v1/issues/WEB-1/watch").status_code == 204
    assert set(issue.watchers.values_list("username", flat=True)) == {"alice", "gus"}
    assert api.delete("/api/v1/issues/WEB-1/watch").status_code == 204
    assert set(issue.watchers.values_list("username", flat=True)) == {"alice"}


def test_creator_and_assignee_watch_a_new_issue(api_as, alice, bob, web):
    api_as(alice).post("/api/v1/projects/WEB/issues", {"title": "For Bob", "assignee": "bob"})
    assert set(Issue.objects.get(number=1).watchers.values_list("username", flat=True)) == {"alice", "bob"}


@pytest.fixture
def three(alice, web) -> None:
    setup.add_label(actor=alice, project=web, name="ui")
    for fields in ({"title": "One"}, {"title": "Two", "start_date": "2026-06-01"}, {"title": "Three"}):
        services.create_issue(actor=alice, project=web, fields=fields, now=timezone.now())


def test_bulk_edit_changes_every_listed_issue(api_as, bob, three):
    response = api_as(bob).post("/api/v1/projects/WEB/issues/bulk", {
        "issues": ["WEB-1", "web-3"], "set": {"status": "In progress", "assignee": "bob", "labels": ["ui"]}})
    assert response.status_code == 200, response.content
    assert sorted((i["key"], i["status"], i["assignee"], tuple(i["labels"]), i["version"]) for i in response.json()) == [
        ("WEB-1", "In progress", "bob", ("ui",), 2), ("WEB-3", "In progress", "bob", ("ui",), 2)]
    assert Issue.objects.get(number=2).status.name == "To do"


def test_bulk_edit_is_all_or_nothing(api_as, bob, three):
    before = list(Issue.objects.order_by("pk").values())
    changes = Change.objects.count()
    # WEB-2 starts on 2026-06-01, so this due date is fine for WEB-1 and WEB-3 but not for it.
    response = api_as(bob).post("/api/v1/projects/WEB/issues/bulk", {
        "issues": ["WEB-1", "WEB-2", "WEB-3"], "set": {"status": "Done", "due_date": "2026-05-01"}})
    assert response.status_code == 422 and "due_date" in response.json()["errors"]
    assert list(Issue.objects.order_by("pk").values()) == before
    assert Change.objects.count() == changes


def test_bulk_edit_refuses_fields_that_are_per_issue(api_as, bob, three):
    response = api_as(bob).post("/api/v1/projects/WEB/issues/bulk", {"issues": ["WEB-1"], "set": {"parent": "WEB-2"}})
    assert response.status_code == 422 and response.json()["errors"] == {"parent": "cannot be bulk edited"}
