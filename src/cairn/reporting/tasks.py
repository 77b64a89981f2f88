"""The background worker's side of status reports (django-tasks): enqueue
`send_due_reports` daily (or run `cairn reports --due` from cron)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from cairn.reporting import schedule


@task()
def send_due_reports() -> list[dict[str, object]]:
    """Generates and mails the reports due today; answers what was sent."""
    sent = schedule.send_due(now=timezone.now(), base_url=settings.BASE_URL)
    return [{"project": s.project, "number": s.number, "rag": s.rag, "mailed_to": s.mailed_to} for s in sent]
