"""What `make bench` runs: every benchmark, with modest sizes, printing each one's output.

1. bench/generate.py: a dataset of BENCH_ISSUES issues (default 10,000) in bench/out/data-N
   (reused when it is there already; generation is idempotent),
2. bench/api.py: the HTTP benchmark on it, BENCH_WORKERS server processes (default 1),
   BENCH_DURATION seconds per cell (default 5); results also in bench/out/api-N.json,
3. bench/cpm.py (if present): the scheduling engine's critical-path passes, sizes
   BENCH_CPM_SIZES (default "10000 100000"),
   then bench/reschedule.py: one change to a 2,000-task plan, through the database,
   bench/product_backlog.py: the product backlog of 5,000 ideas sorted by RICE, and
   bench/product_roadmap.py: a product's roadmap with 500 items (the page, the API, a
   shared link), median ms against the 100 ms target, and
   bench/portfolio.py: the portfolio of 200 projects and a 2,000-task project's status
   report (viewed and generated), median ms against the 200 ms target.
4. bench/psplib.py (if present): resource levelling on PSPLIB j30 with --jobs 2 and a
   BENCH_PSPLIB_TIME_LIMIT (default 0.2 s) per instance; the instances are looked up in
   PSPLIB_DIR (default data/psplib/j30 of the shared folder beside the repo, ../shared,
   or of CAIRN_SHARED_DIR); skipped with a note when not found.

CAIRN_DATABASE_URL, when set, makes steps 1-2 run on that database instead of SQLite.
Exits non-zero if any step failed; the others still run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent


def run(title: str, argv: list[str], env: dict[str, str] | None = None) -> int:
    print(f"\n=== {title}", flush=True)
    print("$ " + " ".join(argv[1:] if argv[0] == sys.executable else argv), flush=True)
    began = time.perf_counter()
    code = subprocess.call(argv, cwd=REPO, env=env)
    print(f"--- {title}: exit {code}, {time.perf_counter() - began:.0f} s", flush=True)
    return code


def psplib_dir() -> Path | None:
    shared = Path(os.environ.get("CAIRN_SHARED_DIR") or REPO.parent / "shared")
    candidates = [os.environ.get("PSPLIB_DIR", ""), str(shared / "data/psplib/j30")]
    for name in candidates:
        if name and Path(name).is_dir() and any(Path(name).glob("*.sm")):
            return Path(name)
    return None


def main() -> int:
    py = sys.executable
    issues = int(os.environ.get("BENCH_ISSUES", "10000"))
    workers = os.environ.get("BENCH_WORKERS", "1")
    duration = os.environ.get("BENCH_DURATION", "5")
    pg = os.environ.get("CAIRN_DATABASE_URL", "").startswith("postgres")
    data_dir = BENCH / "out" / f"data-{issues}{'-pg' if pg else ''}"
    out = BENCH / "out"
    out.mkdir(parents=True, exist_ok=True)
    # The Makefile exports CAIRN_DATA_DIR=var for the app: the benchmark must never
    # write into that, so every step is handed its own data directory explicitly.
    env = dict(os.environ, CAIRN_DATA_DIR=str(data_dir))
    failures = []

    steps: list[tuple[str, list[str]]] = [
        (f"generate {issues:,} issues", [py, "bench/generate.py", "--issues", str(issues),
                                         "--data-dir", str(data_dir), "--quiet"]),
        (f"API over HTTP ({workers} worker(s))", [
            py, "bench/api.py", "--data-dir", str(data_dir), "--workers", workers,
            "--duration", duration, "--json", str(out / f"api-{issues}{'-pg' if pg else ''}.json")]),
    ]
    if (BENCH / "cpm.py").exists():
        sizes = os.environ.get("BENCH_CPM_SIZES", "10000 100000").split()
        steps.append(("scheduling engine: CPM", [py, "bench/cpm.py", *sizes]))
    steps.append(("schedule in the product: one change to a 2,000-task plan",
                  [py, "bench/reschedule.py", "--changes", "10"]))
    steps.append(("product backlog: 5,000 ideas sorted by RICE, page and API",
                  [py, "bench/product_backlog.py", "--ideas", "5000"]))
    steps.append(("product roadmap: 500 items, page and API", [py, "bench/product_roadmap.py", "--runs", "20"]))
    steps.append(("portfolio of 200 projects and a 2,000-task status report",
                  [py, "bench/portfolio.py", "--projects", "200", "--runs", "20"]))
    if (BENCH / "psplib.py").exists():
        folder = psplib_dir()
        if folder is None:
            print("\n=== PSPLIB: skipped, no j30 instances found (set PSPLIB_DIR)")
        else:
            steps.append(("scheduling engine: PSPLIB j30 levelling", [
                py, "bench/psplib.py", str(folder), "--jobs", "2",
                "--time-limit", os.environ.get("BENCH_PSPLIB_TIME_LIMIT", "0.2"),
                "--json", str(out / "psplib-j30.json")]))

    no_data = False
    for title, argv in steps:
        if no_data and title.startswith("API"):
            print(f"\n=== {title}: skipped, the dataset could not be generated")
            continue
        code = run(title, argv, env)
        if code:
            failures.append(title)
            no_data = no_data or title.startswith("generate")
    print("\n=== done" + (f": FAILED {', '.join(failures)}" if failures else ": all steps passed"))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
