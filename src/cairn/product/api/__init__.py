"""The product context's API routers, registered by cairn.api in this order."""

from __future__ import annotations

from ninja import Router


def routers() -> list[Router]:
    from cairn.product.api import (
        backlog,
        feedback,
        market,
        metrics,
        products,
        releases,
        research,
        roadmap,
        strategy,
    )

    return [products.router, backlog.router, feedback.router, roadmap.router, releases.router, metrics.router, strategy.router, market.router, research.router]
