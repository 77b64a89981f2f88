"""Every list on the pages comes in pages: my work, search and the project list."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from django.utils import timezone

from cairn.tracker import services


def _page(client: Client, url: str) -> str:
    response = client.get(url, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, url
    return response.content.decode()


def _walk(client: Client, url: str) -> list[str]:
    keys: list[str] = []
    while url:
        html = _page(client, url)
        keys += re.findall(r'<td class="key"><a href="/issues/(WEB-\d+)/">', html)
        following = re.search(r'<a class="button" href="(\?[^"]*)">Next', html)
        url = url.split("?")[0] + following.group(1).replace("&amp;", "&") if following else ""
    return keys


def test_bobs_work_and_a_search_walk_through_every_page_once(alice: Any, bob: Any, web: Any) -> None:
    now = timezone.now()
    made = {services.create_issue(actor=alice, project=web, fields={"title": f"Pelican {n}", "assignee": "bob"},
                                  now=now).key for n in range(57)}
    client = Client()
    client.force_login(bob)
    assert sorted(_walk(client, "/my-work/")) == sorted(made)
    assert sorted(_walk(client, "/search/?q=pelican")) == sorted(made)
    assert "1–50 of 57" in _page(client, "/my-work/")
