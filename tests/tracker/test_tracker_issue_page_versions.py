"""The issue page's side of optimistic concurrency: each inline save sends the version
the page was showing; a save based on an older one is refused with 412, says why, and
names the current version; the answer to a save hands the page the next version."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.utils import timezone

from cairn.tracker import services
from cairn.tracker.models import Issue

HX = {"HTTP_HOST": "127.0.0.1", "HTTP_HX_REQUEST": "true"}


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_save_based_on_an_older_version_is_refused_with_412(alice: Any, bob: Any, issue: Any) -> None:
    services.update_issue(actor=bob, issue=issue, fields={"title": "Bob's title"}, now=timezone.now())
    refused = _client(alice).post(f"/issues/{issue.key}/fields/title", {"title": "Alice's title", "version": "1"}, **HX)
    assert refused.status_code == 412
    assert refused["Content-Type"].startswith("text/plain")
    assert refused.content.decode() == (f"{issue.key} was changed by someone else since you opened it. Reload to "
                                        "see the latest version; your edit was not saved.")
    assert refused["X-Current-Version"] == "2"
    assert Issue.objects.get(pk=issue.pk).title == "Bob's title"


def test_a_save_hands_the_page_the_next_version(alice: Any, issue: Any) -> None:
    saved = _client(alice).post(f"/issues/{issue.key}/fields/title", {"title": "Renamed", "version": "1"}, **HX)
    assert saved.status_code == 200
    assert '<input type="hidden" id="issue-version" name="version" value="2" hx-swap-oob="true">' in saved.content.decode()


def test_a_save_without_a_version_is_not_checked(alice: Any, bob: Any, issue: Any) -> None:
    services.update_issue(actor=bob, issue=issue, fields={"title": "Bob's title"}, now=timezone.now())
    for version in ({}, {"version": ""}, {"version": "x"}):
        saved = _client(alice).post(f"/issues/{issue.key}/fields/priority", {"priority": "High", **version}, **HX)
        assert saved.status_code == 200, version
    assert Issue.objects.get(pk=issue.pk).priority.name == "High"
