"""Earned value of a project, from its latest baseline, its progress and its costs; the
arithmetic is the engine's (cairn.engine.project.earned_value).

- PV: each task of the baseline (summary tasks aside: their work is their sub-tasks')
  has a budget of its baseline work — duration in hours × the units of each person
  assigned — at each person's rate on the task's baseline start; a task nobody is
  assigned to costs its duration at the project's default rate. The budget is spread
  evenly over the baseline's days, both ends included.
- EV: a done task has earned all of its budget; a task in progress has earned the share
  of its sub-tasks done (by story points when they have them, else by count), or half
  when it has none; a task not started has earned nothing. On the S-curve, past days
  count the tasks resolved by then; today's point is the EV above.
- Budget lines other than labour (travel, software…) are work packages too, so that the
  expenses in AC are set against a budget: each is planned evenly over its phase's
  baseline dates (the whole baseline's for a line without a phase) and has earned the
  share of its phase's labour budget earned.
- AC: every time entry at its person's rate on its day, and every expense."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from cairn.costs import wbs
from cairn.costs.budget import actual_costs
from cairn.costs.models import BudgetLine, Category
from cairn.costs.rates import RateBook
from cairn.engine.project import earned_value as evm
from cairn.planning.models import Assignment, Baseline, BaselineTask
from cairn.tracker.models import Issue, StatusCategory
from cairn.tracker.queries import Progress
from cairn.workspaces.models import Project

ZERO = Decimal(0)
HALF = Decimal("0.5")


@dataclass(frozen=True)
class Element:
    code: str
    key: str
    title: str
    level: int
    figures: evm.EarnedValue


@dataclass(frozen=True)
class Report:
    baseline: Baseline | None
    on: dt.date
    figures: evm.EarnedValue
    curve: list[evm.CurvePoint]
    elements: list[Element]
    packages: list[evm.WorkPackage]


@dataclass(frozen=True)
class _Task:
    issue_id: int
    package: evm.WorkPackage
    resolved: dt.date | None


def report(project: Project, *, today: dt.date) -> Report:
    breakdown = wbs.breakdown(project)
    book = RateBook(project)
    baseline = Baseline.objects.filter(project=project).first()
    tasks = _tasks(baseline, breakdown, book) if baseline else []
    others = _other_lines(project, breakdown, tasks)
    packages = [t.package for t in tasks] + [package for package, _ in others]
    costs = [b.cost for b in actual_costs(project, breakdown, book)]
    figures = evm.measure(packages, costs, today)
    days = _days(packages, costs, today)
    earned = {day: _earned_by(day, tasks, others) for day in days if day < today}
    earned[today] = figures.ev
    elements = [
        Element(p.code, p.key, p.title, p.level, evm.measure(
            [k for k in packages if wbs.within(k.code, p.code)],
            [c for c in costs if c.code and wbs.within(c.code, p.code)], today))
        for p in breakdown.phases
    ]
    outside = [c for c in costs if not c.code]
    if outside:
        elements.append(Element("", "", "Not in the plan", 1, evm.measure([], outside, today)))
    return Report(baseline, today, figures, evm.s_curve(packages, costs, earned, days, today), elements, packages)


def _tasks(baseline: Baseline, breakdown: wbs.Breakdown, book: RateBook) -> list[_Task]:
    phases = {p.issue_id for p in breakdown.phases}
    saved = [b for b in BaselineTask.objects.filter(baseline=baseline) if b.issue_id not in phases]
    ids = [b.issue_id for b in saved]
    people: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for issue_id, user_id, units in Assignment.objects.filter(issue_id__in=ids).values_list("issue_id", "user_id",
                                                                                              "units"):
        people[issue_id].append((user_id, units))
    state = {i: (category, resolved) for i, category, resolved in Issue.objects.filter(id__in=ids).values_list(
        "id", "status__category", "resolved_at")}
    shares = _sub_task_shares([i for i, (category, _) in state.items() if category == StatusCategory.IN_PROGRESS])
    tasks = []
    for b in saved:
        start, finish = b.start.date(), max(b.finish.date(), b.start.date())
        hours = Decimal(b.duration_minutes) / 60
        if people[b.issue_id]:
            rate = sum((book.rate(user, start) * units / 100 for user, units in people[b.issue_id]), ZERO)
        else:
            rate = book.default_rate(start)
        category, resolved = state.get(b.issue_id, (StatusCategory.TO_DO, None))
        done = _done(category, shares.get(b.issue_id))
        package = evm.WorkPackage(breakdown.code_of(b.issue_id), (hours * rate).quantize(Decimal("0.01")),
                                  start, finish, done)
        finished = resolved.date() if resolved and category == StatusCategory.DONE else None
        tasks.append(_Task(b.issue_id, package, finished))
    return tasks


def _other_lines(project: Project, breakdown: wbs.Breakdown,
                 tasks: list[_Task]) -> list[tuple[evm.WorkPackage, list[_Task]]]:
    """The budget lines beside labour as work packages, each with the tasks it follows."""
    if not tasks:
        return []
    found = []
    for phase_id, amount in BudgetLine.objects.filter(project=project).exclude(category=Category.LABOUR).values_list(
            "phase_id", "amount"):
        code = breakdown.code_of(phase_id) if phase_id else ""
        followed = [t for t in tasks if not code or wbs.within(t.package.code, code)] or tasks
        budget = sum((t.package.budget for t in followed), ZERO)
        share = sum((t.package.earned_value for t in followed), ZERO) / budget if budget else ZERO
        found.append((evm.WorkPackage(code, amount, min(t.package.planned_start for t in followed),
                                      max(t.package.planned_finish for t in followed), share), followed))
    return found


def _earned_by(day: dt.date, tasks: list[_Task], others: list[tuple[evm.WorkPackage, list[_Task]]]) -> Decimal:
    """EV on a past day: the tasks resolved by then, and the other lines' share of them."""
    def resolved(followed: list[_Task]) -> Decimal:
        return sum((t.package.budget for t in followed if t.resolved is not None and t.resolved <= day), ZERO)

    earned = resolved(tasks)
    for package, followed in others:
        budget = sum((t.package.budget for t in followed), ZERO)
        if budget:
            earned += package.budget * resolved(followed) / budget
    return earned


