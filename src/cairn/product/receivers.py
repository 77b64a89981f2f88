"""The product context listening to itself: when features ship (a release shipped, or a
feature marked shipped), the ideas they deliver ship too and the people who asked are told."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.dispatch import receiver

from cairn.product.models import Feature, Product
from cairn.product.services import feedback_public
from cairn.product.signals import features_shipped


@receiver(features_shipped, dispatch_uid="cairn.product.feedback.ship_ideas")
def ship_ideas(sender: Any, *, product: Product, features: list[Feature], now: datetime, **_: Any) -> None:
    feedback_public.ship_ideas(product=product, features=list(features), now=now)
