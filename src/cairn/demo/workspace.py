"""The demo workspace: enough realistic data that every page has something to show.

Built through the same services users go through, with `now` moved back in time, so the
history, activity and dates look like 90 days of real work."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cairn.accounts.models import User
from cairn.accounts.services import create_user
from cairn.demo.controls import seed as seed_controls
from cairn.demo.costs import load_costs
from cairn.demo.lifecycle import seed as seed_lifecycle
from cairn.demo.plan import load_plan
from cairn.demo.product import load_product
from cairn.demo.reporting import seed as seed_reports
from cairn.tracker import comments, services, setup
from cairn.tracker.models import Issue, Status
from cairn.workspaces.models import Project, Role, Visibility, Workspace, WorkspaceMember
from cairn.workspaces.services import create_team, create_workspace, set_project_member

PEOPLE = [
    ("admin", "Ada Admin", Role.ADMIN),
    ("maria", "Maria Lopez", Role.MANAGER),
    ("sam", "Sam Okafor", Role.MEMBER),
    ("lee", "Lee Chen", Role.MEMBER),
    ("kim", "Kim Novak", Role.GUEST),
]
WEB_TOPICS = [
    "checkout page", "login form", "search results", "pricing page", "password reset", "cookie banner",
    "product gallery", "newsletter signup", "order history", "account settings", "site header",
    "footer links", "blog index", "404 page", "shopping cart", "invoice PDF", "contact form", "sitemap",
]
MOB_TOPICS = [
    "onboarding flow", "push notifications", "offline mode", "dark theme", "home feed", "profile screen",
    "deep links", "in-app purchase", "crash on launch", "biometric login", "settings screen", "share sheet",
    "image upload", "tablet layout", "app store listing", "background sync",
]
VERBS = {
    "Bug": ["{t} breaks on Safari", "{t} shows a blank state", "Typo on the {t}", "{t} is slow to load",
            "{t} loses input on back", "Wrong currency on the {t}"],
    "Feature": ["Redesign the {t}", "Add filters to the {t}", "Make the {t} accessible", "Localise the {t}",
                "A/B test the {t}"],
    "Task": ["Write copy for the {t}", "Review analytics for the {t}", "Update tests for the {t}",
             "Document the {t}", "Refactor the {t}"],
}
COMMENTS = [
    "I can reproduce this on staging. Steps are in the description.",
    "Looks good to me — @{other} can you double-check the edge cases?",
    "Blocked on the API change; picking it up tomorrow.",
    "Moved to the next milestone, we are out of capacity this sprint.",
    "Fixed in the latest build, please verify.",
    "Customer support reported this twice this week.",
    "**Design note:** keep the primary action on the right.",
]


@dataclass
class DemoLogin:
    username: str
    password: str
    created: bool


def _password() -> str:
    import os

    configured = os.environ.get("CAIRN_DEMO_PASSWORD")
    if configured:
        return configured
    stored = Path(settings.DATA_DIR) / "demo_password"
    if not stored.exists():
        stored.write_text(secrets.token_urlsafe(12))
        stored.chmod(0o600)
    return stored.read_text().strip()


def load(*, issues_per_project: int = 100, seed: int = 7) -> DemoLogin:
    password = _password()
    if Workspace.objects.filter(slug="demo").exists():
        return DemoLogin("admin", password, created=False)
    # The demo's customers and colleagues are made up: what it ships and invites mails nobody.
    mail_backend = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    try:
        return _load(password, issues_per_project, seed)
    finally:
        settings.EMAIL_BACKEND = mail_backend


def _load(password: str, issues_per_project: int, seed: int) -> DemoLogin:
    rng = random.Random(seed)
    now = timezone.now().replace(microsecond=0)
    start = now - timedelta(days=90)
    with transaction.atomic():
        users = {
            username: create_user(username=username, email=f"{username}@example.com", password=password,
                                  display_name=name, is_superuser=(username == "admin"))
            for username, name, _ in PEOPLE
        }
        admin = users["admin"]
        workspace = create_workspace(owner=admin, name="Demo", now=start)
        workspace.slug = "demo"
        workspace.save(update_fields=["slug"])
        for username, _, role in PEOPLE[1:]:
            WorkspaceMember.objects.create(workspace=workspace, user=users[username], role=role)
        create_team(actor=admin, workspace=workspace, name="Web team", members=[users["sam"], users["lee"]])
        create_team(actor=admin, workspace=workspace, name="Mobile team", members=[users["lee"], users["maria"]])
        web = _project(admin, workspace, "WEB", "Website relaunch",
                       "Relaunch of the public website: new design, faster checkout, accessible pages.",
                       Visibility.WORKSPACE, start, users)
        mob = _project(admin, workspace, "MOB", "Mobile app 2.0",
                       "Version 2.0 of the iOS and Android app. Private to the mobile team.",
                       Visibility.PRIVATE, start, users)
        _issues(web, WEB_TOPICS, issues_per_project, users, rng, start, now)
        _issues(mob, MOB_TOPICS, issues_per_project, users, rng, start, now)
        load_plan(web, users, rng, now)
        load_product(workspace, users, now, rng)
        # Costs first: it gives MOB the baselined plan whose scope the controls then guard.
        load_costs({"WEB": web, "MOB": mob}, users, now, rng)
        seed_controls({"WEB": web, "MOB": mob}, users, now, rng)
        seed_lifecycle({"WEB": web, "MOB": mob}, users, now, rng)
        seed_reports({"WEB": web, "MOB": mob}, users, now, rng)
    return DemoLogin("admin", password, created=True)


def _project(admin: User, workspace: Workspace, key: str, name: str, description: str, visibility: str,
             at: datetime, users: dict[str, User]) -> Project:
    project = setup.create_project(actor=admin, workspace=workspace, key=key, name=name,
                                   description=description, visibility=visibility, now=at)
    for username, role in (("maria", Role.MANAGER), ("sam", Role.MEMBER), ("lee", Role.MEMBER), ("kim", Role.GUEST)):
        set_project_member(actor=admin, project=project, user=users[username], role=role)
    for label, color in (("frontend", "#2563eb"), ("backend", "#7c3aed"), ("ux", "#db2777"),
                         ("performance", "#ea580c"), ("customer", "#16a34a")):
        setup.add_label(actor=admin, project=project, name=label, color=color)
    today = timezone.localdate()
    for mname, offset in (("Alpha", -20), ("Beta", 15), ("Launch", 45)):
        setup.add_milestone(actor=admin, project=project, name=f"{mname}", due_date=today + timedelta(days=offset),
                            description=f"{mname} of {name}")
    setup.add_custom_field(actor=admin, project=project, name="Customer impact", kind="select",
                           options=["Low", "Medium", "High"])
    setup.add_custom_field(actor=admin, project=project, name="Browser", kind="text")
    return project


def _issues(project: Project, topics: list[str], count: int, users: dict[str, User], rng: random.Random,
            start: datetime, now: datetime) -> None:
    statuses = list(Status.objects.filter(project=project))
    workers = [users["maria"], users["sam"], users["lee"], users["admin"]]
    epics: list[Issue] = []
    span = (now - start).total_seconds()
    moments = sorted(start + timedelta(seconds=rng.random() * span * 0.9) for _ in range(count))
    for n, created in enumerate(moments):
        reporter = rng.choice(workers)
        if n % 20 == 0:
            kind, title = "Epic", f"{rng.choice(['Rework', 'Launch', 'Polish'])} the {rng.choice(topics)}"
        else:
            kind = rng.choices(["Bug", "Feature", "Task"], weights=[4, 3, 3])[0]
            title = rng.choice(VERBS[kind]).format(t=rng.choice(topics))
            title = title[0].upper() + title[1:]
        fields = {
            "title": title,
            "type": kind,
            "priority": rng.choices(["Highest", "High", "Medium", "Low", "Lowest"], weights=[1, 3, 6, 3, 1])[0],
            "description": f"As reported by {reporter.name}.\n\n- Where: the {rng.choice(topics)}\n- Seen on: "
                           f"{rng.choice(['Chrome', 'Firefox', 'Safari', 'iOS 18', 'Android 15'])}\n",
            "labels": rng.sample(["frontend", "backend", "ux", "performance", "customer"], k=rng.randint(0, 2)),
            "story_points": rng.choice([None, 1, 2, 3, 5, 8]),
            "estimate_hours": rng.choice([None, 2, 4, 8, 16]),
            "milestone": rng.choice([None, "Alpha", "Beta", "Launch"]),
            "custom_fields": {"Customer impact": rng.choice(["Low", "Medium", "High", None])},
        }
        if rng.random() < 0.7:
            fields["assignee"] = rng.choice(workers).username
        if rng.random() < 0.6:
            due = (created + timedelta(days=rng.randint(5, 60))).date()
            fields["start_date"] = (created + timedelta(days=rng.randint(0, 4))).date().isoformat()
            fields["due_date"] = due.isoformat()
        if epics and kind != "Epic" and rng.random() < 0.3:
            fields["parent"] = rng.choice(epics).key
        issue = services.create_issue(actor=reporter, project=project, fields=fields, now=created)
        if kind == "Epic":
            epics.append(issue)
        _progress(issue, statuses, workers, rng, created, now)


def _progress(issue: Issue, statuses: list[Status], workers: list[User], rng: random.Random,
              created: datetime, now: datetime) -> None:
    """Walks the issue some way along its workflow, commenting on the way."""
    steps = rng.choices([0, 1, 2, 3], weights=[3, 3, 2, 4])[0]
    at = created
    for status in statuses[1 : steps + 1]:
        at = min(now, at + timedelta(hours=rng.randint(4, 24 * 10)))
        actor = issue.assignee or rng.choice(workers)
        fields: dict[str, object] = {"status": status.name}
        if status.category == "done":
            fields["spent_hours"] = rng.choice([1, 2, 3, 5, 8, 13])
        issue = services.update_issue(actor=actor, issue=issue, fields=fields, now=at)
        if rng.random() < 0.45:
            other = rng.choice([w for w in workers if w != actor])
            body = rng.choice(COMMENTS).format(other=other.username)
            comments.add_comment(actor=actor, issue=issue, body=body, now=at + timedelta(minutes=rng.randint(1, 90)))
