"""The demo gives every product page something to say. Loading it takes a while, so one
test loads it and checks each part in turn."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from cairn.demo import product_metrics
from cairn.demo.product_strategy import quarter
from cairn.engine.product import metrics as figures
from cairn.product.models import (
    Competitor,
    Customer,
    Feedback,
    Idea,
    IdeaStatus,
    Insight,
    LaunchTask,
    MatrixCell,
    MatrixRow,
    Release,
    ResearchNote,
    RoadmapLink,
)
from cairn.product.services import backlog, metrics, releases, roadmap, scoring, strategy


def test_the_demo_gives_every_product_page_something_to_say(demo_product):
    _strategy_and_delivering_projects(demo_product)
    _backlog(demo_product)
    _kpis(demo_product)
    _feedback(demo_product)
    _releases(demo_product)
    _okrs_competitors_and_research(demo_product)
    _roadmap(demo_product)
    _every_page_answers(demo_product)


def _strategy_and_delivering_projects(product):
    assert product.vision and product.strategy and product.owner.username == "maria"
    assert sorted(product.projects.values_list("key", flat=True)) == ["MOB", "WEB"]


def _backlog(product):
    features = list(backlog.backlog(product.owner, product))
    assert len(features) == 14
    assert features[0].title.startswith("Accessible forms") and features[-1].title == "Dark mode"
    delivered = [f for f in features if f.issue_id]
    assert len(delivered) >= 3 and {f.issue.project.key for f in delivered} == {"WEB", "MOB"}
    assert all(f.rice_score and f.wsjf_score and f.value_effort_score and f.moscow for f in features)
    assert scoring.explain(features[0])["rice"].text == "RICE = 5,000 × 1 × 100% ÷ 2 = 2,500"
    by_rice = list(backlog.backlog(product.owner, product, sort="rice"))
    assert by_rice[0].title.startswith("Accessible forms") and by_rice[1].title == "One-page checkout"
    assert [f.rice_score for f in by_rice] == sorted((f.rice_score for f in by_rice), reverse=True)


def _kpis(product):
    listed = list(product.metrics.order_by("name"))
    assert [m.name for m in listed] == ["Median time to first issue (min)", "Trial → paid conversion (%)",
                                        "Weekly active teams"]
    assert {m.direction for m in listed} == {"up", "down"} and all(m.target is not None for m in listed)
    for metric in listed:
        assert metric.points.count() == 365
        summary = metrics.summary(metric)
        assert summary.latest is not None and summary.month is not None
    teams = next(m for m in listed if m.name == "Weekly active teams")
    # The step follows the shipped release the releases part seeds, or comes STEP_AGO days ago.
    shipped = [day for _, day in metrics.shipped_releases(product)]
    latest = teams.points.latest("day").day
    step_day = shipped[-1] if shipped else latest + timedelta(days=1) - timedelta(days=product_metrics.STEP_AGO)
    impact = figures.impact(metrics.series(teams), step_day, 14, "up")
    assert impact.change is not None and impact.change.verdict == "better" and impact.change.absolute > 20


def _feedback(product):
    assert Customer.objects.filter(workspace=product.workspace).count() == 15
    entries = Feedback.objects.filter(product=product)
    assert entries.count() >= 40
    assert entries.filter(idea__isnull=True).exists(), "something is left to triage"
    assert set(entries.values_list("source", flat=True)) == {"form", "api", "team"}
    ideas = Idea.objects.filter(product=product)
    assert ideas.exclude(status=IdeaStatus.MERGED).count() >= 12
    merged = ideas.get(status=IdeaStatus.MERGED)
    assert merged.merged_into.title == "Dark mode" and merged.vote_count == 0
    top = ideas.order_by("-vote_count").first()
    assert top.vote_count >= 4 and top.revenue > 0
    if product.features.exists():
        assert ideas.filter(feature__isnull=False).exists()


def _releases(product):
    shipped, upcoming = Release.objects.filter(product=product).order_by("target_date")
    assert (shipped.name, shipped.status, upcoming.name, upcoming.status) == ("2026.10", "shipped",
                                                                                "2026.12", "in_progress")
    assert shipped.shipped_at and shipped.notes.startswith("# 2026.10") and "## " in shipped.notes
    assert "(WEB-" in shipped.notes
    assert not LaunchTask.objects.filter(checklist__release=shipped, done_at__isnull=True).exists()
    tasks = LaunchTask.objects.filter(checklist__release=upcoming)
    assert sorted(set(upcoming.checklists.values_list("category", flat=True))) == ["engineering", "marketing"]
    assert tasks.filter(done_at__isnull=False).exists() and tasks.filter(done_at__isnull=True).exists()
    made = releases.progress(product.owner, upcoming, timezone.now())
    assert 0 < made.done < made.total


def _okrs_competitors_and_research(product):
    today = timezone.now().date()
    assert strategy.periods(product) == [quarter(today)[0], quarter(today, 1)[0]]
    objectives = list(strategy.objectives_of(product.owner, product))
    assert len(objectives) == 5 and all(2 <= o.key_results.count() <= 3 for o in objectives)
    progress = strategy.progress_of(product.owner, objectives, today)
    assert all(f.by_key_results.share is not None for f in progress.values())
    assert any(f.work for f in progress.values())
    assert sorted(Competitor.objects.filter(product=product).values_list("name", flat=True)) == [
        "Jira", "Linear", "Productboard"]
    rows = MatrixRow.objects.filter(product=product).count()
    assert rows >= 10 and MatrixCell.objects.filter(row__product=product).count() == rows * 4
    assert ResearchNote.objects.filter(product=product, kind="survey").count() == 1
    assert ResearchNote.objects.filter(product=product, kind="interview").count() == 2
    assert all(i.passage == i.note.body[i.start:i.end] for i in Insight.objects.filter(note__product=product))
    assert quarter(dt.date(2026, 12, 31)) == ("2026 Q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert quarter(dt.date(2026, 1, 5), 1) == ("2025 Q4", dt.date(2025, 10, 1), dt.date(2025, 12, 31))


def _roadmap(product):
    features = product.features.all()
    assert features.exists() and not features.filter(lane="").exists()
    plan = roadmap.roadmap_of(product.owner, product, product.created_at.date())
    assert all(plan.lanes[lane] for lane in roadmap.LANES)
    horizon = product.created_at.date() + timedelta(days=220)
    for item in plan.items:
        assert item.dates_from in ("schedule", "roadmap") and (item.dates_from == "schedule" or item.end <= horizon)
    link = RoadmapLink.objects.get(product=product)
    assert link.label == "Customers" and "issue" not in link.fields and link.revoked_at is None


def _every_page_answers(product):
    top = Idea.objects.filter(product=product).order_by("-vote_count").first()
    merged = Idea.objects.get(product=product, status=IdeaStatus.MERGED)
    note = ResearchNote.objects.filter(product=product).first()
    release = Release.objects.filter(product=product).first()
    metric = product.metrics.first()
    feature = product.features.first()
    pages = ["", "backlog/", "backlog/?kind=ideas&sort=rice", f"features/{feature.pk}/", "okrs/", "market/", "research/", f"research/{note.pk}/", "feedback/", "feedback/?show=all",
             "ideas/?sort=revenue", "roadmap/", f"ideas/{top.pk}/", f"ideas/{merged.pk}/", "customers/", "releases/",
             f"releases/{release.pk}/", "metrics/", f"metrics/{metric.pk}/"]
    for username in ("maria", "kim"):
        client = Client()
        client.force_login(product.workspace.members.get(user__username=username).user)
        for path in pages:
            response = client.get(f"/products/{product.pk}/{path}")
            assert response.status_code == 200, (username, path, response.status_code)
def test_the_demo_product_has_a_strategy_and_delivering_projects(demo_product):
    assert demo_product.vision and demo_product.strategy and demo_product.owner.username == "maria"
    assert sorted(demo_product.projects.values_list("key", flat=True)) == ["MOB", "WEB"]


def test_the_demo_backlog_has_scored_features_some_delivered_by_epics(demo_product):
    from cairn.product.services import backlog, scoring

    features = list(backlog.backlog(demo_product.owner, demo_product))
    assert len(features) == 14
    assert features[0].title.startswith("Accessible forms") and features[-1].title == "Dark mode"
    delivered = [f for f in features if f.issue_id]
    assert len(delivered) >= 3 and {f.issue.project.key for f in delivered} == {"WEB", "MOB"}
    assert all(f.rice_score and f.wsjf_score and f.value_effort_score and f.moscow for f in features)
    assert scoring.explain(features[0])["rice"].text == "RICE = 5,000 × 1 × 100% ÷ 2 = 2,500"
    by_rice = list(backlog.backlog(demo_product.owner, demo_product, sort="rice"))
    assert by_rice[0].title.startswith("Accessible forms") and by_rice[1].title == "One-page checkout"
    assert [f.rice_score for f in by_rice] == sorted((f.rice_score for f in by_rice), reverse=True)
