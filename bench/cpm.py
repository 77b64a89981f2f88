"""Benchmark of the scheduling engine's critical path passes.

Seeded synthetic plans of 10,000, 100,000 and 1,000,000 tasks, three links each
(FS, SS, FF and SF with lags and leads) to tasks shortly before them in the same
10,000-task project, on a Standard calendar with holidays; every twentieth task is
a summary over the next nineteen, 5 % are milestones, 0.2 % have a date constraint.  Prints, per size: compiling the plan to arrays,
the forward and backward passes, the whole ``schedule()``, and turning every task's
start and finish into datetimes.  A plan whose links all point forward in its task
order is scheduled in that order; the same plan shuffled needs Kahn's algorithm,
timed too.  Then the time to reschedule a 2,000-task plan after a one-task change.  Wall and CPU time are both shown: on a busy shared machine the
CPU time is the steadier figure.  Run: ``.venv/bin/python bench/cpm.py [sizes...]``.
"""

from __future__ import annotations

import gc
import random
import sys
import time
from dataclasses import replace
from datetime import date, datetime, timedelta

from cairn.engine.scheduling import (
    Calendar,
    Constraint,
    ConstraintType,
    Dependency,
    DependencyType,
    Plan,
    Task,
    schedule,
    timeline_for,
)
from cairn.engine.scheduling.cpm import run_passes
from cairn.engine.scheduling.network import compile_plan

START = datetime(2025, 1, 6, 8)
WINDOW = 400  # a task links to tasks at most this many places before it...
PROGRAMME = 10_000  # ...in its own project: big plans are portfolios of projects
TYPES = list(DependencyType)


def calendar_with_holidays(years: int = 60) -> Calendar:
    holidays = [
        date(year, month, day)
        for year in range(2025, 2025 + years)
        for month, day in ((1, 1), (5, 1), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25), (12, 26))
    ]
    return Calendar.standard(holidays=holidays)


def synthetic_plan(size: int, seed: int = 1, *, summaries: bool = True) -> Plan:
    rng = random.Random(seed)
    tasks: list[Task] = []
    dependencies: list[Dependency] = []
    for node in range(size):
        parent = f"s{node // 20}" if summaries and node % 20 else None
        if summaries and node % 20 == 0:
            tasks.append(Task(f"s{node // 20}", name=f"Phase {node // 20}"))
            parent = f"s{node // 20}"
        duration = 0 if rng.random() < 0.05 else rng.choice((60, 240, 480, 960, 2400))
        constraint = Constraint()
        if rng.random() < 0.002:
            constraint = Constraint(ConstraintType.SNET, START + timedelta(days=node % PROGRAMME // 50))
        tasks.append(Task(f"t{node}", duration, parent=parent, constraint=constraint))
        first = max(node - node % PROGRAMME, node - WINDOW)
        if node == first:
            continue
        for predecessor in {rng.randrange(first, node) for _ in range(3)}:
            lag = rng.choice((0, 0, 0, 60, 480, -120))
            dependencies.append(Dependency(f"t{predecessor}", f"t{node}", rng.choice(TYPES), lag))
    return Plan(
        start=START, calendar=calendar_with_holidays(), tasks=tuple(tasks), dependencies=tuple(dependencies)
    )


def timed(label: str, runs: int = 1) -> _Timer:
    return _Timer(label, runs)


class _Timer:
    def __init__(self, label: str, runs: int) -> None:
        self.label, self.runs, self.seconds = label, runs, 0.0

    def __enter__(self) -> _Timer:
        self.began = time.perf_counter()
        self.began_cpu = time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.seconds = (time.perf_counter() - self.began) / self.runs
        cpu = (time.process_time() - self.began_cpu) / self.runs
        print(f"  {self.label:<46} {self.seconds * 1000:9.1f} ms wall {cpu * 1000:9.1f} ms CPU")


def bench_size(size: int) -> None:
    began = time.perf_counter()
    plan = synthetic_plan(size)
    print(
        f"{size:,} tasks ({len(plan.tasks):,} with summaries, {len(plan.dependencies):,} links;"
        f" generated in {time.perf_counter() - began:.1f} s)"
    )
    timeline = timeline_for(plan)
    gc.collect()
    gc.disable()  # as schedule() does
    with timed("compile (index, weighted links)"):
        network = compile_plan(plan, timeline)
    with timed("forward + backward passes"):
        run_passes(plan, network, timeline)
    gc.enable()
    with timed("schedule() = compile + passes"):
        result = schedule(plan)
    shuffled = list(plan.tasks)
    random.Random(size).shuffle(shuffled)
    mixed = replace(plan, tasks=tuple(shuffled))
    with timed("schedule(), tasks shuffled (Kahn's order)"):
        schedule(mixed)
    with timed("datetimes of every start and finish: dates()"):
        for _ in result.dates():
            pass
    with timed("the same through per-task views"):
        for task in result:
            task.start_at  # noqa: B018
            task.finish_at  # noqa: B018
    print(
        f"  project: {result.start_at:%Y-%m-%d} to {result.finish_at:%Y-%m-%d}, {len(result.violations)} violations"
    )


def bench_change(size: int = 2000, runs: int = 50) -> None:
    plan = synthetic_plan(size, summaries=True)
    schedule(plan)
    rng = random.Random(7)
    changed = [plan.tasks[rng.randrange(len(plan.tasks))] for _ in range(runs)]
    print(f"one-task change in a {size:,}-task plan (mean of {runs})")
    with timed("change a duration, reschedule everything", runs):
        for task in changed:
            edited = Task(task.id, task.duration + 480, task.name, task.parent, task.constraint)
            result = schedule(plan.with_tasks([edited]))
            result[task.id].finish_at  # noqa: B018


def main(argv: list[str]) -> None:
    sizes = [int(arg) for arg in argv] or [10_000, 100_000, 1_000_000]
    for size in sizes:
        bench_size(size)
    bench_change()


if __name__ == "__main__":
    main(sys.argv[1:])
