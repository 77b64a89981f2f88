"""Building a plan row by row: Alice adds new and existing issues at a place in the
outline, indents them under summaries, moves and outdents them, and takes one off
again; the outline is the issues' hierarchy, so the tracker sees each new parent."""

from __future__ import annotations

from typing import Any

import pytest

from cairn.errors import Forbidden, Invalid
from cairn.planning import outline, queries
from cairn.planning.models import Dependency, TaskSchedule
from cairn.tracker import services as tracker
from cairn.tracker.models import Change, Issue

DAY = 480


@pytest.fixture
def loose(alice: Any, web: Any, now: Any) -> dict[str, Issue]:
    """A, B and C on the schedule, not linked."""
    tasks = {}
    for name in "ABC":
        tasks[name] = tracker.create_issue(actor=alice, project=web, fields={"title": f"Task {name}"}, now=now)
    outline.add_tasks(actor=alice, project=web, issues=list(tasks.values()), duration_minutes=DAY, now=now)
    return tasks


def rows(web: Any) -> list[tuple[str, str]]:
    """(WBS, title) of each row in outline order."""
    return [(t["wbs"], t["title"]) for t in queries.schedule_view(web)["tasks"]]


def fresh(issue: Issue) -> Issue:
    return Issue.objects.select_related("project", "parent").get(pk=issue.pk)


def test_alice_adds_a_new_task_and_a_milestone_below_a_row(alice, web, plan, now):
    outline.create_task(actor=alice, project=web, title="Inspect", after=plan["A"], now=now)
    outline.create_task(actor=alice, project=web, title="Handover", milestone=True, now=now)
    assert rows(web) == [("1", "Task A"), ("2", "Inspect"), ("3", "Task B"), ("4", "Task C"), ("5", "Handover")]
    handover = next(t for t in queries.schedule_view(web)["tasks"] if t["title"] == "Handover")
    assert handover["milestone"] and handover["duration_minutes"] == 0


def test_existing_issues_go_on_the_schedule_with_their_estimate_as_their_length(alice, web, plan, now):
    long = tracker.create_issue(actor=alice, project=web, fields={"title": "Long", "estimate_hours": "20"}, now=now)
    bare = tracker.create_issue(actor=alice, project=web, fields={"title": "Bare"}, now=now)
    outline.add_tasks(actor=alice, project=web, issues=[long, bare], parent=plan["B"], now=now)
    assert rows(web) == [("1", "Task A"), ("2", "Task B"), ("2.1", "Long"), ("2.2", "Bare"), ("3", "Task C")]
    assert long.schedule.duration_minutes == 20 * 60
    assert TaskSchedule.objects.get(issue=bare).duration_minutes == DAY
    assert fresh(long).parent == plan["B"]
    assert TaskSchedule.objects.get(issue=plan["B"]).summary


def test_an_issue_already_planned_or_of_another_project_is_refused_by_name(alice, web, sec, plan, now):
    with pytest.raises(Invalid) as twice:
        outline.add_tasks(actor=alice, project=web, issues=[plan["A"]], now=now)
    assert twice.value.fields == {"issues": f"{plan['A'].key} is already in the schedule"}
    other = tracker.create_issue(actor=alice, project=sec, fields={"title": "Secret"}, now=now)
    with pytest.raises(Invalid) as elsewhere:
        outline.add_tasks(actor=alice, project=web, issues=[other], now=now)
    assert elsewhere.value.fields == {"issues": f"{other.key} is not in WEB"}


def test_indent_puts_a_task_under_the_one_above_and_outdent_takes_it_back_out(alice, web, loose, now):
    a, b, c = loose["A"], loose["B"], loose["C"]
    outline.reshape(actor=alice, issue=b, action="indent", now=now)
    outline.reshape(actor=alice, issue=c, action="indent", now=now)
    assert rows(web) == [("1", "Task A"), ("1.1", "Task B"), ("1.2", "Task C")]
    assert fresh(b).parent == a and fresh(c).parent == a
    assert Change.objects.filter(issue=b, field="parent", new_value=a.key).exists()
    summary = next(t for t in queries.schedule_view(web)["tasks"] if t["key"] == a.key)
    assert summary["summary"]

    outline.reshape(actor=alice, issue=b, action="outdent", now=now)
    # B leaves its summary and follows it, as its next sibling; C stays under A.
    assert rows(web) == [("1", "Task A"), ("1.1", "Task C"), ("2", "Task B")]
    assert fresh(b).parent is None


def test_a_task_moves_up_and_down_among_its_siblings_with_its_subtasks(alice, web, loose, now):
    a, b, c = loose["A"], loose["B"], loose["C"]
    outline.reshape(actor=alice, issue=c, action="indent", now=now)  # C under B
    outline.reshape(actor=alice, issue=b, action="up", now=now)
    assert rows(web) == [("1", "Task B"), ("1.1", "Task C"), ("2", "Task A")]
    outline.reshape(actor=alice, issue=b, action="down", now=now)
    assert rows(web) == [("1", "Task A"), ("2", "Task B"), ("2.1", "Task C")]
    assert list(TaskSchedule.objects.order_by("position").values_list("issue_id", flat=True)) == [a.pk, b.pk, c.pk]


