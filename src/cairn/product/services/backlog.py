"""Use cases on the product backlog: features, ranked by hand."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction

from cairn import values
from cairn.accounts.models import User
from cairn.engine.product import ranking
from cairn.errors import Invalid
from cairn.product.models import Feature, Product
from cairn.product.services import products, work
from cairn.workspaces import policy

MAX_TITLE = 200


def create_feature(*, actor: User, product: Product, title: Any, now: datetime, issue: Any = None,
                   description: Any = "") -> Feature:
    """A feature at the bottom of the backlog; `issue` is the key of the issue (often an
    epic) that delivers it, and its title when none is given."""
    products.require(actor, policy.Action.EDIT_ISSUES, product)
    delivering = None if values.is_blank(issue) else work.issue_for(actor, product, issue)
    name = values.text(title, "title", max_length=MAX_TITLE)
    if not name and delivering is not None:
        name = delivering.title[:MAX_TITLE]
    if not name:
        raise Invalid.field("title", "is required")
    with transaction.atomic():
        last = Feature.objects.filter(product=product).order_by("-rank").values_list("rank", flat=True).first()
        return Feature.objects.create(
            product=product, title=name, description=values.text(description, "description", max_length=50_000),
            issue=delivering, rank=ranking.key_between(last, None), created_by=actor, created_at=now, updated_at=now,
        )
