from __future__ import annotations

import getpass
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cairn.accounts.services import create_user
from cairn.errors import Invalid


class Command(BaseCommand):
    help = "Create a user. The password comes from CAIRN_PASSWORD or is asked for."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--name", default="")
        parser.add_argument("--admin", action="store_true", help="site administrator")

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get("CAIRN_PASSWORD") or getpass.getpass("Password: ")
        try:
            user = create_user(
                username=options["username"],
                email=options["email"],
                password=password,
                display_name=options["name"],
                is_superuser=options["admin"],
            )
        except Invalid as error:
            raise CommandError(error.message) from None
        self.stdout.write(f"Created {user.username}")
