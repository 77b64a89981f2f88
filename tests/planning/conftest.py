from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cairn.planning import services as planning
from cairn.tracker import services as tracker

MONDAY = dt.date(2026, 11, 2)
DAY = 480


@pytest.fixture
def now() -> dt.datetime:
    return timezone.now()


@pytest.fixture
def plan(alice: Any, web: Any, now: dt.datetime) -> dict[str, Any]:
    """A → B → C, finish to start, two days each, on the standard week from a Monday."""
    planning.set_calendar(actor=alice, project=web, start_date=MONDAY, now=now)
    tasks = {}
    for name in "ABC":
        issue = tracker.create_issue(actor=alice, project=web, fields={"title": f"Task {name}"}, now=now)
        planning.add_to_schedule(actor=alice, issue=issue, duration_minutes=2 * DAY, now=now)
        tasks[name] = issue
    planning.add_dependency(actor=alice, project=web, predecessor=tasks["A"], successor=tasks["B"], now=now)
    planning.add_dependency(actor=alice, project=web, predecessor=tasks["B"], successor=tasks["C"], now=now)
    return tasks
