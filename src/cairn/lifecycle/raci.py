"""The RACI matrix: deliverables × people, one letter per cell (Responsible, Accountable,
Consulted, Informed). A row that names anyone has exactly one Accountable."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from cairn.accounts.models import User
from cairn.errors import Invalid
from cairn.lifecycle.models import Deliverable, Raci, RaciCell
from cairn.workspaces import policy
from cairn.workspaces.models import Project


def matrix(project: Project) -> dict[int, dict[str, str]]:
    """Each deliverable's number → username → letter."""
    rows: dict[int, dict[str, str]] = {}
    for number, username, role in RaciCell.objects.filter(deliverable__project=project).values_list(
            "deliverable__number", "user__username", "role"):
        rows.setdefault(number, {})[username] = role
    return rows


def _row(deliverable: Deliverable, cells: Any, people: dict[str, User]) -> dict[User, str]:
    field = f"raci.{deliverable.ref}"
    if not isinstance(cells, dict):
        raise Invalid.field(field, "must map usernames to R, A, C or I")
    parsed: dict[User, str] = {}
    for username, letter in cells.items():
        if letter in (None, ""):
            continue
        if letter not in Raci.values:
            raise Invalid.field(field, f"{letter!r} for {username} is not one of R, A, C, I")
        person = people.get(str(username).lower())
        if person is None:
            raise Invalid.field(field, f"{username} is not in {deliverable.project.key}")
        parsed[person] = str(letter)
    accountable = [p.username for p, letter in parsed.items() if letter == Raci.ACCOUNTABLE]
    if parsed and len(accountable) != 1:
        found = f"{len(accountable)} ({', '.join(accountable)})" if accountable else "none"
        raise Invalid.field(field, f"{deliverable.ref} {deliverable.name} needs exactly one Accountable; it has {found}")
    return parsed


def set_matrix(*, actor: User, project: Project, rows: Any) -> dict[int, dict[str, str]]:
    """Replace the rows given (deliverable number → username → letter); rows not given
    stay as they are. Every row is checked before any is written."""
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    if not isinstance(rows, dict):
        raise Invalid.field("rows", "must map deliverable numbers to rows")
    deliverables = {d.number: d for d in Deliverable.objects.filter(project=project)}
    people = {u.username.lower(): u for u in policy.people_who_may(policy.Action.VIEW, project)}
    parsed: dict[Deliverable, dict[User, str]] = {}
    for number, cells in rows.items():
        found = deliverables.get(int(number)) if str(number).isdigit() else None
        if found is None:
            raise Invalid.field("rows", f"no deliverable DL-{number} in {project.key}")
        parsed[found] = _row(found, cells, people)
    with transaction.atomic():
        for deliverable, cells in parsed.items():
            RaciCell.objects.filter(deliverable=deliverable).delete()
            RaciCell.objects.bulk_create(RaciCell(deliverable=deliverable, user=u, role=r) for u, r in cells.items())
    return matrix(project)
