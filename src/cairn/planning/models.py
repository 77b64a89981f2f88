"""The project schedule: which issues are planned tasks, how long they take, how they
depend on each other, who works on them, on which calendar, and saved baselines.

Dates the scheduler computes are stored as the project's local wall-clock time in UTC
fields (projects are scheduled in UTC until projects get a time zone of their own)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cairn.tracker.models import Issue
from cairn.workspaces.models import Project

STANDARD_WEEK = [["08:00-12:00", "13:00-17:00"]] * 5 + [[], []]


def standard_week() -> list[list[str]]:
    return [list(day) for day in STANDARD_WEEK]


class ProjectPlan(models.Model):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="plan")
    start_date = models.DateField()
    # Seven lists of "HH:MM-HH:MM" ranges, Monday first; an empty list is a day off.
    working_week = models.JSONField(default=standard_week)
    honor_constraints = models.BooleanField(default=True)
    # Bumped on every reschedule; the Gantt page uses it to notice others' changes.
    revision = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Plan of {self.project.key}"


class Holiday(models.Model):
    plan = models.ForeignKey(ProjectPlan, on_delete=models.CASCADE, related_name="holidays")
    date = models.DateField()
    name = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["plan", "date"], name="one_holiday_per_day")]


class Mode(models.TextChoices):
    AUTO = "auto", "Automatically scheduled"
    MANUAL = "manual", "Manually scheduled"


class ConstraintKind(models.TextChoices):
    ASAP = "ASAP", "As soon as possible"
    ALAP = "ALAP", "As late as possible"
    SNET = "SNET", "Start no earlier than"
    SNLT = "SNLT", "Start no later than"
    FNET = "FNET", "Finish no earlier than"
    FNLT = "FNLT", "Finish no later than"
    MSO = "MSO", "Must start on"
    MFO = "MFO", "Must finish on"


class TaskSchedule(models.Model):
    """An issue's place in the schedule: what the planner says, and what the
    scheduler computed from it."""

    issue = models.OneToOneField(Issue, on_delete=models.CASCADE, related_name="schedule")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)
    duration_minutes = models.PositiveIntegerField(default=480)
    mode = models.CharField(max_length=8, choices=Mode.choices, default=Mode.AUTO)
    manual_start = models.DateTimeField(null=True, blank=True)
    manual_finish = models.DateTimeField(null=True, blank=True)
    constraint = models.CharField(max_length=4, choices=ConstraintKind.choices, default=ConstraintKind.ASAP)
    constraint_date = models.DateTimeField(null=True, blank=True)
    # Computed by the scheduler.
    start = models.DateTimeField(null=True, blank=True)
    finish = models.DateTimeField(null=True, blank=True)
    early_start = models.DateTimeField(null=True, blank=True)
    early_finish = models.DateTimeField(null=True, blank=True)
    late_start = models.DateTimeField(null=True, blank=True)
    late_finish = models.DateTimeField(null=True, blank=True)
    total_float_minutes = models.IntegerField(default=0)
    free_float_minutes = models.IntegerField(default=0)
    critical = models.BooleanField(default=False)
    summary = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["project", "position"])]


class DependencyKind(models.TextChoices):
    FS = "FS", "Finish to start"
    SS = "SS", "Start to start"
    FF = "FF", "Finish to finish"
    SF = "SF", "Start to finish"


class Dependency(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="dependencies")
    predecessor = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="successor_links")
    successor = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="predecessor_links")
    kind = models.CharField(max_length=2, choices=DependencyKind.choices, default=DependencyKind.FS)
    # Working minutes; negative is a lead.
    lag_minutes = models.IntegerField(default=0)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="one_link_per_pair"),
            models.CheckConstraint(condition=~models.Q(predecessor=models.F("successor")), name="no_self_link"),
        ]


class Capacity(models.Model):
    """How much a person can work: units of a full-time person (100 = full time)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="capacity")
    units = models.PositiveIntegerField(default=100)


class Assignment(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments")
    # Percent of a full-time person on this task while it runs.
    units = models.PositiveIntegerField(default=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issue", "user"], name="one_assignment_per_person")]


class Baseline(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="baselines")
    name = models.CharField(max_length=120)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]


class BaselineTask(models.Model):
    baseline = models.ForeignKey(Baseline, on_delete=models.CASCADE, related_name="tasks")
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="+")
    start = models.DateTimeField()
    finish = models.DateTimeField()
    duration_minutes = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["baseline", "issue"], name="one_entry_per_task")]


class TimeOff(models.Model):
    """Days a person does not work (leave, training): levelling and workload count
    their capacity as zero on those days."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="time_off")
    start_date = models.DateField()
    end_date = models.DateField()
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["start_date", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")), name="time_off_ends_after_start")
        ]


class Levelling(models.Model):
    """One application of resource levelling, kept so that it can be undone exactly."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="levellings")
    applied_at = models.DateTimeField()
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # When it was undone, or its pins cleared: it is history then, not the last levelling.
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-applied_at", "-id"]


class LevellingPin(models.Model):
    """A start-no-earlier-than constraint levelling put on a task, and the constraint it
    replaced."""

    levelling = models.ForeignKey(Levelling, on_delete=models.CASCADE, related_name="pins")
    task = models.ForeignKey(TaskSchedule, on_delete=models.CASCADE, related_name="+")
    pinned_date = models.DateTimeField()
    previous_constraint = models.CharField(max_length=4, choices=ConstraintKind.choices)
    previous_date = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["levelling", "task"], name="one_pin_per_task_and_levelling")]
