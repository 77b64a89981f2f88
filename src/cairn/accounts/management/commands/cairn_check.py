from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


class Command(BaseCommand):
    help = "Check the configuration and the database's health."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("check", "--fail-level", "ERROR", verbosity=0)
        db = settings.DATABASES["default"]
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception as error:
            raise CommandError(f"database {db['ENGINE']} is unreachable: {error}") from None
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                mode = cursor.fetchone()[0]
            self.stdout.write(f"database: SQLite at {db['NAME']} (journal {mode})")
        else:
            self.stdout.write(f"database: {connection.vendor} {db.get('HOST') or ''}/{db['NAME']}")
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            raise CommandError(f"{len(pending)} migrations not applied: run `cairn migrate`")
        self.stdout.write("migrations: up to date")
        self.stdout.write(f"data directory: {settings.DATA_DIR}")
        self.stdout.write(f"mail: {settings.EMAIL_BACKEND.rsplit('.', 2)[-2]} ({settings.EMAIL_HOST}:{settings.EMAIL_PORT})")
        self.stdout.write(f"live updates: {'Redis ' + settings.REDIS_URL if settings.REDIS_URL else 'in-process'}")
        self.stdout.write(self.style.SUCCESS("ok"))
