from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from cairn.accounts.models import User
from cairn.accounts.services import issue_token


class Command(BaseCommand):
    help = "Print a new personal access token for USERNAME (and nothing else) on stdout."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="command line")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user {options['username']}")
        _, secret = issue_token(user=user, name=options["name"], now=timezone.now())
        self.stdout.write(secret)
