"""Dates run from 1900-01-01 to 2199-12-31 wherever one comes in, and a far-off date
stored before that rule neither crashes nor slows the pages that walk over dates."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from cairn.planning import load, workload
from cairn.planning.models import Holiday, ProjectPlan, TaskSchedule, TimeOff
from cairn.tracker import services as tracker
from cairn.tracker import setup
from cairn.tracker.models import Issue, Milestone

FAR = ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01"]


@pytest.fixture
def loose(alice: Any, web: Any, plan: dict[str, Any], now: dt.datetime) -> Issue:
    """An issue outside the schedule, in WEB whose plan is A → B → C, with a date field."""
    setup.add_custom_field(actor=alice, project=web, name="Deadline", kind="date")
    return tracker.create_issue(actor=alice, project=web, fields={"title": "Loose"}, now=now)


def _rows() -> list[Any]:
    return [list(model.objects.order_by("pk").values()) for model in (Issue, ProjectPlan, Holiday, TaskSchedule,
                                                                       TimeOff, Milestone)]


def _cases(day: str, loose: str, task: str) -> list[tuple[str, str, Any, str]]:
    return [
        ("post", "/api/v1/projects/WEB/issues", {"title": "Far", "due_date": day}, "due_date"),
        ("patch", f"/api/v1/issues/{loose}", {"start_date": day}, "start_date"),
        ("patch", f"/api/v1/issues/{loose}", {"custom_fields": {"Deadline": day}}, "custom_fields.Deadline"),
        ("post", "/api/v1/projects/WEB/issues/bulk", {"issues": [loose], "set": {"due_date": day}}, "due_date"),
        ("post", "/api/v1/projects/WEB/milestones", {"name": "Far", "due_date": day}, "due_date"),
        ("put", "/api/v1/projects/WEB/calendar", {"start_date": day}, "start_date"),
        ("put", "/api/v1/projects/WEB/calendar", {"holidays": [{"date": day, "name": "Far"}]}, "holidays"),
        ("post", "/api/v1/people/alice/time-off", {"start_date": day}, "start_date"),
        ("patch", f"/api/v1/issues/{task}/schedule", {"constraint": "SNET", "constraint_date": f"{day}T08:00"},
         "constraint_date"),
        ("patch", f"/api/v1/issues/{task}/schedule", {"start": f"{day}T08:00"}, "start"),
        ("get", f"/api/v1/workload?start={day}", None, "start"),
        ("get", f"/api/v1/projects/WEB/issues?due_before={day}", None, "due_before"),
        ("get", f"/api/v1/projects/WEB/issues?due_after={day}", None, "due_after"),
        ("get", f"/api/v1/projects/WEB/issues?updated_after={day}T00:00:00Z", None, "updated_after"),
    ]


@pytest.mark.parametrize("day", FAR)
def test_the_api_refuses_a_date_outside_the_range_naming_the_field(api_as: Any, alice: Any, loose: Issue,
                                                                   plan: dict[str, Any], subtests: Any, day: str) -> None:
    api = api_as(alice)
    api.client.raise_request_exception = False
    before = _rows()
    for method, path, body, field in _cases(day, loose.key, plan["A"].key):
        with subtests.test(f"{method} {path} {body}"), transaction.atomic():
            response = getattr(api, method)(path, body) if body is not None else api.get(path)
            assert response.status_code == 422, response.content
            assert field in response.json()["errors"], response.json()
            assert "1900-01-01" in response.json()["errors"][field] or "date" in response.json()["errors"][field]
            assert _rows() == before
            transaction.set_rollback(True)


def test_the_first_and_last_day_of_the_range_are_accepted(api_as: Any, alice: Any, loose: Issue) -> None:
    api = api_as(alice)
    response = api.patch(f"/api/v1/issues/{loose.key}", {"start_date": "1900-01-01", "due_date": "2199-12-31",
                                                          "custom_fields": {"Deadline": "2199-12-31"}})
    assert response.status_code == 200, response.content
    assert api.get("/api/v1/workload?start=2199-12-31&weeks=52").status_code == 200
    assert api.get("/api/v1/workload?start=1900-01-01").status_code == 200


def test_the_pages_refuse_a_date_outside_the_range(client: Any, alice: Any, loose: Issue) -> None:
    client.raise_request_exception = False
    client.force_login(alice)
    host = {"HTTP_HOST": "127.0.0.1"}
    calendar = client.post("/projects/WEB/schedule/", {"action": "calendar", "start_date": "9999-12-01",
                                                       **{f"day{n}": "08:00-12:00" for n in range(5)}}, **host)
    assert calendar.status_code == 422 and b"1900-01-01" in calendar.content
    assert ProjectPlan.objects.get(project__key="WEB").start_date == dt.date(2026, 11, 2)
    assert client.get("/workload/", {"start": "9999-12-31"}, **host).status_code == 422
    assert client.get("/projects/WEB/issues/", {"due_before": "0001-01-01"}, **host).status_code == 422
    edit = client.post(f"/issues/{loose.key}/fields/due_date", {"due_date": "9999-12-31"}, **host)
    assert edit.status_code == 422 and b"1900-01-01" in edit.content
    time_off = client.post("/workload/", {"action": "add-time-off", "username": "alice", "start_date": "9999-12-31"},
                           **host)
    assert time_off.status_code == 422 and not TimeOff.objects.exists()
    loose.refresh_from_db()
    assert loose.due_date is None


def test_far_dates_stored_earlier_leave_the_workload_fast_and_whole(api_as: Any, client: Any, alice: Any, web: Any,
                                                                   now: dt.datetime) -> None:
    issues = [tracker.create_issue(actor=alice, project=web, now=now,
                                   fields={"title": f"Forever {n}", "assignee": "alice", "estimate_hours": "8"})
              for n in range(6)]
    # As rows written before the range was enforced would hold them.
    Issue.objects.filter(pk__in=[i.pk for i in issues[:5]]).update(start_date=dt.date(1, 1, 1),
                                                                     due_date=dt.date(9999, 12, 30))
    Issue.objects.filter(pk=issues[5].pk).update(due_date=dt.date(9999, 12, 31))
    TimeOff.objects.create(user=alice, start_date=dt.date(9999, 12, 31), end_date=dt.date(9999, 12, 31))
    ProjectPlan.objects.filter(project=web).update(start_date=dt.date(1, 1, 1))
    client.force_login(alice)
    api = api_as(alice)
    for ask in (lambda: api.get("/api/v1/workload"), lambda: client.get("/workload/", HTTP_HOST="127.0.0.1"),
                lambda: api.get("/api/v1/workload?start=2199-12-31&weeks=52"),
                lambda: client.get("/projects/WEB/schedule/?preview=1", HTTP_HOST="127.0.0.1"),
                lambda: api.get("/api/v1/projects/WEB/schedule")):
        began = time.perf_counter()
        response = ask()
        assert response.status_code == 200, response.content[:300]
        assert time.perf_counter() - began < 2
    hours = api.get("/api/v1/workload").json()["people"][0]["load_hours"]
    assert all(0 <= h < 0.1 for h in hours)  # eight hours spread over eight thousand years


def _weekdays_by_walking(start: dt.date, finish: dt.date) -> int:
    return sum((start + dt.timedelta(days=n)).weekday() < 5 for n in range((finish - start).days + 1))


@given(st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31)), st.integers(0, 60))
def test_weekdays_are_counted_without_walking_the_days(start: dt.date, length: int) -> None:
    finish = start + dt.timedelta(days=length)
    assert load.PersonCalendar(units=100).working_days(start, finish) == _weekdays_by_walking(start, finish)


def test_a_task_is_still_spread_evenly_over_its_weekdays(alice: Any, web: Any, now: dt.datetime) -> None:
    # Ten weekdays from Monday 2 November 2026, two weeks: five hours a week.
    tracker.create_issue(actor=alice, project=web, now=now, fields={
        "title": "Two weeks", "assignee": "alice", "estimate_hours": "10",
        "start_date": "2026-11-02", "due_date": "2026-11-13"})
    load = workload.weekly(alice, start=dt.date(2026, 10, 26), weeks=4)
    assert load.people[0].load_hours == [0.0, 5.0, 5.0, 0.0]
    assert Decimal("10") == Issue.objects.get(title="Two weeks").estimate_hours
