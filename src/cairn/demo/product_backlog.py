"""The demo product's backlog: fourteen features, several delivered by WEB and MOB
epics, scored with RICE, WSJF, value/effort and MoSCoW, and ranked by hand — not in
score order, as a product manager's judgement seldom is."""

from __future__ import annotations

import random
from datetime import datetime

from cairn.accounts.models import User
from cairn.product.models import Feature, Product
from cairn.product.services import backlog, scoring
from cairn.tracker.models import Issue

# title, theme, description, (reach, impact, confidence, effort), (bv, tc, rr, size), value, moscow
FEATURES: list[tuple[str, str, str, tuple[int, str, int, str], tuple[int, int, int, int], int, str]] = [
    ("One-page checkout", "Conversion", "Fewer steps from basket to paid.", (4000, "2", 80, "3"), (13, 8, 5, 8), 9, "must"),
    ("Saved carts across devices", "Conversion", "Start on the phone, pay on the laptop.", (1500, "1", 70, "2"),
     (8, 3, 2, 5), 6, "should"),
    ("Offline mode for the app", "Mobile", "Read orders and drafts without a network.", (900, "2", 50, "6"),
     (8, 5, 8, 13), 7, "should"),
    ("Push notifications for order status", "Mobile", "Tell buyers when their order moves.", (3000, "1", 90, "1.5"),
     (5, 8, 2, 3), 7, "must"),
    ("Accessible forms (WCAG 2.2 AA)", "Quality", "Every form usable by keyboard and screen reader.",
     (5000, "1", 100, "2"), (8, 13, 13, 5), 8, "must"),
    ("Dark mode", "Delight", "Follows the system setting.", (2500, "0.5", 80, "1"), (3, 1, 1, 2), 4, "could"),
    ("Single sign-on for teams", "Enterprise", "SAML and OIDC for the Business plan.", (300, "3", 80, "4"),
     (13, 5, 8, 8), 8, "should"),
    ("Usage-based billing", "Revenue", "Charge by active seat, monthly.", (800, "2", 50, "5"), (13, 3, 5, 13), 7, "could"),
    ("Public status page", "Trust", "Incidents and uptime, without logging in.", (1200, "0.5", 90, "0.5"),
     (3, 2, 5, 1), 5, "could"),
    ("Product search with typo tolerance", "Conversion", "Find 'headphnes' too.", (6000, "1", 60, "3"),
     (8, 5, 3, 8), 8, "should"),
    ("Export reports to PDF", "Insight", "The one most customers ask for.", (700, "1", 80, "1"), (5, 2, 1, 2), 6, "should"),
    ("Custom domains", "Enterprise", "help.example.com instead of ours.", (200, "1", 50, "4"), (5, 1, 2, 8), 3, "wont"),
    ("In-app onboarding tour", "Activation", "Five steps to the first value.", (3500, "1", 50, "2"), (5, 3, 3, 3), 6,
     "could"),
    ("Rewrite the legacy admin", "Quality", "Nobody asks for it; everybody pays for it.", (100, "0.25", 80, "8"),
     (2, 1, 8, 20), 2, "wont"),
]


def seed(product: Product, users: dict[str, User], now: datetime, rng: random.Random) -> list[Feature]:
    admin, maria = users["admin"], users["maria"]
    epics = list(Issue.objects.filter(project__key__in=["WEB", "MOB"], project__workspace_id=product.workspace_id,
                                      type__name="Epic").select_related("project").order_by("project__key", "number"))
    made: list[Feature] = []
    for n, (title, theme, text, rice, wsjf, value, moscow) in enumerate(FEATURES):
        # Every other feature is delivered by an epic while there are epics to go round.
        issue = epics[n // 2].key if n % 2 == 0 and n // 2 < len(epics) else None
        feature = backlog.create_feature(actor=admin, product=product, title=title, issue=issue, description=text,
                                         now=now)
        backlog.update_feature(actor=admin, feature=feature, fields={"theme": theme}, now=now)
        reach, impact, confidence, effort = rice
        bv, tc, rr, size = wsjf
        scoring.set_scores(actor=maria, item=feature, now=now, inputs={
            "reach": reach, "impact": impact, "confidence": confidence, "effort": effort, "business_value": bv,
            "time_criticality": tc, "risk_reduction": rr, "job_size": size, "value": value, "moscow": moscow})
        made.append(feature)
    # The hand order: the accessibility work goes first (a legal deadline), dark mode last.
    backlog.move_feature(actor=maria, feature=made[4], before=made[0].pk)
    backlog.move_feature(actor=maria, feature=made[5], after=made[-1].pk)
    return made
