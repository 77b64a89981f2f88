"""The timesheet page, the approvals page and the issue page's time panel."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from cairn.costs import services, timesheets
from cairn.costs.models import TimeEntry, Timer

MONDAY = dt.date(2026, 11, 2)


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_bob_fills_and_submits_his_week_on_the_page(bob, issue):
    client = logged_in(bob)
    page = client.get(f"/timesheet/?week={MONDAY}&add={issue.key}")
    assert page.status_code == 200
    assert f'name="h-{issue.key}-0"' in page.content.decode()
    saved = client.post("/timesheet/", {"week": MONDAY, f"h-{issue.key}-0": "2", f"h-{issue.key}-1": "1:30",
                                        "action": "save"})
    assert saved.status_code == 302
    assert sorted(e.minutes for e in TimeEntry.objects.all()) == [90, 120]
    client.post("/timesheet/", {"week": MONDAY, f"h-{issue.key}-0": "2", "action": "submit"})
    page = client.get(f"/timesheet/?week={MONDAY}").content.decode()
    assert "Submitted" in page and f'name="h-{issue.key}-0"' not in page


def test_a_bad_cell_is_a_form_error_not_a_half_saved_week(bob, issue):
    answer = logged_in(bob).post("/timesheet/", {"week": MONDAY, f"h-{issue.key}-0": "2",
                                                 f"h-{issue.key}-1": "many", "action": "save"})
    assert answer.status_code == 422
    assert not TimeEntry.objects.exists()


def test_a_cell_of_an_issue_charlie_cannot_see_is_refused(charlie, secret_issue):
    answer = logged_in(charlie).post("/timesheet/", {"week": MONDAY, f"h-{secret_issue.key}-0": "2"})
    assert answer.status_code == 422
    assert not TimeEntry.objects.exists()


def test_the_timesheet_page_asks_for_a_login(client):
    assert client.get("/timesheet/").status_code == 302
    assert client.get("/timesheet/approvals/").status_code == 302


def test_alice_approves_and_rejects_on_the_approvals_page(alice, bob, issue, now):
    services.log_time(actor=bob, issue=issue, date=MONDAY, hours="3", now=now)
    sheet = timesheets.submit(actor=bob, week=MONDAY, now=now)
    client = logged_in(alice)
    page = client.get("/timesheet/approvals/").content.decode()
    assert "Bob" in page and issue.key in page
    assert client.post("/timesheet/approvals/", {"timesheet": sheet.pk, "action": "reject"}).status_code == 422
    client.post("/timesheet/approvals/", {"timesheet": sheet.pk, "action": "approve", "note": "Fine"})
    sheet.refresh_from_db()
    assert sheet.state == "approved"


def test_bob_and_gus_cannot_decide_a_week_on_the_page(alice, bob, gus, issue, now):
    services.log_time(actor=alice, issue=issue, date=MONDAY, hours="3", now=now)
    sheet = timesheets.submit(actor=alice, week=MONDAY, now=now)
    for person in (bob, gus):
        assert logged_in(person).post("/timesheet/approvals/", {"timesheet": sheet.pk,
                                                                "action": "approve"}).status_code == 422
    sheet.refresh_from_db()
    assert sheet.state == "submitted"


def test_the_issue_page_loads_the_time_panel_with_its_timer(bob, gus, issue):
    client = logged_in(bob)
    assert f'hx-get="/issues/{issue.key}/time"' in client.get(f"/issues/{issue.key}/").content.decode()
    panel = client.get(f"/issues/{issue.key}/time").content.decode()
    assert "Start timer" in panel
    panel = client.post(f"/issues/{issue.key}/time/start").content.decode()
    assert "Stop timer" in panel and Timer.objects.filter(person=bob).exists()
    client.post(f"/issues/{issue.key}/time/stop")
    assert not Timer.objects.exists()
    logged = client.post(f"/issues/{issue.key}/time/log", {"date": str(MONDAY), "hours": "1.25", "note": "Review"})
    assert "1.25 h" in logged.content.decode()
    assert "Start timer" not in logged_in(gus).get(f"/issues/{issue.key}/time").content.decode()
    refused = logged_in(gus).post(f"/issues/{issue.key}/time/start")
    assert refused.status_code == 422 and not Timer.objects.filter(person=gus).exists()


def test_the_time_panel_of_a_private_issue_is_hidden_from_charlie(charlie, secret_issue):
    assert logged_in(charlie).get(f"/issues/{secret_issue.key}/time").status_code == 404
    assert logged_in(charlie).post(f"/issues/{secret_issue.key}/time/start").status_code == 404
    assert logged_in(charlie).post(f"/issues/{secret_issue.key}/time/log",
                                   {"date": str(MONDAY), "hours": "1"}).status_code == 404


def test_a_bad_quick_entry_shows_its_error_in_the_panel(bob, issue):
    answer = logged_in(bob).post(f"/issues/{issue.key}/time/log", {"date": str(MONDAY), "hours": "x"})
    assert answer.status_code == 422 and "hours" in answer.content.decode()
