"""A project from initiation to closure: the phase it is in, each phase's gate (a
checklist from the workspace's template, ticked by members, approved by a manager), the
business case and the charter, the scope, the deliverables with their review checklist,
sign-off and RACI, the hand-over notes and the lessons learned."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cairn.tracker.models import Issue
from cairn.workspaces.models import Project, Workspace


class Phase(models.TextChoices):
    INITIATION = "initiation", "Initiation"
    PLANNING = "planning", "Planning"
    EXECUTION = "execution", "Execution"
    MONITORING = "monitoring", "Monitoring & controlling"
    CLOSURE = "closure", "Closure"


PHASES = list(Phase)


class GateItem(models.Model):
    """One line of a workspace's gate template: what must be true to leave a phase."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    phase = models.CharField(max_length=12, choices=Phase.choices)
    text = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["phase", "position", "pk"]


class ProjectPhase(models.Model):
    """Where a project stands; a project without one is in Initiation."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="+")
    phase = models.CharField(max_length=12, choices=Phase.choices, default=Phase.INITIATION)
    # Set when the Closure gate is approved: the project is over.
    closed_at = models.DateTimeField(null=True, blank=True)


class GateTick(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(GateItem, on_delete=models.CASCADE, related_name="ticks")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "item"], name="one_tick_per_gate_item")]


class GateApproval(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    phase = models.CharField(max_length=12, choices=Phase.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()
    # The checklist as it stood when approved, so later template edits do not rewrite history.
    checklist = models.JSONField(default=list)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [models.UniqueConstraint(fields=["project", "phase"], name="one_approval_per_gate")]


class BusinessCase(models.Model):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="+")
    problem = models.TextField(blank=True)
    options = models.TextField(blank=True)
    benefits = models.TextField(blank=True)
    costs = models.TextField(blank=True)
    feasibility = models.TextField(blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField()


class Charter(models.Model):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="+")
    objectives = models.TextField(blank=True)
    scope_summary = models.TextField(blank=True)
    sponsor = models.CharField(max_length=200, blank=True)
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    milestones = models.TextField(blank=True)
    budget = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField()
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    # When an approved charter was edited, its approval lapses; this keeps when it had been
    # approved so the page can say it needs approving again.
    lapsed_approval_at = models.DateTimeField(null=True, blank=True)

    @property
    def approved(self) -> bool:
        return self.approved_at is not None


class ProjectRecord(models.Model):
    """The project's free-text documents that are one per project: the scope statement
    and the hand-over notes."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="+")
    in_scope = models.TextField(blank=True)
    out_of_scope = models.TextField(blank=True)
    handover = models.TextField(blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField()


class Deliverable(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    acceptance_criteria = models.TextField(blank=True)
    issues = models.ManyToManyField(Issue, blank=True, related_name="+")
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    signed_off_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="one_deliverable_number_per_project")]

    @property
    def ref(self) -> str:
        return f"DL-{self.number}"

    @property
    def done(self) -> bool:
        return self.signed_off_at is not None


class ReviewItem(models.Model):
    deliverable = models.ForeignKey(Deliverable, on_delete=models.CASCADE, related_name="review")
    text = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]


class Raci(models.TextChoices):
    RESPONSIBLE = "R", "Responsible"
    ACCOUNTABLE = "A", "Accountable"
    CONSULTED = "C", "Consulted"
    INFORMED = "I", "Informed"


class RaciCell(models.Model):
    deliverable = models.ForeignKey(Deliverable, on_delete=models.CASCADE, related_name="raci")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=1, choices=Raci.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["deliverable", "user"], name="one_raci_letter_per_cell")]


class Lesson(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    went_well = models.TextField(blank=True)
    went_badly = models.TextField(blank=True)
    recommendation = models.TextField(blank=True)
    # ",api,vendors," so one tag is found with a plain LIKE on every database.
    tags = models.CharField(max_length=500, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]

    @property
    def tag_list(self) -> list[str]:
        return [t for t in self.tags.split(",") if t]
