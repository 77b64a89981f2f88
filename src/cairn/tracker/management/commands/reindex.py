from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cairn.tracker.indexing import rebuild


class Command(BaseCommand):
    help = "Rebuild the full-text search index of every issue (after a bulk import or restore)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Indexed {rebuild():,} issues.")
