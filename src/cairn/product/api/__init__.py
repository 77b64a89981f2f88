"""The product context's API routers, registered by cairn.api in this order."""

from __future__ import annotations

from ninja import Router


def routers() -> list[Router]:
    from cairn.product.api import products, roadmap

    return [products.router, roadmap.router]
