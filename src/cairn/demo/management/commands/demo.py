from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cairn.demo.workspace import load
from cairn.links import public_address


class Command(BaseCommand):
    help = "Load the demo workspace (idempotent) and print the login."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--issues-per-project", type=int, default=100)

    def handle(self, *args: Any, **options: Any) -> None:
        login = load(issues_per_project=options["issues_per_project"])
        state = "Demo workspace created." if login.created else "Demo workspace already present."
        url = public_address()
        self.stdout.write(f"{state}\n\n  Open {url}/ and log in as\n    user:     {login.username}\n"
                          f"    password: {login.password}\n")
