from __future__ import annotations

from django.conf import settings
from django.db import models

from cairn.product.models.products import Product
from cairn.tracker.models import Issue


class MoSCoW(models.TextChoices):
    MUST = "must", "Must have"
    SHOULD = "should", "Should have"
    COULD = "could", "Could have"
    WONT = "wont", "Won't have (this time)"


class Lane(models.TextChoices):
    NOW = "now", "Now"
    NEXT = "next", "Next"
    LATER = "later", "Later"


class Scores(models.Model):
    """The inputs of every prioritisation score, kept on the item they score, and the
    scores themselves (computed by cairn.engine.product.scoring on every write, stored so
    a backlog of thousands sorts in the database). A score is empty while an input is."""

    # RICE: people reached per quarter, impact (0.25 minimal … 3 massive), confidence in
    # percent, effort in person-months.
    reach = models.PositiveIntegerField(null=True, blank=True)
    impact = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    confidence = models.PositiveSmallIntegerField(null=True, blank=True)
    effort = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    # WSJF: cost of delay (user-business value + time criticality + risk reduction or
    # opportunity enablement) over job size, each on the modified Fibonacci scale.
    business_value = models.PositiveSmallIntegerField(null=True, blank=True)
    time_criticality = models.PositiveSmallIntegerField(null=True, blank=True)
    risk_reduction = models.PositiveSmallIntegerField(null=True, blank=True)
    job_size = models.PositiveSmallIntegerField(null=True, blank=True)
    # Value vs effort: value 1–10 against the same effort as RICE.
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    moscow = models.CharField(max_length=8, choices=MoSCoW.choices, blank=True)
    rice_score = models.FloatField(null=True, blank=True, db_index=True)
    wsjf_score = models.FloatField(null=True, blank=True, db_index=True)
    value_effort_score = models.FloatField(null=True, blank=True, db_index=True)

    class Meta:
        abstract = True


class Feature(Scores):
    """A product feature on the backlog and the roadmap. The issue (often an epic) in a
    delivering project is the work; its status, dates and progress are read from there."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="features")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    issue = models.ForeignKey(Issue, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    objective = models.ForeignKey("product.Objective", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="features")
    theme = models.CharField(max_length=60, blank=True)
    release = models.ForeignKey("product.Release", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="features")
    # The backlog's hand-made order, and the order within a roadmap lane
    # (cairn.engine.product.ranking: a move writes one row).
    rank = models.CharField(max_length=120)
    lane = models.CharField(max_length=8, choices=Lane.choices, blank=True)
    lane_rank = models.CharField(max_length=120, blank=True)
    # The timeline's dates when no schedule gives them.
    roadmap_start = models.DateField(null=True, blank=True)
    roadmap_end = models.DateField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["rank", "id"]
        indexes = [models.Index(fields=["product", "rank"]), models.Index(fields=["product", "lane", "lane_rank"])]

    def __str__(self) -> str:
        return self.title
