"""Optional exact polishing with OR-Tools CP-SAT (the ``cairn[solver]`` extra).

One interval per task, one cumulative constraint per resource, the links as start
distances, the makespan minimised; the heuristic's schedule is the solution hint and
its makespan the upper end of every domain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cairn.engine.scheduling.levelling.compiled import Compiled
from cairn.engine.scheduling.levelling.problem import LevellingProblem, Resource


@dataclass(frozen=True, slots=True)
class CpSatResult:
    starts: list[int]
    makespan: int
    lower_bound: int
    proven_optimal: bool


def available() -> bool:
    try:
        import ortools.sat.python.cp_model  # type: ignore[import-not-found, unused-ignore]  # noqa: F401
    except ImportError:
        return False
    return True


def solve(
    problem: LevellingProblem,
    cp: Compiled,
    hint: list[int],
    time_limit: float,
    *,
    seed: int = 0,
    workers: int = 8,
) -> CpSatResult | None:
    """The best schedule CP-SAT finds within ``time_limit`` seconds, or None if it
    found none (it then has no better answer than ``hint``)."""
    from ortools.sat.python import cp_model  # type: ignore[import-not-found, unused-ignore]

    dur = cp.dur
    upper = max((s + d for s, d in zip(hint, dur, strict=True)), default=0)
    slack = upper - cp.critical_path
    model = cp_model.CpModel()
    starts = [
        model.new_int_var(cp.early_start[j], cp.late_finish[j] + slack - dur[j], f"s{j}") for j in range(cp.n)
    ]
    span = model.new_int_var(cp.lower_bound, upper, "makespan")
    for j in range(cp.n):
        model.add_hint(starts[j], hint[j])
        model.add(span >= starts[j] + dur[j])
        for i, delta in cp.forward.preds[j]:
            model.add(starts[j] >= starts[i] + delta)
    for r, res in enumerate(problem.resources):
        intervals: list[Any] = []
        units: list[int] = []
        for j, needs in enumerate(cp.demands):
            for rr, q in needs:
                if rr == r:
                    intervals.append(model.new_fixed_size_interval_var(starts[j], dur[j], f"i{j}.{r}"))
                    units.append(q)
        if not intervals:
            continue
        ceiling = max(res.capacity, *res.profile) if res.profile else res.capacity
        for begin, end, missing in _capacity_gaps(res, ceiling, upper):
            intervals.append(model.new_fixed_size_interval_var(begin, end - begin, f"gap{r}.{begin}"))
            units.append(missing)
        model.add_cumulative(intervals, units, ceiling)
    model.minimize(span)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, time_limit)
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = workers
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    found = [int(solver.value(s)) for s in starts]
    makespan = int(solver.value(span))
    optimal = status == cp_model.OPTIMAL
    bound = makespan if optimal else int(solver.best_objective_bound)
    return CpSatResult(found, makespan, bound, optimal)


def _capacity_gaps(res: Resource, ceiling: int, upper: int) -> list[tuple[int, int, int]]:
    """Runs of periods (begin, end, units) where ``res`` has fewer than ``ceiling``."""
    gaps: list[tuple[int, int, int]] = []
    for t in range(len(res.profile)):
        missing = ceiling - res.profile[t]
        if not missing:
            continue
        if gaps and gaps[-1][1] == t and gaps[-1][2] == missing:
            gaps[-1] = (gaps[-1][0], t + 1, missing)
        else:
            gaps.append((t, t + 1, missing))
    if ceiling > res.capacity and upper > len(res.profile):
        gaps.append((len(res.profile), upper, ceiling - res.capacity))
    return gaps
