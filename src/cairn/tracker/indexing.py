"""What full-text search knows of an issue: its key and title, its description and its
comments. Called by the services inside the writing transaction."""

from __future__ import annotations

from collections.abc import Iterable

from cairn.search import index
from cairn.tracker.models import Comment, Issue

KIND = "issue"


def _text(issue: Issue, comments: Iterable[str]) -> tuple[str, str]:
    return f"{issue.key} {issue.title}", "\n\n".join([issue.description, *comments])


def index_issue(issue: Issue) -> None:
    title, body = _text(issue, issue.comments.values_list("body", flat=True))
    index.index(KIND, issue.pk, issue.project_id, title, body)


def rebuild(project_ids: Iterable[int] | None = None) -> int:
    """Re-indexes every issue (of these projects): for imports and bulk-loaded data."""
    issues = Issue.objects.select_related("project")
    if project_ids is not None:
        issues = issues.filter(project_id__in=list(project_ids))
    count = 0
    batch: list[tuple[str, int, int, str, str]] = []
    for chunk_start in range(0, issues.count(), 2000):
        chunk = list(issues.order_by("pk")[chunk_start : chunk_start + 2000])
        bodies: dict[int, list[str]] = {}
        for issue_id, body in Comment.objects.filter(issue__in=chunk).values_list("issue_id", "body"):
            bodies.setdefault(issue_id, []).append(body)
        for issue in chunk:
            title, body = _text(issue, bodies.get(issue.pk, []))
            batch.append((KIND, issue.pk, issue.project_id, title, body))
        index.index_many(batch)
        count += len(batch)
        batch = []
    return count
