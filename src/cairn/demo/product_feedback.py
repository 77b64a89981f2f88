"""The demo product's customers, feedback and ideas: 15 customers of every size, 40
feedback entries from the public form, the API and the team, gathered into a dozen ideas
with their votes; the best-wanted ideas linked to the backlog's features, one pair of
duplicates merged, and a few entries left in the inbox to triage."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from cairn.accounts.models import User
from cairn.product.models import Customer, Feature, FeedbackSource, Idea, IdeaStatus, Product
from cairn.product.services import customers, feedback, feedback_public, ideas

CUSTOMERS = [
    # company, contact, segment, plan, annual revenue
    ("Globex", "Ann Marsh", "Enterprise", "Business", 240_000),
    ("Initech", "Bill Lumbergh", "Enterprise", "Business", 180_000),
    ("Umbrella Health", "Alice Abernathy", "Enterprise", "Business", 320_000),
    ("Hooli", "Gavin Belson", "Enterprise", "Team", 95_000),
    ("Stark Logistics", "Pepper Potts", "Mid-market", "Business", 64_000),
    ("Wayne Foods", "Lucius Fox", "Mid-market", "Team", 38_000),
    ("Acme Robotics", "Wile Coyote", "Mid-market", "Team", 27_500),
    ("Soylent Labs", "Sol Roth", "Mid-market", "Business", 52_000),
    ("Pied Piper", "Richard Hendricks", "Start-up", "Team", 6_000),
    ("Vandelay Imports", "Art Vandelay", "Start-up", "Team", 4_800),
    ("Dunder Paper", "Pam Beesly", "Small business", "Team", 3_600),
    ("Bluth Homes", "Michael Bluth", "Small business", "Free", 0),
    ("Kramerica", "Cosmo Kramer", "Small business", "Free", 0),
    ("Oceanic Air", "Jack Shephard", "Enterprise", "Business", 410_000),
    ("Nakatomi Trading", "Holly Gennero", "Mid-market", "Business", 71_000),
]
# Each idea with the words customers used for it (company index, their words).
IDEAS: list[tuple[str, str, list[tuple[int, str]]]] = [
    ("Single sign-on with our identity provider", "SAML or OIDC login, users created on first login.", [
        (0, "Our security team requires SSO through Okta before we roll out further."),
        (1, "Can we log in with Azure AD? Managing passwords for 300 people is a pain."),
        (2, "SSO is a must for our compliance audit."),
        (13, "We need SAML login for all 800 seats."),
        (3, "Google Workspace login please."),
    ]),
    ("Export the roadmap as a slide", "A PNG or PDF of the roadmap for the board deck.", [
        (4, "Every quarter I redraw the roadmap in PowerPoint. Export would save me a day."),
        (7, "A PDF of the Now/Next/Later view for investors."),
        (14, "Roadmap as an image for our monthly all-hands."),
    ]),
    ("Slack notifications for shipped features", "", [
        (5, "Tell our #product channel when a release ships."),
        (8, "Slack ping when a feature we asked for ships!"),
        (6, "Notifications in Slack instead of e-mail."),
        (0, "A Slack app for release announcements."),
    ]),
    ("Customer portal with our branding", "The public feedback form with our logo and colours.", [
        (2, "Our customers should see our logo on the feedback form, not yours."),
        (13, "White-label portal for our airline partners."),
    ]),
    ("Time tracking on the phone", "", [
        (10, "Our field staff log hours from their phones."),
        (11, "Timer on mobile please."),
        (9, "Track time from the iPhone app."),
    ]),
    ("Jira import", "Issues, comments and attachments from Jira Cloud.", [
        (1, "We would move 40 projects over if we could import from Jira."),
        (3, "Import our Jira history, otherwise we lose years of context."),
        (14, "Jira import with the sprint history."),
        (4, "Bring our Jira epics over."),
    ]),
    ("Dark mode", "", [
        (8, "Dark mode! My eyes at 2 am."),
        (12, "Dark theme please."),
        (9, "A night mode for the whole app."),
    ]),
    ("Night theme", "", [
        (11, "Can the app have a dark night theme?"),
    ]),
    ("Custom fields on features", "Our own fields (segment, region) on backlog features.", [
        (7, "We score by region: a custom field on features would help."),
        (6, "Add our own fields to features."),
    ]),
    ("Offline mode for the mobile app", "", [
        (13, "Our crews have no signal in hangars; the app must work offline."),
        (5, "Warehouse staff need offline access."),
        (10, "Offline editing on the train."),
    ]),
    ("Audit log export", "The audit trail as CSV for auditors.", [
        (2, "Our auditors need the change log as CSV."),
        (0, "Export of who changed what, for SOX."),
    ]),
    ("Two-factor authentication by SMS", "", [
        (12, "SMS codes, our team does not use authenticator apps."),
        (11, "Two-factor by text message."),
    ]),
]
# Entries nobody has triaged yet (company index or None, words).
UNTRIAGED = [
    (3, "The burndown chart could show scope changes."),
    (None, "Love the Gantt chart! Could it print on A3?"),
    (7, "Please add a Kanban swimlane per customer."),
    (9, "The search is slow on our old laptop."),
    (None, "Can we get a Spanish translation?"),
]


def seed(product: Product, users: dict[str, User], now: datetime, rng: random.Random) -> None:
    maria, sam, lee = users["maria"], users["sam"], users["lee"]
    start = now - timedelta(days=80)
    made = [
        customers.create_customer(actor=maria, product=product, now=start, fields={
            "company": company, "contact_name": contact, "segment": segment, "plan": plan,
            "annual_revenue": str(revenue),
            "contact_email": f"{contact.split()[0].lower()}@{company.split()[0].lower()}.example"})
        for company, contact, segment, plan, revenue in CUSTOMERS
    ]
    found = {title: _idea(product, title, description, words, made, sam, lee, start, rng, n)
             for n, (title, description, words) in enumerate(IDEAS)}
    for n, (company, words) in enumerate(UNTRIAGED):
        customer = made[company] if company is not None else None
        feedback.add_feedback(actor=lee, product=product, body=words, customer=customer,
                              source=FeedbackSource.API if n % 2 else FeedbackSource.TEAM,
                              now=now - timedelta(days=n + 1))
    _public(product, start, rng)
    ideas.merge(actor=maria, idea=found["Night theme"], into=found["Dark mode"], now=now - timedelta(days=10))
    ideas.update_idea(actor=maria, idea=found["Two-factor authentication by SMS"], fields={"status": "declined"},
                      now=now - timedelta(days=20))
    ideas.update_idea(actor=maria, idea=found["Audit log export"], fields={"status": "under_review"},
                      now=now - timedelta(days=15))
    _link(product, maria, [found[t] for t in ("Single sign-on with our identity provider", "Jira import",
                                               "Slack notifications for shipped features",
                                               "Export the roadmap as a slide")], now)


def _idea(product: Product, title: str, description: str, words: list[tuple[int, str]], made: list[Customer],
          sam: User, lee: User, start: datetime, rng: random.Random, n: int) -> Idea:
    at = start + timedelta(days=n * 3)
    idea = ideas.create_idea(actor=sam, product=product, title=title, description=description, now=at)
    for company, body in words:
        person = made[company]
        feedback.add_feedback(actor=lee, product=product, body=body, customer=person, idea=idea,
                              submitter_name=person.contact_name, source=FeedbackSource.TEAM,
                              now=at + timedelta(hours=rng.randint(1, 200)))
    # A few customers vote without writing anything.
    for person in rng.sample(made, k=rng.randint(0, 3)):
        ideas.vote(actor=sam, idea=idea, customer=person, now=at + timedelta(days=2))
    return idea


def _public(product: Product, start: datetime, rng: random.Random) -> None:
    """Two customers' people on the public form: their words become ideas of their own,
    and the form finds their company by the contact's e-mail."""
    for n, (title, email) in enumerate([("Zapier integration", "richard@pied.example"),
                                        ("Recurring tasks", "pam@dunder.example")]):
        feedback_public.submit_public(product=product, title=title, description="Sent from the public form.",
                                      name=email.split("@")[0].title(), email=email, company="",
                                      honeypot="", address=f"198.51.100.{n + 1}",
                                      now=start + timedelta(days=30 + n * 7, hours=rng.randint(0, 12)))


def _link(product: Product, maria: User, wanted: list[Idea], now: datetime) -> None:
    """The most wanted ideas on the backlog's features (the backlog's demo makes them
    first): the first few features, in backlog order."""
    features = list(Feature.objects.filter(product=product).order_by("rank")[: len(wanted)])
    for idea, feature in zip(wanted, features, strict=False):
        ideas.link_feature(actor=maria, idea=idea, feature=feature.pk, now=now)
        if feature.shipped_at is not None:
            ideas.update_idea(actor=maria, idea=idea, fields={"status": IdeaStatus.SHIPPED}, now=now)
