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


def test_the_demo_backlog_has_scored_features_some_delivered_by_epics(demo_product):
    from cairn.product.services import backlog, scoring

    features = list(backlog.backlog(demo_product.owner, demo_product))
    assert len(features) == 14
    assert features[0].title.startswith("Accessible forms") and features[-1].title == "Dark mode"
    delivered = [f for f in features if f.issue_id]
    assert len(delivered) >= 3 and {f.issue.project.key for f in delivered} == {"WEB", "MOB"}
    assert all(f.rice_score and f.wsjf_score and f.value_effort_score and f.moscow for f in features)
    assert scoring.explain(features[0])["rice"].text == "RICE = 5,000 × 1 × 100% ÷ 2 = 2,500"
    by_rice = list(backlog.backlog(demo_product.owner, demo_product, sort="rice"))
    assert by_rice[0].title.startswith("Accessible forms") and by_rice[1].title == "One-page checkout"
    assert [f.rice_score for f in by_rice] == sorted((f.rice_score for f in by_rice), reverse=True)
