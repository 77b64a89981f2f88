"""What the in-process benchmarks share: a scratch database of their own, brought up to
date, and the timing of a call (wall clock and this process's CPU time)."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def scratch_django(name: str) -> None:
    """Django set up on a fresh SQLite database in bench/out/<name> (or on
    CAIRN_DATABASE_URL), migrated; never the user's own data directory."""
    data_dir = ROOT / "bench" / "out" / name
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["CAIRN_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cairn.settings")
    db = data_dir / "cairn.sqlite3"
    if db.exists() and "CAIRN_DATABASE_URL" not in os.environ:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = ["*"]  # the test client's host


def measure(runs: int, call: Callable[[], object], target_ms: float) -> str:
    call()  # warm-up: templates compiled, connections open
    timings, cpu = [], []
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        call()
        timings.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    timings.sort()
    median = statistics.median(timings)
    verdict = "within" if median < target_ms else "OVER"
    # On a shared machine the wall clock swings with the neighbours' load; this
    # process's CPU time (all of the work on SQLite) is the steadier figure.
    return (f"median {median:.1f} ms, p90 {timings[max(0, int(len(timings) * 0.9) - 1)]:.1f} ms, "
            f"best {timings[0]:.1f} ms ({verdict} the {target_ms:g} ms target), CPU median {statistics.median(cpu):.1f} ms")
