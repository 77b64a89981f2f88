from __future__ import annotations

from django.conf import settings
from django.db import models

from cairn.product.models.backlog import Feature, Scores
from cairn.product.models.products import Product
from cairn.workspaces.models import Workspace


class Customer(models.Model):
    """A company that asks for things. Contacts are private to the team: guests and
    shared links never see them."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    company = models.CharField(max_length=200)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    segment = models.CharField(max_length=60, blank=True)
    plan = models.CharField(max_length=60, blank=True)
    annual_revenue = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["company", "id"]
        indexes = [models.Index(fields=["workspace", "contact_email"])]

    def __str__(self) -> str:
        return self.company


class IdeaStatus(models.TextChoices):
    NEW = "new", "New"
    UNDER_REVIEW = "under_review", "Under review"
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    SHIPPED = "shipped", "Shipped"
    DECLINED = "declined", "Declined"
    MERGED = "merged", "Merged"


class Idea(Scores):
    """A request from customers or the team; votes and feedback gather on it, and it is
    delivered by a feature."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="ideas")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=IdeaStatus.choices, default=IdeaStatus.NEW)
    feature = models.ForeignKey(Feature, null=True, blank=True, on_delete=models.SET_NULL, related_name="ideas")
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged")
    rank = models.CharField(max_length=120)
    # Kept so "most wanted" sorts in the database; rewritten whenever votes change.
    vote_count = models.PositiveIntegerField(default=0)
    revenue = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    shipped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["rank", "id"]
        indexes = [models.Index(fields=["product", "rank"]), models.Index(fields=["product", "status"])]

    def __str__(self) -> str:
        return self.title


class FeedbackSource(models.TextChoices):
    PUBLIC_FORM = "form", "Public form"
    API = "api", "API"
    TEAM = "team", "Team member"


class Feedback(models.Model):
    """One entry in a product's inbox: what someone asked for, in their words. Triaged by
    attaching it to an idea."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="feedback")
    idea = models.ForeignKey(Idea, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback")
    customer = models.ForeignKey(Customer, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback")
    body = models.TextField()
    source = models.CharField(max_length=8, choices=FeedbackSource.choices)
    submitter_name = models.CharField(max_length=200, blank=True)
    submitter_email = models.EmailField(blank=True)
    # The submitter's private link to follow their request (only its hash is kept).
    follow_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # The sender's network address, hashed: the public form's rate limit counts by it.
    address_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField()
    # When the submitter was told the idea shipped; nobody is told twice.
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["product", "idea"]), models.Index(fields=["address_hash", "created_at"])]


class Vote(models.Model):
    """One per customer per idea: a customer asking twice is one voice."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="votes")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="votes")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "customer"], name="one_vote_per_customer")]


class IdeaComment(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
