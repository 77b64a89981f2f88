from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cairn.api import api
from cairn.api_reference import render


class Command(BaseCommand):
    help = "Print the API reference (Markdown) generated from the OpenAPI document."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(render(api.get_openapi_schema()), ending="")
