"""Building a plan row by row, as in a desktop planner: put issues (new or existing) on
the schedule at a place in the outline, indent and outdent them, move them among their
siblings, take them off again.

The outline is the issue hierarchy (a scheduled parent is its children's summary task),
siblings ordered by the tasks' positions. A change writes an issue's new parent through
the tracker (so its history and events say so), renumbers the positions in outline
order, and reschedules once."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from cairn.accounts.models import User
from cairn.errors import Invalid, NotFound
from cairn.planning import plans, services
from cairn.planning.models import Dependency, ProjectPlan, TaskSchedule
from cairn.tracker import services as tracker
from cairn.tracker.models import Issue
from cairn.workspaces import policy
from cairn.workspaces.models import Project

MAX_ROWS = 500
ACTIONS = ("indent", "outdent", "up", "down")


@dataclass
class Outline:
    """The scheduled issues as a tree (``children[None]`` is the top level), with what is
    stored for each: its task's row id and position, and the issue's own parent."""

    keys: dict[int, str] = field(default_factory=dict)
    rows: dict[int, tuple[int, int]] = field(default_factory=dict)
    stored_parent: dict[int, int | None] = field(default_factory=dict)
    parent: dict[int, int | None] = field(default_factory=dict)
    children: dict[int | None, list[int]] = field(default_factory=lambda: defaultdict(list))

    def siblings(self, issue_id: int) -> list[int]:
        return self.children[self.parent[issue_id]]

    def place(self, issue_id: int, parent: int | None, index: int) -> None:
        if issue_id in self.parent:
            self.siblings(issue_id).remove(issue_id)
        self.parent[issue_id] = parent
        self.children[parent].insert(index, issue_id)

    def flat(self) -> list[int]:
        order: list[int] = []
        stack = list(reversed(self.children[None]))
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(reversed(self.children.get(node, [])))
        return order


def _read(project: Project) -> Outline:
    """Locks the plan first, so two people reshaping it at once take turns."""
    plan = plans.plan_of(project)
    ProjectPlan.objects.select_for_update().filter(pk=plan.pk).first()
    rows = list(TaskSchedule.objects.filter(project=project).order_by("position", "id")
                .values_list("issue_id", "id", "position", "issue__number", "issue__parent_id"))
    outline = Outline()
    for issue_id, pk, position, number, parent in rows:
        outline.keys[issue_id] = f"{project.key}-{number}"
        outline.rows[issue_id] = (pk, position)
        outline.stored_parent[issue_id] = parent
    for issue_id, *_ in rows:
        parent = outline.stored_parent[issue_id]
        outline.parent[issue_id] = parent if parent in outline.rows else None
        outline.children[outline.parent[issue_id]].append(issue_id)
    return outline


def _write(*, actor: User, project: Project, outline: Outline, now: dt.datetime, field: str) -> None:
    try:
        _store(actor=actor, project=project, outline=outline, now=now)
    except Invalid as refused:
        loop = refused.fields.get("predecessor")
        if loop is None:
            raise
        # The engine sees a link between a task and its own summary as a loop.
        chain = loop.removeprefix("this link would make a loop: ")
        raise Invalid.field(field, f"a task would be linked to its own summary ({chain}): "
                                   "remove that link first") from None


def _store(*, actor: User, project: Project, outline: Outline, now: dt.datetime) -> None:
    """Stores the outline: new parents through the tracker, then positions, then dates.
    A task at the top level keeps an issue parent that is not in the plan (an epic, say);
    it only loses a parent that would pull it under a summary."""
    for issue_id, parent in outline.parent.items():
        stored = outline.stored_parent[issue_id]
        if parent == stored or (parent is None and stored not in outline.rows):
            continue
        issue = Issue.objects.select_related("project").get(pk=issue_id)
        tracker.update_issue(actor=actor, issue=issue, now=now,
                             fields={"parent": outline.keys[parent] if parent else None})
    moved = []
    for n, issue_id in enumerate(outline.flat()):
        pk, position = outline.rows[issue_id]
        if position != n:
            moved.append(TaskSchedule(pk=pk, position=n))
    TaskSchedule.objects.bulk_update(moved, ["position"], batch_size=500)
    services.reschedule(project, actor=actor, now=now)


def _scheduled(outline: Outline, issue: Issue | None, name: str) -> int | None:
    if issue is None:
        return None
    if issue.pk not in outline.rows:
        raise Invalid.field(name, f"{issue.key} is not in the schedule")
    return issue.pk


def _placement(outline: Outline, after: Issue | None, parent: Issue | None) -> tuple[int | None, int]:
    """Where new rows go: right after ``after`` (and its subtasks), at its level; first
    under ``parent``; or, with neither, at the end of the plan."""
    after_id, parent_id = _scheduled(outline, after, "after"), _scheduled(outline, parent, "parent")
    if after_id is not None:
        if parent is not None and outline.parent[after_id] != parent_id:
            raise Invalid.field("after", f"{outline.keys[after_id]} is not directly under {parent.key}")
        siblings = outline.siblings(after_id)
        return outline.parent[after_id], siblings.index(after_id) + 1
    if parent_id is not None:
        return parent_id, 0
    return None, len(outline.children[None])


def default_minutes(issue: Issue, per_day: int) -> int:
    """An issue with an estimate starts as long as its estimate; one without, a day."""
    hours = issue.estimate_hours
    if hours is None or hours <= 0:
        return per_day
    return min(services.MAX_DURATION, max(1, int(Decimal(hours) * 60)))


def add_tasks(*, actor: User, project: Project, issues: list[Issue], after: Issue | None = None,
              parent: Issue | None = None, duration_minutes: int | None = None,
              now: dt.datetime) -> list[TaskSchedule]:
    """Puts existing issues on the schedule, in the order given, at one place."""
    policy.require(actor, policy.Action.EDIT_ISSUES, project)
    if not issues:
        raise Invalid.field("issues", "choose at least one issue")
    if len(issues) > MAX_ROWS:
        raise Invalid.field("issues", f"at most {MAX_ROWS} at a time")
    if duration_minutes is not None:
        services._check_duration(duration_minutes)
    with transaction.atomic():
        outline = _read(project)
        parent_id, index = _placement(outline, after, parent)
        per_day = plans.minutes_per_day(plans.plan_of(project))
        tasks = []
        for issue in issues:
            if issue.project_id != project.pk:
                raise Invalid.field("issues", f"{issue.key} is not in {project.key}")
            if issue.pk in outline.rows:
                raise Invalid.field("issues", f"{issue.key} is already in the schedule")
            minutes = default_minutes(issue, per_day) if duration_minutes is None else duration_minutes
            task = TaskSchedule.objects.create(issue=issue, project=project, duration_minutes=minutes,
                                               position=len(outline.rows))
            tasks.append(task)
            outline.keys[issue.pk] = issue.key
            outline.rows[issue.pk] = (task.pk, task.position)
            outline.stored_parent[issue.pk] = issue.parent_id
            outline.place(issue.pk, parent_id, index)
            index += 1
        _write(actor=actor, project=project, outline=outline, now=now, field="parent" if parent_id else "after")
    return tasks


def create_task(*, actor: User, project: Project, title: str, after: Issue | None = None,
                parent: Issue | None = None, milestone: bool = False, duration_minutes: int | None = None,
                now: dt.datetime) -> Issue:
    """A new issue, put on the schedule at once: a milestone takes no time."""
    policy.require(actor, policy.Action.EDIT_ISSUES, project)
    if milestone and duration_minutes:
        raise Invalid.field("duration_minutes", "a milestone takes no time")
    with transaction.atomic():
        issue = tracker.create_issue(actor=actor, project=project, fields={"title": title}, now=now)
        add_tasks(actor=actor, project=project, issues=[issue], after=after, parent=parent,
                  duration_minutes=0 if milestone else duration_minutes, now=now)
    return issue


def reshape(*, actor: User, issue: Issue, action: str, now: dt.datetime) -> None:
    """Indent (under the task above at its level), outdent (to just after its summary),
    or move up or down among its siblings, taking its subtasks along."""
    project = issue.project
    policy.require(actor, policy.Action.EDIT_ISSUES, project)
    if action not in ACTIONS:
        raise Invalid.field("action", f"must be one of {', '.join(ACTIONS)}")
    with transaction.atomic():
        outline = _read(project)
        if issue.pk not in outline.rows:
            raise NotFound(f"{issue.key} is not in the schedule")
        _RESHAPES[action](outline, issue.pk)
        _write(actor=actor, project=project, outline=outline, now=now, field="action")


def _indent(outline: Outline, node: int) -> None:
    siblings = outline.siblings(node)
    at = siblings.index(node)
    if at == 0:
        raise Invalid.field("action", f"{outline.keys[node]} has no task above it at its level to go under")
    above = siblings[at - 1]
    outline.place(node, above, len(outline.children[above]))


def _outdent(outline: Outline, node: int) -> None:
    summary = outline.parent[node]
    if summary is None:
        raise Invalid.field("action", f"{outline.keys[node]} is already at the top level")
    level_above = outline.parent[summary]
    outline.place(node, level_above, outline.children[level_above].index(summary) + 1)


def _move(step: int) -> Any:
    def move(outline: Outline, node: int) -> None:
        siblings = outline.siblings(node)
        at = siblings.index(node)
        if not 0 <= at + step < len(siblings):
            where = "first" if step < 0 else "last"
            summary = outline.parent[node]
            scope = f"under {outline.keys[summary]}" if summary else "at its level"
            raise Invalid.field("action", f"{outline.keys[node]} is already the {where} task {scope}")
        siblings[at], siblings[at + step] = siblings[at + step], siblings[at]
    return move


_RESHAPES = {"indent": _indent, "outdent": _outdent, "up": _move(-1), "down": _move(1)}


def remove_task(*, actor: User, issue: Issue, now: dt.datetime) -> None:
    """Takes a task off the schedule with its links; the issue itself stays. A summary
    goes only once its subtasks have gone or moved out from under it."""
    project = issue.project
    policy.require(actor, policy.Action.EDIT_ISSUES, project)
    with transaction.atomic():
        outline = _read(project)
        if issue.pk not in outline.rows:
            raise NotFound(f"{issue.key} is not in the schedule")
        below = len(outline.children.get(issue.pk, []))
        if below:
            raise Invalid.field("issue", f"{issue.key} is a summary of {below} task{'s' if below != 1 else ''}: "
                                         "outdent or remove them first")
        Dependency.objects.filter(project=project, predecessor=issue).delete()
        Dependency.objects.filter(project=project, successor=issue).delete()
        TaskSchedule.objects.filter(pk=outline.rows[issue.pk][0]).delete()
        outline.siblings(issue.pk).remove(issue.pk)
        del outline.parent[issue.pk]
        _write(actor=actor, project=project, outline=outline, now=now, field="issue")
