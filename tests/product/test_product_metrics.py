"""KPIs: managers define metrics (names unique in any case), members add one data point
per day (a second value replaces the first), guests read, outsiders learn nothing; each
shipped release shows the metric's mean before and after it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cairn.errors import Forbidden, Invalid, NotFound
from cairn.product.models import DataPoint, Metric, Release, ReleaseStatus
from cairn.product.services import metrics

NOW = dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC)


@pytest.fixture
def teams(alice, product) -> Metric:
    return metrics.create_metric(actor=alice, product=product, now=NOW, fields={
        "name": "Weekly active teams", "unit": "teams", "direction": "up", "target": "120", "owner": "bob"})


def url(product, *rest) -> str:
    return "/api/v1/" + "/".join([f"products/{product.pk}/metrics", *map(str, rest)])


def fill(metric, start: dt.date, numbers) -> None:
    metrics.write(metric, {start + dt.timedelta(days=i): Decimal(str(n)) for i, n in enumerate(numbers)})


def test_a_manager_defines_a_metric_through_the_api(api_as, alice, product):
    response = api_as(alice).post(url(product), json={
        "name": "Median time to first issue", "unit": "min", "direction": "down", "target": 5.5,
        "owner": "bob", "description": "From sign-up to the first issue filed."})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["direction"], body["target"], body["owner"], body["unit"]) == ("down", 5.5, "bob", "min")
    assert body["summary"] == {"latest_day": None, "latest_value": None, "week": None, "month": None,
                               "target": None}
    assert body["url"] == f"/products/{product.pk}/metrics/{body['id']}/"
    assert api_as(alice).get(url(product)).json()["total"] == 1


def test_names_are_unique_in_any_case_and_fields_are_checked(api_as, alice, product, teams):
    response = api_as(alice).post(url(product), json={"name": "WEEKLY active Teams"})
    assert response.status_code == 422 and "name" in response.json()["errors"]
    for body, field in [({"name": "x", "direction": "sideways"}, "direction"),
                        ({"name": "x", "target": "lots"}, "target"),
                        ({"name": "x", "owner": "charlie"}, "owner"),
                        ({"name": " "}, "name")]:
        response = api_as(alice).post(url(product), json=body)
        assert response.status_code == 422 and field in response.json()["errors"], body
    response = api_as(alice).patch(url(product, teams.pk), json={"target": None, "unit": "", "direction": "down"})
    assert response.status_code == 200 and response.json()["target"] is None
    assert response.json()["direction"] == "down"


def test_the_summary_gives_the_latest_value_its_changes_and_the_target(api_as, gus, product, teams):
    fill(teams, dt.date(2026, 1, 1), range(60, 100))  # 60 on Jan 1 … 99 on Feb 9
    summary = api_as(gus).get(url(product, teams.pk)).json()["summary"]
    assert summary["latest_day"] == "2026-02-09" and summary["latest_value"] == 99
    assert summary["week"]["before"] == 92 and summary["week"]["verdict"] == "better"
    assert summary["month"]["absolute"] == 30
    assert summary["target"] == {"target": 120.0, "gap": 21.0, "reached": False}


def test_a_member_adds_points_and_a_second_value_replaces_the_first(api_as, bob, product, teams):
    client = api_as(bob)
    assert client.post(url(product, teams.pk, "points"), json={"day": "2026-03-01", "value": "10.5"}).status_code == 201
    response = client.post(url(product, teams.pk, "points"), json={"day": "2026-03-01", "value": 12})
    assert response.status_code == 201 and response.json() == {"day": "2026-03-01", "value": 12.0}
    assert list(teams.points.values_list("value", flat=True)) == [Decimal(12)]
    response = client.put(url(product, teams.pk, "points"), json={"points": [
        {"day": "2026-03-01", "value": 13}, {"day": "2026-03-02", "value": "-1.25"}]})
    assert response.status_code == 200 and response.json()["written"] == 2
    assert [float(v) for v in teams.points.values_list("value", flat=True)] == [13, -1.25]
    assert client.delete(url(product, teams.pk, "points", "2026-03-02")).status_code == 204
    assert client.delete(url(product, teams.pk, "points", "2026-03-02")).status_code == 404


def test_a_batch_with_a_bad_item_writes_nothing_and_names_each_bad_item(api_as, bob, product, teams):
    response = api_as(bob).put(url(product, teams.pk, "points"), json={"points": [
        {"day": "2026-03-01", "value": 1}, {"day": "2026-02-30", "value": 2}, {"day": "2026-03-03", "value": "1,5"},
        {"day": "2026-03-01", "value": 3}, {"value": 4}, "nonsense"]})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"points[1].day", "points[2].value", "points[3].day", "points[4].day", "points[5]"}
    assert "appears twice" in errors["points[3].day"] and "decimals with a point" in errors["points[2].value"]
    assert not DataPoint.objects.exists()


def test_points_are_listed_by_day_within_a_range_a_page_at_a_time(api_as, gus, product, teams):
    fill(teams, dt.date(2026, 1, 1), range(10))
    response = api_as(gus).get(url(product, teams.pk, "points") + "?from=2026-01-03&to=2026-01-08&limit=4")
    body = response.json()
    assert body["total"] == 6 and [p["day"] for p in body["items"]] == [f"2026-01-0{d}" for d in range(3, 7)]
    rest = api_as(gus).get(url(product, teams.pk, "points") + f"?from=2026-01-03&to=2026-01-08&cursor={body['next_cursor']}")
    assert [p["value"] for p in rest.json()["items"]] == [6, 7]
    response = api_as(gus).get(url(product, teams.pk, "points") + "?from=2026-01-09&to=2026-01-03")
    assert response.status_code == 422 and "from" in response.json()["errors"]


def test_a_guest_reads_but_adds_nothing(api_as, gus, product, teams):
    client = api_as(gus)
    assert client.get(url(product, teams.pk)).status_code == 200
    assert client.get(url(product, teams.pk, "points")).status_code == 200
    assert client.post(url(product, teams.pk, "points"), json={"day": "2026-03-01", "value": 1}).status_code == 403
    assert client.post(url(product), json={"name": "Mine"}).status_code == 403


def test_a_member_adds_points_but_does_not_define_metrics(api_as, bob, product, teams):
    client = api_as(bob)
    assert client.post(url(product), json={"name": "Mine"}).status_code == 403
    assert client.patch(url(product, teams.pk), json={"target": 1}).status_code == 403
    assert client.delete(url(product, teams.pk)).status_code == 403
    with pytest.raises(Forbidden):
        metrics.update_metric(actor=bob, metric=teams, fields={"name": "Mine"})


def test_an_outsider_learns_nothing(api_as, charlie, product, teams):
    client = api_as(charlie)
    for path in (url(product), url(product, teams.pk), url(product, teams.pk, "points"), url(product, teams.pk, "impact")):
        assert client.get(path).status_code == 404, path
    assert client.post(url(product, teams.pk, "points"), json={"day": "2026-03-01", "value": 1}).status_code == 404


def test_a_metric_of_another_product_is_not_found(alice, workspace, product, teams):
    from cairn.product.services import products

    other = products.create_product(actor=alice, workspace=workspace, name="Other", now=NOW)
    with pytest.raises(NotFound):
        metrics.metric_for(alice, other, teams.pk)
    with pytest.raises(NotFound):
        metrics.metric_for(alice, product, "abc")


def test_a_manager_deletes_a_metric_with_its_points(api_as, alice, product, teams):
    fill(teams, dt.date(2026, 1, 1), [1, 2])
    assert api_as(alice).delete(url(product, teams.pk)).status_code == 204
    assert not Metric.objects.exists() and not DataPoint.objects.exists()


def ship(product, name, day: dt.date | None, *, status=ReleaseStatus.SHIPPED, target=None) -> Release:
    shipped_at = dt.datetime.combine(day, dt.time(15), tzinfo=dt.UTC) if day else None
    return Release.objects.create(product=product, name=name, status=status, shipped_at=shipped_at,
                                  target_date=target, created_at=NOW)


def test_the_impact_panel_compares_the_days_around_each_shipped_release(api_as, gus, product, teams):
    fill(teams, dt.date(2026, 1, 1), [100] * 45 + [0] + [130] * 45)  # the step on Feb 15
    ship(product, "1.0", dt.date(2026, 2, 15))
    ship(product, "0.9 without data before", dt.date(2025, 12, 1))
    ship(product, "2.0 planned", None, status=ReleaseStatus.PLANNED, target=dt.date(2026, 2, 1))
    body = api_as(gus).get(url(product, teams.pk, "impact") + "?days=14").json()
    assert [row["release"] for row in body] == ["0.9 without data before", "1.0"]
    early, step = body
    assert early["change"] is None and early["missing"] == "no data points in the 14 days before or after 2025-12-01"
    assert (step["mean_before"], step["mean_after"], step["points_before"]) == (100, 130, 14)
    assert step["change"]["percent"] == 30 and step["change"]["verdict"] == "better"
    assert api_as(gus).get(url(product, teams.pk, "impact") + "?days=30").json()[1]["days"] == 30
    assert api_as(gus).get(url(product, teams.pk, "impact") + "?days=0").status_code == 422


def test_a_shipped_release_without_a_shipping_time_counts_from_its_target_date(alice, product, teams):
    ship(product, "Quiet", None, target=dt.date(2026, 1, 10))
    [row] = metrics.impact_panel(alice, teams, 30)
    assert row.impact.day == dt.date(2026, 1, 10)


def test_the_service_refuses_bad_values(bob, teams):
    for raw in ("", "1e400", "abc", True, None):
        with pytest.raises(Invalid):
            metrics.set_point(actor=bob, metric=teams, day="2026-01-01", value=raw)
    with pytest.raises(Invalid):
        metrics.set_point(actor=bob, metric=teams, day="yesterday", value=1)
    assert metrics.set_point(actor=bob, metric=teams, day=dt.date(2026, 1, 2), value="0.00006").value == Decimal("0.0001")


def logged_in(client, user):
    client.force_login(user)
    return client


def test_the_kpi_page_shows_a_card_per_metric_with_its_figures(client, gus, product, teams):
    fill(teams, dt.date(2026, 1, 1), range(60, 100))
    response = logged_in(client, gus).get(f"/products/{product.pk}/metrics/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Weekly active teams" in page and "<polyline" in page and "21 to go" in page
    assert "New metric" not in page  # guests do not define metrics


def test_a_manager_creates_and_edits_a_metric_on_the_pages(client, alice, product):
    logged_in(client, alice)
    response = client.post(f"/products/{product.pk}/metrics/", {"name": "", "direction": "up"})
    assert response.status_code == 422 and "is required" in response.content.decode()
    response = client.post(f"/products/{product.pk}/metrics/", {
        "name": "Churn", "unit": "%", "direction": "down", "target": "2.5", "owner": "bob", "description": "*Monthly*"})
    metric = Metric.objects.get(name="Churn")
    assert response.status_code == 302 and response["Location"] == f"/products/{product.pk}/metrics/{metric.pk}/"
    assert (metric.direction, metric.target, metric.owner.username) == ("down", Decimal("2.5"), "bob")
    page = client.get(response["Location"]).content.decode()
    assert "<em>Monthly</em>" in page and 'id="metric-chart-data"' in page and "Edit metric" in page
    client.post(response["Location"], {"name": "Monthly churn", "unit": "%", "direction": "down", "target": ""})
    metric.refresh_from_db()
    assert metric.name == "Monthly churn" and metric.target is None
    client.post(response["Location"], {"action": "delete"})
    assert not Metric.objects.exists()


def test_the_metric_page_charts_the_range_with_its_releases_and_target(client, gus, product, teams):
    today = dt.date.today()
    fill(teams, today - dt.timedelta(days=100), range(101))
    ship(product, "1.0", today - dt.timedelta(days=20))
    ship(product, "Long ago", today - dt.timedelta(days=200))
    ship(product, "2.0 planned", None, status=ReleaseStatus.PLANNED, target=today + dt.timedelta(days=5))
    ship(product, "3.0 far off", None, status=ReleaseStatus.PLANNED, target=today + dt.timedelta(days=200))
    response = logged_in(client, gus).get(f"/products/{product.pk}/metrics/{teams.pk}/?range=30&impact=30")
    chart = response.context["chart"]
    assert len(chart["points"]) == 31 and chart["target"] == 120.0
    assert [(r["name"], r["shipped"]) for r in chart["releases"]] == [("1.0", True), ("2.0 planned", False)]
    page = response.content.decode()
    assert "Release impact" in page and "Long ago" in page and "Not enough data" in page
    assert "Add point" not in page  # guests read only


def test_a_member_adds_a_point_without_a_reload(client, bob, product, teams):
    logged_in(client, bob)
    base = f"/products/{product.pk}/metrics/{teams.pk}"
    response = client.post(f"{base}/points/", {"day": "2026-03-01", "value": "42.5"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "42.5" in response.content.decode()
    assert response["HX-Trigger"] == '{"metric:point": {"at": 1772323200000, "value": 42.5}}'
    response = client.post(f"{base}/points/", {"day": "2026-03-01", "value": "lots"}, headers={"HX-Request": "true"})
    assert response.status_code == 422 and "is not a number" in response.content.decode()
    response = client.post(f"{base}/points/2026-03-01/delete", headers={"HX-Request": "true"})
    assert response.status_code == 200 and not teams.points.exists()


def test_a_guest_cannot_add_points_on_the_page_and_an_outsider_sees_nothing(client, gus, charlie, product, teams):
    response = logged_in(client, gus).post(f"/products/{product.pk}/metrics/{teams.pk}/points/",
                                           {"day": "2026-03-01", "value": "1"})
    assert response.status_code == 403 and not teams.points.exists()
    assert logged_in(client, charlie).get(f"/products/{product.pk}/metrics/{teams.pk}/").status_code == 404
    assert client.get(f"/products/{product.pk}/metrics/").status_code == 404


def test_the_list_of_metrics_reads_their_figures_in_a_fixed_number_of_queries(api_as, alice, product,
                                                                              django_assert_max_num_queries):
    for n in range(5):
        metric = metrics.create_metric(actor=alice, product=product, now=NOW, fields={"name": f"KPI {n}"})
        fill(metric, dt.date(2026, 1, 1), range(40))
    client = api_as(alice)
    with django_assert_max_num_queries(12):
        body = client.get(url(product)).json()
    assert body["total"] == 5 and all(m["summary"]["latest_value"] == 39 for m in body["items"])


def test_a_batch_of_points_is_bounded_and_must_be_a_list(bob, teams, monkeypatch):
    with pytest.raises(Invalid) as refused:
        metrics.set_points(actor=bob, metric=teams, items={"day": "2026-01-01"})  # type: ignore[arg-type]
    assert "points" in refused.value.fields
    monkeypatch.setattr(metrics, "MAX_BATCH", 2)
    with pytest.raises(Invalid) as refused:
        metrics.set_points(actor=bob, metric=teams, items=[{"day": f"2026-01-0{d}", "value": 1} for d in (1, 2, 3)])
    assert refused.value.fields == {"points": "must hold at most 2 points; send several batches"}


def test_a_batch_replaces_stored_days_and_answers_what_it_wrote(bob, teams):
    fill(teams, dt.date(2026, 1, 1), [1, 2, 3])
    written = metrics.set_points(actor=bob, metric=teams, items=[{"day": "2026-01-02", "value": "20"},
                                                                 {"day": "2026-01-04", "value": 4}])
    assert [(p.day.day, p.value) for p in written] == [(2, Decimal(20)), (4, Decimal(4))]
    assert list(teams.points.values_list("value", flat=True)) == [1, 20, 3, 4]


def test_a_guest_may_neither_set_nor_delete_points_through_the_service(gus, teams):
    fill(teams, dt.date(2026, 1, 1), [1])
    for attempt in (lambda: metrics.set_point(actor=gus, metric=teams, day="2026-01-01", value=2),
                    lambda: metrics.set_points(actor=gus, metric=teams, items=[]),
                    lambda: metrics.delete_point(actor=gus, metric=teams, day="2026-01-01"),
                    lambda: metrics.delete_metric(actor=gus, metric=teams)):
        with pytest.raises(Forbidden):
            attempt()
    assert teams.points.get().value == Decimal(1)


def test_unknown_fields_are_named_and_a_rename_keeps_names_unique(alice, product, teams):
    other = metrics.create_metric(actor=alice, product=product, now=NOW, fields={"name": "Churn"})
    with pytest.raises(Invalid) as refused:
        metrics.update_metric(actor=alice, metric=other, fields={"name": "weekly ACTIVE teams"})
    assert "already a metric" in refused.value.fields["name"]
    with pytest.raises(Invalid) as refused:
        metrics.update_metric(actor=alice, metric=other, fields={"colour": "red"})
    assert refused.value.fields == {"colour": "is not a field of a metric"}
    with pytest.raises(Invalid):
        metrics.create_metric(actor=alice, product=product, now=NOW, fields={"unit": "%"})
    renamed = metrics.update_metric(actor=alice, metric=other, fields={"name": "CHURN", "owner": ""})
    assert renamed.name == "CHURN" and renamed.owner is None


def test_the_same_name_may_serve_two_products(alice, workspace, product, teams):
    from cairn.product.services import products

    other = products.create_product(actor=alice, workspace=workspace, name="Other", now=NOW)
    twin = metrics.create_metric(actor=alice, product=other, now=NOW, fields={"name": "Weekly active teams"})
    assert twin.pk != teams.pk


def test_the_impact_window_is_bounded(gus, teams):
    for days in (0, 366, "a week"):
        with pytest.raises(Invalid):
            metrics.impact_panel(gus, teams, days)
    assert metrics.impact_panel(gus, teams, "30") == []


def test_a_summary_without_points_reads_nothing_more(teams, django_assert_num_queries):
    with django_assert_num_queries(1):
        figures = metrics.summary(teams)
    assert figures.latest is None and figures.target is None


def test_the_metric_page_falls_back_to_the_usual_range_and_window(client, gus, product, teams):
    response = logged_in(client, gus).get(f"/products/{product.pk}/metrics/{teams.pk}/?range=7&impact=abc")
    assert response.context["range"] == 90 and response.context["impact_days"] == 14


def test_a_member_cannot_edit_a_metric_on_the_page(client, bob, product, teams):
    response = logged_in(client, bob).post(f"/products/{product.pk}/metrics/{teams.pk}/", {"name": "Mine"})
    assert response.status_code == 403
    assert logged_in(client, bob).post(f"/products/{product.pk}/metrics/", {"name": "Mine"}).status_code == 403
    teams.refresh_from_db()
    assert teams.name == "Weekly active teams"


def test_the_list_pages_its_cards(client, alice, product, monkeypatch):
    from cairn.product.views import metrics as pages

    monkeypatch.setattr(pages, "PAGE_SIZE", 2)
    for name in ("A", "B", "C"):
        metrics.create_metric(actor=alice, product=product, now=NOW, fields={"name": name})
    response = logged_in(client, alice).get(f"/products/{product.pk}/metrics/")
    assert [card.metric.name for card, _ in response.context["cards"]] == ["A", "B"]
    assert response.context["next_url"] and "3 metrics" in response.content.decode()
