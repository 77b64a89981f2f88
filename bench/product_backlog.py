"""How fast the product backlog answers with 5,000 scored ideas, sorted by RICE: the page
(/products/<id>/backlog/?kind=ideas&sort=rice) and the API call
(/api/v1/products/<id>/backlog?kind=ideas&sort=rice), in process through Django's
request stack (middleware, session or token, template or JSON) on a real database.

    .venv/bin/python bench/product_backlog.py [--ideas 5000] [--runs 15]

Uses a scratch SQLite database in bench/out/product_backlog (or CAIRN_DATABASE_URL).
Target: a median under 100 ms for each."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 100.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ideas", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    data_dir = ROOT / "bench" / "out" / "product_backlog"
    data_dir.mkdir(parents=True, exist_ok=True)
    # Never the user's own data directory: this benchmark writes a scratch product.
    os.environ["CAIRN_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cairn.settings")
    os.environ.setdefault("CAIRN_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    db = data_dir / "cairn.sqlite3"
    if db.exists() and "CAIRN_DATABASE_URL" not in os.environ:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    # This checkout's code, even when the virtualenv was installed from another one.
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from cairn.accounts.services import create_user, issue_token
    from cairn.engine.product import ranking, scoring
    from cairn.product.models import Idea, IdeaStatus
    from cairn.product.services import products
    from cairn.workspaces.services import create_workspace

    rng = random.Random(5)
    now = timezone.now()
    user = create_user(username=f"pm{now:%H%M%S%f}", email="pm@example.com", password="x" * 20)
    workspace = create_workspace(owner=user, name=f"Bench {now:%H%M%S%f}", now=now)
    product = products.create_product(actor=user, workspace=workspace, name="Bench product", now=now)
    began = time.perf_counter()
    Idea.objects.bulk_create((_idea(product, n, key, rng, now, scoring, IdeaStatus)
                              for n, key in enumerate(ranking.initial_keys(args.ideas))), batch_size=1000)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    made = time.perf_counter() - began

    page = Client()
    page.force_login(user)
    _, token = issue_token(user=user, name="bench", now=now)
    api = Client(headers={"Authorization": f"Bearer {token}"})
    checks = [
        # For scale: the product's overview page, about the least a product page does.
        ("ref", page, f"/products/{product.pk}/"),
        ("page", page, f"/products/{product.pk}/backlog/?kind=ideas&sort=rice"),
        ("API", api, f"/api/v1/products/{product.pk}/backlog?kind=ideas&sort=rice"),
    ]
    print(f"{args.ideas:,} ideas (about 1 in 8 unscored, 1 in 50 merged) on {connection.vendor}, "
          f"made in {made:.1f} s")
    failed = False
    for name, client, url in checks:
        for _ in range(3):  # warm-up: templates compiled, caches filled
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code, response.content[:300])
        wall, cpu = [], []
        for _ in range(args.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            assert response.status_code == 200
        wall.sort()
        median = statistics.median(wall)
        failed = failed or (median > TARGET_MS and name != "ref")
        # On a shared machine the wall clock swings with the neighbours' load; this
        # process's CPU time (all of the work on SQLite) is the steadier figure.
        print(f"{name:<5} {url}: {args.runs} runs, median {median:.1f} ms, best {wall[0]:.1f} ms, "
              f"p90 {wall[max(0, int(len(wall) * 0.9) - 1)]:.1f} ms, CPU median {statistics.median(cpu):.1f} ms"
              + ("" if name == "ref" else f" ({'within' if median <= TARGET_MS else 'OVER'} the {TARGET_MS:.0f} ms target)"))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 1 if failed else 0


def _idea(product, n, key, rng, now, scoring, status):  # type: ignore[no-untyped-def]
    """An idea with random inputs on the documented scales, its scores from the engine."""
    inputs = {"reach": rng.randint(10, 20_000), "impact": rng.choice(scoring.IMPACTS),
              "confidence": rng.choice([50, 80, 100]), "effort": rng.choice([0.5, 1, 2, 3, 5, 8]),
              "business_value": rng.choice(scoring.FIBONACCI), "time_criticality": rng.choice(scoring.FIBONACCI),
              "risk_reduction": rng.choice(scoring.FIBONACCI), "job_size": rng.choice(scoring.FIBONACCI),
              "value": rng.randint(1, 10), "moscow": rng.choice(scoring.MOSCOW)}
    if rng.random() < 0.125:
        inputs["effort"] = None
    rice = scoring.rice(inputs["reach"], inputs["impact"], inputs["confidence"], inputs["effort"]).value \
        if inputs["effort"] else None
    wsjf = scoring.wsjf(inputs["business_value"], inputs["time_criticality"], inputs["risk_reduction"],
                        inputs["job_size"]).value
    value_effort = scoring.value_effort(inputs["value"], inputs["effort"]).value if inputs["effort"] else None
    from cairn.product.models import Idea

    return Idea(product=product, title=f"Idea {n + 1}: {rng.choice(['export', 'search', 'billing', 'mobile'])}",
                status=status.MERGED if rng.random() < 0.02 else status.NEW, rank=key,
                vote_count=rng.randint(0, 40), created_at=now, updated_at=now, rice_score=rice, wsjf_score=wsjf,
                value_effort_score=value_effort, **inputs)


if __name__ == "__main__":
    sys.exit(main())
