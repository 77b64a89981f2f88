"""Predecessors written as the Gantt table shows them: by WBS code or issue key, with a
type and a lag; shown back by WBS code; a reference to nothing is an error naming it;
a list that cannot be met changes nothing. And the rest of a task's plan the table
edits: its people with units, and what a new length would do before it is made."""

from __future__ import annotations

from typing import Any

import pytest

from cairn.errors import Invalid
from cairn.events import bus
from cairn.planning import outline, predecessors, queries
from cairn.planning import services as planning
from cairn.planning.models import Assignment, Dependency
from cairn.tracker import services as tracker

DAY = 480


def links_into(issue: Any) -> list[tuple[str, str, int]]:
    return sorted((d.predecessor.key, d.kind, d.lag_minutes)
                  for d in Dependency.objects.filter(successor=issue).select_related("predecessor__project"))


def row(web: Any, key: str) -> dict[str, Any]:
    return next(t for t in queries.schedule_view(web)["tasks"] if t["key"] == key)


@pytest.fixture
def nested(alice: Any, web: Any, plan: dict[str, Any], now: Any) -> dict[str, Any]:
    """The A → B → C chain, then a summary S with D under it (so D is 4.1)."""
    s = outline.create_task(actor=alice, project=web, title="Summary", now=now)
    d = outline.create_task(actor=alice, project=web, title="Task D", parent=s, duration_minutes=DAY, now=now)
    return {**plan, "S": s, "D": d}


def test_predecessors_are_written_by_wbs_code_or_key_with_type_and_lag(alice, web, nested, now):
    a, b, d = nested["A"], nested["B"], nested["D"]
    predecessors.set_predecessors(actor=alice, issue=nested["C"], text=f"1, 4.1SS+2d; {b.key.lower()}FF-4h", now=now)
    assert links_into(nested["C"]) == sorted([(a.key, "FS", 0), (d.key, "SS", 2 * DAY), (b.key, "FF", -240)])
    shown = row(web, nested["C"].key)["predecessors"]
    assert sorted((p["wbs"], p["type"], p["lag_minutes"]) for p in shown) == [
        ("1", "FS", 0), ("2", "FF", -240), ("4.1", "SS", 2 * DAY)]


def test_an_unchanged_link_keeps_its_id_and_a_missing_one_goes(alice, web, nested, now):
    c = nested["C"]
    kept = Dependency.objects.get(successor=c).pk  # B → C
    predecessors.set_predecessors(actor=alice, issue=c, text="2, 1SS", now=now)
    assert Dependency.objects.filter(successor=c, predecessor=nested["B"]).get().pk == kept
    predecessors.set_predecessors(actor=alice, issue=c, text="1SS", now=now)
    assert links_into(c) == [(nested["A"].key, "SS", 0)]
    predecessors.set_predecessors(actor=alice, issue=c, text="", now=now)
    assert links_into(c) == []


@pytest.mark.parametrize(("text", "message"), [
    ("9", "there is no row 9 in the plan"),
    ("1.9FS", "there is no row 1.9 in the plan"),
    ("WEB-999", "WEB-999 is not in the schedule"),
    ("OPS-3SS", "OPS-3 is not in WEB"),
    ("3", "“3” is this task itself"),
    ("1, WEB-1", "“WEB-1” names a task already listed"),
    ("1XX", "“1XX” is not a predecessor like 1.2, 1.2FS+2d or WEB-12SS-1d"),
    ("1+99999999999d", "“1+99999999999d” has a lag longer than ten years"),
])
def test_a_reference_to_nothing_is_an_error_naming_it_and_nothing_changes(alice, web, nested, now, text, message):
    c = nested["C"]
    before = links_into(c)
    with pytest.raises(Invalid) as refused:
        predecessors.set_predecessors(actor=alice, issue=c, text=text, now=now)
    assert refused.value.fields == {"predecessors": message}
    assert links_into(c) == before


def test_a_loop_refuses_the_whole_list(alice, web, nested, now):
    a = nested["A"]
    with pytest.raises(Invalid) as refused:
        predecessors.set_predecessors(actor=alice, issue=a, text="4.1, 3", now=now)
    assert "loop" in refused.value.fields["predecessors"]
    assert links_into(a) == []


