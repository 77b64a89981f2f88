"""The demo product's strategy part: two quarters of objectives (the last and the current
one) linked to features and WEB epics, three competitors and a comparison matrix, and
research notes whose insights back ideas and features. Built through the services."""

from __future__ import annotations

import datetime as dt
import random
from datetime import datetime

from cairn.accounts.models import User
from cairn.product.models import Feature, Idea, Objective, Product, Support
from cairn.product.services import market, research, strategy, work
from cairn.tracker.models import Issue

# (title, colour, [(key result, unit, start, target, share of the way reached)])
LAST_QUARTER = [
    ("Make the website fast enough to sell on", "#16a34a", [
        ("Median page load", "s", 3.2, 1.5, 1.0), ("Checkout conversion", "%", 2.1, 3.0, 0.85)]),
    ("Win the first self-hosted teams", "#7c3aed", [
        ("Teams running Cairn", "", 0, 40, 1.1), ("Setup under ten minutes", "%", 20, 80, 0.8),
        ("Support tickets per team", "", 6, 2, 0.6)]),
]
# Here the last number is the pace: the share of the way reached over the share of the
# quarter gone (1 is on the line, below 0.8 is behind), so the page has all three.
CURRENT_QUARTER = [
    ("Bring product managers into Cairn", "#2563eb", [
        ("Products with a roadmap", "", 0, 25, 1.25), ("Feedback entries linked to ideas", "%", 10, 70, 1.1),
        ("Weekly active product managers", "", 0, 60, 1.0)]),
    ("Win teams leaving Jira", "#db2777", [
        ("Teams migrated from Jira", "", 5, 45, 0.95), ("Import time for 10k issues", "min", 40, 10, 1.05)]),
    ("A plan teams trust", "#ea580c", [
        ("Issues with a planned date", "%", 30, 80, 0.55), ("Late milestones", "", 6, 1, 0.4)]),
]
COMPETITORS = [
    {"name": "Jira", "website": "https://www.atlassian.com/software/jira",
     "notes": "The default issue tracker of larger software teams; product discovery is a separate add-on.",
     "strengths": "- Everyone has used it\n- Huge marketplace of apps\n- Fine-grained workflows",
     "weaknesses": "- Slow pages and heavy configuration\n- Roadmaps and discovery cost extra\n"
                   "- Planning needs add-ons",
     "pricing": "Per user per month in tiers; a free tier for small teams; discovery billed separately."},
    {"name": "Linear", "website": "https://linear.app",
     "notes": "A fast, opinionated tracker loved by start-ups.",
     "strengths": "- Very fast, keyboard first\n- Clean cycles and projects",
     "weaknesses": "- Little for portfolio or schedule planning\n- Cloud only",
     "pricing": "Per user per month; a free tier with limits."},
    {"name": "Productboard", "website": "https://www.productboard.com",
     "notes": "A product management tool: feedback, prioritisation and roadmaps, beside a separate tracker.",
     "strengths": "- Strong feedback inbox and insights\n- Roadmaps for stakeholders",
     "weaknesses": "- Needs a tracker beside it for delivery\n- Priced per maker, costly as teams grow",
     "pricing": "Per maker per month; viewers free."},
]
# Capability, then the level for us, Jira, Linear, Productboard.
MATRIX = [
    ("Issue tracking", "full", "full", "full", "none"),
    ("Gantt and critical path", "full", "partial", "none", "none"),
    ("Resource levelling", "full", "partial", "none", "none"),
    ("Feedback inbox", "full", "partial", "partial", "full"),
    ("Prioritisation scores (RICE, WSJF)", "full", "partial", "none", "full"),
    ("Roadmap shared by link", "full", "partial", "partial", "full"),
    ("OKRs linked to work", "full", "partial", "none", "partial"),
    ("Release notes from done work", "full", "partial", "partial", "none"),
    ("KPI charts with releases", "full", "none", "none", "partial"),
    ("Self-hosted", "full", "partial", "none", "none"),
    ("Offline mobile app", "planned", "full", "full", "partial"),
]
NOTES = [
    ("Interview: head of product at a logistics firm", "interview", "Priya, head of product (120 people)", 40,
     "We moved off Jira last year, mostly because of speed.\n\n"
     "Our roadmap lived in slides. Every Monday I rebuilt the deck by hand, and by Wednesday it was wrong again.\n\n"
     "What I want is the roadmap to move when the work moves — no copy and paste.\n\n"
     "Customers ask for the same things in five channels. I lose track of who asked for what.",
     [("Every Monday I rebuilt the deck by hand", "Roadmaps drift from the work"),
      ("I lose track of who asked for what", "Feedback is scattered across channels")]),
    ("Interview: engineering manager at an agency", "interview", "Tom, engineering manager (35 people)", 18,
     "We run twelve client projects at once. The hard part is people: who is free next month?\n\n"
     "Our clients want a date. When a date slips we find out from the client, not from the tool.\n\n"
     "Self-hosting matters: two clients do not allow their data in someone else's cloud.",
     [("When a date slips we find out from the client, not from the tool", "Slipping dates are noticed too late"),
      ("two clients do not allow their data in someone else's cloud", "Self-hosting is a must for agencies")]),
    ("Survey: 48 product managers", "survey", "48 respondents from the newsletter", 9,
     "71 % keep a spreadsheet for prioritisation beside their tracker.\n\n"
     "Most wanted: a roadmap they can share with customers without exporting it.\n\n"
     "Release notes are written by hand in 80 % of teams, usually the night before a release.",
     [("keep a spreadsheet for prioritisation beside their tracker", "Scores live in spreadsheets"),
      ("Release notes are written by hand in 80 % of teams", "Release notes are manual work")]),
]


