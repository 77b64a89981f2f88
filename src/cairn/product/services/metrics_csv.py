"""Data points from a CSV file, in two steps: a preview that parses every row, names
each bad one by its line and writes nothing, then the import, which writes every row in
one transaction — or, when the user chose to skip the bad rows, only the good ones.

The file: UTF-8, comma-separated, a header naming the columns `date` and `value`
(ISO dates such as 2026-03-01, numbers with a decimal point such as 1234.5), and
`metric` naming the metric of each row when one file feeds several metrics."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile

from cairn import values
from cairn.accounts.models import User
from cairn.errors import Invalid
from cairn.product.models import DataPoint, Metric, Product
from cairn.product.services import metrics, products

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 100_000
# The row errors an import refusal names; the preview counts them all.
MAX_NAMED_ERRORS = 100
DATE_NAMES = ("date", "day")


@dataclass(frozen=True)
class Row:
    line: int
    metric: Metric
    day: date
    value: Decimal
    # The value already stored for that day, which the import replaces.
    replaces: Decimal | None


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


@dataclass
class Preview:
    rows: list[Row]
    errors: list[RowError]
    written: int = 0
    skipped: int = 0
    metrics: list[Metric] = field(default_factory=list)

    @property
    def new(self) -> int:
        return sum(1 for row in self.rows if row.replaces is None)

    @property
    def replaced(self) -> int:
        return len(self.rows) - self.new


def preview_csv(*, actor: User, product: Product, upload: UploadedFile[Any] | bytes | None,
                metric: Metric | None = None) -> Preview:
    """The rows the file would write and its row errors; writes nothing. With `metric`,
    every row is that metric's (a `metric` column may repeat its name); without, the
    `metric` column names one of the product's metrics in each row."""
    products.require(actor, products.Action.EDIT_ISSUES, product)
    if metric is not None and metric.product_id != product.pk:
        raise Invalid.field("metric", "is not a metric of this product")
    text = _text(upload)
    return _parse(text, product, metric)


def import_csv(*, actor: User, product: Product, upload: UploadedFile[Any] | bytes | None,
               metric: Metric | None = None, skip_bad_rows: bool = False) -> Preview:
    """Writes the file's rows in one transaction when none is bad, or only the good ones
    when `skip_bad_rows`; otherwise an Invalid naming the bad rows ("line 7") and
    nothing written."""
    preview = preview_csv(actor=actor, product=product, upload=upload, metric=metric)
    if preview.errors and not skip_bad_rows:
        named = {f"line {e.line}": e.message for e in preview.errors[:MAX_NAMED_ERRORS]}
        raise Invalid(f"{_rows(len(preview.errors))} with errors: nothing was written. Correct the file, or "
                      "choose to skip the bad rows.", fields=named)
    metrics.write_many(DataPoint(metric=row.metric, day=row.day, value=row.value) for row in preview.rows)
    preview.written, preview.skipped = len(preview.rows), len(preview.errors)
    return preview


def _text(upload: UploadedFile[Any] | bytes | None) -> str:
    if upload is None:
        raise Invalid.field("file", "is required: choose a CSV file")
    if isinstance(upload, bytes):
        data = upload
    else:
        if (upload.size or 0) > MAX_BYTES:
            raise Invalid.field("file", f"is larger than the {MAX_BYTES // (1024 * 1024)} MB limit; split it")
        # From the start: the page previews and then imports the same upload.
        upload.seek(0)
        data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise Invalid.field("file", f"is larger than the {MAX_BYTES // (1024 * 1024)} MB limit; split it")
    try:
        # utf-8-sig: spreadsheets put a byte-order mark before the header.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Invalid.field("file", "is not UTF-8 text; save it as CSV UTF-8") from None
    if "\x00" in text:
        raise Invalid.field("file", "is not a text file")
    return text


