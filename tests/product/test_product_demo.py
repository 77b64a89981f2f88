"""The demo gives every product page something to say."""

from __future__ import annotations

import datetime

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


def test_the_demo_roadmap_has_lanes_dates_and_a_link_for_customers(demo_product):
    from cairn.product.models import Feature, RoadmapLink
    from cairn.product.services import roadmap

    maria = demo_product.owner
    features = Feature.objects.filter(product=demo_product)
    assert not features.filter(lane="").exists()
    plan = roadmap.roadmap_of(maria, demo_product, demo_product.created_at.date())
    if features.exists():
        assert all(plan.lanes[lane] for lane in roadmap.LANES)
    horizon = demo_product.created_at.date() + datetime.timedelta(days=220)
    for item in plan.items:
        assert item.dates_from in ("schedule", "roadmap") and (item.dates_from == "schedule" or item.end <= horizon)
    link = RoadmapLink.objects.get(product=demo_product)
    assert link.label == "Customers" and "issue" not in link.fields and link.revoked_at is None
