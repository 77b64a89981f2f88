"""Data points from CSV: a preview names every bad row by its line and writes nothing;
the import writes all rows in one transaction, nothing while a row is bad, or only the
good rows when the user chose to skip the bad ones; huge files are refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cairn.errors import Forbidden, Invalid
from cairn.product.models import DataPoint, Metric
from cairn.product.services import metrics, metrics_csv

NOW = dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC)
BAD = b"""date,value
2026-03-01,10
2026-03-32,11
2026-03-03,eleven
2026-03-01,12
2026-03-05,1,5

2026-03-06,13.25
"""


@pytest.fixture
def teams(alice, product) -> Metric:
    return metrics.create_metric(actor=alice, product=product, now=NOW, fields={"name": "Weekly active teams"})


@pytest.fixture
def conversion(alice, product) -> Metric:
    return metrics.create_metric(actor=alice, product=product, now=NOW, fields={"name": "Trial → paid (%)"})


def upload(content: bytes, name: str = "points.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def import_url(product, metric) -> str:
    return f"/api/v1/products/{product.pk}/metrics/{metric.pk}/import"


def test_the_preview_names_each_bad_row_by_its_line_and_writes_nothing(bob, product, teams):
    preview = metrics_csv.preview_csv(actor=bob, product=product, upload=BAD, metric=teams)
    assert [(row.line, row.day, row.value) for row in preview.rows] == [
        (2, dt.date(2026, 3, 1), Decimal(10)), (8, dt.date(2026, 3, 6), Decimal("13.25"))]
    assert [(e.line, e.message) for e in preview.errors] == [
        (3, "bad date: '2026-03-32' is not a date like 2026-12-31"),
        (4, "value: 'eleven' is not a number"),
        (5, "date 2026-03-01 is already on line 2"),
        (6, "has 3 columns where the header has 2 (write decimals with a point: 1.5)"),
    ]
    assert not DataPoint.objects.exists()


def test_an_import_with_a_bad_row_writes_nothing(bob, product, teams):
    with pytest.raises(Invalid) as refused:
        metrics_csv.import_csv(actor=bob, product=product, upload=BAD, metric=teams)
    assert "4 rows with errors: nothing was written" in refused.value.message
    assert refused.value.fields["line 5"] == "date 2026-03-01 is already on line 2"
    assert not DataPoint.objects.exists()


def test_skipping_the_bad_rows_writes_the_good_ones(bob, product, teams):
    result = metrics_csv.import_csv(actor=bob, product=product, upload=BAD, metric=teams, skip_bad_rows=True)
    assert (result.written, result.skipped) == (2, 4)
    assert dict(teams.points.values_list("day", "value")) == {dt.date(2026, 3, 1): Decimal(10),
                                                              dt.date(2026, 3, 6): Decimal("13.25")}


def test_an_import_replaces_the_stored_values_of_its_days(bob, product, teams):
    metrics.write(teams, {dt.date(2026, 3, 1): Decimal(1)})
    content = b"\xef\xbb\xbfDate , Value\r\n2026-03-01,2\r\n2026-03-02,-3.5\r\n"  # a spreadsheet's BOM and CRLF
    preview = metrics_csv.preview_csv(actor=bob, product=product, upload=content, metric=teams)
    assert (preview.new, preview.replaced, preview.rows[0].replaces) == (1, 1, Decimal(1))
    metrics_csv.import_csv(actor=bob, product=product, upload=content, metric=teams)
    assert list(teams.points.values_list("value", flat=True)) == [Decimal(2), Decimal("-3.5")]


def test_one_file_feeds_several_metrics_by_name(bob, product, teams, conversion):
    content = "metric,date,value\nweekly ACTIVE teams,2026-03-01,40\nTrial → paid (%),2026-03-01,4.5\n" \
              "Churn,2026-03-01,2\n,2026-03-02,1\nWeekly active teams,2026-03-02,41\n".encode()
    preview = metrics_csv.preview_csv(actor=bob, product=product, upload=content)
    assert [(r.metric.name, r.value) for r in preview.rows] == [
        ("Weekly active teams", 40), ("Trial → paid (%)", Decimal("4.5")), ("Weekly active teams", 41)]
    assert [(e.line, e.message) for e in preview.errors] == [
        (4, "no metric named 'Churn' in this product"), (5, "the metric is missing")]
    metrics_csv.import_csv(actor=bob, product=product, upload=content, skip_bad_rows=True)
    assert teams.points.count() == 2 and conversion.points.count() == 1


def test_a_metric_column_in_a_single_metric_file_must_name_that_metric(bob, product, teams, conversion):
    content = b"date,value,metric\n2026-03-01,1,Weekly active teams\n2026-03-02,2,\n2026-03-03,3,Trial\n"
    preview = metrics_csv.preview_csv(actor=bob, product=product, upload=content, metric=teams)
    assert len(preview.rows) == 2 and [e.line for e in preview.errors] == [4]


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty"),
    (b"2026-03-01,10\n", "must start with a header line naming the columns date and value"),
    (b"date;value\n2026-03-01;10\n", "separates its columns with semicolons; use commas (CSV)"),
    (b"date,value\n", "has no data rows under its header"),
    (b"date,value\n\xff\xfe,1\n", "is not UTF-8 text; save it as CSV UTF-8"),
])
def test_a_file_that_is_not_a_csv_of_data_points_is_refused_whole(bob, product, teams, content, message):
    with pytest.raises(Invalid) as refused:
        metrics_csv.preview_csv(actor=bob, product=product, upload=content, metric=teams)
    assert refused.value.fields == {"file": message}


def test_a_product_wide_file_needs_a_metric_column(bob, product):
    with pytest.raises(Invalid) as refused:
        metrics_csv.preview_csv(actor=bob, product=product, upload=b"date,value\n2026-03-01,1\n")
    assert "metric column" in refused.value.fields["file"]


def test_huge_files_are_refused_with_a_clear_message(bob, product, teams, monkeypatch):
    too_big = b"date,value\n" + b"2026-03-01,1\n" * (metrics_csv.MAX_BYTES // 13 + 1)
    with pytest.raises(Invalid) as refused:
        metrics_csv.preview_csv(actor=bob, product=product, upload=upload(too_big), metric=teams)
    assert refused.value.fields == {"file": "is larger than the 5 MB limit; split it"}
    monkeypatch.setattr(metrics_csv, "MAX_ROWS", 3)
    rows = b"date,value\n" + b"".join(b"2026-03-0%d,1\n" % d for d in range(1, 5))
    with pytest.raises(Invalid) as refused:
        metrics_csv.preview_csv(actor=bob, product=product, upload=rows, metric=teams)
    assert refused.value.fields == {"file": "has more than 3 rows; split it into several files"}


def test_a_year_of_points_imports_in_a_few_queries(bob, product, teams, django_assert_max_num_queries):
    start = dt.date(2025, 1, 1)
    content = "date,value\n" + "".join(f"{start + dt.timedelta(days=i)},{i}.5\n" for i in range(365))
    with django_assert_max_num_queries(12):
        result = metrics_csv.import_csv(actor=bob, product=product, upload=content.encode(), metric=teams)
    assert result.written == 365 == teams.points.count()


def test_a_guest_may_not_import(gus, product, teams):
    with pytest.raises(Forbidden):
        metrics_csv.preview_csv(actor=gus, product=product, upload=BAD, metric=teams)


def test_the_api_previews_then_imports_with_row_errors(api_as, bob, product, teams):
    client = api_as(bob)
    response = client.post(import_url(product, teams), data={"file": upload(BAD), "dry_run": "true"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["dry_run"], body["rows"], body["new"], body["written"]) == (True, 2, 2, 0)
    assert [e["line"] for e in body["errors"]] == [3, 4, 5, 6]
    assert body["sample"][1] == {"line": 8, "metric": "Weekly active teams", "day": "2026-03-06", "value": 13.25,
                                 "replaces": None}
    response = client.post(import_url(product, teams), data={"file": upload(BAD)})
    assert response.status_code == 422 and response.json()["errors"]["line 3"].startswith("bad date")
    assert not DataPoint.objects.exists()
    response = client.post(import_url(product, teams), data={"file": upload(BAD), "skip_bad_rows": "true"})
    assert response.status_code == 200 and (response.json()["written"], response.json()["skipped"]) == (2, 4)
    assert teams.points.count() == 2


def test_the_api_asks_for_a_file(api_as, bob, gus, charlie, product, teams):
    response = api_as(bob).post(import_url(product, teams), data={"dry_run": "true"})
    assert response.status_code == 422 and "file" in response.json()["errors"]
    assert api_as(gus).post(import_url(product, teams), data={"file": upload(BAD)}).status_code == 403
    assert api_as(charlie).post(import_url(product, teams), data={"file": upload(BAD)}).status_code == 404


def test_the_page_previews_then_imports_the_same_upload(client, bob, product, teams):
    client.force_login(bob)
    url = f"/products/{product.pk}/metrics/{teams.pk}/import/"
    htmx = {"HX-Request": "true"}
    response = client.post(url, {"file": upload(BAD), "step": "preview"}, headers=htmx)
    page = response.content.decode()
    assert response.status_code == 200 and "4 bad rows" in page and "2026-03-32" in page and "Skip the 4 bad rows" in page
    response = client.post(url, {"file": upload(BAD), "step": "import"}, headers=htmx)
    assert response.status_code == 422 and "nothing was written" in response.content.decode()
    assert not DataPoint.objects.exists()
    response = client.post(url, {"file": upload(BAD), "step": "import", "skip_bad_rows": "on"}, headers=htmx)
    assert response.status_code == 204 and response["HX-Redirect"] == f"/products/{product.pk}/metrics/{teams.pk}/"
    assert teams.points.count() == 2
    response = client.post(url, {"step": "preview"}, headers=htmx)
    assert response.status_code == 422 and "The file is required" in response.content.decode()


def test_the_api_imports_one_file_into_several_metrics(api_as, bob, product, teams, conversion):
    content = "metric,date,value\nWeekly active teams,2026-03-01,40\nTrial → paid (%),2026-03-01,4.5\n".encode()
    url = f"/api/v1/products/{product.pk}/metrics/import"
    response = api_as(bob).post(url, data={"file": upload(content), "dry_run": "true"})
    assert response.status_code == 200 and [r["metric"] for r in response.json()["sample"]] == [
        "Weekly active teams", "Trial → paid (%)"]
    assert not DataPoint.objects.exists()
    assert api_as(bob).post(url, data={"file": upload(content)}).json()["written"] == 2
    assert teams.points.count() == 1 and conversion.points.count() == 1


days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))
numbers = st.decimals(min_value=-10**9, max_value=10**9, places=4, allow_nan=False, allow_infinity=False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(days, numbers, max_size=40), st.sampled_from(["\n", "\r\n"]))
def test_any_file_of_good_rows_previews_to_exactly_its_rows(bob, product, teams, by_day, newline):
    content = newline.join(["date,value", *(f"{d.isoformat()},{v}" for d, v in by_day.items())]) + newline
    if not by_day:
        with pytest.raises(Invalid):
            metrics_csv.preview_csv(actor=bob, product=product, upload=content.encode(), metric=teams)
        return
    preview = metrics_csv.preview_csv(actor=bob, product=product, upload=content.encode(), metric=teams)
    assert preview.errors == []
    assert {row.day: row.value for row in preview.rows} == by_day
    assert [row.line for row in preview.rows] == list(range(2, len(by_day) + 2))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30), min_size=1, max_size=20))
def test_any_garbage_row_is_a_row_error_or_a_refusal_never_a_crash(bob, product, teams, cells):
    content = ("date,value\n" + "\n".join(f"{c},{c}" for c in cells) + "\n").encode()
    try:
        preview = metrics_csv.preview_csv(actor=bob, product=product, upload=content, metric=teams)
    except Invalid as refused:
        assert refused.fields.get("file")
        return
    assert all(error.line >= 2 and error.message for error in preview.errors)
    assert not DataPoint.objects.exists()


def test_a_file_with_quoted_cells_and_extra_columns_is_read(bob, product, teams):
    content = b'note,"Date","Value"\n"launch, day",2026-03-01,"1234.5"\nquiet,2026-03-02,7\n'
    preview = metrics_csv.preview_csv(actor=bob, product=product, upload=content, metric=teams)
    assert [(row.line, row.value) for row in preview.rows] == [(2, Decimal("1234.5")), (3, Decimal(7))]


def test_a_row_missing_its_value_says_so(bob, product, teams):
    content = b"date,value\n2026-03-01,\n2026-03-02\n"
    preview = metrics_csv.preview_csv(actor=bob, product=product, upload=content, metric=teams)
    assert [(e.line, e.message) for e in preview.errors] == [
        (2, "value: is required"), (3, "has 1 column where the header has 2")]


def test_trailing_empty_cells_from_a_spreadsheet_are_not_errors(bob, product, teams):
    preview = metrics_csv.preview_csv(actor=bob, product=product, upload=b"date,value\n2026-03-01,1,,\n", metric=teams)
    assert preview.errors == [] and len(preview.rows) == 1


def test_a_metric_of_another_product_cannot_be_imported_into(alice, bob, workspace, product, teams):
    from cairn.product.services import products

    other = products.create_product(actor=alice, workspace=workspace, name="Other", now=NOW)
    with pytest.raises(Invalid) as refused:
        metrics_csv.preview_csv(actor=bob, product=other, upload=BAD, metric=teams)
    assert "metric" in refused.value.fields


def test_a_refused_import_names_at_most_a_hundred_rows(bob, product, teams):
    content = ("date,value\n" + "".join(f"2026-01-{d:02d},x\n" for d in range(1, 32)) * 4).encode()
    with pytest.raises(Invalid) as refused:
        metrics_csv.import_csv(actor=bob, product=product, upload=content, metric=teams)
    assert len(refused.value.fields) == metrics_csv.MAX_NAMED_ERRORS
    assert refused.value.message.startswith("124 rows with errors")


def test_without_htmx_the_preview_is_shown_in_the_whole_page(client, bob, product, teams):
    client.force_login(bob)
    response = client.post(f"/products/{product.pk}/metrics/{teams.pk}/import/", {"file": upload(BAD), "step": "preview"})
    page = response.content.decode()
    assert response.status_code == 200 and "Release impact" in page and "4 bad rows" in page
    response = client.post(f"/products/{product.pk}/metrics/{teams.pk}/import/",
                           {"file": upload(b"date,value\n2026-03-01,5\n"), "step": "import"})
    assert response.status_code == 302 and teams.points.get().value == Decimal(5)
