"""Each person's load per week across every project the viewer can see, against their
capacity. A task's work is spread evenly over its working days (Monday to Friday)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q

from cairn import values
from cairn.accounts.models import User
from cairn.planning import plans, time_off
from cairn.planning.models import Assignment, Capacity
from cairn.tracker.models import Issue, StatusCategory
from cairn.workspaces import policy

HOURS_PER_DAY = 8.0
MAX_WEEKS = 52


@dataclass
class PersonLoad:
    username: str
    name: str
    capacity_hours: list[float]
    load_hours: list[float]
    tasks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def over(self) -> list[bool]:
        return [load > cap + 0.01 for load, cap in zip(self.load_hours, self.capacity_hours)]

    @property
    def cells(self) -> list[tuple[float, float, bool]]:
        return list(zip(self.load_hours, self.capacity_hours, self.over))


@dataclass
class Workload:
    weeks: list[dt.date]
    people: list[PersonLoad]

    def as_dict(self) -> dict[str, Any]:
        return {
            "weeks": [w.isoformat() for w in self.weeks],
            "people": [
                {"username": p.username, "name": p.name, "capacity_hours": p.capacity_hours,
                 "load_hours": p.load_hours, "over_allocated": p.over, "tasks": p.tasks}
                for p in self.people
            ],
        }


def weekdays_between(start: dt.date, finish: dt.date) -> int:
    """Monday to Friday days from start to finish, both counted. Counted, not walked: an
    issue may run for centuries, and only the weeks shown are worth visiting."""
    if finish < start:
        return 0
    whole_weeks, rest = divmod((finish - start).days + 1, 7)
    return whole_weeks * 5 + sum((start.weekday() + n) % 7 < 5 for n in range(rest))


def _days(start: dt.date, finish: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((finish - start).days + 1)]


def weekly(viewer: User, *, start: Any, weeks: Any) -> Workload:
    start = values.required_date(start, "start")
    weeks = values.whole_number(weeks, "weeks", minimum=1, maximum=MAX_WEEKS)
    first = start - dt.timedelta(days=start.weekday())
    week_starts = [first + dt.timedelta(weeks=n) for n in range(weeks)]
    end = week_starts[-1] + dt.timedelta(days=6)
    visible = policy.visible_projects(viewer)
    loads: dict[int, list[float]] = defaultdict(lambda: [0.0] * weeks)
    tasks: dict[int, list[dict[str, Any]]] = defaultdict(list)

    def spread(user_id: int, key: str, title: str, begin: dt.date, finish: dt.date, hours: float) -> None:
        count = weekdays_between(begin, finish)
        if count:
            days = [d for d in _days(max(begin, first), min(finish, end)) if d.weekday() < 5]
        else:  # no weekday at all: the work falls on its first day
            days = [begin] if first <= begin <= end else []
        for day in days:
            loads[user_id][(day - first).days // 7] += hours / max(count, 1)
        if days:
            tasks[user_id].append({"key": key, "title": title, "start": begin.isoformat(), "finish": finish.isoformat(),
                                   "hours": round(hours, 1)})

    scheduled = (
        Assignment.objects.filter(issue__project__in=visible, issue__schedule__start__date__lte=end,
                                  issue__schedule__finish__date__gte=first)
        .exclude(issue__status__category=StatusCategory.DONE)
        .select_related("issue__project", "issue__schedule")
    )
    planned_issue_ids = set()
    for a in scheduled:
        s = a.issue.schedule
        begin, finish = plans.naive(s.start).date(), plans.naive(s.finish).date()  # type: ignore[union-attr]
        hours = a.units / 100 * s.duration_minutes / 60
        spread(a.user_id, a.issue.key, a.issue.title, begin, finish, hours)
        planned_issue_ids.add(a.issue_id)
    # Issues outside any schedule count too: their estimate, between their start and due dates.
    loose = (
        Issue.objects.filter(project__in=visible, assignee__isnull=False, estimate_hours__isnull=False)
        .exclude(status__category=StatusCategory.DONE).exclude(pk__in=planned_issue_ids)
        .filter(Q(due_date__gte=first) & (Q(start_date__lte=end) | Q(start_date__isnull=True)))
        .select_related("project")
    )
    for issue in loose:
        begin = issue.start_date or issue.due_date
        spread(issue.assignee_id, issue.key, issue.title, begin, issue.due_date, float(issue.estimate_hours or Decimal(0)))  # type: ignore[arg-type]
    user_ids = set(loads)
    capacity = dict(Capacity.objects.filter(user_id__in=user_ids).values_list("user_id", "units"))
    people = []
    off = time_off.days_off(user_ids, first, end)
    for user in User.objects.filter(pk__in=user_ids).order_by("username"):
        per_day = capacity.get(user.pk, 100) / 100 * HOURS_PER_DAY
        week_capacity = [per_day * 5] * weeks
        for day in off.get(user.pk, ()):
            if day.weekday() < 5:
                week_capacity[(day - first).days // 7] -= per_day
        people.append(PersonLoad(user.username, user.name, [round(c, 1) for c in week_capacity],
                                 [round(h, 1) for h in loads[user.pk]], sorted(tasks[user.pk], key=lambda t: t["start"])))
    return Workload(week_starts, people)
