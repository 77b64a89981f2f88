from __future__ import annotations

from django.conf import settings
from django.db import models

from cairn.product.models.backlog import Feature
from cairn.product.models.feedback import Idea
from cairn.product.models.products import Product


class ResearchKind(models.TextChoices):
    INTERVIEW = "interview", "Interview"
    SURVEY = "survey", "Survey"
    USABILITY = "usability", "Usability test"
    OTHER = "other", "Other"


class ResearchNote(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="research_notes")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=ResearchKind.choices, default=ResearchKind.INTERVIEW)
    # Who was interviewed or surveyed, as the researcher wrote it down.
    participant = models.CharField(max_length=200, blank=True)
    held_on = models.DateField(null=True, blank=True)
    body = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Insight(models.Model):
    """A highlighted passage of a research note: the evidence behind ideas and features."""

    note = models.ForeignKey(ResearchNote, on_delete=models.CASCADE, related_name="insights")
    # The passage as highlighted, and where it sits in the note's body (character offsets).
    passage = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    summary = models.CharField(max_length=200, blank=True)
    ideas = models.ManyToManyField(Idea, related_name="insights", blank=True)
    features = models.ManyToManyField(Feature, related_name="insights", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["start", "id"]
