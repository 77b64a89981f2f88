"""How long the portfolio of 200 projects and a status report of a 2,000-task project
take to answer, through Django's own client in this process (no HTTP server, so the
figures are the application's own cost).

    .venv/bin/python bench/portfolio.py [--projects 200] [--tasks 2000] [--runs 20]

The 2,000-task project is planned, baselined four months ago, half done, with people
assigned, time logged, a budget, risks and change requests. Each of the 200 projects
has a few reports. Uses a scratch SQLite database in bench/out/portfolio (or
CAIRN_DATABASE_URL)."""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from functools import partial

import in_process
from in_process import scratch_django

TARGET_MS: float = 200

measure = partial(in_process.measure, target_ms=TARGET_MS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    scratch_django("portfolio")
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from cairn.reporting import services

    user, big, began = seed(args)
    now = timezone.now()
    client = Client()
    client.force_login(user)
    from cairn.accounts.services import issue_token

    _, secret = issue_token(user=user, name="bench", now=now)
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    report = services.generate(actor=user, project=big, now=now)
    urls = {"portfolio page": (client, "/portfolio/?sort=health"), "portfolio API": (api, "/api/v1/portfolio?limit=200"),
            "report page": (client, report.url)}
    counts = {}
    for name, (caller, url) in urls.items():
        with CaptureQueriesContext(connection) as queries:
            status = caller.get(url).status_code
        if status != 200:
            print(f"{url} answered {status}")
            return 1
        counts[name] = len(queries)
    with CaptureQueriesContext(connection) as queries:
        services.generate(actor=user, project=big, now=now)
    counts["generate"] = len(queries)
    print(f"{args.projects} projects with reports, one of {args.tasks:,} planned tasks, on {connection.vendor} "
          f"(seeded in {time.perf_counter() - began:.0f} s)")
    for name, (caller, url) in urls.items():
        print(f"{name:<15} GET {url}: {measure(args.runs, lambda c=caller, u=url: c.get(u))}, {counts[name]} queries")
    print(f"{'generate':<15} a status report of the {args.tasks:,}-task project: "
          f"{measure(args.runs, lambda: services.generate(actor=user, project=big, now=now))}, "
          f"{counts['generate']} queries")
    return 0


def seed(args: argparse.Namespace) -> tuple:  # type: ignore[type-arg]
    from django.utils import timezone

    from cairn.accounts.services import create_user
    from cairn.controls import changes, risks
    from cairn.costs import budget, rates
    from cairn.costs.models import TimeEntry
    from cairn.planning import services as planning
    from cairn.planning.models import Assignment, Dependency, TaskSchedule
    from cairn.reporting import services
    from cairn.tracker.models import Issue, IssueType, Priority, Status, StatusCategory
    from cairn.tracker.setup import create_project
    from cairn.workspaces.services import create_workspace

    began = time.perf_counter()
    rng = random.Random(9)
    now = timezone.now()
    stamp = f"{now:%H%M%S%f}"
    user = create_user(username=f"pm{stamp}", email=f"pm{stamp}@example.com", password="x" * 20)
    team = [create_user(username=f"t{n}x{stamp}", email=f"t{n}x{stamp}@example.com", password="x" * 20)
            for n in range(8)]
    workspace = create_workspace(owner=user, name=f"Bench {stamp}", now=now)
    projects = []
    for n in range(args.projects - 1):
        project = create_project(actor=user, workspace=workspace, key=f"P{n:03d}{stamp[-4:]}"[:10],
                                 name=f"Project {n}", now=now)
        if n % 4 == 0:
            risks.create_risk(actor=user, project=project, now=now, data={
                "title": "Supplier late", "probability": rng.randint(1, 5), "impact": rng.randint(1, 5)})
        for _ in range(2):
            services.generate(actor=user, project=project, now=now)
        projects.append(project)
    big = create_project(actor=user, workspace=workspace, key=f"BIG{stamp[-6:]}", name="Big plan", now=now)
    start = (now - dt.timedelta(days=120)).date()
    planning.set_calendar(actor=user, project=big, start_date=start - dt.timedelta(days=start.weekday()), now=now)
    kind, priority = IssueType.objects.filter(project=big).first(), Priority.objects.filter(project=big).first()
    todo = Status.objects.filter(project=big, category=StatusCategory.TO_DO).first()
    milestone = IssueType.objects.get(project=big, name="Milestone")
    issues = Issue.objects.bulk_create(
        Issue(project=big, number=n + 1, type=milestone if n % 100 == 99 else kind, status=todo, priority=priority,
              title=f"Task {n + 1}", created_at=now, updated_at=now) for n in range(args.tasks))
    big.issue_counter = args.tasks
    big.save(update_fields=["issue_counter"])
    TaskSchedule.objects.bulk_create(
        TaskSchedule(issue=i, project=big, position=n, duration_minutes=0 if i.type_id == milestone.pk
                     else rng.choice([480, 960, 1440])) for n, i in enumerate(issues))
    links = {(rng.randrange(max(0, n - 40), n), n) for n in range(1, len(issues)) if rng.random() < 0.6}
    Dependency.objects.bulk_create(Dependency(project=big, predecessor=issues[a], successor=issues[b])
                                   for a, b in links)
    Assignment.objects.bulk_create(Assignment(issue=i, user=rng.choice(team), units=100) for i in issues
                                   if i.type_id != milestone.pk)
    planning.reschedule(big, actor=user, now=now)
    planning.save_baseline(actor=user, project=big, name="Approved", now=now)
    rates.set_rate(actor=user, project=big, hourly_rate="60", effective_from="2020-01-01")
    budget.add_line(actor=user, project=big, category_name="labour", amount="2500000")
    done = Status.objects.filter(project=big, category=StatusCategory.DONE).first()
    Issue.objects.filter(pk__in=[i.pk for i in issues[: args.tasks // 2]]).update(status=done, resolved_at=now)
    today = now.date()
    TimeEntry.objects.bulk_create(
        TimeEntry(issue=rng.choice(issues[: args.tasks // 2]), person=rng.choice(team), minutes=rng.choice([120, 480]),
                  date=today - dt.timedelta(days=rng.randint(1, 110)), created_at=now) for _ in range(3000))
    for n in range(30):
        risks.create_risk(actor=user, project=big, now=now, data={
            "title": f"Risk {n}", "probability": rng.randint(1, 5), "impact": rng.randint(1, 5)})
    for n in range(10):
        changes.raise_change(actor=user, project=big, now=now, data={"title": f"Change {n}", "cost_impact": "1000"})
    return user, big, began


if __name__ == "__main__":
    sys.exit(main())
