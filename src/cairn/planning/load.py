"""People's time: one model for the workload page and for levelling, so that what
levelling leaves is what the workload shows.

Time is counted in units per day: 100 is a full-time working day (8 hours on the
workload page).

* **Capacity**: a person's units (``Capacity``, full time by default) on each of their
  working days, none on their time off. Their working days are those of the projects
  they have work planned in (Monday to Friday when they have none): a day that every
  one of those projects has as a holiday is a day off.
* **Demand**: every scheduled task they are assigned to that is not done, in any
  project, takes their units for the working time it runs each day, as a share of its
  project's working day. Every issue assigned to them that is outside any schedule,
  not done, and has an estimate and a due date, spreads its estimate evenly over their
  working days from its start date (or its due date) to its due date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from cairn.engine import scheduling as engine
from cairn.planning import plans, time_off
from cairn.planning.models import Assignment, Capacity, ProjectPlan
from cairn.tracker.models import Issue, StatusCategory
from cairn.workspaces.models import Project

FULL_DAY = 100
HOURS_PER_DAY = 8.0
WORKWEEK = frozenset(range(5))
MINUTES_PER_DAY = 24 * 60


def hours(units: float) -> float:
    return units / FULL_DAY * HOURS_PER_DAY


@dataclass(frozen=True)
class PersonCalendar:
    units: int
    week: frozenset[int] = WORKWEEK
    #: Days of the working week they do not work: holidays of all their projects, time off.
    closed: frozenset[dt.date] = frozenset()

    def works(self, day: dt.date) -> bool:
        return day.weekday() in self.week and day not in self.closed

    def capacity(self, day: dt.date) -> int:
        return self.units if self.works(day) else 0

    def working_days(self, first: dt.date, last: dt.date) -> int:
        """Their working days from first to last, both counted. Counted, not walked: an
        estimate may span centuries."""
        if last < first:
            return 0
        whole_weeks, rest = divmod((last - first).days + 1, 7)
        count = whole_weeks * len(self.week) + sum((first.weekday() + n) % 7 in self.week for n in range(rest))
        return count - sum(1 for day in self.closed if first <= day <= last)


@dataclass
class Demand:
    """Each person's units per day between two dates, and what asks for them."""

    first: dt.date
    last: dt.date
    daily: dict[int, dict[dt.date, float]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(float)))
    tasks: dict[int, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    calendars: dict[int, PersonCalendar] = field(default_factory=dict)

    def on(self, user_id: int, day: dt.date) -> float:
        return self.daily.get(user_id, {}).get(day, 0.0)


@dataclass(frozen=True)
class _ProjectDays:
    calendar: engine.Calendar
    minutes_per_day: int


def demand(*, first: dt.date, last: dt.date, projects: QuerySet[Project] | None = None,
           people: Iterable[int] | None = None, excluding: Project | None = None) -> Demand:
    """People's demand from ``first`` to ``last``: of everyone with work in ``projects``
    (every project when None), or of ``people``; ``excluding`` leaves one project's
    schedule out (the one being levelled)."""
    wanted = None if people is None else set(people)
    scheduled = _scheduled(first, last, projects, wanted, excluding)
    loose = _loose(first, last, projects, wanted)
    found = Demand(first, last)
    # Loose issues all have an assignee and a due date (see _loose).
    users: set[int] = ({row[0] for row in scheduled} | {i.assignee_id for i in loose if i.assignee_id is not None}
                       | (wanted or set()))
    reach = [first, last, *(d for i in loose for d in (i.start_date, i.due_date) if d is not None)]
    own_projects = _projects_of(users)
    days = _project_days({row[2] for row in scheduled} | {p for ids in own_projects.values() for p in ids})
    found.calendars = _calendars(users, own_projects, days, min(reach), max(reach))
    for row in scheduled:
        _add_task(found, row, days[row[2]])
    for issue in loose:
        _add_estimate(found, issue)
    return found


def _scheduled(first: dt.date, last: dt.date, projects: QuerySet[Project] | None, people: set[int] | None,
               excluding: Project | None) -> list[tuple[Any, ...]]:
    rows = (
        Assignment.objects.filter(issue__schedule__summary=False, issue__schedule__start__date__lte=last,
                                  issue__schedule__finish__date__gte=first)
        .exclude(issue__status__category=StatusCategory.DONE)
    )
    if projects is not None:
        rows = rows.filter(issue__project__in=projects)
    if people is not None:
        rows = rows.filter(user_id__in=people)
    if excluding is not None:
        rows = rows.exclude(issue__project=excluding)
    return list(rows.values_list(
        "user_id", "units", "issue__project_id", "issue__project__key", "issue__number", "issue__title",
        "issue__schedule__start", "issue__schedule__finish", "issue__schedule__duration_minutes",
    ).order_by("issue__schedule__start", "issue_id"))


def _loose(first: dt.date, last: dt.date, projects: QuerySet[Project] | None, people: set[int] | None) -> list[Issue]:
    issues = (
        Issue.objects.filter(assignee__isnull=False, estimate_hours__isnull=False, due_date__gte=first,
                             schedule__isnull=True)
        .filter(Q(start_date__lte=last) | Q(start_date__isnull=True, due_date__lte=last))
        .exclude(status__category=StatusCategory.DONE)
    )
    if projects is not None:
        issues = issues.filter(project__in=projects)
    if people is not None:
        issues = issues.filter(assignee_id__in=people)
    return list(issues.select_related("project").order_by("due_date", "pk"))


def _projects_of(users: set[int]) -> dict[int, set[int]]:
    """The projects each person has work planned in (not done)."""
    found: dict[int, set[int]] = defaultdict(set)
    rows = (
        Assignment.objects.filter(user_id__in=users, issue__schedule__summary=False)
        .exclude(issue__status__category=StatusCategory.DONE)
        .values_list("user_id", "issue__project_id").distinct()
    )
    for user_id, project_id in rows:
        found[user_id].add(project_id)
    return found


def _project_days(project_ids: set[int]) -> dict[int, _ProjectDays]:
    found = {}
    for plan in ProjectPlan.objects.filter(project_id__in=project_ids).select_related("project").prefetch_related("holidays"):
        found[plan.project_id] = _ProjectDays(plans.calendar_of(plan), plans.minutes_per_day(plan))
    return found


def _calendars(users: set[int], own_projects: dict[int, set[int]], days: dict[int, _ProjectDays],
               first: dt.date, last: dt.date) -> dict[int, PersonCalendar]:
    units = dict(Capacity.objects.filter(user_id__in=users).values_list("user_id", "units"))
    off = time_off.days_off(users, first, last)
    found = {}
    for user_id in users:
        mine = [days[p].calendar for p in sorted(own_projects.get(user_id, ())) if p in days]
        week = frozenset(d for calendar in mine for d in range(7) if calendar.week[d]) or WORKWEEK
        holidays = {day for calendar in mine for day, hours in calendar.exceptions.items() if not hours}
        closed = {day for day in holidays if not any(calendar.is_working_day(day) for calendar in mine)}
        closed |= set(off.get(user_id, ()))
        found[user_id] = PersonCalendar(units.get(user_id, FULL_DAY), week,
                                        frozenset(day for day in closed if day.weekday() in week))
    return found


def _add_task(found: Demand, row: tuple[Any, ...], project: _ProjectDays) -> None:
    user_id, units, _, key, number, title, start, finish, minutes = row
    begin, end = plans.naive(start), plans.naive(finish)
    assert begin is not None and end is not None
    touched = False
    for day, worked in _working_minutes(project.calendar, begin, end, found.first, found.last):
        if worked:
            found.daily[user_id][day] += units * worked / project.minutes_per_day
            touched = True
    if touched:
        found.tasks[user_id].append({
            "key": f"{key}-{number}", "title": title, "start": begin.date().isoformat(),
            "finish": end.date().isoformat(), "hours": round(hours(units * minutes / project.minutes_per_day), 1),
        })


def _working_minutes(calendar: engine.Calendar, begin: dt.datetime, end: dt.datetime, first: dt.date,
                     last: dt.date) -> Iterator[tuple[dt.date, int]]:
    """The task's working minutes on each day it runs between first and last."""
    day = max(begin.date(), first)
    while day <= min(end.date(), last):
        midnight = dt.datetime.combine(day, dt.time())
        low = max(0, (begin - midnight) // dt.timedelta(minutes=1))
        high = min(MINUTES_PER_DAY, (end - midnight) // dt.timedelta(minutes=1))
        yield day, sum(max(0, min(r.end, high) - max(r.start, low)) for r in calendar.working_ranges(day))
        day += dt.timedelta(days=1)


def _add_estimate(found: Demand, issue: Issue) -> None:
    person, begin, due = issue.assignee_id, issue.start_date or issue.due_date, issue.due_date
    assert person is not None and begin is not None and due is not None  # as _loose chose them
    calendar = found.calendars[person]
    units = float(issue.estimate_hours or 0) / HOURS_PER_DAY * FULL_DAY
    count = calendar.working_days(begin, due)
    days = (d for d in _dates(max(begin, found.first), min(due, found.last)) if calendar.works(d)) if count else (
        [begin] if found.first <= begin <= found.last else [])
    touched = False
    for day in days:
        found.daily[person][day] += units / max(count, 1)
        touched = True
    if touched:
        found.tasks[person].append({
            "key": issue.key, "title": issue.title, "start": begin.isoformat(), "finish": due.isoformat(),
            "hours": round(float(issue.estimate_hours or 0), 1),
        })


def _dates(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)
