"""Level PSPLIB single-mode instances and compare with the published results.

    python bench/psplib.py FILES_OR_DIRS --json OUT.json [--time-limit S]
        [--solver heuristic|cpsat] [--jobs N] [--seed K] [--solutions DIR]
        [--max-schedules N] [--cpu-clock]

Writes, per instance (keyed by file stem), {"makespan", "starts", "seconds", ...};
prints the mean deviation from the optimum (j30), from the critical-path lower bound
and from the best known makespan (j60, j90, j120), and the mean seconds per instance.
The result tables are looked up in ``solutions/`` beside the instance folders unless
``--solutions`` says otherwise.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from cairn.engine.scheduling.levelling import level, violations
from cairn.engine.scheduling.levelling.compiled import compile_problem
from cairn.engine.scheduling.levelling.psplib import (
    instance_key,
    read_references,
    read_sm,
)


def _instances(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        found.extend(sorted(path.glob("*.sm")) if path.is_dir() else [path])
    return sorted(found, key=_natural)


def _natural(path: Path) -> tuple[Any, ...]:
    key = instance_key(path.stem)
    return (key, "") if key else (("", 0, 0), path.stem)


def _run(job: tuple[str, float, str, int, int | None, bool]) -> tuple[str, dict[str, Any]]:
    name, time_limit, solver, seed, max_schedules, cpu_clock = job
    path = Path(name)
    problem = read_sm(path)
    began = time.perf_counter()
    cpu_began = time.process_time()
    result = level(
        problem,
        time_limit=time_limit,
        solver=solver,  # type: ignore[arg-type]
        seed=seed,
        max_schedules=max_schedules,
        clock=time.process_time if cpu_clock else time.perf_counter,
    )
    seconds = time.perf_counter() - began
    cpu_seconds = time.process_time() - cpu_began
    broken = violations(problem, result.starts)
    if broken:
        raise AssertionError(f"{path.stem}: infeasible schedule: {broken[:3]}")
    return path.stem, {
        "makespan": result.makespan,
        "starts": {task_id: start for task_id, start in result.starts.items()},
        "seconds": round(seconds, 4),
        "cpu_seconds": round(cpu_seconds, 4),
        "critical_path": compile_problem(problem).critical_path,
        "lower_bound": result.lower_bound,
        "solver": result.solver,
        "schedules": result.schedules,
        "path": str(path),
    }


def _report(results: dict[str, dict[str, Any]], solutions: Path | None) -> None:
    by_family: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for stem, row in results.items():
        key = instance_key(stem)
        by_family[key[0] if key else "other"].append((stem, row))
    for family, rows in sorted(by_family.items()):
        spans = [row["makespan"] for _, row in rows]
        cp_dev = [
            100.0 * (row["makespan"] - row["critical_path"]) / row["critical_path"]
            for _, row in rows
            if row["critical_path"]
        ]
        seconds = [row["seconds"] for _, row in rows]
        cpu = [row["cpu_seconds"] for _, row in rows]
        print(
            f"{family}: {len(rows)} instances, mean makespan {statistics.mean(spans):.2f}, "
            f"mean {statistics.mean(seconds):.3f} s/instance (max {max(seconds):.2f}; "
            f"CPU {statistics.mean(cpu):.3f} s)"
        )
        if cp_dev:
            print(f"  deviation from critical-path bound: {statistics.mean(cp_dev):.2f} %")
        folder = solutions or Path(rows[0][1]["path"]).parent.parent / "solutions"
        if family == "other" or not folder.is_dir():
            continue
        refs = read_references(folder, family)
        best_dev: list[float] = []
        opt_dev: list[float] = []
        at_best = 0
        for stem, row in rows:
            key = instance_key(stem)
            ref = refs.get(key[1:]) if key else None
            if ref is None:
                continue
            best_dev.append(100.0 * (row["makespan"] - ref.upper) / ref.upper)
            at_best += row["makespan"] <= ref.upper
            if ref.optimal:
                opt_dev.append(100.0 * (row["makespan"] - ref.upper) / ref.upper)
        if best_dev:
            print(
                f"  deviation from best known: {statistics.mean(best_dev):.3f} % "
                f"({at_best}/{len(best_dev)} at or below it)"
            )
        if opt_dev:
            print(
                f"  deviation from optimum (the {len(opt_dev)} proven optimal): "
                f"{statistics.mean(opt_dev):.3f} %"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("paths", nargs="+", metavar="FILES_OR_DIRS")
    parser.add_argument("--json", required=True, type=Path, metavar="OUT.json")
    parser.add_argument("--time-limit", type=float, default=1.0)
    parser.add_argument("--solver", choices=["heuristic", "cpsat"], default="heuristic")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--max-schedules",
        type=int,
        default=None,
        help="also stop after this many passes (reproducible when the clock never stops it)",
    )
    parser.add_argument("--solutions", type=Path, default=None)
    parser.add_argument(
        "--cpu-clock",
        action="store_true",
        help="count the time limit in CPU seconds of the process (fair on a busy machine)",
    )
    args = parser.parse_args(argv)
    paths = _instances(args.paths)
    if not paths:
        print("no .sm files found", file=sys.stderr)
        return 2
    jobs = [
        (str(p), args.time_limit, args.solver, args.seed, args.max_schedules, args.cpu_clock) for p in paths
    ]
    results: dict[str, dict[str, Any]] = {}
    if args.jobs > 1:
        with multiprocessing.Pool(args.jobs) as pool:
            for stem, row in pool.imap(_run, jobs):
                results[stem] = row
    else:
        for job in jobs:
            stem, row = _run(job)
            results[stem] = row
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1, sort_keys=False))
    _report(results, args.solutions)
    return 0


if __name__ == "__main__":
    sys.exit(main())
