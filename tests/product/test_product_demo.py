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


def test_the_demo_product_has_customers_feedback_and_most_wanted_ideas(demo_product):
    from cairn.product.models import Customer, Feedback, Idea, IdeaStatus

    assert Customer.objects.filter(workspace=demo_product.workspace).count() == 15
    entries = Feedback.objects.filter(product=demo_product)
    assert entries.count() >= 40
    assert entries.filter(idea__isnull=True).exists(), "something is left to triage"
    assert set(entries.values_list("source", flat=True)) == {"form", "api", "team"}
    ideas = Idea.objects.filter(product=demo_product)
    assert ideas.exclude(status=IdeaStatus.MERGED).count() >= 12
    merged = ideas.get(status=IdeaStatus.MERGED)
    assert merged.merged_into.title == "Dark mode" and merged.vote_count == 0
    top = ideas.order_by("-vote_count").first()
    assert top.vote_count >= 4 and top.revenue > 0
    if demo_product.features.exists():
        assert ideas.filter(feature__isnull=False).exists()
    from django.test import Client

    client = Client()
    client.force_login(demo_product.owner)
    for path in ("feedback/", "feedback/?show=all", "ideas/?sort=revenue", f"ideas/{top.pk}/", f"ideas/{merged.pk}/",
                 "customers/"):
        assert client.get(f"/products/{demo_product.pk}/{path}").status_code == 200, path
