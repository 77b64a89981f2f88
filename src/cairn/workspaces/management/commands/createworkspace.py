from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from cairn.accounts.models import User
from cairn.errors import DomainError
from cairn.workspaces.services import create_workspace


class Command(BaseCommand):
    help = "Create a workspace with USERNAME as its admin; prints the workspace's slug."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--owner", required=True, help="username of the workspace's first admin")

    def handle(self, *args: Any, **options: Any) -> None:
        owner = User.objects.filter(username__iexact=options["owner"], is_active=True).first()
        if owner is None:
            raise CommandError(f"No active user {options['owner']}: create it first with `cairn createuser`")
        try:
            workspace = create_workspace(owner=owner, name=options["name"], now=timezone.now())
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stdout.write(workspace.slug)
