"""The stakeholder register and the communication plan, kept by the project's managers:
who has a stake, how much interest and influence they have (and so where they sit on
the power/interest grid), and what they are told, how, how often and by whom."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from cairn import values
from cairn.accounts.models import User
from cairn.controls import fields
from cairn.controls.models import Communication, Frequency, Stakeholder
from cairn.engine.project.stakeholders import Quadrant, quadrant
from cairn.errors import Invalid, NotFound
from cairn.workspaces import policy
from cairn.workspaces.models import Project

STAKEHOLDER_FIELDS = ("name", "user", "role", "organisation", "interest", "influence", "contact", "notes")
COMMUNICATION_FIELDS = ("what", "channel", "frequency", "report", "audience", "owner")


def _unknown(data: dict[str, Any], known: tuple[str, ...], thing: str) -> None:
    unknown = set(data) - set(known)
    if unknown:
        raise Invalid.field(sorted(unknown)[0], f"is not a field of {thing}")


def _read(data: dict[str, Any], readers: dict[str, Callable[[Any], Any]]) -> dict[str, Any]:
    return {name: read(data[name]) for name, read in readers.items() if name in data}


def _stakeholder_fields(project: Project, data: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    _unknown(data, STAKEHOLDER_FIELDS, "a stakeholder")
    short = {name: (lambda v, n=name: values.text(v, n, max_length=120)) for name in ("role", "organisation")}
    parsed = _read(data, {
        "name": lambda v: values.text(v, "name", max_length=120),
        "user": lambda v: fields.person(v, "user", project, action=policy.Action.VIEW),
        "interest": lambda v: fields.rating(v, "interest"),
        "influence": lambda v: fields.rating(v, "influence"),
        "contact": lambda v: values.text(v, "contact", max_length=200),
        "notes": lambda v: values.text(v, "notes", max_length=10_000),
        **short,
    })
    if not parsed.get("name") and parsed.get("user") is not None:
        parsed["name"] = parsed["user"].name
    if (creating or "name" in parsed) and not parsed.get("name"):
        raise Invalid.field("name", "is required (or choose a user)")
    return parsed


def add_stakeholder(*, actor: User, project: Project, data: dict[str, Any]) -> Stakeholder:
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    return Stakeholder.objects.create(project=project, **_stakeholder_fields(project, data, creating=True))


def update_stakeholder(*, actor: User, stakeholder: Stakeholder, data: dict[str, Any]) -> Stakeholder:
    policy.require(actor, policy.Action.MANAGE_PROJECT, stakeholder.project)
    for name, value in _stakeholder_fields(stakeholder.project, data, creating=False).items():
        setattr(stakeholder, name, value)
    stakeholder.save()
    return stakeholder


def remove_stakeholder(*, actor: User, stakeholder: Stakeholder) -> None:
    policy.require(actor, policy.Action.MANAGE_PROJECT, stakeholder.project)
    stakeholder.delete()


def stakeholder_by_id(project: Project, stakeholder_id: int) -> Stakeholder:
    found = Stakeholder.objects.filter(project=project, pk=stakeholder_id).select_related("project", "user").first()
    if found is None:
        raise NotFound(f"No stakeholder {stakeholder_id} in {project.key}")
    return found


def register(project: Project) -> QuerySet[Stakeholder]:
    return Stakeholder.objects.filter(project=project).select_related("project", "user")


def place(stakeholder: Stakeholder) -> Quadrant:
    return quadrant(stakeholder.influence, stakeholder.interest)


def grid(project: Project) -> dict[Quadrant, list[Stakeholder]]:
    """The power/interest grid, every quadrant present, most influential first."""
    cells: dict[Quadrant, list[Stakeholder]] = {q: [] for q in Quadrant}
    for stakeholder in register(project):
        cells[place(stakeholder)].append(stakeholder)
    return cells


def _audience(project: Project, raw: Any) -> list[Stakeholder]:
    if values.is_blank(raw):
        return []
    if isinstance(raw, str):
        raw = raw.replace(",", " ").split()
    if not isinstance(raw, list):
        raise Invalid.field("audience", "must be a list of stakeholder ids")
    ids = [values.whole_number(i, "audience") for i in raw]
    found = list(Stakeholder.objects.filter(project=project, pk__in=ids))
    if len(found) != len(set(ids)):
        raise Invalid.field("audience", f"names a stakeholder who is not in {project.key}'s register")
    return found


def _communication_fields(project: Project, data: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    _unknown(data, COMMUNICATION_FIELDS, "a communication")
    parsed = _read(data, {
        "what": lambda v: values.text(v, "what", max_length=200, required=True),
        "channel": lambda v: values.text(v, "channel", max_length=120),
        "frequency": lambda v: fields.choice(v, "frequency", Frequency),
        "report": lambda v: values.text(v, "report", max_length=120),
        "audience": lambda v: _audience(project, v),
        "owner": lambda v: fields.person(v, "owner", project),
    })
    if creating and "what" not in parsed:
        raise Invalid.field("what", "is required")
    return parsed


def add_communication(*, actor: User, project: Project, data: dict[str, Any]) -> Communication:
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)
    parsed = _communication_fields(project, data, creating=True)
    audience = parsed.pop("audience", [])
    with transaction.atomic():
        communication = Communication.objects.create(project=project, **parsed)
        communication.audience.set(audience)
    return communication


def update_communication(*, actor: User, communication: Communication, data: dict[str, Any]) -> Communication:
    policy.require(actor, policy.Action.MANAGE_PROJECT, communication.project)
    parsed = _communication_fields(communication.project, data, creating=False)
    audience = parsed.pop("audience", None)
    for name, value in parsed.items():
        setattr(communication, name, value)
    with transaction.atomic():
        communication.save()
        if audience is not None:
            communication.audience.set(audience)
    return communication


def remove_communication(*, actor: User, communication: Communication) -> None:
    policy.require(actor, policy.Action.MANAGE_PROJECT, communication.project)
    communication.delete()


def communication_by_id(project: Project, communication_id: int) -> Communication:
    found = Communication.objects.filter(project=project, pk=communication_id).select_related("project", "owner").first()
    if found is None:
        raise NotFound(f"No communication {communication_id} in {project.key}")
    return found


def plan(project: Project) -> QuerySet[Communication]:
    return (Communication.objects.filter(project=project).select_related("project", "owner")
            .prefetch_related("audience"))
