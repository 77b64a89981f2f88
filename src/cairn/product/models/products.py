from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from cairn.workspaces.models import Project, Workspace


class Product(models.Model):
    """What a product manager is responsible for: its strategy in Markdown, its owner, and
    the projects whose issues deliver it."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=120)
    # Markdown, rendered through cairn.markup.
    vision = models.TextField(blank=True)
    strategy = models.TextField(blank=True)
    audience = models.TextField(blank=True)
    positioning = models.TextField(blank=True)
    pricing = models.TextField(blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    projects = models.ManyToManyField(Project, related_name="+", blank=True)
    # Lets anyone follow the product's public feedback form at /feedback/<public_slug>/.
    public_slug = models.SlugField(max_length=60, unique=True)
    feedback_open = models.BooleanField(default=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint("workspace", Lower("name"), name="unique_product_name_in_any_case"),
        ]

    def __str__(self) -> str:
        return self.name
