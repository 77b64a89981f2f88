"""Identical writes sent at the same moment: one is made, the others are refused with a
4xx naming the field, never a 500 — over real HTTP against a threaded server, on
whichever database runs."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from django.utils import timezone

from cairn.accounts.services import issue_token
from cairn.planning import services as planning
from cairn.planning.models import Dependency
from cairn.tracker import services as tracker
from cairn.tracker.models import IssueType, Label

SENDERS = 8


def _all_at_once(live_server: Any, secret: str, requests: list[tuple[str, dict[str, Any]]]) -> list[httpx.Response]:
    start = threading.Barrier(len(requests))

    def send(i: int) -> httpx.Response:
        path, body = requests[i]
        with httpx.Client(base_url=live_server.url, timeout=60) as client:
            start.wait(timeout=30)  # every thread connects, then all fire together
            return client.post(path, json=body, headers={"Authorization": f"Bearer {secret}"})

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(send, range(len(requests))))


def _refusals_name(responses: list[httpx.Response], field: str) -> None:
    for response in responses:
        if response.status_code != 201:
            assert 400 <= response.status_code < 500, response.text
            assert field in response.json()["errors"], response.text


@pytest.mark.django_db(transaction=True)
def test_eight_identical_links_at_once_make_one_link(live_server: Any, alice: Any, web: Any) -> None:
    now = timezone.now()
    first, then = (tracker.create_issue(actor=alice, project=web, fields={"title": t}, now=now) for t in "AB")
    for issue in (first, then):
        planning.add_to_schedule(actor=alice, issue=issue, now=now)
    secret = issue_token(user=alice, name="links", now=now)[1]
    body = {"predecessor": first.key, "successor": then.key}
    responses = _all_at_once(live_server, secret, [("/api/v1/projects/WEB/dependencies", body)] * SENDERS)
    statuses = Counter(r.status_code for r in responses)
    assert statuses[201] == 1, [r.text for r in responses]
    _refusals_name(responses, "successor")
    assert Dependency.objects.filter(predecessor=first, successor=then).count() == 1


@pytest.mark.django_db(transaction=True)
def test_names_differing_only_in_case_at_once_make_one_setting(live_server: Any, alice: Any, web: Any) -> None:
    secret = issue_token(user=alice, name="settings", now=timezone.now())[1]
    spellings = ["urgent", "Urgent", "URGENT", "uRgEnT"]
    requests = [("/api/v1/projects/WEB/labels", {"name": n}) for n in spellings]
    requests += [("/api/v1/projects/WEB/types", {"name": n}) for n in spellings]
    responses = _all_at_once(live_server, secret, requests)
    assert [r.status_code for r in responses].count(201) == 2, [r.text for r in responses]
    _refusals_name(responses, "name")
    assert Label.objects.filter(project=web, name__iexact="urgent").count() == 1
    assert IssueType.objects.filter(project=web, name__iexact="urgent").count() == 1
