"""Reading one row without paying for an ORDER BY."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import QuerySet

T = TypeVar("T")


def one(queryset: QuerySet[T] | Any) -> T | None:
    """The row a lookup by a unique key finds, or None. Unlike ``.first()`` it adds no
    ordering: compiling one costs more than the query itself on the API's hot path."""
    return next(iter(queryset.order_by()[:1]), None)
