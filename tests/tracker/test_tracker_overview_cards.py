"""Every number on a project's overview opens exactly the issues it counts, and the
issue list's filter form shows the filter that does it."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client
from django.utils import timezone

from cairn.tracker import services as tracker


def _issue(actor, project, title, status="To do", due=None):
    fields = {"title": title, "status": status}
    if due is not None:
        fields["due_date"] = due.isoformat()
    return tracker.create_issue(actor=actor, project=project, fields=fields, now=timezone.now())


def test_each_overview_card_opens_the_issues_it_counts(alice, web):
    today = timezone.localdate()
    _issue(alice, web, "late and open", due=today - dt.timedelta(days=3))
    _issue(alice, web, "late and started", status="In review", due=today - dt.timedelta(days=1))
    _issue(alice, web, "late but done", status="Done", due=today - dt.timedelta(days=9))
    _issue(alice, web, "due today", due=today)
    _issue(alice, web, "no date", status="In progress")
    client = Client()
    client.force_login(alice)
    overview = client.get("/projects/WEB/").content.decode()
    cards = re.findall(r'<a class="card" href="([^"]+)"><div class="stat"[^>]*>(\d+)<small>([^<]+)</small>', overview)
    assert [(label, int(n)) for _, n, label in cards] == [
        ("open issues", 4), ("in progress", 2), ("done", 1), ("overdue", 2)]
    for href, number, label in cards:
        listed = client.get(href.replace("&amp;", "&"))
        assert listed.status_code == 200
        assert listed.context["page"].total == int(number), label
    overdue = client.get("/projects/WEB/issues/?overdue=1")
    assert {i.title for i in overdue.context["page"].items} == {"late and open", "late and started"}
    assert b'name="overdue" value="1" checked' in overdue.content
    in_progress = client.get("/projects/WEB/issues/?status=in_progress")
    assert b'<option value="in_progress" selected>' in in_progress.content


def test_the_api_lists_overdue_issues_too(api_as, alice, web):
    today = timezone.localdate()
    _issue(alice, web, "late", due=today - dt.timedelta(days=1))
    _issue(alice, web, "late but done", status="Done", due=today - dt.timedelta(days=1))
    _issue(alice, web, "on time", due=today + dt.timedelta(days=1))
    listed = api_as(alice).get("/api/v1/projects/WEB/issues?overdue=true").json()
    assert [i["title"] for i in listed["items"]] == ["late"]
    assert api_as(alice).get("/api/v1/projects/WEB/issues?overdue=maybe").status_code == 422
