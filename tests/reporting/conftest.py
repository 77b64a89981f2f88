"""Status reports of WEB (open to the workspace: Alice admin, Bob member, Gus guest;
Maria its manager) and SEC (private to Alice); Charlie is outside.

`worked` is the costs' worked example (tests/costs/test_costs_earned_value.py): on
Wednesday 4 November 2026 WEB has SPI 1.00 and CPI 0.90, so its report is amber for
its cost alone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from cairn.accounts.services import create_user
from cairn.costs import expenses, rates, services
from cairn.planning import services as planning
from cairn.tracker import services as tracker
from cairn.workspaces.models import ProjectMember, Role, WorkspaceMember

MONDAY = dt.date(2026, 11, 2)
WEDNESDAY = dt.date(2026, 11, 4)
NOON = dt.datetime(2026, 11, 4, 12, tzinfo=dt.UTC)


@pytest.fixture
def now() -> dt.datetime:
    return timezone.now()


@pytest.fixture
def noon() -> dt.datetime:
    return NOON


@pytest.fixture
def maria(db: Any, workspace: Any, web: Any) -> Any:
    """A manager of WEB by her role in the project, a member of the workspace."""
    user = create_user(username="maria", email="maria@example.com", password="correct horse battery staple",
                       display_name="Maria")
    WorkspaceMember.objects.create(workspace=workspace, user=user, role=Role.MEMBER)
    ProjectMember.objects.create(project=web, user=user, role=Role.MANAGER)
    return user


@pytest.fixture
def worked(alice: Any, bob: Any, web: Any, now: dt.datetime) -> dict[str, Any]:
    """Build = A (two days, Bob) → B (two days, nobody) from Monday 2 November 2026,
    baselined; A done, B in progress; 2,220 spent of a 2,400 budget."""
    planning.set_calendar(actor=alice, project=web, start_date=MONDAY, now=now)
    build = tracker.create_issue(actor=alice, project=web, fields={"title": "Build", "type": "Epic"}, now=now)
    planning.add_to_schedule(actor=alice, issue=build, duration_minutes=480, now=now)
    tasks = {"Build": build}
    for name in "AB":
        issue = tracker.create_issue(actor=alice, project=web, fields={"title": f"Task {name}", "parent": build.key},
                                     now=now)
        planning.add_to_schedule(actor=alice, issue=issue, duration_minutes=2 * 480, now=now)
        tasks[name] = issue
    planning.add_dependency(actor=alice, project=web, predecessor=tasks["A"], successor=tasks["B"], now=now)
    planning.assign(actor=alice, issue=tasks["A"], user=bob, units=100)
    planning.reschedule(web, actor=alice, now=now)
    planning.save_baseline(actor=alice, project=web, name="Approved", now=now)
    rates.set_rate(actor=alice, project=web, hourly_rate="50", effective_from="2026-01-01")
    rates.set_rate(actor=alice, project=web, person="bob", hourly_rate="100", effective_from="2026-01-01")
    rates.set_rate(actor=alice, project=web, role="admin", hourly_rate="80", effective_from="2026-01-01")
    services.log_time(actor=bob, issue=tasks["A"], date="2026-11-02", hours="8", now=now)
    services.log_time(actor=bob, issue=tasks["A"], date="2026-11-03", hours="10", now=now)
    services.log_time(actor=alice, issue=tasks["B"], date="2026-11-04", hours="4", now=now)
    expenses.add_expense(actor=alice, project=web, date="2026-11-03", category_name="travel", amount="100",
                         description="Train to the client", phase_key=build.key, now=now)
    from cairn.costs import budget

    budget.add_line(actor=alice, project=web, category_name="labour", amount="2400")
    resolved = dt.datetime(2026, 11, 3, 17, tzinfo=dt.UTC)
    tracker.update_issue(actor=alice, issue=tasks["A"], fields={"status": "Done"}, now=resolved)
    tracker.update_issue(actor=alice, issue=tasks["B"], fields={"status": "In progress"}, now=resolved)
    return tasks


@pytest.fixture
def page_as() -> Any:
    def client(user: Any) -> Client:
        browser = Client()
        if user is not None:
            browser.force_login(user)
        return browser
    return client
