"""The lifecycle's API routers, registered by cairn.api in this order."""

from __future__ import annotations

from ninja import Router


def routers() -> list[Router]:
    from cairn.lifecycle.api import closure, deliverables, gates, initiation

    return [gates.router, initiation.router, deliverables.router, closure.router]
