"""Time and money on a project: time entries and the weekly timesheets that lock them,
the running timer, cost rates, expenses with their receipts, and budget lines.

Time is kept in whole minutes (a timer rounds to the minute; hours typed into the
timesheet are converted): sums of hours in decimals drift, sums of minutes do not."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from cairn.tracker.models import Issue
from cairn.workspaces.models import Project, Role


class TimeEntry(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="time_entries")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="time_entries")
    date = models.DateField()
    minutes = models.PositiveIntegerField()
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["person", "date"]), models.Index(fields=["issue", "date"])]
        constraints = [models.CheckConstraint(condition=models.Q(minutes__gt=0), name="time_entry_has_time")]

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.01"))


class TimesheetState(models.TextChoices):
    OPEN = "open", "Open"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class Timesheet(models.Model):
    """One person's week (Monday to Sunday). Only submitted and approved weeks have a
    row that matters: a week without one is open."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="timesheets")
    week = models.DateField(help_text="The Monday the week starts on")
    state = models.CharField(max_length=16, choices=TimesheetState.choices, default=TimesheetState.OPEN)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["-week", "person_id"]
        constraints = [models.UniqueConstraint(fields=["person", "week"], name="one_timesheet_per_week")]

    @property
    def locked(self) -> bool:
        return self.state in (TimesheetState.SUBMITTED, TimesheetState.APPROVED)


class Timer(models.Model):
    """A person's running timer: at most one, by the unique person."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="timer")
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField()


class CostRate(models.Model):
    """An hourly rate in a project from a day on: for one person, for everyone of a role,
    or (neither) the project's default."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="cost_rates")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="+")
    role = models.CharField(max_length=16, choices=Role.choices, blank=True)
    hourly_rate = models.DecimalField(max_digits=10, decimal_places=2)
    effective_from = models.DateField()

    class Meta:
        ordering = ["-effective_from", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(person__isnull=True) | models.Q(role=""),
                                   name="rate_for_a_person_or_a_role"),
            models.UniqueConstraint(fields=["project", "person", "role", "effective_from"],
                                    name="one_rate_per_scope_and_day"),
        ]


class Category(models.TextChoices):
    LABOUR = "labour", "Labour"
    TRAVEL = "travel", "Travel"
    SOFTWARE = "software", "Software and licences"
    HARDWARE = "hardware", "Hardware"
    SERVICES = "services", "External services"
    OTHER = "other", "Other"


def receipt_path(instance: Expense, filename: str) -> str:
    return f"receipts/{instance.project.key}/{instance.receipt_token}"


class Expense(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="expenses")
    date = models.DateField()
    category = models.CharField(max_length=16, choices=Category.choices)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    description = models.CharField(max_length=500)
    # A summary task of the plan (a phase of the work breakdown), when the expense is its.
    phase = models.ForeignKey(Issue, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Stored under a random name, as attachments are, and only served after a permission check.
    receipt_token = models.CharField(max_length=32, blank=True)
    receipt = models.FileField(upload_to=receipt_path, max_length=300, blank=True)
    receipt_name = models.CharField(max_length=255, blank=True)
    receipt_type = models.CharField(max_length=120, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["project", "date"])]


class BudgetLine(models.Model):
    """Money set aside for a category of cost, in a phase of the work or for the whole
    project (no phase)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(max_length=16, choices=Category.choices)
    phase = models.ForeignKey(Issue, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["category", "id"]
