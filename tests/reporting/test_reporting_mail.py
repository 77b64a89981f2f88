"""Reports mailed through a real SMTP server (aiosmtpd) to the stakeholders whose line of
the communication plan asks for the status report, by hand and on the schedule."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from cairn.controls import stakeholders
from cairn.reporting import mailing, services
from cairn.reporting.models import StatusReport
from cairn.reporting.tasks import send_due_reports


def _today() -> int:
    # The task reads the clock itself (the worker has no other): schedule for today.
    return timezone.now().weekday()


@pytest.fixture
def plan(alice: Any, gus: Any, web: Any) -> dict[str, Any]:
    """Dana (sponsor, by address) and Gus (by account) ask for the status report; Legal
    only for release notes; Pat has no address."""
    dana = stakeholders.add_stakeholder(actor=alice, project=web, data={"name": "Dana", "contact": "dana@example.com"})
    guest = stakeholders.add_stakeholder(actor=alice, project=web, data={"user": "gus"})
    legal = stakeholders.add_stakeholder(actor=alice, project=web, data={"name": "Legal", "contact": "legal@example.com"})
    pat = stakeholders.add_stakeholder(actor=alice, project=web, data={"name": "Pat", "contact": "+44 20 1234"})
    stakeholders.add_communication(actor=alice, project=web, data={
        "what": "Weekly update", "report": "Weekly status report", "audience": [dana.pk, guest.pk, pat.pk]})
    stakeholders.add_communication(actor=alice, project=web, data={
        "what": "Release notes", "report": "", "audience": [legal.pk, dana.pk]})
    return {"dana": dana, "gus": guest, "legal": legal}


def _body(message: Any) -> str:
    if message.is_multipart():
        return "".join(p.get_payload(decode=True).decode() for p in message.walk()
                       if p.get_content_type() == "text/plain")
    return str(message.get_payload(decode=True).decode())


def test_the_recipients_are_those_who_asked_for_the_status_report(web, plan):
    assert mailing.recipients(web) == ["dana@example.com", "gus@example.com"]


def test_a_report_is_mailed_with_its_health_and_reason(inbox, alice, web, plan, worked, noon):
    report = services.generate(actor=alice, project=web, now=noon)
    assert mailing.mail(report, now=noon, base_url="https://cairn.example") == ["dana@example.com", "gus@example.com"]
    [message] = inbox.messages
    assert sorted(message.recipients) == ["dana@example.com", "gus@example.com"]
    assert message["Subject"] == "[WEB] Status report 1: Amber (2026-11-04)"
    body = _body(message)
    assert "CPI 0.90 is below 0.95" in body and "https://cairn.example/projects/WEB/reports/1/" in body
    report.refresh_from_db()
    assert report.mailed_to == ["dana@example.com", "gus@example.com"] and report.mailed_at == noon


def test_nobody_to_tell_sends_nothing(inbox, alice, web, now):
    report = services.generate(actor=alice, project=web, now=now)
    assert mailing.mail(report, now=now) == []
    assert inbox.messages == []


def test_the_task_generates_and_mails_the_reports_due_today_once(inbox, alice, web, sec, plan):
    services.set_schedule(actor=alice, project=web, enabled=True, weekday=_today())
    services.set_schedule(actor=alice, project=sec, enabled=True, weekday=(_today() + 1) % 7)  # not due
    sent = send_due_reports.call()
    assert sent == [{"project": "WEB", "number": 1, "rag": "green",
                     "mailed_to": ["dana@example.com", "gus@example.com"]}]
    assert len(inbox.messages) == 1
    report = StatusReport.objects.get(project=web)
    assert report.generated_by is None
    assert send_due_reports.call() == []  # already run today
    assert StatusReport.objects.count() == 1


def test_a_schedule_switched_off_sends_nothing(inbox, alice, web, plan):
    services.set_schedule(actor=alice, project=web, enabled=False, weekday=_today())
    assert send_due_reports.call() == []
    assert inbox.messages == []


def test_cairn_reports_due_does_the_same_from_cron(inbox, alice, web, plan):
    services.set_schedule(actor=alice, project=web, enabled=True, weekday=_today())
    out = StringIO()
    call_command("reports", "--due", stdout=out)
    assert "WEB report 1 (green) mailed to 2" in out.getvalue() and "1 report(s) due." in out.getvalue()
    assert len(inbox.messages) == 1


def test_the_task_can_be_enqueued_on_the_configured_backend(settings):
    assert send_due_reports.name == "send_due_reports"
    assert send_due_reports.module_path == "cairn.reporting.tasks.send_due_reports"
