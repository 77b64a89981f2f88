"""Use cases that configure a project's tracker: the defaults a new project starts with,
and its types, statuses, priorities, labels, milestones and custom fields."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction

from cairn import values
from cairn.accounts.models import User
from cairn.errors import Conflict, DomainError, Invalid, NotFound
from cairn.tracker.models import (
    CustomField,
    FieldKind,
    Issue,
    IssueType,
    Label,
    Milestone,
    Priority,
    Status,
    StatusCategory,
)
from cairn.workspaces import policy
from cairn.workspaces.models import Project, Role, Visibility, Workspace
from cairn.workspaces.services import create_workspace, insert_project, invite, validate_project_fields

DEFAULT_TYPES = [
    ("Task", "#2563eb"), ("Bug", "#dc2626"), ("Feature", "#16a34a"), ("Epic", "#7c3aed"),
    ("Milestone", "#d97706"), ("Risk", "#db2777"),
]
DEFAULT_STATUSES = [
    ("To do", StatusCategory.TO_DO), ("In progress", StatusCategory.IN_PROGRESS),
    ("In review", StatusCategory.IN_PROGRESS), ("Done", StatusCategory.DONE),
]
DEFAULT_PRIORITIES = [
    ("Highest", "#b91c1c"), ("High", "#ea580c"), ("Medium", "#ca8a04"), ("Low", "#16a34a"),
    ("Lowest", "#0891b2"),
]
Row = TypeVar("Row", bound=models.Model)
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def create_project(
    *,
    actor: User,
    workspace: Workspace,
    key: str,
    name: str,
    description: str = "",
    visibility: str = Visibility.WORKSPACE,
    now: datetime,
) -> Project:
    with transaction.atomic():
        project = insert_project(
            actor=actor, workspace=workspace, key=key, name=name, description=description,
            visibility=visibility, now=now,
        )
        IssueType.objects.bulk_create(
            IssueType(project=project, name=n, color=c, position=i) for i, (n, c) in enumerate(DEFAULT_TYPES)
        )
        Status.objects.bulk_create(
            Status(project=project, name=n, category=c, position=i)
            for i, (n, c) in enumerate(DEFAULT_STATUSES)
        )
        Priority.objects.bulk_create(
            Priority(project=project, name=n, color=c, rank=i, is_default=(n == "Medium"))
            for i, (n, c) in enumerate(DEFAULT_PRIORITIES)
        )
    return project


@dataclass
class FirstRun:
    workspace: Workspace
    project: Project
    invited: list[str]
    not_sent: dict[str, str]


def invitation_addresses(raw: str) -> list[str]:
    """E-mail addresses typed one per line or separated by commas or spaces."""
    addresses = list(dict.fromkeys(a.strip().lower() for a in re.split(r"[\s,;]+", raw) if a.strip()))
    bad = [a for a in addresses if "@" not in a or len(a) > 254 or "\x00" in a]
    if bad:
        raise Invalid.field("invitations", f"{bad[0]} is not an e-mail address")
    if len(addresses) > 50:
        raise Invalid.field("invitations", "invite at most 50 people at once")
    return addresses


@contextmanager
def _fields_named(**names: str) -> Iterator[None]:
    """One form asks for two names: say which one an error is about."""
    try:
        yield
    except Invalid as error:
        fields = {names.get(k, k): v for k, v in error.fields.items()}
        raise Invalid("; ".join(f"{k}: {v}" for k, v in fields.items()) or error.message, fields=fields) from None


def start_workspace(
    *, owner: User, workspace_name: str, project_key: str, project_name: str, invitations: str,
    invite_as: str = Role.MEMBER, now: datetime,
) -> FirstRun:
    """A team's first steps in one go: the workspace, its first project, and invitations
    to the colleagues. Nothing is created unless every field is right; an invitation
    whose mail cannot be sent is reported, not a reason to undo the rest."""
    addresses = invitation_addresses(invitations)
    if invite_as not in Role.values:
        raise Invalid.field("invite_as", f"must be one of {', '.join(Role.values)}")
    with _fields_named(name="project_name", key="project_key"):
        key, name = validate_project_fields(project_key, project_name, Visibility.WORKSPACE)
        if Project.objects.filter(key=key).exists():
            raise Invalid.field("key", f"{key} is already used by another project")
    with transaction.atomic():
        with _fields_named(name="workspace_name"):
            workspace = create_workspace(owner=owner, name=workspace_name, now=now)
        with _fields_named(name="project_name", key="project_key"):
            project = create_project(actor=owner, workspace=workspace, key=key, name=name, now=now)
    invited, not_sent = [], {}
    for address in addresses:
        try:
            invite(actor=owner, workspace=workspace, email=address, role=invite_as, now=now)
            invited.append(address)
        except (DomainError, OSError) as error:  # OSError: the mail server refused or is down
            not_sent[address] = getattr(error, "message", str(error))
    return FirstRun(workspace, project, invited, not_sent)


def _name(raw: Any, limit: int = 60) -> str:
    return values.text(raw, "name", max_length=limit, required=True)


def _color(raw: Any) -> str:
    if raw is None or raw == "":
        return "#6b7280"
    if not isinstance(raw, str) or not COLOR.match(raw):
        raise Invalid.field("color", "must be a colour like #2563eb")
    return raw


def _unique(model: type[models.Model], project: Project, name: str, exclude: int | None = None) -> None:
    rows = model.objects.filter(project=project, name__iexact=name)  # type: ignore[attr-defined]
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    if rows.exists():
        raise Invalid.field("name", f"{name!r} exists already in {project.key}")


def _insert(model: type[Row], **columns: Any) -> Row:
    """Creates the row; a twin created by someone else a moment ago is the same
    "exists already" error the check before gives, not a server error."""
    try:
        with transaction.atomic():
            return model._default_manager.create(**columns)
    except IntegrityError:
        raise Invalid.field("name", f"{columns.get('name')!r} exists already") from None


def _manage(actor: User, project: Project) -> None:
    policy.require(actor, policy.Action.MANAGE_PROJECT, project)


def add_issue_type(*, actor: User, project: Project, name: Any, color: Any = None) -> IssueType:
    _manage(actor, project)
    name = _name(name)
    _unique(IssueType, project, name)
    position = IssueType.objects.filter(project=project).count()
    return _insert(IssueType, project=project, name=name, color=_color(color), position=position)


def add_status(*, actor: User, project: Project, name: Any, category: Any) -> Status:
    _manage(actor, project)
    name = _name(name)
    if category not in StatusCategory.values:
        raise Invalid.field("category", f"must be one of {', '.join(StatusCategory.values)}")
    _unique(Status, project, name)
    position = Status.objects.filter(project=project).count()
    return _insert(Status, project=project, name=name, category=category, position=position)


def add_priority(*, actor: User, project: Project, name: Any, color: Any = None) -> Priority:
    _manage(actor, project)
    name = _name(name)
    _unique(Priority, project, name)
    rank = Priority.objects.filter(project=project).count()
    return _insert(Priority, project=project, name=name, color=_color(color), rank=rank)


def add_label(*, actor: User, project: Project, name: Any, color: Any = None) -> Label:
    policy.require(actor, policy.Action.EDIT_ISSUES, project)
    name = _name(name)
    _unique(Label, project, name)
    return _insert(Label, project=project, name=name, color=_color(color) if color else "#2563eb")


def add_milestone(
    *, actor: User, project: Project, name: Any, due_date: Any = None, description: Any = ""
) -> Milestone:
    _manage(actor, project)
    name = _name(name, limit=120)
    _unique(Milestone, project, name)
    due = values.date(due_date, "due_date")
    description = values.text(description, "description", max_length=100_000, strip=False)
    return _insert(Milestone, project=project, name=name, due_date=due, description=description)


def add_custom_field(
    *, actor: User, project: Project, name: Any, kind: Any, options: Any = None, required: Any = False
) -> CustomField:
    _manage(actor, project)
    name = _name(name, limit=80)
    if kind not in FieldKind.values:
        raise Invalid.field("kind", f"must be one of {', '.join(FieldKind.values)}")
    choices: list[str] = []
    if kind in (FieldKind.SELECT, FieldKind.MULTISELECT):
        if isinstance(options, str):
            options = [o.strip() for o in options.split(",") if o.strip()]
        if not isinstance(options, list):
            raise Invalid.field("options", "a select field needs a list of options")
        choices = list(dict.fromkeys(o for o in (values.text(o, "options", max_length=100) for o in options) if o))
        if not choices:
            raise Invalid.field("options", "a select field needs a list of options")
    if not isinstance(required, bool):
        raise Invalid.field("required", "must be true or false")
    _unique(CustomField, project, name)
    position = CustomField.objects.filter(project=project).count()
    return _insert(
        CustomField, project=project, name=name, kind=kind, options=choices, required=required, position=position
    )


_IN_USE = {
    IssueType: "type",
    Status: "status",
    Priority: "priority",
}


def remove_setting(*, actor: User, project: Project, model: type[models.Model], pk: int) -> None:
    """Removes a type, status, priority, label, milestone or custom field; those that
    issues still use must be moved away from first, so no issue loses a value."""
    _manage(actor, project)
    row = model.objects.filter(project=project, pk=pk).first()  # type: ignore[attr-defined]
    if row is None:
        raise NotFound("No such setting")
    field = _IN_USE.get(model)
    if field is not None:
        if Issue.objects.filter(**{field: row}).exists():
            raise Conflict(f"{row.name} is still used by issues; move them first")
        if model.objects.filter(project=project).count() == 1:  # type: ignore[attr-defined]
            raise Conflict(f"A project needs at least one {field}")
    row.delete()
