"""The product context's API routers, registered by cairn.api in this order."""

from __future__ import annotations

from ninja import Router


def routers() -> list[Router]:
    from cairn.product.api import feedback, metrics, products, releases

    return [products.router, feedback.router, releases.router, metrics.router]
