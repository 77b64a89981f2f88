from __future__ import annotations

from django.conf import settings
from django.db import models

from cairn.product.models.products import Product
from cairn.tracker.models import Issue


class Objective(models.Model):
    """An objective for a period (a quarter, a half): its key results measure it, and the
    epics and features linked to it deliver it."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    # "2026 Q4"; the dates bound it.
    period = models.CharField(max_length=40)
    starts_on = models.DateField()
    ends_on = models.DateField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    color = models.CharField(max_length=7, default="#2563eb")
    # Epics and other issues linked directly; features link through Feature.objective.
    issues = models.ManyToManyField(Issue, related_name="+", blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["starts_on", "position", "id"]

    def __str__(self) -> str:
        return self.title


class KeyResult(models.Model):
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="key_results")
    title = models.CharField(max_length=200)
    unit = models.CharField(max_length=20, blank=True)
    start_value = models.DecimalField(max_digits=16, decimal_places=4)
    target_value = models.DecimalField(max_digits=16, decimal_places=4)
    current_value = models.DecimalField(max_digits=16, decimal_places=4)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title
