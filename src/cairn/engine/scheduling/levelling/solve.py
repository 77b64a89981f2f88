"""Entry point: level a problem with the heuristic, optionally polished by CP-SAT."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from typing import Literal

from cairn.engine.scheduling.levelling import cpsat, fixed
from cairn.engine.scheduling.levelling.compiled import Compiled, compile_problem
from cairn.engine.scheduling.levelling.genetic import Budget, Evolution
from cairn.engine.scheduling.levelling.priority import (
    PriorityRule,
    priority_order,
    priority_values,
)
from cairn.engine.scheduling.levelling.problem import (
    LevelledSchedule,
    LevellingProblem,
    TaskId,
)
from cairn.engine.scheduling.levelling.sgs import makespan, order_by_start, serial_pass

Solver = Literal["heuristic", "cpsat", "auto"]

#: Share of the time limit the heuristic gets before CP-SAT takes over.
HEURISTIC_SHARE_BEFORE_CPSAT = 0.1
POPULATION_SIZE = 24


def level(
    problem: LevellingProblem,
    *,
    time_limit: float = 1.0,
    seed: int = 0,
    solver: Solver = "heuristic",
    max_schedules: int | None = None,
    hint: Mapping[TaskId, int] | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> LevelledSchedule:
    """A feasible schedule of ``problem`` with as short a makespan as ``time_limit``
    seconds allow.

    ``solver``: "heuristic" (default, pure Python); "cpsat" runs the heuristic on a
    tenth of the budget, then OR-Tools CP-SAT seeded with its schedule (falls back to
    the heuristic alone when OR-Tools is not installed); "auto" is "cpsat" when
    OR-Tools is installed.  With ``max_schedules`` the heuristic stops after that
    many schedule passes; a run that stops on it (not on the clock) is reproducible
    for a given ``seed``.  ``hint`` (e.g. the current plan's starts) seeds the search
    with its order of tasks.  Fixed tasks stay where they are.
    """
    parts = fixed.split(problem)
    if parts is not None:
        levelled = level(parts.free, time_limit=time_limit, seed=seed, solver=solver,
                         max_schedules=max_schedules, hint=hint, clock=clock)
        return fixed.merged(parts, levelled)
    began = clock()
    cp = compile_problem(problem)
    use_cpsat = solver != "heuristic" and cpsat.available()
    share = HEURISTIC_SHARE_BEFORE_CPSAT if use_cpsat else 1.0
    budget = Budget(
        deadline=began + time_limit * share,
        max_schedules=max_schedules if max_schedules is not None else 2**62,
        clock=clock,
    )
    search = Evolution(cp, random.Random(seed), budget)
    seeds = []
    if hint is not None:
        seeds.append(order_by_start(cp.forward, [hint.get(task_id, 0) for task_id in cp.ids]))
    search.run(seeds, POPULATION_SIZE)
    if search.best is None:  # no budget at all: one pass of the hint or a topological order
        search.first_pass(seeds[0] if seeds else cp.topo[:])
    assert search.best is not None
    starts, span = search.best.starts, search.best.span
    lower = cp.lower_bound
    method = "heuristic"
    if use_cpsat and span > lower:
        remaining = time_limit - (clock() - began)
        result = cpsat.solve(problem, cp, starts, max(0.1, remaining), seed=seed)
        if result is not None:
            lower = max(lower, result.lower_bound)
            if result.proven_optimal:
                lower = max(lower, result.makespan)
            if result.makespan < span:
                starts, span, method = result.starts, result.makespan, "cpsat"
    return _result(cp, starts, span, lower, method, search.schedules, clock() - began)


def _result(
    cp: Compiled,
    starts: list[int],
    span: int,
    lower: int,
    method: str,
    schedules: int,
    seconds: float,
) -> LevelledSchedule:
    return LevelledSchedule(
        starts=dict(zip(cp.ids, starts, strict=True)),
        makespan=span,
        lower_bound=lower,
        optimal=span <= lower,
        solver=method,
        schedules=schedules,
        seconds=seconds,
    )


def priority_rule_schedule(
    problem: LevellingProblem, rule: PriorityRule = PriorityRule.LFT
) -> LevelledSchedule:
    """One serial pass with a priority rule: instant, typically a few % off the best."""
    parts = fixed.split(problem)
    if parts is not None:
        return fixed.merged(parts, priority_rule_schedule(parts.free, rule))
    began = time.perf_counter()
    cp = compile_problem(problem)
    starts = serial_pass(cp, cp.forward, priority_order(cp, priority_values(cp, rule)))
    span = makespan(cp, starts)
    return _result(cp, starts, span, cp.lower_bound, "heuristic", 1, time.perf_counter() - began)


def critical_path_starts(problem: LevellingProblem) -> dict[TaskId, int]:
    """Earliest starts ignoring resources: the unlevelled schedule."""
    parts = fixed.split(problem)
    if parts is not None:
        starts = {**critical_path_starts(parts.free), **parts.fixed}
        return {task_id: starts[task_id] for task_id in parts.order}
    cp = compile_problem(problem)
    return dict(zip(cp.ids, cp.early_start, strict=True))
