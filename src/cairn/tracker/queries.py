"""Reading issues: one issue by key, and the filtered, sorted, paged list that both the
issue list page and the API serve."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.db.models import Count, F, OrderBy, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from cairn import values
from cairn.accounts.models import User
from cairn.errors import Invalid, NotFound
from cairn.paging import MAX_LIMIT, Page, decode_cursor, encode_cursor, paginate  # noqa: F401  (re-exported)
from cairn.rows import one
from cairn.search import index
from cairn.tracker import indexing
from cairn.tracker.models import FormerKey, Issue, Label, StatusCategory, split_key
from cairn.workspaces import policy
from cairn.workspaces.models import Project

T = TypeVar("T")
SORTS = {
    "key": "number",
    "created": "created_at",
    "updated": "updated_at",
    "due": "due_date",
    "start": "start_date",
    "priority": "priority__rank",
    "status": "status__position",
    "type": "type__position",
    "title": "title",
    "assignee": "assignee__username",
    "points": "story_points",
}


@dataclass
class IssueFilter:
    status: list[str] = field(default_factory=list)
    assignee: list[str] = field(default_factory=list)
    type: list[str] = field(default_factory=list)
    priority: list[str] = field(default_factory=list)
    label: list[str] = field(default_factory=list)
    milestone: list[str] = field(default_factory=list)
    text: str = ""
    due_before: dt.date | None = None
    due_after: dt.date | None = None
    updated_after: dt.datetime | None = None
    parent: str | None = None
    overdue: bool = False
    sort: str = "-updated"


def issue_by_key(actor: User | Any, key: str) -> Issue:
    parts = split_key(key)
    if parts is None:
        raise NotFound(f"No issue {key}")
    prefix, number = parts
    issue = one(
        Issue.objects.select_related(
            "project", "project__workspace", "type", "status", "priority", "assignee", "reporter",
            "milestone", "parent", "parent__project",
        )
        .filter(project__key=prefix, number=number)
    )
    if issue is None:
        issue = _moved_issue(key.upper())
    if issue is None or not policy.can(actor, policy.Action.VIEW, issue.project):
        raise NotFound(f"No issue {key}")
    return issue


def _moved_issue(old_key: str) -> Issue | None:
    """An issue moved to another project answers to its old key too."""
    former = FormerKey.objects.filter(key=old_key).values_list("issue_id", flat=True).first()
    if former is None:
        return None
    return one(Issue.objects.select_related(
        "project", "project__workspace", "type", "status", "priority", "assignee", "reporter",
        "milestone", "parent", "parent__project").filter(pk=former))


@dataclass(frozen=True)
class Progress:
    """How far an issue's sub-tasks (an epic's stories) are: by count and by points."""

    done: int
    total: int
    points_done: Decimal
    points_total: Decimal

    @property
    def percent(self) -> int:
        if self.points_total:
            return round(100 * self.points_done / self.points_total)
        return round(100 * self.done / self.total) if self.total else 0


def progress_of(issue: Issue) -> Progress | None:
    done_q = Q(status__category=StatusCategory.DONE)
    row = issue.children.aggregate(
        total=Count("id"), done=Count("id", filter=done_q),
        points_total=Sum("story_points"), points_done=Sum("story_points", filter=done_q))
    if not row["total"]:
        return None
    tenth = Decimal("0.1")  # story points have one decimal; SQLite's sums forget it
    return Progress(row["done"], row["total"], Decimal(row["points_done"] or 0).quantize(tenth),
                    Decimal(row["points_total"] or 0).quantize(tenth))


def _list_queryset() -> QuerySet[Issue]:
    return Issue.objects.select_related(
        "project", "type", "status", "priority", "assignee", "reporter", "milestone", "parent",
        "parent__project",
    ).prefetch_related(Prefetch("labels", queryset=Label.objects.order_by("name")))


def filter_issues(actor: User | Any, project: Project, flt: IssueFilter) -> QuerySet[Issue]:
    policy.require(actor, policy.Action.VIEW, project)
    _check(flt)
    qs = _list_queryset().filter(project=project)
    if flt.status:
        qs = qs.filter(_status_q(flt.status))
    if flt.assignee:
        qs = qs.filter(_assignee_q(actor, flt.assignee))
    if flt.type:
        qs = qs.filter(type__name__in=flt.type)
    if flt.priority:
        qs = qs.filter(priority__name__in=flt.priority)
    if flt.label:
        qs = qs.filter(pk__in=Issue.labels.through.objects.filter(label__name__in=flt.label).values("issue_id"))
    if flt.milestone:
        qs = qs.filter(_milestone_q(flt.milestone))
    if flt.text.strip():
        qs = qs.filter(text_q(flt.text.strip(), [project.pk]))
    if flt.due_before:
        qs = qs.filter(due_date__lt=flt.due_before)
    if flt.due_after:
        qs = qs.filter(due_date__gte=flt.due_after)
    if flt.updated_after:
        qs = qs.filter(updated_at__gte=flt.updated_after)
    if flt.overdue:
        qs = qs.filter(overdue_q())
    if flt.parent:
        parent = split_key(flt.parent)
        qs = qs.filter(parent__project=project, parent__number=parent[1] if parent else -1)
    return qs.order_by(*_ordering(flt.sort))


def overdue_q() -> Q:
    """Open and due before today: what the overview counts and the filter shows."""
    return ~Q(status__category=StatusCategory.DONE) & Q(due_date__lt=timezone.localdate())


def _check(flt: IssueFilter) -> None:
    for name, value in vars(flt).items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                values.no_nul(item, name)
    values.date(flt.due_before, "due_before")
    values.date(flt.due_after, "due_after")
    values.moment(flt.updated_after, "updated_after")


def _status_q(wanted: list[str]) -> Q:
    q = Q()
    for value in wanted:
        lowered = value.lower()
        if lowered == "open":
            q |= ~Q(status__category=StatusCategory.DONE)
        elif lowered == "closed":
            q |= Q(status__category=StatusCategory.DONE)
        elif lowered in StatusCategory.values:
            q |= Q(status__category=lowered)
        else:
            q |= Q(status__name__iexact=value)
    return q


def _assignee_q(actor: User | Any, wanted: list[str]) -> Q:
    q = Q()
    for value in wanted:
        lowered = value.lower().lstrip("@")
        if lowered == "me":
            q |= Q(assignee_id=getattr(actor, "pk", None))
        elif lowered in ("none", "unassigned"):
            q |= Q(assignee__isnull=True)
        else:
            q |= Q(assignee__username__iexact=lowered)
    return q


def _milestone_q(wanted: list[str]) -> Q:
    q = Q()
    for value in wanted:
        q |= Q(milestone__isnull=True) if value.lower() == "none" else Q(milestone__name__iexact=value)
    return q


def text_q(text: str, project_ids: list[int]) -> Q:
    """Issues of ``project_ids`` whose title, description or comments hold every word
    (full-text index), or the issue whose key this is."""
    q = Q(pk__in=index.matching_ids(indexing.KIND, text, project_ids))
    key = split_key(text)
    if key is not None:
        # Limited like the words: a key alone must not reveal an issue of a private project.
        q |= Q(project__key=key[0], number=key[1], project_id__in=project_ids)
    return q


def _ordering(sort: str) -> list[OrderBy]:
    fields = []
    for part in (sort or "-updated").split(","):
        part = part.strip()
        descending = part.startswith("-")
        name = part.lstrip("-")
        if name not in SORTS:
            raise Invalid.field("sort", f"{name!r} is not one of {', '.join(SORTS)}")
        # Issues without a due date (or points, or assignee) go last either way, and on
        # every database: SQLite and PostgreSQL disagree on where NULLs sort by default.
        column = F(SORTS[name])
        fields.append(column.desc(nulls_last=True) if descending else column.asc(nulls_last=True))
    return [*fields, F("id").desc()]


def open_issues_of(user: User | Any) -> QuerySet[Issue]:
    """Open issues assigned to the user in every project they can see, soonest due first."""
    return (
        Issue.objects.filter(assignee=user, project__in=policy.visible_projects(user))
        .exclude(status__category=StatusCategory.DONE)
        .select_related("project", "status", "priority", "type")
        .order_by(F("due_date").asc(nulls_last=True), "priority__rank", "-updated_at", "-id")
    )
