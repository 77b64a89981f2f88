from __future__ import annotations

from django.conf import settings
from django.db import models

from cairn.workspaces.models import Project


class StatusCategory(models.TextChoices):
    TO_DO = "todo", "To do"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class IssueType(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="issue_types")
    name = models.CharField(max_length=60)
    color = models.CharField(max_length=7, default="#6b7280")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="unique_issue_type_name")
        ]

    def __str__(self) -> str:
        return self.name


class Status(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="statuses")
    name = models.CharField(max_length=60)
    category = models.CharField(max_length=16, choices=StatusCategory.choices)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = "statuses"
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="unique_status_name")]

    def __str__(self) -> str:
        return self.name


class Priority(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="priorities")
    name = models.CharField(max_length=60)
    color = models.CharField(max_length=7, default="#6b7280")
    # Lower ranks come first: "Highest" is rank 0.
    rank = models.PositiveIntegerField(default=0)
    is_default = models.BooleanField(default=False)

    class Meta:
        ordering = ["rank", "id"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="unique_priority_name")
        ]

    def __str__(self) -> str:
        return self.name


class Label(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="labels")
    name = models.CharField(max_length=60)
    color = models.CharField(max_length=7, default="#2563eb")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="unique_label_name")]

    def __str__(self) -> str:
        return self.name


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    due_date = models.DateField(null=True, blank=True)
    closed = models.BooleanField(default=False)

    class Meta:
        ordering = ["closed", "due_date", "name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="unique_milestone_name")
        ]

    def __str__(self) -> str:
        return self.name


class FieldKind(models.TextChoices):
    TEXT = "text", "Text"
    NUMBER = "number", "Number"
    DATE = "date", "Date"
    SELECT = "select", "Single select"
    MULTISELECT = "multiselect", "Multi select"
    USER = "user", "User"


class CustomField(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="custom_fields")
    name = models.CharField(max_length=80)
    kind = models.CharField(max_length=16, choices=FieldKind.choices)
    options = models.JSONField(default=list, blank=True)
    required = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="unique_custom_field_name")
        ]

    def __str__(self) -> str:
        return self.name


class Issue(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="issues")
    number = models.PositiveIntegerField()
    type = models.ForeignKey(IssueType, on_delete=models.PROTECT, related_name="+")
    status = models.ForeignKey(Status, on_delete=models.PROTECT, related_name="+")
    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_issues",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="reported_issues"
    )
    watchers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="watched_issues", blank=True
    )
    start_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    estimate_hours = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    spent_hours = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    story_points = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    labels = models.ManyToManyField(Label, related_name="issues", blank=True)
    milestone = models.ForeignKey(
        Milestone, null=True, blank=True, on_delete=models.SET_NULL, related_name="issues"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    # Values keyed by CustomField id (as a string); validated by the services.
    custom_values = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    # When work was reported started and finished (status changes): the planner keeps
    # done and running work where it actually happened.
    actual_start = models.DateTimeField(null=True, blank=True)
    actual_finish = models.DateTimeField(null=True, blank=True)
    # Bumped by every write; the API's ETag, so stale writes are refused, not merged.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="unique_issue_number")
        ]
        indexes = [
            models.Index(fields=["project", "status"]),
            models.Index(fields=["project", "updated_at"]),
            models.Index(fields=["assignee", "status"]),
            # The list's most common filter (open issues of someone in a project) and its
            # count: answered from this index alone instead of reading every issue row.
            models.Index(fields=["project", "assignee", "status"]),
            models.Index(fields=["project", "due_date"]),
        ]

    @property
    def key(self) -> str:
        return f"{self.project.key}-{self.number}"

    @property
    def etag(self) -> str:
        return f'"{self.pk}.{self.version}"'

    def __str__(self) -> str:
        return f"{self.key} {self.title}"


class Comment(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField()
    body_html = models.TextField()
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    created_at = models.DateTimeField()
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"{instance.issue.project.key}/{instance.issue.number}/{instance.token}"


class Attachment(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="attachments")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Stored under a random name: the user's file name never touches the file system.
    token = models.CharField(max_length=32, unique=True)
    file = models.FileField(upload_to=attachment_path, max_length=300)
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]


class Change(models.Model):
    """One line of an issue's history: who changed which field from what to what."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()
    field = models.CharField(max_length=80)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["issue", "at"])]


class SavedFilter(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="saved_filters")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=80)
    query = models.CharField(max_length=1000)
    shared = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
