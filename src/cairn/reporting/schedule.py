"""The reports due on a day: every project whose schedule is on for that weekday and
has not run yet that day. Each is claimed with a conditional UPDATE first, so two
workers (or the worker and cron) never send a report twice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from cairn.reporting import mailing, services
from cairn.reporting.models import ReportSchedule


@dataclass(frozen=True)
class Sent:
    project: str
    number: int
    rag: str
    mailed_to: list[str]


def send_due(*, now: dt.datetime, base_url: str = "") -> list[Sent]:
    today = now.date()
    due = (ReportSchedule.objects.filter(enabled=True, weekday=today.weekday())
           .filter(Q(last_run__isnull=True) | Q(last_run__lt=today)).select_related("project"))
    sent = []
    for schedule in due:
        claimed = (ReportSchedule.objects.filter(pk=schedule.pk).filter(Q(last_run__isnull=True) | Q(last_run__lt=today))
                   .update(last_run=today))
        if not claimed:
            continue
        report = services.generate(actor=None, project=schedule.project, now=now)
        to = mailing.mail(report, now=now, base_url=base_url)
        sent.append(Sent(schedule.project.key, report.number, report.rag, to))
    return sent
