"""Golden tests on real PSPLIB j30 instances against their published optima.

The files are read in place from the shared corpus (``tests/shared_data.py``).
"""

from __future__ import annotations

import pytest
from shared_data import data, needs

from cairn.engine.scheduling.levelling import level, violations
from cairn.engine.scheduling.levelling.compiled import compile_problem
from cairn.engine.scheduling.levelling.psplib import (
    instance_key,
    read_optimum_table,
    read_references,
    read_sm,
)

PSPLIB = data("psplib")
J30 = PSPLIB / "j30"
SOLUTIONS = PSPLIB / "solutions"

needs_psplib = needs(J30, SOLUTIONS / "j30opt.sm")


@pytest.fixture(scope="module")
def optimum() -> dict[tuple[int, int], int]:
    return read_optimum_table((SOLUTIONS / "j30opt.sm").read_text(encoding="latin-1"))


@needs_psplib
def test_an_instance_file_is_read_with_its_jobs_links_and_capacities() -> None:
    problem = read_sm(J30 / "j301_1.sm")
    assert len(problem.tasks) == 32
    assert [r.capacity for r in problem.resources] == [12, 13, 4, 12]
    assert problem.task("2").duration == 8
    assert dict(problem.task("3").demands) == {"R1": 10}
    assert len(problem.precedences) == 48
    # The file's own "MPM-Time" is the critical-path length.
    assert compile_problem(problem).critical_path == 38


@needs_psplib
def test_the_optimum_table_has_every_j30_instance(optimum: dict[tuple[int, int], int]) -> None:
    assert len(optimum) == 480
    assert optimum[1, 1] == 43
    assert optimum[48, 10] == 54


@needs_psplib
def test_references_combine_bounds_and_best_known_makespans() -> None:
    refs = read_references(SOLUTIONS, "j120")
    assert len(refs) == 600
    assert refs[1, 1].upper == 105 and refs[1, 1].lower == 104 and not refs[1, 1].optimal
    assert refs[1, 2].optimal


def test_instance_names_give_family_parameter_and_instance() -> None:
    assert instance_key("j3012_4") == ("j30", 12, 4)
    assert instance_key("j12060_10") == ("j120", 60, 10)
    assert instance_key("notes") is None


@needs_psplib
@pytest.mark.parametrize("name", ["j301_1", "j3010_7", "j3013_3", "j3025_2", "j3041_5", "j3046_1"])
def test_levelling_reaches_the_published_optimum(name: str, optimum: dict[tuple[int, int], int]) -> None:
    problem = read_sm(J30 / f"{name}.sm")
    result = level(problem, time_limit=600, max_schedules=40_000, seed=0)
    assert violations(problem, result.starts) == []
    key = instance_key(name)
    assert key is not None
    assert result.makespan == optimum[key[1:]]
