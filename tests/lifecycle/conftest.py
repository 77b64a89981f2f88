"""The lifecycle of WEB (open to the workspace: Alice admin, Bob member, Gus guest) and
SEC (private to Alice); Charlie is outside."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from cairn.lifecycle import gates


@pytest.fixture
def now() -> dt.datetime:
    return timezone.now()


@pytest.fixture
def page_as() -> Any:
    def client(user: Any) -> Client:
        browser = Client()
        if user is not None:
            browser.force_login(user)
        return browser
    return client


@pytest.fixture
def tick_all() -> Any:
    """Ticks every item of the project's current gate."""
    def tick(actor: Any, project: Any, now: dt.datetime) -> None:
        for check in gates.gate(project).checks:
            gates.tick(actor=actor, project=project, item_id=check.item.pk, ticked=True, now=now)
    return tick
