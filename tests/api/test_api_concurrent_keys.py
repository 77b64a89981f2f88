"""Issue keys stay unique and gapless when many people create issues at the same moment:
sixteen creators over real HTTP against a threaded server, on whichever database runs."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from django.utils import timezone

from cairn.accounts.services import issue_token
from cairn.tracker.models import Change, Issue

CREATORS = 16


@pytest.mark.django_db(transaction=True)
def test_sixteen_concurrent_creators_get_sixteen_distinct_keys(live_server, alice, bob, web):
    secrets = [issue_token(user=user, name=f"creator {i}", now=timezone.now())[1]
               for i, user in enumerate([alice, bob] * (CREATORS // 2))]
    start = threading.Barrier(CREATORS)

    def create(i: int) -> httpx.Response:
        with httpx.Client(base_url=live_server.url, timeout=60) as client:
            start.wait(timeout=30)  # every thread connects, then all fire together
            return client.post("/api/v1/projects/WEB/issues", json={"title": f"Issue from creator {i}"},
                               headers={"Authorization": f"Bearer {secrets[i]}"})

    with ThreadPoolExecutor(max_workers=CREATORS) as pool:
        responses = list(pool.map(create, range(CREATORS)))

    assert [r.status_code for r in responses] == [201] * CREATORS, [r.text for r in responses if r.status_code != 201]
    keys = {r.json()["key"] for r in responses}
    assert keys == {f"WEB-{n}" for n in range(1, CREATORS + 1)}
    assert Issue.objects.filter(project=web).count() == CREATORS
    assert sorted(Issue.objects.filter(project=web).values_list("number", flat=True)) == list(range(1, CREATORS + 1))
    assert Change.objects.filter(field="created").count() == CREATORS
    web.refresh_from_db()
    assert web.issue_counter == CREATORS
    titles = {r.json()["key"]: r.json()["title"] for r in responses}
    assert {i.key: i.title for i in Issue.objects.filter(project=web).select_related("project")} == titles
