"""Cursor pagination shared by every list in the API and the pages: a list answers
``{"items": [...], "total": N, "next_cursor": "..."}``."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet

from cairn.errors import Invalid

T = TypeVar("T")
MAX_LIMIT = 200
# No list has a billion rows; a larger offset is a forged cursor, and PostgreSQL refuses
# an OFFSET beyond a bigint with an error rather than an empty page.
MAX_OFFSET = 10**9


@dataclass
class Page(Generic[T]):
    items: list[T]
    total: int
    next_cursor: str | None
    offset: int = 0

    @property
    def first(self) -> int:
        """1-based position of the first item shown, for "51–100 of 420"."""
        return self.offset + 1

    @property
    def last(self) -> int:
        return self.offset + len(self.items)


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, value = raw.partition(":")
        offset = int(value)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise Invalid.field("cursor", "is not a cursor this server gave out") from None
    if kind != "o" or not 0 <= offset <= MAX_OFFSET:
        raise Invalid.field("cursor", "is not a cursor this server gave out")
    return offset


def paginate(qs: QuerySet[T], *, cursor: str | None, limit: int) -> Page[T]:
    if limit < 1 or limit > MAX_LIMIT:
        raise Invalid.field("limit", f"must be between 1 and {MAX_LIMIT}")
    offset = decode_cursor(cursor)
    items = list(qs[offset : offset + limit + 1])
    more = len(items) > limit
    items = items[:limit]
    # The count is only paid for when this page alone cannot tell it.
    total = offset + len(items) if not more and (items or offset == 0) else qs.count()
    return Page(items, total, encode_cursor(offset + limit) if more else None, offset)


def page_urls(params: Any, page: Page[Any], limit: int) -> tuple[str | None, str | None]:
    """The previous and next page's query strings for a page shown with these params."""
    query = params.copy()
    query.pop("cursor", None)
    previous = None
    if page.offset:
        before = query.copy()
        if page.offset - limit > 0:
            before["cursor"] = encode_cursor(page.offset - limit)
        previous = "?" + before.urlencode()
    following = None
    if page.next_cursor:
        after = query.copy()
        after["cursor"] = page.next_cursor
        following = "?" + after.urlencode()
    return previous, following
