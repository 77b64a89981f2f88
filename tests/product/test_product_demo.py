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


def test_the_demo_has_a_shipped_release_with_notes_and_one_under_way(demo_product):
    from django.utils import timezone

    from cairn.product.models import LaunchTask, Release
    from cairn.product.services import releases

    shipped, upcoming = Release.objects.filter(product=demo_product).order_by("target_date")
    assert (shipped.name, shipped.status, upcoming.name, upcoming.status) == ("2026.10", "shipped",
                                                                                "2026.12", "in_progress")
    assert shipped.shipped_at and shipped.notes.startswith("# 2026.10") and "## " in shipped.notes
    assert "(WEB-" in shipped.notes
    assert not LaunchTask.objects.filter(checklist__release=shipped, done_at__isnull=True).exists()
    tasks = LaunchTask.objects.filter(checklist__release=upcoming)
    assert sorted(set(upcoming.checklists.values_list("category", flat=True))) == ["engineering", "marketing"]
    assert tasks.filter(done_at__isnull=False).exists() and tasks.filter(done_at__isnull=True).exists()
    made = releases.progress(demo_product.owner, upcoming, timezone.now())
    assert 0 < made.done < made.total
