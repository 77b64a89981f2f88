"""How long one change to a 2,000-task plan takes in the product: load the plan from the
database, schedule it with the engine, store what moved — what every Gantt drag pays.

    .venv/bin/python bench/reschedule.py [--tasks 2000] [--changes 20] [--big-changes 6]

Uses a scratch SQLite database in bench/out/reschedule (or CAIRN_DATABASE_URL)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--big-changes", type=int, default=6)
    args = parser.parse_args()
    data_dir = ROOT / "bench" / "out" / "reschedule"
    data_dir.mkdir(parents=True, exist_ok=True)
    # Never the user's own data directory: this benchmark writes a scratch plan.
    os.environ["CAIRN_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cairn.settings")
    db = data_dir / "cairn.sqlite3"
    if db.exists() and "CAIRN_DATABASE_URL" not in os.environ:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Sum
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from cairn.accounts.services import create_user
    from cairn.planning import services as planning
    from cairn.planning.models import Dependency, TaskSchedule
    from cairn.tracker.models import Issue, IssueType, Priority, Status
    from cairn.tracker.setup import create_project
    from cairn.workspaces.services import create_workspace

    rng = random.Random(3)
    now = timezone.now()
    # Unique on a database kept between runs (PostgreSQL), without changing the plan's draws.
    user = create_user(username=f"planner{rng.randint(0, 10**9)}x{now:%H%M%S%f}", email="p@example.com",
                       password="x" * 20)
    workspace = create_workspace(owner=user, name=f"Bench {now:%H%M%S%f}", now=now)
    rng.randint(0, 99999)  # the project key's old draw, kept so that the plan stays the same
    project = create_project(actor=user, workspace=workspace, key=f"B{now:%H%M%S%f}"[:10], name="Bench plan", now=now)
    planning.set_calendar(actor=user, project=project, start_date=dt.date(2027, 1, 4), now=now,
                          holidays=[{"date": "2027-04-02"}, {"date": "2027-12-24"}, {"date": "2027-12-27"}])
    kind, status, priority = (IssueType.objects.filter(project=project).first(),
                              Status.objects.filter(project=project).first(), Priority.objects.filter(project=project).first())
    issues = Issue.objects.bulk_create(
        Issue(project=project, number=n + 1, type=kind, status=status, priority=priority, title=f"Task {n + 1}",
              created_at=now, updated_at=now) for n in range(args.tasks)
    )
    TaskSchedule.objects.bulk_create(
        TaskSchedule(issue=i, project=project, position=n, duration_minutes=rng.choice([480, 960, 1440, 2400]))
        for n, i in enumerate(issues)
    )
    links = set()
    for n in range(1, len(issues)):
        for _ in range(rng.choice([1, 2, 3])):
            links.add((rng.randrange(max(0, n - 50), n), n))
    Dependency.objects.bulk_create(
        Dependency(project=project, predecessor=issues[a], successor=issues[b],
                   kind=rng.choice(["FS", "FS", "FS", "SS", "FF", "SF"]), lag_minutes=rng.choice([0, 0, 480, -240]))
        for a, b in links
    )
    began, began_cpu = time.perf_counter(), time.process_time()
    planning.reschedule(project, actor=user, now=now)
    first, first_cpu = time.perf_counter() - began, time.process_time() - began_cpu

    def versions() -> int:  # every issue whose dates move gets a new version
        return Issue.objects.filter(project=project).aggregate(total=Sum("version"))["total"]

    def measure(changes: list[tuple[Issue, int]]) -> str:
        timings, cpu, moved = [], [], []
        for issue, minutes in changes:
            before = versions()
            began, began_cpu = time.perf_counter(), time.process_time()
            planning.update_task(actor=user, issue=issue, changes={"duration_minutes": minutes}, now=now)
            timings.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
            moved.append(versions() - before)
        timings.sort()
        # On a shared machine the wall clock swings with the neighbours' load; this
        # process's CPU time (all of the work on SQLite) is the steadier figure.
        return (f"{len(timings)} runs: median {statistics.median(timings):.0f} ms, "
                f"p90 {timings[max(0, int(len(timings) * 0.9) - 1)]:.0f} ms, best {timings[0]:.0f} ms, "
                f"CPU median {statistics.median(cpu):.0f} ms; "
                f"issues moved: median {statistics.median(moved):.0f}, most {max(moved)}")

    small = measure([(rng.choice(issues[: len(issues) // 4]), rng.choice([480, 960, 2880])) for _ in range(args.changes)])
    # The first task's length toggled: every task after it moves, as when a plan slips.
    big = measure([(issues[0], 2880 if n % 2 == 0 else 480) for n in range(args.big_changes)])
    print(f"plan: {args.tasks:,} tasks, {len(links):,} links on {connection.vendor}")
    print(f"first full schedule and store (every issue gets its dates): {first * 1000:.0f} ms, "
          f"CPU {first_cpu * 1000:.0f} ms")
    print(f"one change (update + reschedule + store), {small}")
    print(f"one change that moves the whole plan, {big}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
