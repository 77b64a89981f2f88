"""How a field's value reads in the history: the words a person would use. A person is
stored by username, which never changes; it is shown by the name the rest of the page
shows."""

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


PEOPLE_FIELDS = {"assignee", "reporter"}


def shown_with_names(changes: list[Any], people_fields: set[str]) -> list[Any]:
    """Sets ``old_shown`` and ``new_shown`` on each change: people by their names (one
    query for all of them), every other value as stored."""
    fields = PEOPLE_FIELDS | people_fields
    usernames = {v for c in changes if c.field in fields for v in (c.old_value, c.new_value) if v}
    names = _names_of(usernames)
    for change in changes:
        people = change.field in fields
        change.old_shown = names.get(change.old_value, change.old_value) if people else change.old_value
        change.new_shown = names.get(change.new_value, change.new_value) if people else change.new_value
    return changes


def _names_of(usernames: set[str]) -> dict[str, str]:
    if not usernames:
        return {}
    from cairn.accounts.models import User

    return {u.username: u.name for u in User.objects.filter(username__in=usernames)}
