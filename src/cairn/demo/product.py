"""The demo's product: strategy, OKRs, competitors, research, feedback from customers,
scored features, a roadmap, releases and KPIs, so that every product page has something
to say. Built through the product services, like the rest of the demo.

Each part of the product seeds itself in its own module (`product_<part>.py`), in the
order below: later parts link to what earlier ones made."""

from __future__ import annotations

import random
from datetime import datetime

from cairn.accounts.models import User
from cairn.product.models import Product
from cairn.product.services import products
from cairn.workspaces.models import Workspace

VISION = """Cairn is **the one place** where product and project managers and their teams
see where every product and project stands — without a spreadsheet on the side."""
STRATEGY = """1. Win teams leaving Jira and Redmine on speed and on a plan they can trust.
2. Bring product managers in: feedback, scores, roadmap and KPIs beside the work.
3. Self-hosted first: one command to run, nothing to rent."""
AUDIENCE = "Software teams of 10–200 people with a product manager and a project manager."
POSITIONING = "For teams who outgrew a tracker and a slide deck: the hub Jira, Linear and Productboard are together."
PRICING = "Free to self-host. Support plans per seat: **Team** €6, **Business** €12."


def load_product(workspace: Workspace, users: dict[str, User], now: datetime, rng: random.Random) -> Product:
    admin = users["admin"]
    product = products.create_product(actor=admin, workspace=workspace, name="Cairn Cloud", now=now,
                                      vision=VISION, strategy=STRATEGY, audience=AUDIENCE,
                                      positioning=POSITIONING, pricing=PRICING)
    products.update_product(actor=admin, product=product, fields={"owner": "maria"})
    products.set_projects(actor=admin, product=product, keys=["WEB", "MOB"])
    for seed in _parts():
        seed(product, users, now, rng)
    return product


def _parts() -> list:  # type: ignore[type-arg]
    from cairn.demo import (
        product_backlog,
        product_feedback,
        product_metrics,
        product_releases,
        product_roadmap,
        product_strategy,
    )

    return [product_backlog.seed, product_releases.seed, product_feedback.seed, product_strategy.seed, product_roadmap.seed, product_metrics.seed]
