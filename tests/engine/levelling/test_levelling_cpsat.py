"""The optional CP-SAT path (``cairn[solver]``): skipped where OR-Tools is not installed,
except under CI, which installs it (``requirements-solver.lock``) and must run these."""

from __future__ import annotations

import os

import pytest
from shared_data import data, needs

from cairn.engine.scheduling.levelling import (
    LevellingProblem,
    Precedence,
    Resource,
    Task,
    cpsat_available,
    level,
    violations,
)
from cairn.engine.scheduling.levelling.psplib import read_sm

if os.environ.get("CI", "").lower() not in ("1", "true", "yes"):
    pytest.importorskip("ortools.sat.python.cp_model")

J30 = data("psplib/j30")


def test_cpsat_is_reported_available() -> None:
    assert cpsat_available()


def test_cpsat_proves_a_small_plan_optimal() -> None:
    problem = LevellingProblem(
        tasks=(
            Task("a", 3, {"r": 2}),
            Task("b", 2, {"r": 1}),
            Task("c", 4, {"r": 1}),
            Task("d", 2, {"r": 2}),
        ),
        resources=(Resource("r", 3, profile=(3, 1, 1, 3)),),
        precedences=(Precedence("a", "d"), Precedence("b", "d", lag=1)),
    )
    result = level(problem, solver="cpsat", time_limit=10)
    assert violations(problem, result.starts) == []
    assert result.optimal
    assert result.lower_bound == result.makespan


@needs(J30)
def test_cpsat_closes_a_j30_instance_the_heuristic_finds_hard() -> None:
    problem = read_sm(J30 / "j3025_2.sm")
    result = level(problem, solver="cpsat", time_limit=20)
    assert violations(problem, result.starts) == []
    assert result.makespan == 75
    assert result.optimal


def test_auto_uses_cpsat_when_installed() -> None:
    problem = LevellingProblem(
        tasks=(Task("a", 2, {"r": 1}), Task("b", 2, {"r": 1})), resources=(Resource("r", 1),)
    )
    result = level(problem, solver="auto", time_limit=5)
    assert result.makespan == 4
    assert result.optimal
