"""The demo's time and money: rates, budgets, expenses, and the time the team logged over
the past weeks, with their timesheets submitted and approved — on WEB, which is near its
budget and on schedule, and on MOB, which is over budget and behind (it gets a small
baselined release plan of its own when it has none). Built through the costs services."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from cairn.accounts.models import User
from cairn.costs import budget, earned, expenses, rates, services, timesheets
from cairn.costs.models import TimeEntry
from cairn.errors import DomainError
from cairn.planning import services as planning
from cairn.planning.models import Assignment, Baseline, BaselineTask, TaskSchedule
from cairn.tracker import services as tracker
from cairn.tracker.models import Issue, StatusCategory
from cairn.workspaces.models import Project

DAY = 480
MOB_TASKS = ["Offline sync", "Push notifications", "New onboarding", "Dark mode", "Payments in the app",
             "Accessibility pass", "Beta with customers", "Store release"]
# (category, budget, [(description, amount, days ago)]) per project, beside the labour budget.
WEB_MONEY = [
    ("software", 3500, [("Design tool licences", 690, 50), ("Font licence", 210, 38), ("Monitoring service", 240, 9)]),
    ("services", 6000, [("Product photography", 1300, 24), ("Accessibility audit", 650, 6)]),
    ("travel", 1500, [("Workshop at the client", 320, 44)]),
]
MOB_MONEY = [
    ("hardware", 1500, [("Test phones", 1890, 48), ("Tablets for testing", 760, 20)]),
    ("services", 2000, [("Push notification provider", 1200, 30), ("Penetration test", 1850, 5)]),
    ("software", 500, [("Developer accounts", 420, 55)]),
]


def load_costs(projects: dict[str, Project], users: dict[str, User], now: dt.datetime, rng: random.Random) -> None:
    admin, today = users["admin"], now.date()
    web, mob = projects["WEB"], projects["MOB"]
    for project in (web, mob):
        _rates(project, admin, today)
    if not TaskSchedule.objects.filter(project=mob).exists():
        _mob_plan(mob, users, now)
    _log_work(web, users, today, rng, Decimal("1.04"), now)
    _log_work(mob, users, today, rng, Decimal("1.3"), now)
    _money(web, users, today, WEB_MONEY, Decimal("1.02"), now)
    _money(mob, users, today, MOB_MONEY, Decimal("0.95"), now)
    _timesheets(users, today, now)


def _rates(project: Project, admin: User, today: dt.date) -> None:
    since = (today - dt.timedelta(days=365)).isoformat()
    rates.set_rate(actor=admin, project=project, hourly_rate="65", effective_from=since)
    rates.set_rate(actor=admin, project=project, role="member", hourly_rate="70", effective_from=since)
    rates.set_rate(actor=admin, project=project, role="manager", hourly_rate="95", effective_from=since)
    rates.set_rate(actor=admin, project=project, person="lee", hourly_rate="80", effective_from=since)
    # Sam's raise, from a month ago.
    rates.set_rate(actor=admin, project=project, person="sam", hourly_rate="78",
                   effective_from=(today - dt.timedelta(days=30)).isoformat())


def _mob_plan(project: Project, users: dict[str, User], now: dt.datetime) -> None:
    """Eight tasks of seven days each in a row, baselined at kick-off eight weeks ago; three
    are done (late), the fourth is under way: the release is behind."""
    admin = users["admin"]
    start = now.date() - dt.timedelta(days=56)
    start -= dt.timedelta(days=start.weekday())
    kickoff = dt.datetime.combine(start, dt.time(8), tzinfo=dt.UTC)
    planning.set_calendar(actor=admin, project=project, start_date=start, now=kickoff)
    release = tracker.create_issue(actor=admin, project=project, fields={"title": "Release 2.0", "type": "Epic"},
                                   now=kickoff)
    planning.add_to_schedule(actor=admin, issue=release, duration_minutes=DAY, now=kickoff)
    team = [users["sam"], users["lee"], users["maria"]]
    previous, tasks = None, []
    for n, title in enumerate(MOB_TASKS):
        person = team[n % len(team)]
        issue = tracker.create_issue(actor=admin, project=project, now=kickoff, fields={
            "title": title, "type": "Task", "parent": release.key, "assignee": person.username})
        planning.add_to_schedule(actor=admin, issue=issue, duration_minutes=7 * DAY, now=kickoff)
        planning.assign(actor=admin, issue=issue, user=person, units=100)
        if previous is not None:
            planning.add_dependency(actor=admin, project=project, predecessor=previous, successor=issue, now=kickoff)
        previous = issue
        tasks.append(issue)
    planning.save_baseline(actor=admin, project=project, name="Release plan", now=kickoff)
    at = kickoff
    for n, issue in enumerate(tasks[:4]):
        at += dt.timedelta(days=2)
        issue = tracker.update_issue(actor=admin, issue=issue, fields={"status": "In progress"}, now=at)
        if n < 3:
            at += dt.timedelta(days=12)
            tracker.update_issue(actor=admin, issue=issue, fields={"status": "Done"}, now=at)


def _log_work(project: Project, users: dict[str, User], today: dt.date, rng: random.Random, overrun: Decimal,
              now: dt.datetime) -> None:
    """Each person on a task done or under way logs its baseline work × its progress ×
    `overrun`, in a few entries over the days it ran; so AC ≈ EV × overrun."""
    baseline = Baseline.objects.filter(project=project).first()
    if baseline is None:
        return
    summaries = set(TaskSchedule.objects.filter(project=project, summary=True).values_list("issue_id", flat=True))
    people: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for issue_id, user_id, units in Assignment.objects.filter(issue__project=project).values_list(
            "issue_id", "user_id", "units"):
        people[issue_id].append((user_id, units))
    by_id = {u.pk: u for u in users.values()}
    booked: dict[tuple[int, dt.date], Decimal] = defaultdict(Decimal)
    for saved in BaselineTask.objects.filter(baseline=baseline).select_related("issue", "issue__status"):
        issue = saved.issue
        progress = {StatusCategory.DONE: Decimal(1), StatusCategory.IN_PROGRESS: Decimal("0.5")}.get(
            issue.status.category)
        if saved.issue_id in summaries or progress is None or not saved.duration_minutes:
            continue
        first = (issue.actual_start or saved.start).date()
        last = min((issue.actual_finish.date() if issue.actual_finish else today), today)
        days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        days = [d for d in days if d.weekday() < 5] or [first]
        # Where people were booked on several tasks at once, some of the work ran late.
        later = [last + dt.timedelta(days=n) for n in range(1, (today - last).days + 1)]
        later = [d for d in later if d.weekday() < 5]
        for user_id, units in people.get(issue.pk, []) or [(issue.assignee_id or users["sam"].pk, 100)]:
            hours = Decimal(saved.duration_minutes) / 60 * units / 100 * progress * overrun
            _spread(by_id[user_id], issue, hours, days, later, booked, rng, now)


def _spread(person: User, issue: Issue, hours: Decimal, days: list[dt.date], later: list[dt.date],
            booked: dict[tuple[int, dt.date], Decimal], rng: random.Random, now: dt.datetime) -> None:
    """A few entries on days the task ran; what a full day cannot take moves to the others."""
    chunks = max(1, min(len(days), int(hours // 6) + 1))
    chosen = sorted(rng.sample(days, chunks))
    each, left = (hours / chunks).quantize(Decimal("0.25")), hours.quantize(Decimal("0.25"))
    for day in chosen + [d for d in days if d not in chosen] + later:
        amount = min(each if day in chosen else left, left, Decimal(16) - booked[(person.pk, day)])
        if left <= 0:
            break
        if amount <= 0:
            continue
        try:
            services.log_time(actor=person, issue=issue, date=day, hours=amount, now=now)
        except DomainError:  # a demo person without access: their time is not worth logging
            return
        booked[(person.pk, day)] += amount
        left -= amount


def _money(project: Project, users: dict[str, User], today: dt.date, lines: list[tuple[str, int, list[
        tuple[str, int, int]]]], labour_share: Decimal, now: dt.datetime) -> None:
    admin = users["admin"]
    # The labour budget by phase: each top phase's share of the baseline, with a margin.
    for element in earned.report(project, today=today).elements:
        if element.key and element.level == 1 and element.figures.bac:
            budget.add_line(actor=admin, project=project, category_name="labour", phase_key=element.key,
                            amount=(element.figures.bac * labour_share).quantize(Decimal(10)),
                            note="The baseline's work at our rates")
    buyers = [users["maria"], users["sam"], users["lee"]]
    for n, (category, amount, bought) in enumerate(lines):
        budget.add_line(actor=admin, project=project, category_name=category, amount=amount)
        for description, price, days_ago in bought:
            expenses.add_expense(actor=buyers[n % len(buyers)], project=project, category_name=category,
                                 date=today - dt.timedelta(days=days_ago), amount=price, description=description,
                                 now=now)


def _timesheets(users: dict[str, User], today: dt.date, now: dt.datetime) -> None:
    """Weeks before last are approved; last week is submitted and waits for Maria, who
    approves everyone's time but her own (the admin approves hers)."""
    this_week = services.week_of(today)
    last_week = this_week - dt.timedelta(days=7)
    for person in users.values():
        weeks = sorted({services.week_of(d) for d in TimeEntry.objects.filter(person=person).values_list(
            "date", flat=True)})
        for week in weeks:
            if week >= this_week:
                continue
            sheet = timesheets.submit(actor=person, week=week, now=now)
            if week == last_week and person.username != "maria":
                continue
            approver = users["admin"] if person.username == "maria" else users["maria"]
            if timesheets.may_decide(approver, sheet):
                timesheets.decide(actor=approver, sheet=sheet, approve=True, now=now)
