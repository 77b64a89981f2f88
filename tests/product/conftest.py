"""A product of the Acme workspace, owned by Alice (admin) and delivered by WEB; Bob is
a member, Gus a guest, Charlie outside the workspace."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from cairn.product.models import Product
from cairn.product.services import products


@pytest.fixture
def product(workspace: Any, alice: Any, web: Any) -> Product:
    made = products.create_product(actor=alice, workspace=workspace, name="Cairn Cloud", now=timezone.now(),
                                   vision="One hub for **everything**.")
    products.set_projects(actor=alice, product=made, keys=["WEB"])
    return made
