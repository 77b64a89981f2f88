from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from cairn.tracker import versions
from cairn.workspaces.models import Project

ISSUE_KEY = re.compile(r"([A-Z][A-Z0-9]{1,9})-([0-9]{1,10})")
MAX_ISSUE_NUMBER = 2**31 - 1


def split_key(text: str) -> tuple[str, int] | None:
    """The project key and number of an issue key ("web-42" is WEB and 42), or None for
    text that is not one. ASCII digits only: "²" passes str.isdigit() but not int()."""
    match = ISSUE_KEY.fullmatch(text.upper())
    if match is None or int(match[2]) > MAX_ISSUE_NUMBER:  # past the column: no issue has it
        return None
    return match[1], int(match[2])


class StatusCategory(models.TextChoices):
    TO_DO = "todo", "To do"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


def name_in_any_case(kind: str) -> models.UniqueConstraint:
    """To people choosing from a list, "Bug" and "bug" are one name; the database keeps
    them one, so two people adding both at the same moment cannot both succeed."""
    return models.UniqueConstraint("project", Lower("name"), name=f"unique_{kind}_name_in_any_case")


class IssueType(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="issue_types")
    name = models.CharField(max_length=60)
    color = models.CharField(max_length=7, default="#6b7280")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [name_in_any_case("issue_type")]

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
        constraints = [name_in_any_case("status")]

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
        constraints = [name_in_any_case("priority")]

    def __str__(self) -> str:
        return self.name


class Label(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="labels")
    name = models.CharField(max_length=60)
    color = models.CharField(max_length=7, default="#2563eb")

    class Meta:
        ordering = ["name"]
        constraints = [name_in_any_case("label")]

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
        constraints = [name_in_any_case("milestone")]

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
        constraints = [name_in_any_case("custom_field")]

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
    # Bumped by every write; the API's ETag, so stale writes are refused, not merged
    # (see versions.py).
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
        return versions.etag(self)

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
    # What made the change for the actor, when they did not edit the field themselves:
    # "schedule" when a reschedule they caused moved the issue's dates.
    via = models.CharField(max_length=16, blank=True, default="")

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


class LinkKind(models.TextChoices):
    """Each kind reads one way from the issue that holds it and the other way back."""

    BLOCKS = "blocks", "blocks"
    RELATES = "relates", "relates to"
    DUPLICATES = "duplicates", "duplicates"


INVERSE_LINK_LABEL = {LinkKind.BLOCKS: "is blocked by", LinkKind.RELATES: "relates to",
                      LinkKind.DUPLICATES: "is duplicated by"}


class IssueLink(models.Model):
    """How two issues bear on each other. Schedule dependencies (finish-to-start and the
    rest) are the planner's and live there; these are the tracker's."""

    source = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="outgoing_links")
    target = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="incoming_links")
    kind = models.CharField(max_length=16, choices=LinkKind.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="one_link_of_a_kind"),
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="no_link_to_itself"),
        ]


class FormerKey(models.Model):
    """A key an issue had before it moved to another project: old links keep working."""

    key = models.CharField(max_length=24, unique=True)
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="former_keys")


class AuditEntry(models.Model):
    """What cannot be read off an issue's own history because the issue left the project:
    deletions and moves, kept with the project, who did it and a copy of what it was."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="audit_entries")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()
    action = models.CharField(max_length=32)
    subject = models.CharField(max_length=300)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["project", "at"])]
