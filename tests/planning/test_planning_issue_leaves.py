"""An issue that leaves its project (moved or deleted) leaves its schedule, and the
rest of the plan is rescheduled without it."""

from __future__ import annotations

from django.utils import timezone

from cairn.planning.models import Dependency, TaskSchedule
from cairn.tracker import setup
from cairn.tracker.deleting import delete_issue
from cairn.tracker.moving import move_issue


def schedule(api, key="WEB"):
    return {t["key"]: t for t in api.get(f"/api/v1/projects/{key}/schedule").json()["tasks"]}


def test_a_deleted_task_leaves_the_plan_and_its_successor_moves_up(api_as, alice, plan, now):
    before = schedule(api_as(alice))
    delete_issue(actor=alice, issue=plan["B"], now=now)
    after = schedule(api_as(alice))
    assert set(after) == {"WEB-1", "WEB-3"}
    assert after["WEB-3"]["start"] < before["WEB-3"]["start"]
    assert not Dependency.objects.exists()


def test_a_moved_task_leaves_its_old_plan(api_as, alice, plan, workspace, now):
    mob = setup.create_project(actor=alice, workspace=workspace, key="MOB", name="Mobile", now=timezone.now())
    move_issue(actor=alice, issue=plan["A"], to=mob, now=now)
    assert set(schedule(api_as(alice))) == {"WEB-2", "WEB-3"}
    assert TaskSchedule.objects.filter(issue=plan["A"]).count() == 0
    assert Dependency.objects.count() == 1
