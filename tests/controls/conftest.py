"""The controls of WEB (open to the workspace: Alice admin, Bob member, Gus guest) and
SEC (private to Alice); Charlie is outside. `plan` is WEB's A → B → C schedule."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from cairn.controls import risks
from cairn.planning import services as planning
from cairn.tracker import services as tracker

MONDAY = dt.date(2026, 11, 2)
DAY = 480


@pytest.fixture
def now() -> dt.datetime:
    return timezone.now()


@pytest.fixture
def risk(alice: Any, web: Any, now: dt.datetime) -> Any:
    return risks.create_risk(actor=alice, project=web, now=now, data={
        "title": "Payment provider late", "cause": "Contract unsigned", "effect": "Checkout slips",
        "category": "external", "probability": 3, "impact": 4, "owner": "bob"})


@pytest.fixture
def secret_risk(alice: Any, sec: Any, now: dt.datetime) -> Any:
    return risks.create_risk(actor=alice, project=sec, now=now, data={"title": "Leak", "probability": 2, "impact": 5})


@pytest.fixture
def page_as(password: str) -> Any:
    def client(user: Any) -> Client:
        browser = Client()
        if user is not None:
            browser.force_login(user)
        return browser
    return client


@pytest.fixture
def plan(alice: Any, web: Any, now: dt.datetime) -> dict[str, Any]:
    """A → B → C, finish to start, two days each, on the standard week from a Monday;
    D (one day) on its own."""
    planning.set_calendar(actor=alice, project=web, start_date=MONDAY, now=now)
    tasks = {}
    for name, days in (("A", 2), ("B", 2), ("C", 2), ("D", 1)):
        issue = tracker.create_issue(actor=alice, project=web, fields={"title": f"Task {name}"}, now=now)
        planning.add_to_schedule(actor=alice, issue=issue, duration_minutes=days * DAY, now=now)
        tasks[name] = issue
    planning.add_dependency(actor=alice, project=web, predecessor=tasks["A"], successor=tasks["B"], now=now)
    planning.add_dependency(actor=alice, project=web, predecessor=tasks["B"], successor=tasks["C"], now=now)
    return tasks
