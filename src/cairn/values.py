"""Plain values a caller sends — text, whole numbers, decimals, dates, moments — read
the same way by every service: what cannot be stored or computed with is an `Invalid`
naming the field, never a server error further down.

Dates are accepted from 1900-01-01 to 2199-12-31 (docs/user-guide.md, "Dates"). Python
stops at year 9999 and the planner walks calendars day by day: one date in year 9999
made pages crash, and one in year 1 made them crawl."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from cairn.errors import Invalid

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2199, 12, 31)
# The largest whole number an integer column holds on every database we run on.
INTEGER_MAX = 2**31 - 1
DIGITS = re.compile(r"-?[0-9]{1,30}")


def is_blank(raw: Any) -> bool:
    return raw is None or raw == "" or raw == []


def text(raw: Any, field: str, *, max_length: int, required: bool = False, strip: bool = True) -> str:
    """Text of at most ``max_length`` characters; ``None`` is empty text unless required."""
    if raw is None:
        if required:
            raise Invalid.field(field, "is required")
        return ""
    if not isinstance(raw, str):
        raise Invalid.field(field, "must be text")
    # PostgreSQL refuses NUL in text, and no name or description needs one.
    if "\x00" in raw:
        raise Invalid.field(field, "must not contain NUL characters")
    value = raw.strip() if strip else raw
    if required and not value.strip():
        raise Invalid.field(field, "is required")
    if len(value) > max_length:
        raise Invalid.field(field, f"must be at most {max_length:,} characters")
    return value


def no_nul(raw: str, field: str) -> str:
    """For values compared rather than stored (a key in a path, a filter): PostgreSQL
    refuses NUL even in a query."""
    if "\x00" in raw:
        raise Invalid.field(field, "must not contain NUL characters")
    return raw


def whole_number(raw: Any, field: str, *, minimum: int = 0, maximum: int = INTEGER_MAX) -> int:
    """An int (or its digits as text) from ``minimum`` to ``maximum``; never a bool or 2.5."""
    if isinstance(raw, str) and DIGITS.fullmatch(raw.strip()):
        raw = int(raw.strip())
    if isinstance(raw, bool) or not isinstance(raw, int) or not minimum <= raw <= maximum:
        raise Invalid.field(field, f"must be a whole number from {minimum:,} to {maximum:,}")
    return raw


def decimal(raw: Any, field: str, *, places: int, maximum: Decimal, signed: bool = False) -> Decimal | None:
    """A finite number of at most ``maximum`` in size, rounded to ``places`` decimals;
    blank is None."""
    if is_blank(raw):
        return None
    if isinstance(raw, bool):
        raise Invalid.field(field, "must be a number")
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        raise Invalid.field(field, f"{str(raw)[:40]!r} is not a number") from None
    if not value.is_finite():
        raise Invalid.field(field, "must be a finite number")
    if not signed and value < 0:
        raise Invalid.field(field, "must not be negative")
    # copy_abs, not abs(): abs() rounds in the context and 1e999999999 overflows it.
    if value.copy_abs() > maximum:
        raise Invalid.field(field, f"must be at most {maximum}")
    return value.quantize(Decimal(1).scaleb(-places))


def _bounded(day: dt.date, field: str) -> None:
    if not EARLIEST <= day <= LATEST:
        raise Invalid.field(field, f"must be between {EARLIEST} and {LATEST}")


def date(raw: Any, field: str) -> dt.date | None:
    """An ISO date (2026-12-31) within the product's range; blank is None."""
    if is_blank(raw):
        return None
    day: dt.date
    if isinstance(raw, dt.datetime):
        day = raw.date()
    elif isinstance(raw, dt.date):
        day = raw
    else:
        try:
            day = dt.date.fromisoformat(text(raw, field, max_length=40))
        except ValueError:
            raise Invalid.field(field, f"{str(raw)[:40]!r} is not a date like 2026-12-31") from None
    _bounded(day, field)
    return day


def required_date(raw: Any, field: str) -> dt.date:
    day = date(raw, field)
    if day is None:
        raise Invalid.field(field, "is required")
    return day


def moment(raw: Any, field: str) -> dt.datetime | None:
    """An ISO date and time (2026-12-01T08:00) within the product's range, aware (UTC
    when the caller gave no offset); blank is None."""
    if is_blank(raw):
        return None
    at: dt.datetime
    if isinstance(raw, dt.datetime):
        at = raw
    else:
        try:
            at = dt.datetime.fromisoformat(text(raw, field, max_length=40))
        except ValueError:
            raise Invalid.field(field, f"{str(raw)[:40]!r} is not a date and time like 2026-12-01T08:00") from None
    _bounded(at.date(), field)
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)


def within_range(day: dt.date) -> dt.date:
    """A stored date brought into the range, for rows written before it was enforced."""
    return min(max(day, EARLIEST), LATEST)
