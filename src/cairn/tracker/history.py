"""How a field's value reads in the history: the words a person would use."""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(display(v) for v in value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if hasattr(value, "username"):
        return str(value.username)
    if hasattr(value, "key") and hasattr(value, "number"):
        return str(value.key)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if hasattr(value, "name"):
        return str(value.name)
    return str(value)
