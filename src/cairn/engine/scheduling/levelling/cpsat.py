"""Optional exact polishing with OR-Tools CP-SAT (the ``cairn[solver]`` extra)."""

from __future__ import annotations

from dataclasses import dataclass

from cairn.engine.scheduling.levelling.compiled import Compiled
from cairn.engine.scheduling.levelling.problem import LevellingProblem


@dataclass(frozen=True, slots=True)
class CpSatResult:
    starts: list[int]
    makespan: int
    lower_bound: int


def available() -> bool:
    try:
        import ortools.sat.python.cp_model  # noqa: F401
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
) -> CpSatResult | None:
    return None
