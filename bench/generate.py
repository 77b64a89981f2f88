"""Generate a benchmark dataset: a workspace, people, projects and N issues.

    .venv/bin/python bench/generate.py --issues 100000 [--projects K] [--data-dir DIR]
        [--seed S] [--users U]

By default the data goes into a fresh data directory, ``bench/out/data-N`` (SQLite);
``--data-dir env`` uses ``CAIRN_DATA_DIR`` instead.  When ``CAIRN_DATABASE_URL`` is set
the rows go to that database (a missing PostgreSQL database is created) and the data
directory only keeps the secret key and ``bench.json``.

Idempotent: a second run finds the "Bench" workspace and only tops the issue count up
to N (it never deletes).  The per-project issue numbers run 1..issue_counter without
gaps, like those the create-issue service hands out.

Issues are written with ``bulk_create`` in batches, bypassing the per-issue service
(which costs ~10 queries each); each issue still gets its labels, watchers (reporter
and assignee) and the "created" history row the service would write.

Prints the admin username and a fresh API token, and writes ``DIR/bench.json``
(project keys, usernames, busiest assignee, search words, token) for bench/api.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
WORKSPACE_SLUG = "bench"
ADMIN = "bench-admin"
BATCH = 2000

WORDS = ["login", "page", "crash", "export", "csv", "report", "dashboard", "timeout", "upload", "avatar", "invoice", "search", "filter", "sort", "pagination", "email", "notification", "webhook", "token", "session", "password", "reset", "calendar", "holiday", "gantt", "baseline", "resource", "budget", "forecast", "milestone", "sprint", "backlog", "kanban", "board", "column", "drag", "drop", "attachment", "preview", "thumbnail", "permission", "role", "guest", "admin", "audit", "history", "import", "mapping", "field", "validation", "locale", "timezone", "date", "format", "currency", "rounding", "cache", "latency", "memory", "leak", "migration", "index", "query", "slow", "deadlock", "retry", "backoff", "queue", "worker", "cron", "schedule", "api", "client", "mobile", "layout", "dark", "theme", "accessibility", "keyboard", "shortcut", "tooltip", "modal", "dialog", "spinner", "chart", "legend", "axis"]
VERBS = ("Fix", "Add", "Improve", "Refactor", "Investigate", "Remove", "Support", "Document",
         "Speed up", "Test", "Redesign", "Handle", "Migrate", "Clean up", "Validate")
# Rare words: each appears in about one issue in a few hundred, so a text search has a
# small, selective result (like a user searching for a specific thing).
RARE = ("quokka", "zeppelin", "marzipan", "fjord", "kumquat", "obsidian", "tamarind", "yodel")
LABELS = ("backend", "frontend", "ux", "performance", "security", "docs", "tech-debt",
          "customer", "regression", "good-first-issue", "api", "mobile")
TYPE_WEIGHTS = {"Task": 45, "Bug": 30, "Feature": 15, "Epic": 3, "Milestone": 2, "Risk": 5}
PRIORITY_WEIGHTS = {"Highest": 4, "High": 16, "Medium": 50, "Low": 22, "Lowest": 8}
STATUS_WEIGHTS = {"To do": 35, "In progress": 15, "In review": 8, "Done": 42}
FIRST = ("ada", "alan", "grace", "edsger", "barbara", "donald", "margaret", "ken", "dennis",
         "linus", "guido", "bjarne", "frances", "john", "leslie", "tony", "niklaus", "radia",
         "sophie", "shafi", "hedy", "katherine", "annie", "mary", "jean", "karen", "ivan",
         "judea", "yann", "fei")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, required=True, help="total issues wanted")
    parser.add_argument("--projects", type=int, default=None,
                        help="projects to spread them over (default: 1 per 20,000, 2..10)")
    parser.add_argument("--users", type=int, default=40, help="people in the workspace")
    parser.add_argument("--data-dir", default=None,
                        help="data directory (default bench/out/data-N; 'env' = CAIRN_DATA_DIR)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    return parser.parse_args(argv)


def resolve_data_dir(option: str | None, issues: int) -> Path:
    if option == "env":
        return Path(os.environ.get("CAIRN_DATA_DIR", "var")).resolve()
    if option:
        return Path(option).resolve()
    suffix = "-pg" if os.environ.get("CAIRN_DATABASE_URL", "").startswith("postgres") else ""
    return BENCH_DIR / "out" / f"data-{issues}{suffix}"


def ensure_postgres_database(url: str) -> None:
    """Creates the database named in a postgres:// URL when it does not exist."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    cfg = dj_database_url.parse(url)
    params = {"host": cfg.get("HOST") or None, "port": cfg.get("PORT") or None,
              "user": cfg.get("USER") or None, "password": cfg.get("PASSWORD") or None}
    params = {k: v for k, v in params.items() if v}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (cfg["NAME"],)).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(cfg["NAME"])))


