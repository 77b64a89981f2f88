"""The demo gives every product page something to say."""

from __future__ import annotations

import pytest

from cairn.demo import workspace as demo
from cairn.product.models import Product


@pytest.fixture
def demo_product(db, monkeypatch) -> Product:
    monkeypatch.setenv("CAIRN_DEMO_PASSWORD", "demo-password-for-tests")
    demo.load(issues_per_project=30)
    return Product.objects.get(name="Cairn Cloud")


def test_the_demo_product_has_a_strategy_and_delivering_projects(demo_product):
    assert demo_product.vision and demo_product.strategy and demo_product.owner.username == "maria"
    assert sorted(demo_product.projects.values_list("key", flat=True)) == ["MOB", "WEB"]