@pytest.mark.parametrize(("name", "action", "message"), [
    ("A", "indent", "has no task above it at its level to go under"),
    ("A", "outdent", "is already at the top level"),
    ("A", "up", "is already the first task at its level"),
    ("C", "down", "is already the last task at its level"),
    ("A", "sideways", "must be one of indent, outdent, up, down"),
])
def test_a_move_that_cannot_be_made_says_why_and_changes_nothing(alice, web, loose, now, name, action, message):
    before = rows(web)
    with pytest.raises(Invalid) as refused:
        outline.reshape(actor=alice, issue=loose[name], action=action, now=now)
    assert message in refused.value.fields["action"]
    assert rows(web) == before


def test_a_task_linked_to_the_one_above_cannot_go_under_it(alice, web, plan, now):
    with pytest.raises(Invalid) as refused:
        outline.reshape(actor=alice, issue=plan["B"], action="indent", now=now)
    assert refused.value.fields["action"].startswith("a task would be linked to its own summary (")
    assert fresh(plan["B"]).parent is None
    assert rows(web) == [("1", "Task A"), ("2", "Task B"), ("3", "Task C")]


def test_a_task_whose_epic_is_not_planned_keeps_its_epic_at_the_top_level(alice, web, now):
    epic = tracker.create_issue(actor=alice, project=web, fields={"title": "Epic"}, now=now)
    story = tracker.create_issue(actor=alice, project=web, fields={"title": "Story", "parent": epic.key}, now=now)
    first = tracker.create_issue(actor=alice, project=web, fields={"title": "First"}, now=now)
    outline.add_tasks(actor=alice, project=web, issues=[first, story], now=now)
    outline.reshape(actor=alice, issue=story, action="up", now=now)
    assert rows(web) == [("1", "Story"), ("2", "First")]
    assert fresh(story).parent == epic


def test_a_task_comes_off_the_schedule_with_its_links_but_a_summary_waits_for_its_tasks(alice, web, plan, now):
    a, b, c = plan["A"], plan["B"], plan["C"]
    Dependency.objects.filter(successor=c).delete()
    outline.reshape(actor=alice, issue=c, action="indent", now=now)  # C under B
    with pytest.raises(Invalid) as refused:
        outline.remove_task(actor=alice, issue=b, now=now)
    assert "summary of 1 task" in refused.value.fields["issue"]
    outline.remove_task(actor=alice, issue=a, now=now)
    assert rows(web) == [("1", "Task B"), ("1.1", "Task C")]
    assert not Dependency.objects.filter(predecessor=a).exists()
    assert Issue.objects.filter(pk=a.pk).exists()


def test_gus_the_guest_cannot_reshape_the_plan(gus, web, plan, now):
    with pytest.raises(Forbidden):
        outline.reshape(actor=gus, issue=plan["B"], action="indent", now=now)
    with pytest.raises(Forbidden):
        outline.create_task(actor=gus, project=web, title="Sneaky", now=now)
    assert not Issue.objects.filter(title="Sneaky").exists()


def test_rows_are_added_and_reshaped_through_the_api(api_as, alice, web, plan, now):
    api = api_as(alice)
    extra = tracker.create_issue(actor=alice, project=web, fields={"title": "Extra"}, now=now)
    listed = api.get("/api/v1/projects/WEB/schedule/unscheduled?q=extr").json()
    assert [i["key"] for i in listed] == [extra.key]
    made = api.post("/api/v1/projects/WEB/schedule/tasks", {"issues": [extra.key], "after": plan["A"].key})
    assert made.status_code == 201, made.content
    assert made.json()["added"] == [extra.key]
    assert [t["key"] for t in made.json()["tasks"]][:2] == [plan["A"].key, extra.key]
    new = api.post("/api/v1/projects/WEB/schedule/tasks", {"title": "Kick-off", "milestone": True, "parent": extra.key})
    assert new.status_code == 201, new.content
    indented = api.post(f"/api/v1/issues/{extra.key}/schedule/outline", {"action": "indent"})
    assert indented.status_code == 200
    assert [(t["wbs"], t["title"]) for t in indented.json()["tasks"]][:3] == [
        ("1", "Task A"), ("1.1", "Extra"), ("1.1.1", "Kick-off")]
    refused = api.post(f"/api/v1/issues/{plan['A'].key}/schedule/outline", {"action": "up"})
    assert refused.status_code == 422 and "action" in refused.json()["errors"]
    both = api.post("/api/v1/projects/WEB/schedule/tasks", {"title": "X", "issues": [extra.key]})
    assert both.status_code == 422 and "title" in both.json()["errors"]
    removed = api.delete(f"/api/v1/issues/{plan['C'].key}/schedule")
    assert removed.status_code == 200 and plan["C"].key not in [t["key"] for t in removed.json()["tasks"]]


def test_gus_gets_403_from_the_editing_api(api_as, gus, web, plan):
    api = api_as(gus)
    assert api.post("/api/v1/projects/WEB/schedule/tasks", {"title": "No"}).status_code == 403
    assert api.post(f"/api/v1/issues/{plan['B'].key}/schedule/outline", {"action": "indent"}).status_code == 403
    assert api.put(f"/api/v1/issues/{plan['B'].key}/predecessors", {"predecessors": ""}).status_code == 403