def setup_django(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["CAIRN_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cairn.settings")
    url = os.environ.get("CAIRN_DATABASE_URL", "")
    if url.startswith("postgres"):
        ensure_postgres_database(url)
    import django

    django.setup()


def weighted(rng: random.Random, weights: dict[str, int], k: int) -> list[str]:
    return rng.choices(list(weights), weights=list(weights.values()), k=k)


def sentence(rng: random.Random, lo: int, hi: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return " ".join(words).capitalize() + "."


def description(rng: random.Random) -> str:
    shape = rng.random()
    if shape < 0.15:
        return ""
    paragraphs = []
    for _ in range(1 if shape < 0.5 else rng.randint(2, 5)):
        paragraphs.append(" ".join(sentence(rng, 5, 16) for _ in range(rng.randint(1, 5))))
    if shape > 0.8:
        steps = "\n".join(f"{i}. {sentence(rng, 3, 8)}" for i in range(1, rng.randint(3, 6)))
        paragraphs.append("Steps to reproduce:\n\n" + steps)
    if shape > 0.93:
        paragraphs.append("```\nTraceback (most recent call last):\n  File \"app.py\", line "
                          f"{rng.randint(10, 900)}, in handler\nValueError: {rng.choice(WORDS)}\n```")
    if rng.random() < 0.004 * len(RARE):
        paragraphs.append(f"Related to the {rng.choice(RARE)} case.")
    return "\n\n".join(paragraphs)


def title(rng: random.Random) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6)))
    text = f"{rng.choice(VERBS)} {words}"
    if rng.random() < 0.002 * len(RARE):
        text += f" ({rng.choice(RARE)})"
    return text[:255]


def ensure_people(n_users: int, rng: random.Random):  # type: ignore[no-untyped-def]
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from cairn.accounts.models import User
    from cairn.accounts.services import create_user
    from cairn.workspaces.models import Role, Workspace, WorkspaceMember
    from cairn.workspaces.services import create_workspace

    admin = User.objects.filter(username=ADMIN).first()
    if admin is None:
        admin = create_user(username=ADMIN, email="bench-admin@example.com",
                            password="bench-" + os.urandom(12).hex(),
                            display_name="Bench Admin", is_superuser=True)
    workspace = Workspace.objects.filter(slug=WORKSPACE_SLUG).first()
    if workspace is None:
        workspace = create_workspace(owner=admin, name="Bench", now=timezone.now())
    names = [f"{FIRST[i % len(FIRST)]}{'' if i < len(FIRST) else i // len(FIRST)}"
             for i in range(n_users)]
    existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
    # One hash for everybody: hashing 40 passwords one by one would take ~15 s.
    hashed = make_password("bench-" + os.urandom(8).hex())
    User.objects.bulk_create(
        User(username=n, email=f"{n}@example.com", display_name=n.capitalize(), password=hashed)
        for n in names if n not in existing
    )
    users = list(User.objects.filter(username__in=names).order_by("id"))
    members = set(WorkspaceMember.objects.filter(workspace=workspace).values_list("user_id", flat=True))
    roles = [Role.MEMBER] * 8 + [Role.MANAGER]
    WorkspaceMember.objects.bulk_create(
        WorkspaceMember(workspace=workspace, user=u, role=rng.choice(roles))
        for u in users if u.pk not in members
    )
    return admin, workspace, users


