"""The project manager's controls: the risk register with the history of each risk's
rating, change requests and the baselines they approved, the stakeholder register with
its communication plan, and the decision log."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cairn.planning.models import Baseline
from cairn.tracker.models import Issue
from cairn.workspaces.models import Project


class Category(models.TextChoices):
    TECHNICAL = "technical", "Technical"
    SCHEDULE = "schedule", "Schedule"
    COST = "cost", "Cost"
    SCOPE = "scope", "Scope"
    RESOURCES = "resources", "Resources"
    QUALITY = "quality", "Quality"
    EXTERNAL = "external", "External"
    OTHER = "other", "Other"


class Response(models.TextChoices):
    AVOID = "avoid", "Avoid"
    MITIGATE = "mitigate", "Mitigate"
    TRANSFER = "transfer", "Transfer"
    ACCEPT = "accept", "Accept"


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
    OCCURRED = "occurred", "Occurred"


class Risk(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="risks")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    cause = models.TextField(blank=True)
    effect = models.TextField(blank=True)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.OTHER)
    probability = models.PositiveSmallIntegerField()
    impact = models.PositiveSmallIntegerField()
    # Kept beside its factors so the register sorts by it in the database.
    score = models.PositiveSmallIntegerField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    response = models.CharField(max_length=10, choices=Response.choices, default=Response.MITIGATE)
    status = models.CharField(max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    review_date = models.DateField(null=True, blank=True)
    actions = models.ManyToManyField(Issue, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-score", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="one_risk_number_per_project"),
            models.CheckConstraint(condition=models.Q(probability__gte=1, probability__lte=5), name="probability_1_to_5"),
            models.CheckConstraint(condition=models.Q(impact__gte=1, impact__lte=5), name="impact_1_to_5"),
        ]

    @property
    def ref(self) -> str:
        return f"R-{self.number}"


class RiskChange(models.Model):
    """A risk's rating and status from a moment on: the first row is its creation."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    probability = models.PositiveSmallIntegerField()
    impact = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=RiskStatus.choices)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]


class ChangeState(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ChangeRequest(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="change_requests")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    reason = models.TextField(blank=True)
    scope_impact = models.TextField(blank=True)
    scope_issues = models.ManyToManyField(Issue, blank=True, related_name="+")
    cost_impact = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    # What the change does to the plan: [{"issue": "WEB-3", "duration_minutes": 960},
    # {"title": "…", "duration_minutes": 480, "after": ["WEB-2"], "before": ["WEB-4"]}].
    schedule_changes = models.JSONField(default=list, blank=True)
    # The engine's answer when it was last asked (see controls.impact).
    impact = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=ChangeState.choices, default=ChangeState.PROPOSED)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    raised_at = models.DateTimeField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    baseline = models.OneToOneField(Baseline, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="change_request")

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="one_change_number_per_project")]

    @property
    def ref(self) -> str:
        return f"CR-{self.number}"


class Stakeholder(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(max_length=120)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    role = models.CharField(max_length=120, blank=True)
    organisation = models.CharField(max_length=120, blank=True)
    interest = models.PositiveSmallIntegerField(default=3)
    influence = models.PositiveSmallIntegerField(default=3)
    contact = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-influence", "-interest", "name", "id"]


class Frequency(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"
    FORTNIGHTLY = "fortnightly", "Every two weeks"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    MILESTONE = "milestone", "At each milestone"
    AS_NEEDED = "as-needed", "As needed"


class Communication(models.Model):
    """One line of the communication plan: what is told, how, how often, to whom."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="communications")
    what = models.CharField(max_length=200)
    channel = models.CharField(max_length=120, blank=True)
    frequency = models.CharField(max_length=20, choices=Frequency.choices, default=Frequency.WEEKLY)
    report = models.CharField(max_length=120, blank=True)
    audience = models.ManyToManyField(Stakeholder, blank=True, related_name="communications")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")

    class Meta:
        ordering = ["id"]


class Decision(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="decisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    options = models.TextField(blank=True)
    rationale = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_on = models.DateField()
    issues = models.ManyToManyField(Issue, blank=True, related_name="+")
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    logged_at = models.DateTimeField()

    class Meta:
        ordering = ["-decided_on", "-number"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="one_decision_number_per_project")]

    @property
    def ref(self) -> str:
        return f"D-{self.number}"
