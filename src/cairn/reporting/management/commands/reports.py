from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cairn.reporting.tasks import send_due_reports


class Command(BaseCommand):
    help = "Status reports: --due generates and mails the reports due today (run it daily from cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--due", action="store_true", help="generate and mail today's scheduled reports")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["due"]:
            raise CommandError("say what to do: --due")
        sent = send_due_reports.call()
        for s in sent:
            self.stdout.write(f"{s['project']} report {s['number']} ({s['rag']}) mailed to {len(s['mailed_to'])}")  # type: ignore[arg-type]
        self.stdout.write(f"{len(sent)} report(s) due.")
