"""API for building a plan row by row, as the Gantt table does: rows added (new issues or
existing ones) at a place in the outline, indented, outdented and moved, predecessors
written as the table shows them, everyone on a task set at once, and what a change
would do before it is made."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status

from cairn.accounts.models import User
from cairn.errors import Invalid, NotFound
from cairn.inputs import Input
from cairn.planning import outline, predecessors, queries, schemas, services, whatif
from cairn.tracker.models import Issue
from cairn.tracker.queries import issue_by_key
from cairn.workspaces import policy

router = Router(tags=["schedule"])


class RowsIn(Input):
    title: str | None = None
    issues: list[str] | None = None
    after: str | None = None
    parent: str | None = None
    duration_minutes: int | None = None
    milestone: bool = False


class OutlineIn(Input):
    action: str


class PredecessorsIn(Input):
    predecessors: str


class PersonIn(Input):
    username: str
    units: int = 100


class AssignmentsIn(Input):
    assignments: list[PersonIn]


def _issue_in(request: HttpRequest, key: str | None, field: str) -> Any:
    if not key:
        return None
    try:
        return issue_by_key(request.user, key)
    except NotFound:
        raise Invalid.field(field, f"no issue {key}") from None


@router.post("/projects/{key}/schedule/tasks", response={201: schemas.AddedOut},
             summary="Add rows to the plan: a new issue (title) or existing ones (issues), after a row or under a summary")
def add_rows(request: HttpRequest, key: str, payload: RowsIn):
    project = policy.access_project_by_key(request.user, key)
    after, parent = _issue_in(request, payload.after, "after"), _issue_in(request, payload.parent, "parent")
    now = timezone.now()
    if (payload.title is None) == (payload.issues is None):
        raise Invalid.field("title", "give either a title for a new issue or the keys of existing issues")
    if payload.title is not None:
        issue = outline.create_task(actor=request.user, project=project, title=payload.title, after=after,
                                    parent=parent, milestone=payload.milestone,
                                    duration_minutes=payload.duration_minutes, now=now)
        added = [issue.key]
    else:
        if payload.milestone:
            raise Invalid.field("milestone", "only a new row can be made a milestone")
        issues = [_issue_in(request, k, "issues") for k in (payload.issues or [])[: outline.MAX_ROWS + 1]]
        outline.add_tasks(actor=request.user, project=project, issues=issues, after=after, parent=parent,
                          duration_minutes=payload.duration_minutes, now=now)
        added = [i.key for i in issues]
    return Status(201, {**queries.schedule_view(project), "added": added})


@router.post("/issues/{issue_key}/schedule/outline", response=schemas.ScheduleOut,
             summary="Indent, outdent, or move a task up or down among its siblings (action: indent, outdent, up, down)")
def reshape(request: HttpRequest, issue_key: str, payload: OutlineIn) -> dict[str, Any]:
    issue = issue_by_key(request.user, issue_key)
    outline.reshape(actor=request.user, issue=issue, action=payload.action, now=timezone.now())
    return queries.schedule_view(issue.project)


@router.put("/issues/{issue_key}/predecessors", response=schemas.ScheduleOut,
            summary="Set a task's predecessors as the Gantt table writes them: 1.2, 1.2FS+2d, WEB-12SS-1d")
def put_predecessors(request: HttpRequest, issue_key: str, payload: PredecessorsIn) -> dict[str, Any]:
    issue = issue_by_key(request.user, issue_key)
    predecessors.set_predecessors(actor=request.user, issue=issue, text=payload.predecessors, now=timezone.now())
    return queries.schedule_view(issue.project)


@router.put("/issues/{issue_key}/assignments", response=schemas.ScheduleOut, summary="Set everyone on a task with their units, all at once")
def put_assignments(request: HttpRequest, issue_key: str, payload: AssignmentsIn) -> dict[str, Any]:
    issue = issue_by_key(request.user, issue_key)
    if len(payload.assignments) > 50:
        raise Invalid.field("assignments", "at most 50 people on a task")
    people = []
    for person in payload.assignments:
        user = User.objects.filter(username__iexact=person.username, is_active=True).first()
        if user is None:
            raise Invalid.field("assignments", f"no user {person.username}")
        people.append((user, person.units))
    services.set_assignments(actor=request.user, issue=issue, people=people, now=timezone.now())
    return queries.schedule_view(issue.project)


@router.get("/projects/{key}/schedule/unscheduled", response=list[schemas.UnscheduledIssue], summary="Issues of the project not yet in the schedule")
def unscheduled(request: HttpRequest, key: str, q: str = "", limit: int = 100) -> list[dict[str, Any]]:
    project = policy.access_project_by_key(request.user, key)
    if not 1 <= limit <= 500:
        raise Invalid.field("limit", "must be from 1 to 500")
    found = Issue.objects.filter(project=project, schedule__isnull=True)
    text = q.strip().replace("\x00", "")
    if text:
        number = text.upper().removeprefix(f"{project.key}-")
        match = Q(title__icontains=text)
        if number.isdigit() and len(number) < 10:
            match |= Q(number=int(number))
        found = found.filter(match)
    rows = found.select_related("status", "type", "assignee").order_by("number")[:limit]
    parents = dict(Issue.objects.filter(pk__in={i.parent_id for i in rows if i.parent_id})
                   .values_list("pk", "number"))
    return [{"key": f"{project.key}-{i.number}", "title": i.title, "type": i.type.name if i.type else None,
             "status": i.status.name, "status_category": i.status.category, "estimate_hours": i.estimate_hours,
             "parent": f"{project.key}-{parents[i.parent_id]}" if i.parent_id in parents else None,
             "assignee": i.assignee.name if i.assignee else None}
            for i in rows]


@router.get("/issues/{issue_key}/schedule/preview", response=schemas.PreviewOut,
            summary="What a new length or start would do to a task, without changing it")
def preview(request: HttpRequest, issue_key: str, duration_minutes: int | None = None,
            start: dt.datetime | None = None) -> dict[str, Any]:
    issue = issue_by_key(request.user, issue_key)
    changes: dict[str, Any] = {}
    if duration_minutes is not None:
        changes["duration_minutes"] = duration_minutes
    if start is not None:
        changes["start"] = start
    if not changes:
        raise Invalid.field("duration_minutes", "give a duration_minutes or a start to preview")
    return whatif.preview(issue, changes)
