"""A KPI in a browser: the chart draws its points with the target line and the release
marked; a point added by the form appears without a reload; a CSV preview shows the bad
row before anything is written, and skipping it imports the rest."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cairn.product.models import Release, ReleaseStatus
from cairn.product.services import metrics, products

pytestmark = pytest.mark.browser


@pytest.fixture
def product(workspace, alice, web):
    return products.create_product(actor=alice, workspace=workspace, name="Cairn Cloud", now=timezone.now())


@pytest.fixture
def teams(alice, product):
    metric = metrics.create_metric(actor=alice, product=product, now=timezone.now(),
                                   fields={"name": "Weekly active teams", "target": "150", "unit": "teams"})
    today = timezone.now().date()
    metrics.write(metric, {today - dt.timedelta(days=d): Decimal(100 + (d < 20) * 30) for d in range(1, 60)})
    shipped = dt.datetime.combine(today - dt.timedelta(days=20), dt.time(12), tzinfo=dt.UTC)
    Release.objects.create(product=product, name="Onboarding 2.0", status=ReleaseStatus.SHIPPED,
                           shipped_at=shipped, created_at=timezone.now())
    return metric


def chart_state(page):
    return page.evaluate("""() => {
        const chart = Chart.getChart(document.getElementById('metric-chart'));
        const canvas = chart.canvas, pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
        const marks = chart.options.plugins.annotation.annotations;
        return {points: chart.data.datasets[0].data.length, painted, target: marks.target && marks.target.yMin,
                releases: Object.keys(marks).filter(k => k.startsWith('release')).map(k => marks[k].label.content)};
    }""")


def test_the_chart_draws_the_points_with_the_target_and_the_release(page, login, bob, product, teams):
    # The first page of a run warms the live server and parses Chart.js: on a busy
    # two-core machine that alone has taken 8 s.
    login(bob).goto(f"/products/{product.pk}/metrics/{teams.pk}/?range=90", timeout=30_000)
    page.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('metric-chart'))")
    state = chart_state(page)
    assert state["points"] == 59 and state["painted"] > 1000
    assert state["target"] == 150 and state["releases"] == ["Onboarding 2.0"]
    expect(page.locator("#impact")).to_contain_text("Onboarding 2.0")
    expect(page.locator("#impact")).to_contain_text("good")


def test_a_point_added_by_the_form_is_drawn_without_a_reload(page, login, bob, product, teams, mark_document):
    login(bob).goto(f"/products/{product.pk}/metrics/{teams.pk}/")
    page.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('metric-chart'))")
    same_document = mark_document()
    page.get_by_label("Day", exact=True).fill(timezone.now().date().isoformat())
    page.get_by_label("Value", exact=True).fill("141.5")
    page.get_by_role("button", name="Add point").click()
    expect(page.locator("#points")).to_contain_text("141.5")
    page.wait_for_function("() => Chart.getChart(document.getElementById('metric-chart')).data.datasets[0].data.length === 60")
    assert same_document()


def test_the_csv_preview_shows_the_bad_row_and_skipping_it_imports_the_rest(page, login, bob, product, teams, tmp_path):
    csv_file = tmp_path / "teams.csv"
    csv_file.write_text("date,value\n2025-01-01,90\n2025-01-02,ninety-one\n2025-01-03,92\n")
    login(bob).goto(f"/products/{product.pk}/metrics/{teams.pk}/")
    page.get_by_text("Import data points from a CSV file").click()
    page.get_by_label("CSV file").set_input_files(str(csv_file))
    page.get_by_role("button", name="Preview").click()
    bad = page.locator("table.csv-errors tr.bad-row")
    expect(bad).to_have_count(1)
    expect(bad).to_contain_text("3")
    expect(bad).to_contain_text("'ninety-one' is not a number")
    expect(page.locator("table.csv-rows tbody tr")).to_have_count(2)
    assert not teams.points.filter(day__year=2025, day__month=1).exists()
    page.get_by_label("Skip the 1 bad row").check()
    page.get_by_role("button", name="Import 2 rows").click()
    expect(page.locator(".flash")).to_contain_text("Imported 2 data points, skipped 1 bad rows.")
    assert teams.points.filter(day__year=2025, day__month=1).count() == 2
