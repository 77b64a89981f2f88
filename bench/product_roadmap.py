"""How long the roadmap of a product with 500 roadmap items takes to answer: the page,
the API call and a shared link's public answer, through Django's own client in this
process (no HTTP server, so the figures are the application's own cost).

    .venv/bin/python bench/product_roadmap.py [--items 500] [--backlog 2000] [--runs 30]

A third of the items are delivered by planned issues (epics spanning their stories), the
rest are placed by hand; there are objectives, themes and releases. Uses a scratch SQLite
database in bench/out/product_roadmap (or CAIRN_DATABASE_URL)."""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from functools import partial

import in_process
from in_process import scratch_django

TARGET_MS: float = 100

measure = partial(in_process.measure, target_ms=TARGET_MS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--backlog", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    scratch_django("product_roadmap")
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client, api, token, product_id, counts = seed(args)
    page_url, api_url = f"/products/{product_id}/roadmap/", f"/api/v1/products/{product_id}/roadmap"
    public_url = f"/api/v1/public/roadmaps/{token}"
    visitor = Client()  # one, as a browser keeps its connection: a new Client loads every middleware again
    for url, caller in ((page_url, client), (api_url, api), (public_url, visitor)):
        with CaptureQueriesContext(connection) as queries:
            status = caller.get(url).status_code
        if status != 200:
            print(f"{url} answered {status}")
            return 1
        counts[url] = len(queries)
    print(f"product: {args.items} roadmap items ({args.items // 3} from planned issues), {args.backlog} more in "
          f"the backlog, on {connection.vendor}")
    print(f"roadmap page   GET {page_url}: {measure(args.runs, lambda: client.get(page_url))}, "
          f"{counts[page_url]} queries")
    print(f"roadmap API    GET {api_url}: {measure(args.runs, lambda: api.get(api_url))}, {counts[api_url]} queries")
    print(f"shared link    GET /api/v1/public/roadmaps/…: {measure(args.runs, lambda: visitor.get(public_url))}, "
          f"{counts[public_url]} queries")
    return 0


def seed(args: argparse.Namespace) -> tuple:  # type: ignore[type-arg]
    from django.test import Client
    from django.utils import timezone

    from cairn.accounts.services import create_user, issue_token
    from cairn.engine.product import ranking
    from cairn.product.models import Feature, Objective, Release, ReleaseStatus
    from cairn.product.services import products, roadmap_links
    from cairn.tracker.models import Issue, IssueType, Priority, Status
    from cairn.tracker.setup import create_project
    from cairn.workspaces.services import create_workspace

    rng = random.Random(8)
    now = timezone.now()
    today = now.date()
    user = create_user(username=f"pm{now:%H%M%S%f}", email=f"pm{now:%H%M%S%f}@example.com", password="x" * 20)
    workspace = create_workspace(owner=user, name=f"Bench {now:%H%M%S%f}", now=now)
    project = create_project(actor=user, workspace=workspace, key=f"R{now:%H%M%S%f}"[:10], name="Delivery", now=now)
    product = products.create_product(actor=user, workspace=workspace, name="Roadmap bench", now=now)
    products.set_projects(actor=user, product=product, keys=[project.key])
    epic_type = IssueType.objects.get(project=project, name="Epic")
    story = IssueType.objects.filter(project=project).exclude(name="Epic").first()
    status, priority = Status.objects.filter(project=project).first(), Priority.objects.filter(project=project).first()
    planned = args.items // 3
    epics = Issue.objects.bulk_create(
        Issue(project=project, number=n + 1, type=epic_type, status=status, priority=priority, title=f"Epic {n + 1}",
              created_at=now, updated_at=now) for n in range(planned))
    stories = []
    for n, epic in enumerate(epics):
        first = today + dt.timedelta(days=rng.randint(-60, 300))
        for k in range(3):
            start = first + dt.timedelta(days=14 * k)
            stories.append(Issue(project=project, number=planned + 3 * n + k + 1, type=story, status=status,
                                 priority=priority, title=f"Story {n + 1}.{k + 1}", parent=epic, start_date=start,
                                 due_date=start + dt.timedelta(days=rng.randint(5, 20)), created_at=now,
                                 updated_at=now))
    Issue.objects.bulk_create(stories, batch_size=2000)
    project.issue_counter = planned * 4
    project.save(update_fields=["issue_counter"])
    goals = [Objective.objects.create(product=product, title=f"Objective {n + 1}", period="2027", starts_on=today,
                                      ends_on=today + dt.timedelta(days=180), color=color)
             for n, color in enumerate(("#2563eb", "#16a34a", "#d97706", "#9333ea"))]
    releases = [Release.objects.create(product=product, name=f"Release {n + 1}", created_at=now,
                                       target_date=today + dt.timedelta(days=45 * n),
                                       status=ReleaseStatus.SHIPPED if n == 0 else ReleaseStatus.PLANNED,
                                       shipped_at=now if n == 0 else None) for n in range(6)]
    themes = ["Growth", "Platform", "Mobile", "Enterprise", "Onboarding", ""]
    ranks = ranking.initial_keys(args.items + args.backlog)
    lane_ranks = ranking.initial_keys(args.items)
    features = []
    for n in range(args.items + args.backlog):
        on_roadmap = n < args.items
        start = today + dt.timedelta(days=rng.randint(-30, 330))
        features.append(Feature(
            product=product, title=f"Feature {n + 1}: {rng.choice(['faster', 'simpler', 'shared'])} things",
            description="What it does and why customers ask for it. " * rng.randint(0, 4),
            issue=epics[n] if n < planned else None, objective=rng.choice([*goals, None]),
            theme=rng.choice(themes), release=rng.choice([*releases, None]), rank=ranks[n],
            lane=rng.choice(["now", "next", "later"]) if on_roadmap else "",
            lane_rank=lane_ranks[n] if on_roadmap else "",
            roadmap_start=start if on_roadmap and n >= planned else None,
            roadmap_end=start + dt.timedelta(days=rng.randint(10, 90)) if on_roadmap and n >= planned else None,
            reach=rng.randint(10, 5000), created_by=user, created_at=now, updated_at=now))
    Feature.objects.bulk_create(features, batch_size=2000)
    _, token = roadmap_links.create_link(actor=user, product=product, label="Customers", now=now,
                                         fields=["title", "lane", "dates", "status", "theme", "progress"])
    client = Client()
    client.force_login(user)
    _, secret = issue_token(user=user, name="bench", now=now)
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    return client, api, token, product.pk, {}


if __name__ == "__main__":
    sys.exit(main())
