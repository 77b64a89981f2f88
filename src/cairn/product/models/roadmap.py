from __future__ import annotations

from django.conf import settings
from django.db import models

from cairn.product.models.products import Product


class RoadmapLink(models.Model):
    """A read-only link to a product's roadmap for people without an account. It shows
    only the fields chosen for it; revoking it ends it at once. Only the token's hash is
    kept."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="roadmap_links")
    label = models.CharField(max_length=120)
    token_hash = models.CharField(max_length=64, unique=True)
    # Which of the item's fields the link shows (cairn.product.services.roadmap_links.SHAREABLE).
    fields = models.JSONField(default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_viewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