def _columns(header: list[str], with_metric: bool) -> dict[str, int]:
    names = [cell.strip().lower() for cell in header]
    if len(names) == 1 and ";" in names[0]:
        raise Invalid.field("file", "separates its columns with semicolons; use commas (CSV)")
    columns = {"value": names.index("value")} if "value" in names else {}
    date_column = next((names.index(n) for n in DATE_NAMES if n in names), None)
    if date_column is not None:
        columns["date"] = date_column
    if "metric" in names:
        columns["metric"] = names.index("metric")
    if "date" not in columns or "value" not in columns:
        raise Invalid.field("file", "must start with a header line naming the columns date and value"
                            + ("" if with_metric else " (and metric)"))
    if not with_metric and "metric" not in columns:
        raise Invalid.field("file", "needs a metric column naming the metric of each row")
    return columns


def _parse(text: str, product: Product, metric: Metric | None) -> Preview:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise Invalid.field("file", "is empty")
        columns = _columns(header, metric is not None)
        by_name = {m.name.lower(): m for m in (product.metrics.all() if metric is None else [metric])}
        parsed: list[tuple[int, Metric, date, Decimal]] = []
        errors: list[RowError] = []
        seen: dict[tuple[int, date], int] = {}
        count = 0
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            count += 1
            if count > MAX_ROWS:
                raise Invalid.field("file", f"has more than {MAX_ROWS:,} rows; split it into several files")
            try:
                _width(cells, len(header), columns)
                row = _row(cells, columns, by_name, metric)
            except Invalid as failure:
                errors.append(RowError(reader.line_num, failure.message))
                continue
            key = (row[0].pk, row[1])
            if key in seen:
                errors.append(RowError(reader.line_num, f"date {row[1].isoformat()} is already on line {seen[key]}"))
                continue
            seen[key] = reader.line_num
            parsed.append((reader.line_num, *row))
    except csv.Error as failure:
        raise Invalid.field("file", f"is not a CSV file this server can read (line {reader.line_num}: {failure})"
                            ) from None
    if count == 0:
        raise Invalid.field("file", "has no data rows under its header")
    stored = _stored(parsed)
    rows = [Row(line, m, day, number, stored.get((m.pk, day))) for line, m, day, number in parsed]
    return Preview(rows, errors, metrics=sorted({m.pk: m for _, m, _, _ in parsed}.values(), key=lambda m: m.name))


def _width(cells: list[str], width: int, columns: dict[str, int]) -> None:
    # A cell past the header's is most often a decimal comma: 1,5 read as two cells.
    extra = any(cell.strip() for cell in cells[width:])
    if len(cells) <= max(columns.values()) or extra:
        hint = " (write decimals with a point: 1.5)" if extra else ""
        raise Invalid(f"has {len(cells)} column{'s' if len(cells) != 1 else ''} where the header has {width}{hint}")


def _row(cells: list[str], columns: dict[str, int], by_name: dict[str, Metric], metric: Metric | None
         ) -> tuple[Metric, date, Decimal]:
    chosen = metric
    if "metric" in columns:
        name = cells[columns["metric"]].strip()
        if name or metric is None:
            chosen = by_name.get(name.lower())
            if chosen is None:
                raise Invalid(f"no metric named {name!r} in this product" if name else "the metric is missing")
    assert chosen is not None
    raw_day = cells[columns["date"]].strip()
    try:
        day = values.required_date(raw_day, "date")
    except Invalid as failure:
        raise Invalid(f"bad date: {failure.fields['date']}") from None
    raw_value = cells[columns["value"]].strip()
    try:
        number = metrics.point_value(raw_value, "value")
    except Invalid as failure:
        raise Invalid(f"value: {failure.fields['value']}") from None
    return chosen, day, number


def _stored(parsed: list[tuple[int, Metric, date, Decimal]]) -> dict[tuple[int, date], Decimal]:
    """The values already stored on the file's days, in one query per metric."""
    stored: dict[tuple[int, date], Decimal] = {}
    spans: dict[int, tuple[date, date]] = {}
    for _, m, day, _ in parsed:
        first, last = spans.get(m.pk, (day, day))
        spans[m.pk] = (min(first, day), max(last, day))
    for pk, (first, last) in spans.items():
        for day, number in DataPoint.objects.filter(metric_id=pk, day__range=(first, last)).values_list("day", "value"):
            stored[(pk, day)] = number
    return stored


def _rows(count: int) -> str:
    return f"{count:,} row" + ("" if count == 1 else "s")
