"""Who receives a status report, from the project's communication plan, and the mail."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from cairn.controls import stakeholders
from cairn.reporting import export
from cairn.reporting.models import StatusReport
from cairn.workspaces.models import Project

ASKS_FOR = "status report"


def recipients(project: Project) -> list[str]:
    """The e-mail addresses of the stakeholders in the audience of every line of the
    communication plan whose report (or subject) is the status report: a stakeholder's
    contact when it is an address, else their account's."""
    found: list[str] = []
    for line in stakeholders.plan(project).prefetch_related("audience__user"):
        if ASKS_FOR not in f"{line.report} {line.what}".lower():
            continue
        for person in line.audience.all():
            address = person.contact.strip() if "@" in person.contact else (person.user.email if person.user else "")
            if address and address.lower() not in {a.lower() for a in found}:
                found.append(address)
    return found


def mail(report: StatusReport, *, now: dt.datetime, base_url: str = "") -> list[str]:
    """Sends the report to its recipients; records to whom and when. Returns them."""
    to = recipients(report.project)
    if not to:
        return []
    figures = report.figures
    subject = (f"[{report.project.key}] Status report {report.number}: "
               f"{figures['health']['rag'].capitalize()} ({figures['on']})")
    body = export.as_markdown(report)
    if base_url:
        body += f"\n\nThe report online: {base_url.rstrip('/')}{report.url}\n"
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, to=to)
    message.send()
    report.mailed_to, report.mailed_at = to, now
    report.save(update_fields=["mailed_to", "mailed_at"])
    return to
