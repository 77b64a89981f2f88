"""How each issue field is shown and edited inline on the issue page."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from cairn.tracker import planned_dates
from cairn.tracker.models import (
    CustomField,
    FieldKind,
    Issue,
    IssueType,
    Label,
    Milestone,
    Priority,
    Status,
)
from cairn.workspaces.services import assignable_users

LABELS = {
    "title": "Title", "description": "Description", "type": "Type", "status": "Status",
    "priority": "Priority", "assignee": "Assignee", "start_date": "Start", "due_date": "Due",
    "estimate_hours": "Estimate (h)", "spent_hours": "Spent (h)", "story_points": "Points",
    "labels": "Labels", "milestone": "Milestone", "parent": "Parent",
}
SIDEBAR = (
    "status", "type", "priority", "assignee", "milestone", "labels", "start_date", "due_date",
    "estimate_hours", "spent_hours", "story_points", "parent",
)


@dataclass
class Widget:
    name: str
    label: str
    input: str  # text, textarea, select, multiselect, date, number
    value: Any  # what the form shows
    display: Any  # what the page shows
    choices: list[tuple[str, str]] = field(default_factory=list)
    custom_field: CustomField | None = None
    optional: bool = True

    @property
    def form_name(self) -> str:
        return self.name if self.custom_field is None else f"cf_{self.custom_field.pk}"

    @property
    def url_name(self) -> str:
        return self.form_name


def _named_choices(rows: Any) -> list[tuple[str, str]]:
    return [(r.name, r.name) for r in rows]


def _number(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def widget(issue: Issue, name: str) -> Widget:
    project = issue.project
    if name in ("title", "description"):
        return Widget(name, LABELS[name], "text" if name == "title" else "textarea",
                      getattr(issue, name), getattr(issue, name), optional=name == "description")
    if name in ("type", "status", "priority"):
        model = {"type": IssueType, "status": Status, "priority": Priority}[name]
        current = getattr(issue, name)
        return Widget(name, LABELS[name], "select", current.name, current,
                      _named_choices(model.objects.filter(project=project)), optional=False)
    if name == "assignee":
        users = assignable_users(project)
        return Widget(name, LABELS[name], "select", issue.assignee.username if issue.assignee else "",
                      issue.assignee, [(u.username, u.name) for u in users])
    if name == "milestone":
        return Widget(name, LABELS[name], "select", issue.milestone.name if issue.milestone else "",
                      issue.milestone, _named_choices(Milestone.objects.filter(project=project)))
    if name == "labels":
        current = list(issue.labels.all())
        return Widget(name, LABELS[name], "multiselect", [x.name for x in current], current,
                      _named_choices(Label.objects.filter(project=project)))
    if name in ("start_date", "due_date"):
        value = getattr(issue, name)
        shown = value.isoformat() if value else ""
        return Widget(name, LABELS[name], "date", shown, shown)
    if name in ("estimate_hours", "spent_hours", "story_points"):
        value = getattr(issue, name)
        return Widget(name, LABELS[name], "number", _number(value), _number(value))
    if name == "parent":
        return Widget(name, LABELS[name], "text", issue.parent.key if issue.parent else "", issue.parent)
    raise KeyError(name)


def custom_widget(issue: Issue, cf: CustomField) -> Widget:
    value = issue.custom_values.get(str(cf.pk))
    kind = {
        FieldKind.TEXT: "text", FieldKind.NUMBER: "number", FieldKind.DATE: "date",
        FieldKind.SELECT: "select", FieldKind.MULTISELECT: "multiselect", FieldKind.USER: "select",
    }[FieldKind(cf.kind)]
    if cf.kind == FieldKind.USER:
        choices = [(u.username, u.name) for u in assignable_users(issue.project)]
    else:
        choices = [(o, o) for o in cf.options]
    shown = ", ".join(value) if isinstance(value, list) else value
    if cf.kind == FieldKind.NUMBER and isinstance(value, float) and value.is_integer():
        shown = int(value)
    return Widget(cf.name, cf.name, kind, value if value is not None else ([] if kind == "multiselect" else ""),
                  shown, choices, custom_field=cf, optional=not cf.required)


def all_widgets(issue: Issue) -> list[Widget]:
    widgets = [widget(issue, name) for name in SIDEBAR]
    widgets += [custom_widget(issue, cf) for cf in CustomField.objects.filter(project=issue.project)]
    return widgets


def widget_by_form_name(issue: Issue, form_name: str) -> Widget | None:
    if form_name.startswith("cf_") and form_name[3:].isdigit():
        cf = CustomField.objects.filter(project=issue.project, pk=int(form_name[3:])).first()
        return custom_widget(issue, cf) if cf else None
    if form_name in LABELS:
        return widget(issue, form_name)
    return None


SCHEDULED_NOTES = {
    "start_date": "Scheduled: the task will start no earlier than this day.",
    "due_date": "Scheduled: the task will finish no later than this day.",
}


def scheduled_note(issue: Issue, w: Widget) -> str:
    """What editing this date does when the schedule computes it (see planned_dates)."""
    if w.name in SCHEDULED_NOTES and w.custom_field is None and planned_dates.planned([issue.pk]):
        return SCHEDULED_NOTES[w.name]
    return ""


def moved_with(issue: Issue, w: Widget) -> list[Widget]:
    """The fields that a save of this one may change too: on a scheduled issue, a new
    start moves the due date, and a new due date the start."""
    if w.name not in planned_dates.DATE_FIELDS or w.custom_field is not None:
        return []
    return [widget(issue, name) for name in planned_dates.DATE_FIELDS if name != w.name]


def submitted_value(w: Widget, post: Any) -> Any:
    """What the edit form sent, as the services expect it."""
    if w.input == "multiselect":
        return post.getlist(w.form_name)
    return post.get(w.form_name, "")


def as_fields(w: Widget, value: Any) -> dict[str, Any]:
    if w.custom_field is not None:
        return {"custom_fields": {w.custom_field.name: value}}
    return {w.name: value}
