"""The overview says where the product stands: this period's objectives, the next
release and its date risk, the most wanted ideas, the inbox to triage and the KPIs —
each as the reader may see it."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from cairn.product.models import Feedback, Idea, Metric, Objective, Release
from cairn.product.services import standing


def _objective(product, title, starts, ends, period):
    return Objective.objects.create(product=product, title=title, period=period, starts_on=starts, ends_on=ends)


def test_an_empty_product_says_there_is_nothing_yet(alice, product):
    found = standing.standing_of(alice, product, timezone.now())
    assert (found.period, found.objectives, found.next_release, found.most_wanted, found.to_triage,
            found.new_ideas, found.kpis) == (None, [], None, [], 0, 0, [])
    client = Client()
    client.force_login(alice)
    page = client.get(f"/products/{product.pk}/").content.decode()
    assert "No objectives yet." in page and "No release planned." in page and "0 feedback entries to triage" in page


def test_it_reads_the_running_period_the_next_open_release_and_the_loudest_ideas(alice, gus, product):
    now = timezone.now()
    today = now.date()
    _objective(product, "Old news", today - dt.timedelta(days=200), today - dt.timedelta(days=110), "Past")
    _objective(product, "Grow teams", today - dt.timedelta(days=10), today + dt.timedelta(days=80), "Now")
    Release.objects.create(product=product, name="Shipped", status="shipped", shipped_at=now,
                           target_date=today - dt.timedelta(days=3), created_at=now)
    Release.objects.create(product=product, name="Later", target_date=today + dt.timedelta(days=60), created_at=now)
    Release.objects.create(product=product, name="Soon", target_date=today + dt.timedelta(days=20), created_at=now)
    for n, votes in enumerate([1, 5, 3, 0]):
        Idea.objects.create(product=product, title=f"Idea {n}", rank=f"i{n}", vote_count=votes,
                            created_at=now, updated_at=now)
    Feedback.objects.create(product=product, body="Please add SSO", source="team", created_at=now)
    Metric.objects.create(product=product, name="Teams", created_at=now)
    found = standing.standing_of(gus, product, now)
    assert found.period == "Now" and [p.objective.title for p in found.objectives] == ["Grow teams"]
    assert found.next_release.name == "Soon" and found.next_release_progress.total == 0
    assert [i.title for i in found.most_wanted] == ["Idea 1", "Idea 2", "Idea 0"]
    assert found.to_triage == 1 and [c.metric.name for c in found.kpis] == ["Teams"]
    assert found.new_ideas == 4  # none reviewed yet
    client = Client()
    client.force_login(gus)
    page = client.get(f"/products/{product.pk}/").content.decode()
    assert "Grow teams" in page and "Soon" in page and "Idea 1" in page and "1 feedback entry to triage" in page
    assert "4 new ideas to review" in page


def test_a_release_without_a_target_is_next_only_when_none_has_one(alice, product):
    now = timezone.now()
    Release.objects.create(product=product, name="Someday", created_at=now)
    assert standing.standing_of(alice, product, now).next_release.name == "Someday"
    Release.objects.create(product=product, name="Dated", target_date=now.date() + dt.timedelta(days=90), created_at=now)
    assert standing.standing_of(alice, product, now).next_release.name == "Dated"
