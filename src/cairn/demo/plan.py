"""The demo schedule: a website relaunch plan of eight phases, 60-odd tasks with all
four link types and lags, a holiday calendar, people shared between tasks, a baseline."""

from __future__ import annotations

import datetime as dt
import random

from cairn.accounts.models import User
from cairn.planning import capacity
from cairn.planning import services as planning
from cairn.planning.models import Dependency, TaskSchedule
from cairn.tracker import services as tracker
from cairn.tracker.models import Issue
from cairn.workspaces.models import Project

DAY = 480
PHASES = [
    ("Discovery", ["Stakeholder interviews", "Analytics review", "Competitor audit", "Content inventory",
                   "Requirements workshop", "Discovery report"]),
    ("Information architecture", ["Site map", "Navigation model", "Card sorting", "URL scheme", "IA sign-off"]),
    ("Design", ["Moodboards", "Design system tokens", "Home page design", "Product page design",
                "Checkout design", "Accessibility review", "Design sign-off"]),
    ("Content", ["Copy deck", "Product photography", "SEO keywords", "Legal pages", "Content migration plan",
                 "Translations"]),
    ("Front-end build", ["Component library", "Home page", "Product pages", "Search page", "Cart and checkout",
                         "Account pages", "Performance budget"]),
    ("Back-end build", ["Product API", "Search index", "Payment integration", "Order service", "Email templates",
                        "Admin tools"]),
    ("Testing", ["Test plan", "Functional testing", "Load testing", "Security review", "User acceptance testing",
                 "Bug fixing"]),
    ("Launch", ["Launch checklist", "DNS and CDN", "Redirects", "Go-live", "Hypercare", "Retrospective"]),
]
# (successor title, predecessor title, type, lag in days) beyond the chain inside each phase.
CROSS_LINKS = [
    ("Site map", "Discovery report", "FS", 0), ("Moodboards", "Requirements workshop", "SS", 2),
    ("Copy deck", "IA sign-off", "FS", 1),
    ("Component library", "Design system tokens", "SS", 3), ("Home page", "Home page design", "FS", 0),
    ("Product pages", "Product page design", "FS", 0), ("Cart and checkout", "Checkout design", "FS", 0),
    ("Product API", "IA sign-off", "FS", 0), ("Search page", "Search index", "FF", 1),
    ("Admin tools", "Product API", "SS", 2), ("Test plan", "Requirements workshop", "FS", 5),
    ("Functional testing", "Account pages", "FS", 0), ("Load testing", "Admin tools", "FS", 0),
    ("Security review", "Payment integration", "FF", 2), ("Translations", "Copy deck", "SS", 3),
    ("Launch checklist", "Test plan", "SF", 10), ("Go-live", "User acceptance testing", "FS", 1),
    ("Redirects", "Content migration plan", "FS", 0), ("Email templates", "Copy deck", "FS", -1),
]
MILESTONES = {"Discovery report", "IA sign-off", "Design sign-off", "Go-live"}


def load_plan(project: Project, users: dict[str, User], rng: random.Random, now: dt.datetime) -> None:
    admin = users["admin"]
    start = (now - dt.timedelta(days=40)).date()
    start -= dt.timedelta(days=start.weekday())
    year = start.year
    planning.set_calendar(actor=admin, project=project, start_date=start, now=now, holidays=[
        {"date": f"{year}-12-24", "name": "Christmas Eve"}, {"date": f"{year}-12-25", "name": "Christmas Day"},
        {"date": f"{year}-12-26", "name": "Boxing Day"}, {"date": f"{year}-12-31", "name": "New Year's Eve"},
        {"date": f"{year + 1}-01-01", "name": "New Year's Day"}, {"date": f"{year + 1}-04-03", "name": "Good Friday"},
    ])
    units_of = {"maria": 100, "sam": 100, "lee": 80, "admin": 50}
    for username, units in units_of.items():
        capacity.set_units(actor=admin, person=users[username], units=units)
    team = [users["maria"], users["sam"], users["lee"], users["admin"]]
    issues: dict[str, Issue] = {}
    position = 0
    for phase, titles in PHASES:
        summary = tracker.create_issue(actor=admin, project=project, fields={"title": phase, "type": "Epic"}, now=now)
        TaskSchedule.objects.create(issue=summary, project=project, position=position, duration_minutes=0)
        position += 1
        previous = None
        for title in titles:
            kind = "Milestone" if title in MILESTONES else "Task"
            issue = tracker.create_issue(actor=admin, project=project, now=now, fields={
                "title": title, "type": kind, "parent": summary.key, "assignee": rng.choice(team).username})
            duration = 0 if kind == "Milestone" else rng.choice([1, 2, 3, 3, 5, 5, 8]) * DAY
            TaskSchedule.objects.create(issue=issue, project=project, position=position, duration_minutes=duration)
            position += 1
            if kind != "Milestone":
                person = issue.assignee or team[0]
                units = min(rng.choice([50, 100, 100]), units_of[person.username])
                planning.assign(actor=admin, issue=issue, user=person, units=units)
                if rng.random() < 0.3:
                    other = rng.choice([u for u in team if u != issue.assignee])
                    planning.assign(actor=admin, issue=issue, user=other, units=50)
            if previous is not None:
                Dependency.objects.create(project=project, predecessor=previous, successor=issue)
            previous = issue
            issues[title] = issue
    for successor, predecessor, kind, lag in CROSS_LINKS:
        Dependency.objects.create(project=project, predecessor=issues[predecessor], successor=issues[successor],
                                  kind=kind, lag_minutes=lag * DAY)
    planning.reschedule(project, actor=admin, now=now)
    _progress(project, admin, now)
    planning.save_baseline(actor=admin, project=project, name="Approved plan", now=now)
    # Since the baseline: design took longer and content started late, as plans do.
    planning.update_task(actor=admin, issue=issues["Checkout design"], changes={"duration_minutes": 8 * DAY}, now=now)
    planning.update_task(actor=admin, issue=issues["Copy deck"],
                         changes={"duration_minutes": 6 * DAY}, now=now)


def _progress(project: Project, admin: User, now: dt.datetime) -> None:
    """Work that should have started by today has, on the day it was planned to: and
    finished on its planned day when that is past."""
    today = now.date()
    for task in TaskSchedule.objects.filter(project=project, summary=False).select_related("issue"):
        if task.start is None or task.finish is None or task.start.date() > today:
            continue
        issue = tracker.update_issue(actor=admin, issue=task.issue, fields={"status": "In progress"}, now=task.start)
        if task.finish.date() < today:
            tracker.update_issue(actor=admin, issue=issue, fields={"status": "Done"}, now=task.finish)
    planning.reschedule(project, actor=admin, now=now)
