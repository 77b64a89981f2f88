"""One capacity model for levelling and the workload page: work in every project,
issues with estimates outside any schedule, holidays and time off, in the same units.
Right after levelling, the workload page shows nobody over-allocated."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

from cairn.accounts.models import User
from cairn.planning import levelling, time_off, workload
from cairn.planning import services as planning
from cairn.planning.models import Capacity, TaskSchedule
from cairn.tracker import services as tracker
from cairn.tracker.setup import create_project
from cairn.workspaces.models import Role, WorkspaceMember

DAY = 480
UTC = dt.UTC
MONDAY = dt.date(2026, 11, 2)
NOW = dt.datetime(2026, 11, 2, 7, tzinfo=UTC)  # before the plans start: nothing is in the past


@pytest.fixture
def ops(workspace: Any, alice: Any) -> Any:
    return create_project(actor=alice, workspace=workspace, key="OPS", name="Operations", now=NOW)


def _task(alice: Any, project: Any, title: str, days: int, people: dict[Any, int]) -> Any:
    issue = tracker.create_issue(actor=alice, project=project, fields={"title": title}, now=NOW)
    planning.add_to_schedule(actor=alice, issue=issue, duration_minutes=days * DAY, now=NOW)
    for person, units in people.items():
        planning.assign(actor=alice, issue=issue, user=person, units=units)
    return issue


def _bobs_weeks(viewer: Any, weeks: int = 2) -> Any:
    return next(p for p in workload.weekly(viewer, start=MONDAY, weeks=weeks).people if p.username == "bob")


def test_levelling_makes_room_for_bobs_work_in_another_project(alice: Any, bob: Any, web: Any, ops: Any) -> None:
    for project in (web, ops):
        planning.set_calendar(actor=alice, project=project, start_date=MONDAY, now=NOW)
    _task(alice, ops, "Server upgrade", 3, {bob: 100})
    site = _task(alice, web, "Landing page", 3, {bob: 100})
    assert _bobs_weeks(alice).over == [True, False]
    preview = levelling.preview(web, now=NOW)
    assert [(m["key"], m["new_start"]) for m in preview.moves] == [(site.key, "2026-11-05")]
    levelling.apply(actor=alice, project=web, now=NOW)
    assert _bobs_weeks(alice).over == [False, False]


def test_levelling_makes_room_for_bobs_estimated_issues_outside_the_schedule(alice: Any, bob: Any, web: Any) -> None:
    planning.set_calendar(actor=alice, project=web, start_date=MONDAY, now=NOW)
    tracker.create_issue(actor=alice, project=web, now=NOW, fields={
        "title": "Support rota", "assignee": "bob", "estimate_hours": "24", "start_date": "2026-11-02",
        "due_date": "2026-11-04"})
    site = _task(alice, web, "Landing page", 2, {bob: 100})
    assert levelling.preview(web, now=NOW).moves[0]["key"] == site.key
    levelling.apply(actor=alice, project=web, now=NOW)
    assert TaskSchedule.objects.get(issue=site).start.date() == dt.date(2026, 11, 5)
    assert _bobs_weeks(alice).over == [False, False]


def test_a_holiday_of_bobs_only_project_is_a_day_off_on_the_workload_page(alice: Any, bob: Any, web: Any) -> None:
    planning.set_calendar(actor=alice, project=web, start_date=MONDAY, now=NOW,
                          holidays=[{"date": "2026-11-04", "name": "Founders' day"}])
    _task(alice, web, "Landing page", 5, {bob: 100})
    bobs = _bobs_weeks(alice)
    assert bobs.capacity_hours == [32.0, 40.0]
    assert bobs.load_hours == [32.0, 8.0]  # the task runs round the holiday, into Monday
    assert bobs.over == [False, False]


def test_a_part_timer_counts_the_same_everywhere(alice: Any, bob: Any, web: Any, client: Any) -> None:
    planning.set_calendar(actor=alice, project=web, start_date=MONDAY, now=NOW)
    Capacity.objects.create(user=bob, units=50)
    first = _task(alice, web, "Landing page", 2, {bob: 50})
    second = _task(alice, web, "Pricing page", 2, {bob: 50})
    preview = levelling.preview(web, now=NOW)
    assert len(preview.moves) == 1 and preview.overbooked == []
    full = _task(alice, web, "Checkout", 1, {bob: 100})
    preview = levelling.preview(web, now=NOW)
    assert preview.overbooked == [{"key": full.key, "username": "bob", "units": 100, "capacity": 50}]
    assert {first.key, second.key} & {m["key"] for m in preview.moves}
    client.force_login(alice)
    page = client.get("/projects/WEB/schedule/?preview=1", HTTP_HOST="127.0.0.1").content.decode()
    assert "Levelling cannot help" in page and f"{full.key}</a> asks bob for 100 %, who works 50 %" in page


def _generated(rng: random.Random, alice: Any, people: list[Any], web: Any, ops: Any) -> None:
    """Two projects sharing three people (one part time), holidays in each, time off,
    links of three kinds, work done and under way, estimates outside any schedule."""
    planning.set_calendar(actor=alice, project=web, start_date=MONDAY, now=NOW,
                          holidays=[{"date": "2026-11-11", "name": "Armistice"}])
    planning.set_calendar(actor=alice, project=ops, start_date=MONDAY, now=NOW,
                          holidays=[{"date": "2026-11-20", "name": "Away day"}])
    time_off.add(actor=alice, person=people[1], start="2026-11-16", end="2026-11-17")
    capacities = {person.pk: units for person, units in zip(people, (100, 80, 50))}
    for person in people:
        Capacity.objects.update_or_create(user=person, defaults={"units": capacities[person.pk]})

    def staff() -> dict[Any, int]:
        chosen = rng.sample(people, rng.choice([1, 1, 2]))
        return {p: min(rng.choice([25, 50, 80, 100]), capacities[p.pk]) for p in chosen}

    for n in range(8):
        _task(alice, ops, f"Ops {n}", rng.randint(1, 4), staff())
    issues = [_task(alice, web, f"Web {n}", rng.randint(1, 5), staff()) for n in range(24)]
    for n in range(1, len(issues)):
        for before in rng.sample(range(n), min(n, rng.choice([0, 1, 1, 2]))):
            planning.add_dependency(actor=alice, project=web, predecessor=issues[before], successor=issues[n],
                                    kind=rng.choice(["FS", "FS", "SS", "FF"]), lag_minutes=rng.choice([0, 0, DAY]),
                                    now=NOW)
    for person, start in zip(people, ("2026-11-09", "2026-11-18", "2026-11-24")):
        tracker.create_issue(actor=alice, project=web, now=NOW, fields={
            "title": f"Estimate for {person.username}", "assignee": person.username, "estimate_hours": "16",
            "start_date": start, "due_date": (dt.date.fromisoformat(start) + dt.timedelta(days=3)).isoformat()})
    done, running = issues[0], issues[1]
    tracker.update_issue(actor=alice, issue=done, fields={"status": "Done"}, now=NOW)
    tracker.update_issue(actor=alice, issue=running, fields={"status": "In progress"}, now=NOW)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_after_levelling_the_workload_page_shows_nobody_over_allocated(
    seed: int, alice: Any, bob: Any, workspace: Any, web: Any, ops: Any
) -> None:
    dana = User.objects.create_user(username="dana", email="dana@example.com", password="x" * 20)
    WorkspaceMember.objects.create(workspace=workspace, user=dana, role=Role.MEMBER)
    people = [alice, bob, dana]
    _generated(random.Random(seed), alice, people, web, ops)
    weeks = workload.weekly(alice, start=MONDAY, weeks=52)
    assert any(any(p.over) for p in weeks.people)  # there is something to level
    levelling.apply(actor=alice, project=ops, now=NOW)
    outcome = levelling.apply(actor=alice, project=web, now=NOW)
    assert outcome.overloaded_days_after == 0 and outcome.overbooked == []
    finish = max(t.finish for t in TaskSchedule.objects.all()).date()
    shown = workload.weekly(alice, start=MONDAY, weeks=(finish - MONDAY).days // 7 + 1)
    over = {p.username: [w.isoformat() for w, red in zip(shown.weeks, p.over) if red] for p in shown.people}
    assert over == {p.username: [] for p in shown.people}
    assert {p.username for p in shown.people} == {"alice", "bob", "dana"}
