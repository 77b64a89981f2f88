"""How the controls read what a caller sends: choices, 1–5 ratings, people of the
project, issue keys of the project. Each refusal is an `Invalid` naming the field."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from cairn import values
from cairn.accounts.models import User
from cairn.errors import Invalid
from cairn.tracker.models import Issue, split_key
from cairn.workspaces import policy
from cairn.workspaces.models import Project


def choice(raw: Any, field: str, choices: type[models.TextChoices]) -> str:
    if raw not in choices.values:
        raise Invalid.field(field, f"must be one of {', '.join(choices.values)}")
    return str(raw)


def rating(raw: Any, field: str) -> int:
    return values.whole_number(raw, field, minimum=1, maximum=5)


def person(raw: Any, field: str, project: Project, *, action: policy.Action = policy.Action.EDIT_ISSUES) -> User | None:
    """Someone who may act in the project, by username; blank is nobody."""
    if values.is_blank(raw):
        return None
    username = values.text(raw, field, max_length=150)
    user = User.objects.filter(username__iexact=username, is_active=True).first()
    if user is None or not policy.can(user, action, project):
        raise Invalid.field(field, f"{username} is not a member of {project.key}")
    return user


def keys(raw: Any, field: str) -> list[str]:
    """Issue keys from a list or from text separated by commas or spaces."""
    if values.is_blank(raw):
        return []
    if isinstance(raw, str):
        raw = raw.replace(",", " ").split()
    if not isinstance(raw, list) or not all(isinstance(k, str) for k in raw):
        raise Invalid.field(field, "must be a list of issue keys")
    return [values.no_nul(k, field).strip().upper() for k in raw if k.strip()]


def issues_in(project: Project, raw: Any, field: str) -> list[Issue]:
    """The project's issues with these keys, in the order given; an unknown key is refused."""
    wanted = keys(raw, field)
    numbers = []
    for key in wanted:
        parts = split_key(key)
        if parts is None or parts[0] != project.key:
            raise Invalid.field(field, f"{key} is not an issue of {project.key}")
        numbers.append(parts[1])
    found = {i.number: i for i in Issue.objects.filter(project=project, number__in=numbers).select_related("project")}
    missing = [k for k, n in zip(wanted, numbers, strict=True) if n not in found]
    if missing:
        raise Invalid.field(field, f"no issue {missing[0]} in {project.key}")
    return list(dict.fromkeys(found[n] for n in numbers))


def next_number(project: Project, rows: Iterable[int]) -> int:
    """The next number of a per-project register (R-, CR-, D-). Called inside the
    transaction that creates the row: locking the project row makes two people raising at
    once take turns instead of one of them hitting the unique constraint."""
    Project.objects.select_for_update().filter(pk=project.pk).values_list("pk", flat=True).first()
    return max(rows, default=0) + 1
