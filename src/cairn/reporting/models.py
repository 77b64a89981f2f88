"""Status reports, each a snapshot of a project's figures on the day it was generated,
and each project's schedule for generating them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cairn.workspaces.models import Project


class StatusReport(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_reports")
    number = models.PositiveIntegerField()
    generated_at = models.DateTimeField()
    # None when the worker generated it on the project's schedule.
    generated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    # The figures as they were then, so an old report never changes (see reporting.figures).
    figures = models.JSONField()
    # "green", "amber" or "red": beside the figures so the portfolio filters in the database.
    rag = models.CharField(max_length=5)
    summary = models.TextField(blank=True)
    summary_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    summary_at = models.DateTimeField(null=True, blank=True)
    mailed_to = models.JSONField(default=list, blank=True)
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="one_report_number_per_project")]

    @property
    def url(self) -> str:
        return f"/projects/{self.project.key}/reports/{self.number}/"


class ReportSchedule(models.Model):
    """A report every week on `weekday` (Monday 0) while `enabled`."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="report_schedule")
    enabled = models.BooleanField(default=False)
    weekday = models.PositiveSmallIntegerField(default=0)
    last_run = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(weekday__lte=6), name="weekday_0_to_6")]
