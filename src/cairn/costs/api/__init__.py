"""The costs context's API routers, registered by cairn.api in this order (before the
tracker settings' catch-all /projects/{key}/{kind}/{id})."""

from __future__ import annotations

from ninja import Router


def routers() -> list[Router]:
    from cairn.costs.api import money, time

    return [time.router, money.router]
