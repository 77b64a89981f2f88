"""Use cases on products: who may see and change them, creating and editing one, and the
projects that deliver it.

A product belongs to the whole workspace: guests read it, members contribute (feedback,
votes, scores, research), managers and admins run it (strategy, roadmap, releases).
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.text import slugify

from cairn import values
from cairn.accounts.models import User
from cairn.errors import Invalid, NotFound
from cairn.product.models import Product
from cairn.workspaces import policy
from cairn.workspaces.models import Project, Workspace, WorkspaceMember

Action = policy.Action
TEXTS = ("vision", "strategy", "audience", "positioning", "pricing")
MAX_NAME = 120
MAX_TEXT = 50_000


def may(actor: User | Any, action: policy.Action, product: Product) -> bool:
    return policy.workspace_can(actor, action, product.workspace_id)


def require(actor: User | Any, action: policy.Action, product: Product) -> None:
    policy.require_in_workspace(actor, action, product.workspace_id, f"product {product.pk}")


def products_for(actor: User | Any) -> QuerySet[Product]:
    """The products of every workspace the actor is in, by name."""
    if not getattr(actor, "is_authenticated", False):
        return Product.objects.none()
    workspaces = WorkspaceMember.objects.filter(user=actor).values("workspace_id")
    return Product.objects.filter(workspace_id__in=workspaces).select_related("workspace", "owner")


def product_for(actor: User | Any, product_id: Any, action: policy.Action = Action.VIEW) -> Product:
    """The product, when the actor may do the action on it; NotFound when they may not
    see it at all."""
    try:
        pk = int(product_id)
    except (TypeError, ValueError):
        raise NotFound(f"No product {product_id}") from None
    product = Product.objects.select_related("workspace", "owner").filter(pk=pk).first()
    if product is None:
        raise NotFound(f"No product {pk}")
    require(actor, action, product)
    return product


def create_product(*, actor: User, workspace: Workspace, name: Any, now: datetime, **texts: Any) -> Product:
    policy.require_in_workspace(actor, Action.MANAGE_PROJECT, workspace.pk, "workspace")
    product = Product(workspace=workspace, owner=actor, created_at=now, name=_name(name))
    _apply_texts(product, texts)
    product.public_slug = _public_slug(product.name)
    try:
        with transaction.atomic():
            product.save()
    except IntegrityError:
        raise Invalid.field("name", f"there is already a product named {product.name!r}") from None
    return product


def update_product(*, actor: User, product: Product, fields: dict[str, Any]) -> Product:
    """Changes the given fields (name, the Markdown texts, owner, feedback_open)."""
    require(actor, Action.MANAGE_PROJECT, product)
    unknown = set(fields) - {"name", "owner", "feedback_open", *TEXTS}
    if unknown:
        name = sorted(unknown)[0]
        raise Invalid.field(name, "is not a field of a product")
    if "name" in fields:
        product.name = _name(fields["name"])
    if "owner" in fields:
        product.owner = _owner(product, fields["owner"])
    if "feedback_open" in fields:
        if not isinstance(fields["feedback_open"], bool):
            raise Invalid.field("feedback_open", "must be true or false")
        product.feedback_open = fields["feedback_open"]
    _apply_texts(product, {k: v for k, v in fields.items() if k in TEXTS})
    try:
        with transaction.atomic():
            product.save()
    except IntegrityError:
        raise Invalid.field("name", f"there is already a product named {product.name!r}") from None
    return product


def set_projects(*, actor: User, product: Product, keys: list[Any]) -> list[Project]:
    """The projects that deliver the product: projects of its workspace the actor can see."""
    require(actor, Action.MANAGE_PROJECT, product)
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise Invalid.field("projects", "must be a list of project keys")
    wanted = {values.no_nul(k, "projects").strip().upper() for k in keys if k.strip()}
    found = list(policy.visible_projects(actor).filter(workspace_id=product.workspace_id, key__in=wanted))
    missing = wanted - {p.key for p in found}
    if missing:
        raise Invalid.field("projects", f"no project {sorted(missing)[0]} in this workspace")
    product.projects.set(found)
    return sorted(found, key=lambda p: p.key)


def delivering_projects(actor: User | Any, product: Product) -> list[Project]:
    """The delivering projects this actor can see: a private one stays hidden from
    everyone outside it."""
    visible = policy.visible_projects(actor).values("id")
    return list(product.projects.filter(id__in=visible).order_by("key"))


def _name(raw: Any) -> str:
    return values.text(raw, "name", max_length=MAX_NAME, required=True)


def _apply_texts(product: Product, texts: dict[str, Any]) -> None:
    for field, raw in texts.items():
        if field not in TEXTS:
            raise Invalid.field(field, "is not a field of a product")
        setattr(product, field, values.text(raw, field, max_length=MAX_TEXT, strip=False))


def _owner(product: Product, raw: Any) -> User | None:
    if values.is_blank(raw):
        return None
    username = values.text(raw, "owner", max_length=150)
    member = (WorkspaceMember.objects.filter(workspace_id=product.workspace_id, user__username__iexact=username)
              .select_related("user").first())
    if member is None:
        raise Invalid.field("owner", f"{username} is not in this workspace")
    return member.user


def _public_slug(name: str) -> str:
    # Unguessable, so a product's public feedback form is not found by trying names.
    return f"{slugify(name)[:40] or 'product'}-{secrets.token_hex(4)}"
