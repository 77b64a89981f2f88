"""The delivery work behind the product, read from the tracker: an issue's state, dates
and progress, for features, objectives and releases. Nothing here writes an issue.

Issues are always read through the actor's eyes: an issue of a private project the
actor is not in is not returned, so its title never leaks onto a product page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet, Sum

from cairn.accounts.models import User
from cairn.errors import Invalid
from cairn.product.models import Product
from cairn.tracker.models import Issue, StatusCategory, split_key
from cairn.workspaces import policy


@dataclass(frozen=True)
class Work:
    """One issue as the product pages show it. start/finish are the issue's own dates,
    widened to its sub-tasks' (an epic spans its stories), as the schedule set them."""

    id: int
    key: str
    title: str
    type: str
    status: str
    category: str
    start: dt.date | None
    finish: dt.date | None
    done_children: int
    children: int
    estimate_hours: Decimal | None

    @property
    def done(self) -> bool:
        return self.category == StatusCategory.DONE

    @property
    def progress(self) -> float:
        """Share of the work done: the sub-tasks done, or the issue itself."""
        if self.children:
            return self.done_children / self.children
        return 1.0 if self.done else 0.0


def visible_issues(actor: User | Any) -> QuerySet[Issue]:
    return Issue.objects.filter(project__in=policy.visible_projects(actor).values("id"))


def issue_for(actor: User | Any, product: Product, key: Any, field: str = "issue") -> Issue:
    """The issue the key names, when the actor can see it and it belongs to the
    product's workspace; otherwise an Invalid naming the field."""
    text = key.strip() if isinstance(key, str) else ""
    parts = split_key(text)
    issue = None
    if parts is not None:
        issue = (visible_issues(actor).filter(project__key=parts[0], number=parts[1],
                                              project__workspace_id=product.workspace_id)
                 .select_related("project").first())
    if issue is None:
        raise Invalid.field(field, f"no issue {text or key!r} you can see in this workspace")
    return issue


def work_of(actor: User | Any, issue_ids: list[int] | set[int]) -> dict[int, Work]:
    """The visible issues among these ids, keyed by id, in two queries."""
    issues = list(visible_issues(actor).filter(id__in=list(issue_ids))
                  .select_related("project", "type", "status")
                  .values_list("id", "project__key", "number", "title", "type__name", "status__name",
                               "status__category", "start_date", "due_date", "estimate_hours"))
    done_q = Q(status__category=StatusCategory.DONE)
    children: dict[int, dict[str, Any]] = {
        row["parent_id"]: dict(row)
        for row in Issue.objects.filter(parent_id__in=[i[0] for i in issues]).values("parent_id").annotate(
            total=Count("id"), done=Count("id", filter=done_q), first=Min("start_date"), last=Max("due_date"),
            hours=Sum("estimate_hours"))
    }
    found: dict[int, Work] = {}
    for pk, project, number, title, kind, status, category, start, due, hours in issues:
        sub: dict[str, Any] = children.get(pk, {})
        starts = [d for d in (start, sub.get("first")) if d]
        ends = [d for d in (due, sub.get("last")) if d]
        found[pk] = Work(pk, f"{project}-{number}", title, kind, status, category,
                         min(starts) if starts else None, max(ends) if ends else None,
                         sub.get("done", 0), sub.get("total", 0), hours if hours is not None else sub.get("hours"))
    return found
