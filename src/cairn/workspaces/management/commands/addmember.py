from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cairn.accounts.models import User
from cairn.errors import DomainError
from cairn.workspaces.models import Role, Workspace
from cairn.workspaces.services import set_workspace_member


class Command(BaseCommand):
    help = "Add an existing account to a workspace, or change its role there."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the workspace's slug (`cairn createworkspace` prints it)")
        parser.add_argument("username")
        parser.add_argument("--role", default=Role.MEMBER, choices=Role.values)

    def handle(self, *args: Any, **options: Any) -> None:
        workspace = Workspace.objects.filter(slug=options["slug"].lower()).first()
        if workspace is None:
            raise CommandError(f"No workspace {options['slug']}")
        user = User.objects.filter(username__iexact=options["username"]).first()
        if user is None:
            raise CommandError(f"No user {options['username']}: create it first with `cairn createuser`")
        try:
            member, created = set_workspace_member(actor=None, workspace=workspace, user=user, role=options["role"])
        except DomainError as error:
            raise CommandError(error.message) from None
        verb = "Added" if created else "Changed"
        self.stdout.write(f"{verb} {user.username} as {Role(member.role).label.lower()} of {workspace.name}")
