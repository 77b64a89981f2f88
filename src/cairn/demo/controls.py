"""The demo's project controls: WEB is healthy (a few low risks, one approved change
that re-baselined the plan), MOB is in trouble (two high and critical risks whose
exposure keeps rising, a change request waiting for a decision, scope creeping in since
its scope baseline), each with stakeholders, a communication plan and decisions.
Built through the controls' services, with moments in the past so the exposure chart
and the history have a shape."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from cairn.accounts.models import User
from cairn.controls import changes, decisions, risks, stakeholders
from cairn.planning import services as planning
from cairn.planning.models import Baseline
from cairn.tracker.models import Issue
from cairn.workspaces.models import Project

WEB_RISKS = [  # title, category, (p, i), owner, days ago raised, later (days ago, p, i, status)
    ("Hosting contract renewal slips", "external", (2, 2), "maria", 80, [(40, 1, 2, "open")]),
    ("Fonts licence unclear", "scope", (2, 3), "sam", 70, [(35, 1, 3, "open")]),
    ("Load test environment shared with another team", "resources", (2, 2), "lee", 50, []),
    ("Designer on leave during sign-off", "resources", (3, 3), "maria", 60, [(20, 1, 3, "closed")]),
]
MOB_RISKS = [
    ("App store review rejects the new payment flow", "external", (3, 4), "lee", 75,
     [(45, 4, 4, "open"), (10, 4, 5, "open")]),
    ("Offline sync loses edits on flaky networks", "technical", (3, 3), "sam", 60,
     [(30, 4, 4, "open"), (5, 5, 4, "open")]),
    ("Push notification vendor sunsets its SDK", "external", (2, 3), "maria", 40, []),
]


def seed(projects: dict[str, Project], users: dict[str, User], now: datetime, rng: random.Random) -> None:
    web, mob = projects["WEB"], projects["MOB"]
    manager = users["maria"]
    _risks(web, WEB_RISKS, users, now)
    _risks(mob, MOB_RISKS, users, now, overdue=True)
    _web_change(web, users, now)
    _mob_scope(mob, users, now)
    _stakeholders(web, manager, now, mob=False)
    _stakeholders(mob, manager, now, mob=True)
    _decisions(web, users, now, rng)
    _decisions(mob, users, now, rng)


def _risks(project: Project, rows: list[Any], users: dict[str, User], now: datetime, overdue: bool = False) -> None:
    manager = users["maria"]
    some = list(Issue.objects.filter(project=project).order_by("number")[:6])
    for n, (title, category, (p, i), owner, raised, later) in enumerate(rows):
        review = (now - timedelta(days=3) if overdue and n == 0 else now + timedelta(days=14 + 7 * n)).date()
        risk = risks.create_risk(actor=users[owner], project=project, now=now - timedelta(days=raised), data={
            "title": title, "category": category, "probability": p, "impact": i, "owner": owner,
            "response": "mitigate" if p * i > 4 else "accept", "review_date": review.isoformat(),
            "cause": f"Seen on similar projects: {title.lower()}.", "effect": "The plan or the budget moves."})
        for days_ago, p2, i2, status in later:
            risks.update_risk(actor=manager, risk=risk, now=now - timedelta(days=days_ago), data={
                "probability": p2, "impact": i2, "status": status, "note": "reviewed at the weekly meeting"})
        if some and p * i > 4:
            risks.add_action(actor=manager, risk=risk, key=some[n % len(some)].key, now=now)


def _web_change(web: Project, users: dict[str, User], now: datetime) -> None:
    """An approved change from a month ago: its baseline is older than the plan's latest,
    so the schedule page still compares with that."""
    when = now - timedelta(days=30)
    legal = Issue.objects.filter(project=web, title="Legal pages").first()
    go_live = Issue.objects.filter(project=web, title="Go-live").first()
    added = [] if legal is None or go_live is None else [
        {"title": "Cookie consent banner", "duration_minutes": 480, "after": [legal.key], "before": [go_live.key]}]
    change = changes.raise_change(actor=users["sam"], project=web, now=when, data={
        "title": "Cookie consent banner before go-live", "reason": "The legal review asks for consent before tracking.",
        "scope_impact": "One banner component and its settings page.", "cost_impact": "1200",
        "schedule_changes": added})
    changes.approve(actor=users["maria"], change=change, note="Required by law; the day fits in the float.",
                    now=when + timedelta(days=1))


def _mob_scope(mob: Project, users: dict[str, User], now: datetime) -> None:
    """MOB's scope was baselined six weeks ago; everything filed since is creep, and the
    change request that would cover two of the issues is still waiting."""
    latest = Baseline.objects.filter(project=mob).order_by("-created_at").first()
    if latest is None:  # no plan was baselined: the scope was, six weeks ago
        latest = planning.save_baseline(actor=users["maria"], project=mob, name="Scope baseline",
                                        now=now - timedelta(days=42))
    recent = list(Issue.objects.filter(project=mob, created_at__gt=latest.created_at).order_by("number")[:2])
    changes.raise_change(actor=users["lee"], project=mob, now=now - timedelta(days=4), data={
        "title": "Tablet layouts for 2.0", "reason": "Two large customers asked for iPad support at launch.",
        "scope_impact": "Every screen gets a two-column layout.", "cost_impact": "18500",
        "scope_issues": [i.key for i in recent]})


def _stakeholders(project: Project, manager: User, now: datetime, *, mob: bool) -> None:
    people = [
        ("Dana Whitfield", "Sponsor", "Acme board", 5, 5, "dana@example.com"),
        ("Customer advisory panel", "Users", "Customers", 5, 2, "panel@example.com"),
        ("Legal", "Compliance", "Acme", 2, 4, "legal@example.com"),
        ("Support team", "Support", "Acme", 4, 2, "support@example.com"),
    ]
    if mob:
        people.append(("App store relations", "Platform contact", "Apple / Google", 1, 4, ""))
    made = [stakeholders.add_stakeholder(actor=manager, project=project, data={
        "name": n, "role": r, "organisation": o, "interest": interest, "influence": influence, "contact": c})
        for n, r, o, interest, influence, c in people]
    plan = [("Status report", "e-mail", "weekly", "Weekly status report", [0, 2], "maria"),
            ("Steering meeting", "meeting", "monthly", "Status report and risk register", [0], "maria"),
            ("Release notes", "newsletter", "milestone", "", [1, 3], "sam")]
    if mob:
        plan.append(("Risk review", "meeting", "weekly", "Risk register", [0, 4], "lee"))
    for what, channel, frequency, report, audience, owner in plan:
        stakeholders.add_communication(actor=manager, project=project, data={
            "what": what, "channel": channel, "frequency": frequency, "report": report,
            "audience": [made[n].pk for n in audience], "owner": owner})


def _decisions(project: Project, users: dict[str, User], now: datetime, rng: random.Random) -> None:
    entries = [
        ("Keep the existing payment provider", "- Switch to a cheaper provider\n- Keep the current one",
         "Switching costs more in migration than it saves in fees this year.", "maria", 60),
        ("Ship accessibility fixes before new features", "- Features first\n- Fixes first",
         "WCAG AA is a launch requirement; fixing later costs twice.", "sam", 25),
    ]
    some = list(Issue.objects.filter(project=project).order_by("number")[:10])
    for title, options, rationale, who, days_ago in entries:
        decisions.log_decision(actor=users[who], project=project, now=now - timedelta(days=days_ago), data={
            "title": title, "options": options, "rationale": rationale, "decided_by": who,
            "issues": [rng.choice(some).key] if some else []})
