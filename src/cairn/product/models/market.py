from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower

from cairn.product.models.products import Product
from cairn.tracker.models import Issue


class Competitor(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="competitors")
    name = models.CharField(max_length=120)
    website = models.URLField(blank=True)
    notes = models.TextField(blank=True)
    strengths = models.TextField(blank=True)
    weaknesses = models.TextField(blank=True)
    pricing = models.TextField(blank=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint("product", Lower("name"), name="unique_competitor_name_in_any_case"),
        ]

    def __str__(self) -> str:
        return self.name


class MatrixRow(models.Model):
    """One capability in the comparison matrix; optionally the issue that delivers ours."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="matrix_rows")
    name = models.CharField(max_length=120)
    issue = models.ForeignKey(Issue, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint("product", Lower("name"), name="unique_matrix_row_in_any_case"),
        ]


class Support(models.TextChoices):
    FULL = "full", "Yes"
    PARTIAL = "partial", "Partly"
    PLANNED = "planned", "Planned"
    NONE = "none", "No"
    UNKNOWN = "unknown", "Unknown"


class MatrixCell(models.Model):
    """How well one product supports one capability: ours when competitor is empty."""

    row = models.ForeignKey(MatrixRow, on_delete=models.CASCADE, related_name="cells")
    competitor = models.ForeignKey(Competitor, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    support = models.CharField(max_length=10, choices=Support.choices, default=Support.UNKNOWN)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["row", "competitor"], name="one_cell_per_competitor"),
            models.UniqueConstraint(fields=["row"], condition=models.Q(competitor__isnull=True),
                                    name="one_cell_for_us"),
        ]
