from __future__ import annotations

from django.conf import settings
from django.db import models

from cairn.product.models.products import Product
from cairn.tracker.models import Issue
from cairn.workspaces.models import Workspace


class ReleaseStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    SHIPPED = "shipped", "Shipped"
    CANCELLED = "cancelled", "Cancelled"


class Release(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="releases")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    target_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=ReleaseStatus.choices, default=ReleaseStatus.PLANNED)
    shipped_at = models.DateTimeField(null=True, blank=True)
    # The scope: the issues this release delivers.
    issues = models.ManyToManyField(Issue, related_name="+", blank=True)
    # Markdown release notes: generated from the done issues, then edited by hand.
    notes = models.TextField(blank=True)
    notes_generated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["target_date", "id"]

    def __str__(self) -> str:
        return self.name


class LaunchCategory(models.TextChoices):
    ENGINEERING = "engineering", "Engineering"
    MARKETING = "marketing", "Marketing"
    SALES = "sales", "Sales"
    SUPPORT = "support", "Support"


class LaunchTemplate(models.Model):
    """A workspace's checklist to start launches from: items with a due date relative
    to the launch date ({"title": ..., "days": -14} is two weeks before)."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=120)
    category = models.CharField(max_length=12, choices=LaunchCategory.choices)
    items = models.JSONField(default=list)

    class Meta:
        ordering = ["category", "name"]


class LaunchChecklist(models.Model):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="checklists")
    name = models.CharField(max_length=120)
    category = models.CharField(max_length=12, choices=LaunchCategory.choices)

    class Meta:
        ordering = ["category", "id"]


class LaunchTask(models.Model):
    checklist = models.ForeignKey(LaunchChecklist, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(max_length=200)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    # Days relative to the release's target date: -14 is two weeks before launch.
    offset_days = models.IntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["offset_days", "position", "id"]
