"""The demo's lifecycle: WEB is in Execution with its business case, an approved charter
and the Initiation and Planning gates approved; its deliverables are partly signed off
and its RACI is filled in. MOB is still in Planning: its charter was approved, but its
Planning gate has items open. Both have lessons learned. Built through the lifecycle's
services, with moments in the past so the history has a shape."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from cairn.accounts.models import User
from cairn.lifecycle import deliverables, gates, initiation, lessons, raci
from cairn.tracker.models import Issue
from cairn.workspaces.models import Project

WEB_DELIVERABLES = [  # name, acceptance criteria, review items, signed off
    ("New design system", "- Every page uses the shared components\n- Contrast meets WCAG AA",
     ["Design review", "Accessibility audit"], True),
    ("Faster checkout", "- Checkout in **three** steps\n- p95 page load under 1.5 s on 4G",
     ["Load test passed", "Payment provider sign-off"], True),
    ("Accessible content pages", "- Screen reader walkthrough of the top 20 pages passes",
     ["Screen reader walkthrough", "Content owner review"], False),
]
MOB_DELIVERABLES = [
    ("Offline sync", "- Edits made offline survive a reconnect\n- No duplicate records", ["Sync soak test"], False),
    ("New payment flow", "- Passes App Store and Play review", ["Store review", "Security review"], False),
]
LESSONS = {
    "WEB": [("Book the load-test environment early", "Caught two slow queries before launch",
             "Shared environment was busy for a week", "Reserve it in the plan like any resource",
             ["environments", "performance"]),
            ("Design system first paid off", "Pages were built twice as fast after week 4", "",
             "Start every relaunch with the components", ["design"])],
    "MOB": [("Store review takes longer than planned", "", "The first submission was rejected for the payment flow",
             "Submit a test build in the first month", ["vendors", "estimates"]),
            ("Offline sync needs a spike", "", "We estimated sync as ordinary work and it doubled",
             "Time-box a spike before estimating risky work", ["estimates"])],
}


def _pass_gate(project: Project, users: dict[str, User], at: datetime) -> None:
    for check in gates.gate(project).checks:
        gates.tick(actor=users["sam"], project=project, item_id=check.item.pk, ticked=True, now=at)
    gates.approve(actor=users["maria"], project=project, now=at)


def _initiate(project: Project, users: dict[str, User], at: datetime, objectives: str, budget: str) -> None:
    manager = users["maria"]
    initiation.save_business_case(actor=manager, project=project, now=at, data={
        "problem": project.description, "options": "1. Do nothing\n2. Improve in place\n3. **Rebuild**",
        "benefits": "More customers complete what they came for.", "costs": f"About {budget} over the project.",
        "feasibility": "The team built the previous version; no new technology."})
    initiation.save_charter(actor=manager, project=project, now=at, data={
        "objectives": objectives, "scope_summary": project.description, "sponsor": "Dana Whitfield (COO)",
        "manager": "maria", "milestones": "- Alpha\n- Beta\n- Launch", "budget": budget})
    initiation.approve_charter(actor=manager, project=project, now=at)


def _deliverables(project: Project, rows: list[tuple[str, str, list[str], bool]], users: dict[str, User],
                  at: datetime, signed_at: datetime, rng: random.Random) -> None:
    manager = users["maria"]
    summaries = list(Issue.objects.filter(project=project).order_by("number")[:12])
    for n, (name, criteria, review, signed) in enumerate(rows):
        linked = [i.key for i in rng.sample(summaries, 2)] if len(summaries) >= 2 else []
        made = deliverables.add_deliverable(actor=manager, project=project, now=at, data={
            "name": name, "acceptance_criteria": criteria, "review": review, "issues": linked})
        raci.set_matrix(actor=manager, project=project, rows={made.number: {
            "maria": "A", "sam" if n % 2 else "lee": "R", "lee" if n % 2 else "sam": "C", "kim": "I"}})
        items = list(made.review.all())
        done = items if signed else items[:1]
        for item in done:
            deliverables.mark_review_item(actor=users["lee"], deliverable=made, item_id=item.pk, done=True,
                                          now=signed_at - timedelta(days=1))
        if signed:
            deliverables.sign_off(actor=manager, deliverable=made, now=signed_at)


def _lessons(project: Project, users: dict[str, User], at: datetime) -> None:
    for n, (title, well, badly, recommendation, tags) in enumerate(LESSONS[project.key]):
        lessons.add_lesson(actor=users["sam" if n % 2 else "lee"], project=project, now=at + timedelta(days=n), data={
            "title": title, "went_well": well, "went_badly": badly, "recommendation": recommendation, "tags": tags})


def seed(projects: dict[str, Project], users: dict[str, User], now: datetime, rng: random.Random) -> None:
    web, mob = projects["WEB"], projects["MOB"]
    manager = users["maria"]
    _initiate(web, users, now - timedelta(days=88), "- Relaunch the site with the new design\n- Halve checkout time",
              "180000")
    _pass_gate(web, users, now - timedelta(days=85))
    deliverables.save_record(actor=manager, project=web, now=now - timedelta(days=84), data={
        "in_scope": "- Public pages\n- Checkout\n- Design system",
        "out_of_scope": "- The mobile app\n- The partner portal",
        "handover": "Operations takes over the site after launch; runbooks live in the wiki."})
    _deliverables(web, WEB_DELIVERABLES, users, now - timedelta(days=82), now - timedelta(days=12), rng)
    _pass_gate(web, users, now - timedelta(days=80))
    _lessons(web, users, now - timedelta(days=20))

    _initiate(mob, users, now - timedelta(days=60), "- Ship version 2.0 with offline sync\n- New payment flow",
              "240000")
    _pass_gate(mob, users, now - timedelta(days=55))
    deliverables.save_record(actor=manager, project=mob, now=now - timedelta(days=50), data={
        "in_scope": "- iOS and Android apps\n- Offline sync", "out_of_scope": "- Tablet layouts"})
    _deliverables(mob, MOB_DELIVERABLES, users, now - timedelta(days=50), now - timedelta(days=8), rng)
    for check in gates.gate(mob).checks[:2]:
        gates.tick(actor=users["lee"], project=mob, item_id=check.item.pk, ticked=True, now=now - timedelta(days=10))
    _lessons(mob, users, now - timedelta(days=15))
