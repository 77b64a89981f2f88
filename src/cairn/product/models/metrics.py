from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from cairn.product.models.products import Product


class Direction(models.TextChoices):
    UP = "up", "Higher is better"
    DOWN = "down", "Lower is better"


class Metric(models.Model):
    """A KPI of the product, measured by data points, one per day."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="metrics")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    unit = models.CharField(max_length=20, blank=True)
    direction = models.CharField(max_length=4, choices=Direction.choices, default=Direction.UP)
    target = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint("product", Lower("name"), name="unique_metric_name_in_any_case")]

    def __str__(self) -> str:
        return self.name


class DataPoint(models.Model):
    metric = models.ForeignKey(Metric, on_delete=models.CASCADE, related_name="points")
    day = models.DateField()
    value = models.DecimalField(max_digits=20, decimal_places=4)

    class Meta:
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["metric", "day"], name="one_data_point_per_day")]
