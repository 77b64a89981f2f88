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
