"""Turning what a caller sends for an issue field into a value, with a clear message
naming the field when it cannot. Shared by create, update and bulk edit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from cairn import values
from cairn.accounts.models import User
from cairn.errors import Invalid
from cairn.tracker.models import (
    CustomField,
    FieldKind,
    Issue,
    IssueType,
    Label,
    Milestone,
    Priority,
    Status,
    split_key,
)
from cairn.workspaces.models import Project
from cairn.workspaces.services import assignable_users

SCALAR_FIELDS = (
    "title", "description", "type", "status", "priority", "assignee", "start_date", "due_date",
    "estimate_hours", "spent_hours", "story_points", "milestone", "parent",
)
EDITABLE_FIELDS = (*SCALAR_FIELDS, "labels", "custom_fields")


class Resolver:
    """Resolves field values within one project, caching its lookups for bulk edits."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._users: dict[str, User] | None = None

    def resolve(self, name: str, raw: Any, issue: Issue | None = None) -> Any:
        handler: Callable[[Any], Any] | None = getattr(self, f"_{name}", None)
        if name not in EDITABLE_FIELDS or handler is None:
            raise Invalid.field(name, "is not a field that can be set")
        if name == "parent":
            return self._parent(raw, issue)
        return handler(raw)

    def _title(self, raw: Any) -> str:
        return values.text(raw, "title", max_length=255, required=True)

    def _description(self, raw: Any) -> str:
        return values.text(raw, "description", max_length=100_000, strip=False)

    def _type(self, raw: Any) -> IssueType:
        return _named(IssueType.objects.filter(project=self.project), raw, "type")

    def _status(self, raw: Any) -> Status:
        return _named(Status.objects.filter(project=self.project), raw, "status")

    def _priority(self, raw: Any) -> Priority:
        return _named(Priority.objects.filter(project=self.project), raw, "priority")

    def _milestone(self, raw: Any) -> Milestone | None:
        if values.is_blank(raw):
            return None
        return _named(Milestone.objects.filter(project=self.project), raw, "milestone")

    def _labels(self, raw: Any) -> list[Label]:
        if values.is_blank(raw):
            return []
        if isinstance(raw, str):
            raw = [part.strip() for part in raw.split(",") if part.strip()]
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            raise Invalid.field("labels", "must be a list of label names")
        found = {label.name.lower(): label for label in Label.objects.filter(project=self.project)}
        missing = [name for name in raw if name.lower() not in found]
        if missing:
            raise Invalid.field("labels", f"no label named {', '.join(missing)} in {self.project.key}")
        return [found[name.lower()] for name in dict.fromkeys(raw)]

    def users(self) -> dict[str, User]:
        if self._users is None:
            self._users = {u.username.lower(): u for u in assignable_users(self.project)}
        return self._users

    def user(self, raw: Any, field: str) -> User | None:
        if values.is_blank(raw):
            return None
        name = values.text(raw, field, max_length=150).lstrip("@").lower()
        user = self.users().get(name)
        if user is None:
            raise Invalid.field(field, f"{raw!r} is not someone who can be assigned in {self.project.key}")
        return user

    def _assignee(self, raw: Any) -> User | None:
        return self.user(raw, "assignee")

    def _start_date(self, raw: Any) -> dt.date | None:
        return values.date(raw, "start_date")

    def _due_date(self, raw: Any) -> dt.date | None:
        return values.date(raw, "due_date")

    def _estimate_hours(self, raw: Any) -> Decimal | None:
        return values.decimal(raw, "estimate_hours", places=2, maximum=Decimal("999999"))

    def _spent_hours(self, raw: Any) -> Decimal:
        return values.decimal(raw, "spent_hours", places=2, maximum=Decimal("999999")) or Decimal(0)

    def _story_points(self, raw: Any) -> Decimal | None:
        return values.decimal(raw, "story_points", places=1, maximum=Decimal("9999"))

    def _parent(self, raw: Any, issue: Issue | None) -> Issue | None:
        if values.is_blank(raw):
            return None
        key = values.text(raw, "parent", max_length=40).upper()
        parts = split_key(key)
        parent = None
        if parts is not None and parts[0] == self.project.key:
            parent = Issue.objects.filter(project=self.project, number=parts[1]).first()
        if parent is None:
            raise Invalid.field("parent", f"no issue {key} in {self.project.key}")
        ancestor: Issue | None = parent
        depth = 0
        while ancestor is not None and depth < 100:
            if issue is not None and ancestor.pk == issue.pk:
                raise Invalid.field("parent", f"{key} is {'this issue' if depth == 0 else 'below this issue'}")
            ancestor = ancestor.parent
            depth += 1
        return parent

    def _custom_fields(self, raw: Any) -> dict[str, Any]:
        """Returns values keyed by field id; unknown names are an error, None clears."""
        if not isinstance(raw, dict):
            raise Invalid.field("custom_fields", "must be an object of field name to value")
        fields = {f.name.lower(): f for f in CustomField.objects.filter(project=self.project)}
        values: dict[str, Any] = {}
        for name, value in raw.items():
            field = fields.get(str(name).lower())
            if field is None:
                raise Invalid.field("custom_fields", f"no custom field named {name!r}")
            values[str(field.pk)] = self.custom_value(field, value)
        return values

    def custom_value(self, field: CustomField, value: Any) -> Any:
        label = f"custom_fields.{field.name}"
        if values.is_blank(value):
            return None
        if field.kind == FieldKind.TEXT:
            return values.text(value, label, max_length=10_000, strip=False)
        if field.kind == FieldKind.NUMBER:
            return float(values.decimal(value, label, places=6, maximum=Decimal("1e12"), signed=True) or 0)
        if field.kind == FieldKind.DATE:
            date = values.date(value, label)
            return date.isoformat() if date else None
        if field.kind == FieldKind.SELECT:
            if value not in field.options:
                raise Invalid.field(label, f"must be one of {', '.join(map(str, field.options))}")
            return value
        if field.kind == FieldKind.MULTISELECT:
            items = value if isinstance(value, list) else [value]
            bad = [v for v in items if v not in field.options]
            if bad:
                raise Invalid.field(label, f"{bad[0]!r} is not one of {', '.join(map(str, field.options))}")
            return list(dict.fromkeys(items))
        user = self.user(value, label)
        return user.username if user else None


def _named(queryset: Any, raw: Any, field: str) -> Any:
    name = values.text(raw, field, max_length=120)
    for row in queryset:
        if row.name.lower() == name.lower():
            return row
    choices = ", ".join(row.name for row in queryset)
    raise Invalid.field(field, f"{name!r} is not one of {choices}")
