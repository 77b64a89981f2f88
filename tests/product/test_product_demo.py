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


def test_the_demo_has_two_quarters_of_okrs_competitors_and_research(demo_product):
    import datetime as dt

    from django.utils import timezone

    from cairn.demo.product_strategy import quarter
    from cairn.product.models import Competitor, Insight, MatrixCell, MatrixRow, ResearchNote
    from cairn.product.services import strategy

    today = timezone.now().date()
    assert strategy.periods(demo_product) == [quarter(today)[0], quarter(today, 1)[0]]
    objectives = list(strategy.objectives_of(demo_product.owner, demo_product))
    assert len(objectives) == 5 and all(2 <= o.key_results.count() <= 3 for o in objectives)
    figures = strategy.progress_of(demo_product.owner, objectives, today)
    assert all(f.by_key_results.share is not None for f in figures.values())
    assert any(f.work for f in figures.values())
    assert sorted(Competitor.objects.filter(product=demo_product).values_list("name", flat=True)) == [
        "Jira", "Linear", "Productboard"]
    rows = MatrixRow.objects.filter(product=demo_product).count()
    assert rows >= 10 and MatrixCell.objects.filter(row__product=demo_product).count() == rows * 4
    assert ResearchNote.objects.filter(product=demo_product, kind="survey").count() == 1
    assert ResearchNote.objects.filter(product=demo_product, kind="interview").count() == 2
    assert all(i.passage == i.note.body[i.start:i.end] for i in Insight.objects.filter(note__product=demo_product))
    assert quarter(dt.date(2026, 12, 31)) == ("2026 Q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert quarter(dt.date(2026, 1, 5), 1) == ("2025 Q4", dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    from django.test import Client

    client = Client()
    client.force_login(demo_product.owner)
    note = ResearchNote.objects.filter(product=demo_product).first()
    for path in ("okrs/", "market/", "research/", f"research/{note.pk}/"):
        response = client.get(f"/products/{demo_product.pk}/{path}")
        assert response.status_code == 200, path
