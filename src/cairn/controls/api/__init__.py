"""The controls' API routers, registered by cairn.api in this order."""

from __future__ import annotations

from ninja import Router


def routers() -> list[Router]:
    from cairn.controls.api import changes, decisions, risks, stakeholders

    return [risks.router, changes.router, stakeholders.router, decisions.router]
