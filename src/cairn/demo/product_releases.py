"""The demo's releases: "2026.10" shipped a month ago with its notes and a completed
launch checklist, and "2026.12" due in three weeks with work still open and two launch
checklists under way. Built through the release services, like the rest of the demo."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from cairn.accounts.models import User
from cairn.product.models import Feature, LaunchChecklist, Product, Release
from cairn.product.services import launches, release_notes, releases
from cairn.tracker import services as tracker
from cairn.tracker import setup
from cairn.tracker.models import Issue, StatusCategory

NOTES = {
    "Bug": "Fixed: {title}.",
    "Feature": "New: {title} — ask your admin to turn it on.",
}


def seed(product: Product, users: dict[str, User], now: datetime, rng: random.Random) -> None:
    maria = users["maria"]
    web = Issue.objects.filter(project__workspace_id=product.workspace_id, project__key="WEB")
    shipped_on = now - timedelta(days=30)
    done_before = list(web.filter(status__category=StatusCategory.DONE, resolved_at__lt=shipped_on)
                       .exclude(type__name="Epic").order_by("resolved_at")[:12])
    _release_notes_field(done_before[:4], users["admin"], now)
    previous = releases.create_release(actor=maria, product=product, name="2026.10", now=shipped_on - timedelta(days=40),
                                       target_date=shipped_on.date().isoformat(),
                                       description="Autumn release: a faster checkout and a calmer inbox.")
    for issue in done_before:
        releases.add_issue(actor=maria, release=previous, key=issue.key)
    features = list(Feature.objects.filter(product=product).order_by("rank", "id"))
    for feature in features[:2]:
        releases.set_feature_release(actor=maria, feature=feature, release=previous, now=shipped_on)
    release_notes.generate_notes(actor=maria, release=previous, now=shipped_on - timedelta(days=1))
    engineering = _template(maria, product, "engineering")
    checklist = launches.start_checklist(actor=maria, release=previous, template_id=engineering)
    _tick(checklist, previous, [users["sam"], users["lee"], maria], rng, share=1.0, now=now)
    releases.ship(actor=maria, release=previous, now=shipped_on)

    upcoming = releases.create_release(actor=maria, product=product, name="2026.12", now=now - timedelta(days=20),
                                       target_date=(now + timedelta(days=21)).date().isoformat(),
                                       description="Year-end release: **dark mode** and mobile offline sync.")
    releases.update_release(actor=maria, release=upcoming, fields={"status": "in_progress"})
    recent = list(web.filter(status__category=StatusCategory.DONE, resolved_at__gte=shipped_on)
                  .exclude(type__name="Epic").order_by("resolved_at")[:6])
    # Work still ahead: open issues not already overdue.
    still_open = list(web.exclude(status__category=StatusCategory.DONE).exclude(type__name="Epic")
                      .exclude(due_date__lt=now.date()).order_by("number")[:10])
    for issue in recent + still_open:
        releases.add_issue(actor=maria, release=upcoming, key=issue.key)
    for feature in features[2:5]:
        releases.set_feature_release(actor=maria, feature=feature, release=upcoming, now=now)
    for category in ("marketing", "engineering"):
        checklist = launches.start_checklist(actor=maria, release=upcoming,
                                             template_id=_template(maria, product, category))
        _tick(checklist, upcoming, [users["sam"], users["lee"], maria], rng, share=0.0, now=now)


def _release_notes_field(issues: list[Issue], admin: User, now: datetime) -> None:
    """The WEB project words some changes for customers in a "Release note" field."""
    if not issues:
        return
    project = issues[0].project
    setup.add_custom_field(actor=admin, project=project, name="Release note", kind="text")
    for issue in issues:
        words = NOTES.get(issue.type.name, "Improved: {title}.").format(title=issue.title.rstrip(".").lower())
        tracker.update_issue(actor=admin, issue=issue, fields={"custom_fields": {"Release note": words}}, now=now)


def _template(actor: User, product: Product, category: str) -> int:
    return next(t.pk for t in launches.templates_for(actor, product) if t.category == category)


def _tick(checklist: LaunchChecklist, release: Release, people: list[User], rng: random.Random, *,
          share: float, now: datetime) -> None:
    """Assigns every task; ticks all of them with share 1.0, else most of those due within
    the next two weeks (teams work ahead), each on its due date or a day before, never
    later than now."""
    for task in checklist.tasks.all():
        person = rng.choice(people)
        due = launches.due_date(task, release)
        fields: dict[str, object] = {"assignee": person.username}
        moment = None
        if due is not None:
            moment = datetime.combine(due, now.timetz()) - timedelta(days=rng.choice([0, 1]))
            if share >= 1.0 or (moment < now + timedelta(days=14) and rng.random() < 0.75):
                fields["done"] = True
        at = min(moment or now, now - timedelta(hours=rng.randint(1, 48)))
        launches.update_task(actor=person, task=task, fields=fields, now=at)
