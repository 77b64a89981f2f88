"""Use cases on saved filters: an issue list's filter kept under a name, for oneself or
shared with the project.

Anyone who can see the project keeps filters for themselves; sharing one puts it in
front of everybody, so it takes a role that may edit issues. A filter is changed by its
owner; a shared one may also be removed by those who manage the project.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import QueryDict

from cairn.accounts.models import User
from cairn.errors import Forbidden, Invalid, NotFound
from cairn.tracker.models import SavedFilter
from cairn.workspaces import policy
from cairn.workspaces.models import Project

MAX_NAME = 80
MAX_QUERY = 1000
# Where the list is, not what it shows: a saved filter opens at its first page.
NOT_KEPT = {"cursor"}


def filters_for(actor: User | Any, project: Project) -> QuerySet[SavedFilter]:
    """The actor's own filters and those shared with the project, by name."""
    policy.require(actor, policy.Action.VIEW, project)
    return (SavedFilter.objects.filter(project=project).filter(Q(owner=actor) | Q(shared=True))
            .select_related("owner", "project").order_by("name", "pk"))


def filter_of(actor: User | Any, project: Project, filter_id: int) -> SavedFilter:
    found: SavedFilter | None = filters_for(actor, project).filter(pk=filter_id).first()
    if found is None:
        raise NotFound(f"No saved filter {filter_id} in {project.key}")
    return found


def may_share(actor: User | Any, project: Project) -> bool:
    return policy.can(actor, policy.Action.EDIT_ISSUES, project)


def may_delete(actor: User | Any, saved: SavedFilter) -> bool:
    if saved.owner_id == actor.pk:
        return True
    return saved.shared and policy.can(actor, policy.Action.MANAGE_PROJECT, saved.project)


def save_filter(
    *, actor: User, project: Project, name: Any, query: Any, shared: Any = False
) -> tuple[SavedFilter, bool]:
    """Keeps the filter under its name; the actor's filter of that name is replaced.
    Answers the filter and whether it is new."""
    policy.require(actor, policy.Action.VIEW, project)
    name, query, shared = _name(name), _query(query), _shared(actor, project, shared)
    with transaction.atomic():
        saved, created = SavedFilter.objects.update_or_create(
            project=project, owner=actor, name=name, defaults={"query": query, "shared": shared},
        )
    return saved, created


def update_filter(
    *, actor: User, saved: SavedFilter, name: Any = None, query: Any = None, shared: Any = None
) -> SavedFilter:
    if saved.owner_id != actor.pk:
        raise Forbidden("Only its owner may change a saved filter")
    if name is not None:
        saved.name = _name(name)
        if SavedFilter.objects.filter(project=saved.project, owner=actor, name=saved.name).exclude(pk=saved.pk).exists():
            raise Invalid.field("name", f"you already have a filter named {saved.name!r}")
    if query is not None:
        saved.query = _query(query)
    if shared is not None:
        saved.shared = _shared(actor, saved.project, shared)
    saved.save(update_fields=["name", "query", "shared"])
    return saved


def delete_filter(*, actor: User, saved: SavedFilter) -> None:
    if not may_delete(actor, saved):
        raise Forbidden("Only its owner, or a project manager for a shared one, may delete a saved filter")
    saved.delete()


def _text(raw: Any, field: str, limit: int) -> str:
    if not isinstance(raw, str):
        raise Invalid.field(field, "must be text")
    if "\x00" in raw:
        raise Invalid.field(field, "must not contain NUL characters")
    text = raw.strip()
    if len(text) > limit:
        raise Invalid.field(field, f"must be at most {limit:,} characters")
    return text


def _name(raw: Any) -> str:
    name = _text(raw, "name", MAX_NAME)
    if not name:
        raise Invalid.field("name", "give the filter a name")
    return name


def _query(raw: Any) -> str:
    """The issue list's query string, without empty values and the page it was on."""
    params = QueryDict(_text(raw, "query", MAX_QUERY).lstrip("?"))
    pairs = [(key, value) for key in params for value in params.getlist(key)
             if value and key not in NOT_KEPT]
    if any("\x00" in key + value for key, value in pairs):
        raise Invalid.field("query", "must not contain NUL characters")
    query = urlencode(pairs)
    if len(query) > MAX_QUERY:
        raise Invalid.field("query", f"must be at most {MAX_QUERY:,} characters")
    return query


def _shared(actor: User | Any, project: Project, raw: Any) -> bool:
    if not isinstance(raw, bool):
        raise Invalid.field("shared", "must be true or false")
    if raw and not may_share(actor, project):
        raise Forbidden("Only members who may edit issues may share a filter; save it for yourself",
                        fields={"shared": "your role may not share filters"})
    return raw