def ensure_projects(admin, workspace, count: int, rng: random.Random):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from cairn.tracker.models import CustomField, Label, Milestone
    from cairn.tracker.setup import create_project
    from cairn.workspaces.models import Project

    keys = [f"P{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(count)]
    projects = []
    today = dt.date.today()
    for i, key in enumerate(keys):
        project = Project.objects.filter(key=key).first()
        if project is None:
            project = create_project(actor=admin, workspace=workspace, key=key,
                                     name=f"Bench project {i + 1}", now=timezone.now())
            Label.objects.bulk_create(Label(project=project, name=n) for n in LABELS)
            Milestone.objects.bulk_create(
                Milestone(project=project, name=f"v{1 + m // 4}.{m % 4}",
                          due_date=today + dt.timedelta(days=60 * (m - 6)), closed=m < 6)
                for m in range(10)
            )
            CustomField.objects.create(project=project, name="Customer", kind="text", position=0)
            CustomField.objects.create(project=project, name="Severity", kind="select",
                                       options=["S1", "S2", "S3", "S4"], position=1)
        projects.append(project)
    return projects


def fill_project(project, users, admin, want: int, rng: random.Random, log) -> int:  # type: ignore[no-untyped-def]
    """Adds issues to `project` until it has `want`; returns how many it added."""
    from django.db import transaction
    from django.db.models import Max

    from cairn.tracker.models import (
        Change,
        CustomField,
        Issue,
        IssueType,
        Label,
        Milestone,
        Priority,
        Status,
    )
    from cairn.workspaces.models import Project

    have = Issue.objects.filter(project=project).aggregate(m=Max("number"))["m"] or 0
    if have >= want:
        return 0
    types = {t.name: t for t in IssueType.objects.filter(project=project)}
    statuses = {s.name: s for s in Status.objects.filter(project=project)}
    priorities = {p.name: p for p in Priority.objects.filter(project=project)}
    labels = list(Label.objects.filter(project=project))
    milestones = list(Milestone.objects.filter(project=project))
    fields = {f.name: str(f.pk) for f in CustomField.objects.filter(project=project)}
    epics = list(Issue.objects.filter(project=project, type=types["Epic"]).values_list("pk", flat=True))
    # A few people get most of the work (like real teams): weights ~ 1/rank.
    people = list(users) + [admin]
    user_weights = [1.0 / (i + 1) for i in range(len(people))]
    LabelLink = Issue.labels.through
    Watch = Issue.watchers.through
    now = dt.datetime.now(dt.UTC)
    span = dt.timedelta(days=730)
    added = 0
    number = have
    began = time.perf_counter()
    while number < want:
        size = min(BATCH, want - number)
        type_names = weighted(rng, TYPE_WEIGHTS, size)
        prio_names = weighted(rng, PRIORITY_WEIGHTS, size)
        rows: list[Issue] = []
        extras = []
        for j in range(size):
            number += 1
            # Numbers grow with time: later issues were created later.
            created = now - span + span * ((number - 1) / want) + dt.timedelta(
                minutes=rng.randint(0, 600))
            created = min(created, now - dt.timedelta(minutes=1))
            age_days = (now - created).days
            # Old issues are mostly done; recent ones mostly open.
            done_bias = min(0.9, 0.15 + age_days / 900)
            if rng.random() < done_bias:
                status_name = "Done"
            else:
                status_name = weighted(rng, {k: v for k, v in STATUS_WEIGHTS.items() if k != "Done"}, 1)[0]
            status = statuses[status_name]
            updated = created + dt.timedelta(minutes=rng.randint(0, max(1, min(age_days, 120)) * 1440))
            updated = min(updated, now)
            assignee = None if rng.random() < 0.18 else rng.choices(people, weights=user_weights)[0]
            reporter = rng.choice(people)
            start = created.date() + dt.timedelta(days=rng.randint(0, 30)) if rng.random() < 0.6 else None
            due = (start or created.date()) + dt.timedelta(days=rng.randint(1, 90)) if rng.random() < 0.55 else None
            custom: dict[str, object] = {}
            if rng.random() < 0.3:
                custom[fields["Severity"]] = rng.choice(["S1", "S2", "S3", "S4"])
            if rng.random() < 0.1:
                custom[fields["Customer"]] = f"Customer {rng.randint(1, 200)}"
            issue = Issue(
                project=project,
                number=number,
                type=types[type_names[j]],
                status=status,
                priority=priorities[prio_names[j]],
                title=title(rng),
                description=description(rng),
                assignee=assignee,
                reporter=reporter,
                start_date=start,
                due_date=due,
                estimate_hours=Decimal(rng.choice([1, 2, 3, 4, 6, 8, 12, 16, 24, 40])) if rng.random() < 0.5 else None,
                spent_hours=Decimal(rng.randint(0, 30)) if status_name != "To do" and rng.random() < 0.5 else Decimal(0),
                story_points=Decimal(rng.choice([1, 2, 3, 5, 8, 13])) if rng.random() < 0.4 else None,
                milestone=rng.choice(milestones) if rng.random() < 0.5 else None,
                parent_id=rng.choice(epics) if epics and type_names[j] != "Epic" and rng.random() < 0.2 else None,
                custom_values=custom,
                created_at=created,
                updated_at=updated,
                resolved_at=updated if status_name == "Done" else None,
                version=1 + rng.randint(0, 6),
            )
            rows.append(issue)
            n_labels = rng.choices((0, 1, 2, 3), weights=(35, 40, 18, 7))[0]
            extras.append((rng.sample(labels, n_labels), assignee, reporter, created))
        with transaction.atomic():
            Issue.objects.bulk_create(rows)
            if rows[0].pk is None:  # a backend without RETURNING: read the ids back
                ids = dict(Issue.objects.filter(project=project, number__gt=number - size)
                           .values_list("number", "pk"))
                for row in rows:
                    row.pk = ids[row.number]
            links, watches, changes = [], [], []
            for row, (chosen, assignee, reporter, created) in zip(rows, extras):
                links.extend(LabelLink(issue_id=row.pk, label_id=label.pk) for label in chosen)
                watchers = {reporter.pk} | ({assignee.pk} if assignee else set())
                watches.extend(Watch(issue_id=row.pk, user_id=u) for u in watchers)
                changes.append(Change(issue_id=row.pk, actor_id=reporter.pk, at=created,
                                      field="created", new_value=row.title))
            LabelLink.objects.bulk_create(links, batch_size=5000)
            Watch.objects.bulk_create(watches, batch_size=5000)
            Change.objects.bulk_create(changes, batch_size=5000)
            Project.objects.filter(pk=project.pk).update(issue_counter=number)
        epics.extend(row.pk for row in rows if row.type_id == types["Epic"].pk)
        added += size
        rate = added / (time.perf_counter() - began)
        log(f"  {project.key}: {number}/{want} issues ({rate:,.0f}/s)")
    return added


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.issues < 0:
        print("--issues must be >= 0", file=sys.stderr)
        return 2
    projects_wanted = args.projects or max(2, min(10, args.issues // 20_000))
    data_dir = resolve_data_dir(args.data_dir, args.issues)
    setup_django(data_dir)
    log = (lambda _msg: None) if args.quiet else (lambda msg: print(msg, flush=True))

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from cairn.accounts.services import issue_token
    from cairn.tracker.models import Issue

    began = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # only this connection: loading, not serving
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-200000")
    rng = random.Random(args.seed)
    admin, workspace, users = ensure_people(args.users, rng)
    projects = ensure_projects(admin, workspace, projects_wanted, rng)
    # Uneven project sizes, like real ones: the first project is the biggest.
    shares = [1.0 / (i + 1) ** 0.5 for i in range(len(projects))]
    targets = [int(args.issues * s / sum(shares)) for s in shares]
    targets[0] += args.issues - sum(targets)
    added = 0
    for project, target in zip(projects, targets):
        # Each project has its own stream so a top-up run stays reproducible.
        added += fill_project(project, users, admin, target,
                              random.Random(f"{args.seed}-{project.key}-{target}"), log)
    if added:
        # Bulk-created issues bypass the services, so the full-text index is built here.
        from cairn.tracker.indexing import rebuild

        log(f"indexed {rebuild(p.pk for p in projects):,} issues for search")
    if added:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    total = Issue.objects.filter(project__workspace=workspace).count()
    _, token = issue_token(user=admin, name="bench", now=timezone.now())

    # The busiest assignee in the biggest project: the list-with-filter benchmark's target.
    from django.db.models import Count

    busiest = (
        Issue.objects.filter(project=projects[0], assignee__isnull=False)
        .values_list("assignee__username").annotate(n=Count("id")).order_by("-n")[:3]
    )
    meta = {
        "issues": total,
        "admin": ADMIN,
        "token": token,
        "database": connection.vendor,
        "projects": [{"key": p.key, "issues": t} for p, t in zip(projects, targets)],
        "users": [u.username for u in users],
        "assignees": [name for name, _ in busiest],
        "search_words": list(RARE[:4]) + ["deadlock", "timezone"],
        "labels": list(LABELS),
        "data_dir": str(data_dir),
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    (data_dir / "bench.json").write_text(json.dumps(meta, indent=2))
    seconds = time.perf_counter() - began
    print(f"data dir: {data_dir} ({connection.vendor})")
    print(f"issues: {total:,} in {len(projects)} projects ({added:,} added in {seconds:.1f} s)")
    print(f"admin: {ADMIN}")
    print(f"token: {token}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    raise SystemExit(main())
