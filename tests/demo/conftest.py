"""The demo workspace, loaded once for all the tests of this folder: it takes the better
part of a minute, and each part of the product checks its own share of it.

It is loaded inside a transaction that is rolled back when the folder is done, so the
rest of the suite never sees it; each test runs in a savepoint within it (pytest-django's
`db`), so a test that writes leaves nothing behind for the next."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from cairn.demo import workspace as demo
from cairn.product.models import Product
from cairn.workspaces.models import Project

PASSWORD = "demo-password-for-tests"


@pytest.fixture(scope="package")
def demo_loaded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    before = os.environ.get("CAIRN_DEMO_PASSWORD")
    os.environ["CAIRN_DEMO_PASSWORD"] = PASSWORD
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            demo.load(issues_per_project=30)
            yield
            transaction.set_rollback(True)
    finally:
        if before is None:
            os.environ.pop("CAIRN_DEMO_PASSWORD", None)
        else:
            os.environ["CAIRN_DEMO_PASSWORD"] = before


@pytest.fixture
def projects(demo_loaded: None, db: Any) -> dict[str, Project]:
    return {p.key: p for p in Project.objects.filter(key__in=["WEB", "MOB"])}


@pytest.fixture
def demo_product(demo_loaded: None, db: Any) -> Product:
    return Product.objects.get(name="Cairn Cloud")