def test_predecessors_through_the_api(api_as, alice, web, nested):
    api = api_as(alice)
    c = nested["C"]
    made = api.put(f"/api/v1/issues/{c.key}/predecessors", {"predecessors": "1.2FS+2d"})
    assert made.status_code == 422 and made.json()["errors"] == {"predecessors": "there is no row 1.2 in the plan"}
    made = api.put(f"/api/v1/issues/{c.key}/predecessors", {"predecessors": "4.1FS+2d, 2"})
    assert made.status_code == 200, made.content
    shown = next(t for t in made.json()["tasks"] if t["key"] == c.key)["predecessors"]
    assert sorted(p["wbs"] for p in shown) == ["2", "4.1"]


def test_everyone_on_a_task_is_set_at_once_and_all_or_nothing(api_as, alice, bob, gus, web, plan):
    api = api_as(alice)
    a = plan["A"]
    done = api.put(f"/api/v1/issues/{a.key}/assignments",
                   {"assignments": [{"username": "bob", "units": 50}, {"username": "alice", "units": 100}]})
    assert done.status_code == 200, done.content
    assert sorted(p["username"] for p in next(t for t in done.json()["tasks"] if t["key"] == a.key)["assignments"]) == [
        "alice", "bob"]
    refused = api.put(f"/api/v1/issues/{a.key}/assignments",
                      {"assignments": [{"username": "bob", "units": 80}, {"username": "gus", "units": 100}]})
    assert refused.status_code == 422 and "user" in refused.json()["errors"]
    assert sorted(Assignment.objects.filter(issue=a).values_list("user__username", "units")) == [
        ("alice", 100), ("bob", 50)]
    assert api.put(f"/api/v1/issues/{a.key}/assignments", {"assignments": [{"username": "bob", "units": 80}]}).status_code == 200
    assert list(Assignment.objects.filter(issue=a).values_list("user__username", "units")) == [("bob", 80)]
    assert api.delete(f"/api/v1/issues/{a.key}/assignments/bob").status_code == 204
    assert api.delete(f"/api/v1/issues/{a.key}/assignments/bob").status_code == 404
    assert not Assignment.objects.filter(issue=a).exists()


def test_a_longer_task_whose_finish_an_ff_link_holds_is_previewed_starting_earlier(api_as, alice, web, plan, now):
    a, b, c = plan["A"], plan["B"], plan["C"]
    Dependency.objects.filter(successor=c).delete()
    planning.add_dependency(actor=alice, project=web, predecessor=b, successor=c, kind="FF", now=now)
    before = row(web, c.key)
    answer = api_as(alice).get(f"/api/v1/issues/{c.key}/schedule/preview?duration_minutes={4 * DAY}")
    assert answer.status_code == 200, answer.content
    preview = answer.json()
    assert preview["finish"] == before["finish"] and preview["start"] < before["start"]
    assert preview["finish_held_by"] == [{"key": b.key, "wbs": "2", "type": "FF", "lag_minutes": 0}]
    assert row(web, c.key)["duration_minutes"] == before["duration_minutes"]  # nothing stored

    free = api_as(alice).get(f"/api/v1/issues/{a.key}/schedule/preview?duration_minutes={4 * DAY}").json()
    assert free["start"] == row(web, a.key)["start"] and free["finish"] > row(web, a.key)["finish"]
    assert free["finish_held_by"] == []


def test_a_new_issue_can_be_assigned_only_to_people_of_the_project(alice, gus, web, now):
    issue = tracker.create_issue(actor=alice, project=web, fields={"title": "Solo"}, now=now)
    with pytest.raises(Invalid):
        planning.set_assignments(actor=alice, issue=issue, people=[(gus, 100)], now=now)


def test_a_change_of_people_is_heard_by_everyone_with_the_chart_open(alice, bob, web, plan, now,
                                                                      django_capture_on_commit_callbacks):
    heard: list[bus.Event] = []
    stop = bus.subscribe(heard.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            planning.set_assignments(actor=alice, issue=plan["A"], people=[(bob, 50)], now=now)
    finally:
        stop()
    assert [(e.name, e.actor_id, e.payload) for e in heard] == [
        ("schedule.changed", alice.pk, {"project": "WEB", "key": plan["A"].key})]
