"""What every product page needs: the product the URL names, through the policy, and
the context its navigation reads."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from cairn.product.models import Product
from cairn.product.services import products
from cairn.workspaces import policy


def product_page(request: HttpRequest, product_id: int, section: str, **context: Any) -> dict[str, Any]:
    """The template context of a product page; raises NotFound for a product the visitor
    may not see (the middleware renders it)."""
    product = products.product_for(request.user, product_id)
    return {"product": product, "section": section, "nav": "products", **_roles(request, product), **context}


def _roles(request: HttpRequest, product: Product) -> dict[str, bool]:
    return {
        "may_contribute": products.may(request.user, policy.Action.EDIT_ISSUES, product),
        "may_manage": products.may(request.user, policy.Action.MANAGE_PROJECT, product),
    }


def form_errors(failure: Any) -> dict[str, str]:
    """A DomainError as the form shows it: per field, and the rest under "form"."""
    return failure.fields or {"form": failure.message}
