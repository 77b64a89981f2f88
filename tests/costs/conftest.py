from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cairn.accounts.services import create_user
from cairn.tracker import services as tracker
from cairn.workspaces.models import ProjectMember, Role, WorkspaceMember

MONDAY = dt.date(2026, 11, 2)


@pytest.fixture
def now() -> dt.datetime:
    return timezone.now()


@pytest.fixture
def maria(db: Any, workspace: Any, web: Any) -> Any:
    """A manager of WEB by her role in the project, a member of the workspace."""
    user = create_user(username="maria", email="maria@example.com", password="correct horse battery staple",
                       display_name="Maria")
    WorkspaceMember.objects.create(workspace=workspace, user=user, role=Role.MEMBER)
    ProjectMember.objects.create(project=web, user=user, role=Role.MANAGER)
    return user


@pytest.fixture
def secret_issue(sec: Any, alice: Any, now: dt.datetime) -> Any:
    return tracker.create_issue(actor=alice, project=sec, fields={"title": "Hidden work"}, now=now)


@pytest.fixture
def small_plan(alice: Any, bob: Any, web: Any, now: dt.datetime) -> dict[str, Any]:
    """Build (a phase) = A (two days, Bob full time) → B (two days, nobody), from Monday
    2 November 2026 on the standard week, baselined."""
    from cairn.planning import services as planning

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
    return tasks