def seed(product: Product, users: dict[str, User], now: datetime, rng: random.Random) -> None:
    _objectives(product, users, now, rng)
    _market(product, users["maria"])
    _research(product, users, now, rng)


def quarter(day: dt.date, back: int = 0) -> tuple[str, dt.date, dt.date]:
    """The quarter `back` quarters before the one `day` is in: its label and days."""
    index = day.year * 4 + (day.month - 1) // 3 - back
    year, q = divmod(index, 4)
    starts = dt.date(year, q * 3 + 1, 1)
    following = dt.date(year + (q == 3), (q * 3 + 3) % 12 + 1, 1)
    return f"{year} Q{q + 1}", starts, following - dt.timedelta(days=1)


def _objectives(product: Product, users: dict[str, User], now: datetime, rng: random.Random) -> None:
    maria = users["maria"]
    made: dict[int, list[Objective]] = {}
    for back, plan in ((1, LAST_QUARTER), (0, CURRENT_QUARTER)):
        label, starts, ends = quarter(now.date(), back)
        # A finished quarter is measured against its end, the current one against today.
        gone = 1.0 if back else max((now.date() - starts).days + 1, 1) / ((ends - starts).days + 1)
        made[back] = []
        for title, color, results in plan:
            objective = strategy.create_objective(actor=maria, product=product, title=title, period=label,
                                                  starts_on=starts, ends_on=ends, owner="maria", color=color)
            made[back].append(objective)
            for name, unit, start, target, pace in results:
                reached = pace * gone * rng.uniform(0.97, 1.03)
                kr = strategy.create_key_result(actor=maria, objective=objective, title=name, unit=unit,
                                                start_value=start, target_value=target)
                strategy.update_key_result(actor=users[rng.choice(["sam", "lee"])], key_result=kr,
                                           fields={"current_value": f"{start + (target - start) * reached:.1f}"})
    _link_work(product, maria, made[0], now)


def _link_work(product: Product, maria: User, objectives: list[Objective], now: datetime) -> None:
    """The current quarter's objectives get the WEB epics furthest along, two each, and
    the top features of the backlog."""
    epics = Issue.objects.filter(project__workspace_id=product.workspace_id, project__key="WEB", type__name="Epic")
    seen = work.work_of(maria, list(epics.values_list("id", flat=True)))
    ranked = sorted((w for w in seen.values() if w.children), key=lambda w: (-w.progress, w.key))
    for n, epic in enumerate(ranked[:len(objectives) * 2]):
        strategy.link_issue(actor=maria, objective=objectives[n % len(objectives)], key=epic.key)
    features = Feature.objects.filter(product=product).order_by("rank", "id")[:9]
    for n, feature in enumerate(features):
        strategy.link_feature(actor=maria, objective=objectives[n % len(objectives)], feature_id=feature.pk, now=now)


def _market(product: Product, maria: User) -> None:
    competitors = [market.create_competitor(actor=maria, product=product, **fields) for fields in COMPETITORS]
    rows = [market.create_row(actor=maria, product=product, name=name) for name, *_ in MATRIX]
    cells = [{"row_id": row.pk, "competitor_id": column.pk if column else None, "support": Support(level).value}
             for row, (_, *levels) in zip(rows, MATRIX, strict=True)
             for column, level in zip([None, *competitors], levels, strict=True)]
    cells.append({"row_id": rows[4].pk, "competitor_id": competitors[0].pk, "support": "partial",
                  "note": "Through a separate discovery product"})
    market.set_cells(actor=maria, product=product, cells=cells)


def _research(product: Product, users: dict[str, User], now: datetime, rng: random.Random) -> None:
    ideas = list(Idea.objects.filter(product=product).order_by("rank", "id"))
    features = list(Feature.objects.filter(product=product).order_by("rank", "id"))
    for title, kind, participant, days_ago, body, passages in NOTES:
        author = users[rng.choice(["sam", "lee", "maria"])]
        note = research.create_note(actor=author, product=product, title=title, kind=kind, participant=participant,
                                    held_on=(now - dt.timedelta(days=days_ago)).date(), body=body,
                                    now=now - dt.timedelta(days=days_ago))
        for passage, summary in passages:
            start = note.body.index(passage)
            research.highlight(actor=author, note=note, start=start, end=start + len(passage), now=now,
                               summary=summary,
                               ideas=[i.pk for i in rng.sample(ideas, min(2, len(ideas)))],
                               features=[f.pk for f in rng.sample(features, min(1, len(features)))])