def _done(category: str, share: Decimal | None) -> Decimal:
    if category == StatusCategory.DONE:
        return Decimal(1)
    if category == StatusCategory.IN_PROGRESS:
        return HALF if share is None else share
    return ZERO


def _sub_task_shares(issue_ids: list[int]) -> dict[int, Decimal]:
    if not issue_ids:
        return {}
    done = Q(status__category=StatusCategory.DONE)
    rows = Issue.objects.filter(parent_id__in=issue_ids).values("parent_id").annotate(
        total=Count("id"), done=Count("id", filter=done), points_total=Sum("story_points"),
        points_done=Sum("story_points", filter=done))
    return {
        row["parent_id"]: Decimal(Progress(row["done"], row["total"], Decimal(row["points_done"] or 0),
                                           Decimal(row["points_total"] or 0)).percent) / 100
        for row in rows
    }


def _days(packages: list[evm.WorkPackage], costs: list[evm.Cost], today: dt.date) -> list[dt.date]:
    """A point a week from the first planned day or cost to the last planned day or
    today, with today and the plan's finish among them."""
    starts = [p.planned_start for p in packages] + [c.on for c in costs]
    ends = [p.planned_finish for p in packages] + [today]
    first, last = min(starts, default=today), max(ends)
    # Weekly, or coarser for a plan of years, so that the curve stays a few hundred points.
    step = dt.timedelta(days=max(7, (last - first).days // 200))
    days = {today, last, first}
    day = first
    while day < last:
        days.add(day)
        day += step
    return sorted(days)
