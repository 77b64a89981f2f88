"""Small plans whose best schedule is known: by hand, or by trying every order."""

from __future__ import annotations

import itertools
import random

import pytest

from cairn.engine.scheduling.errors import CycleError
from cairn.engine.scheduling.levelling import (
    LevellingError,
    LevellingProblem,
    LinkKind,
    Precedence,
    Resource,
    Task,
    critical_path_starts,
    level,
    violations,
)


def plan(tasks: list[Task], capacity: dict[str, int], links: list[Precedence] = []) -> LevellingProblem:  # noqa: B006
    resources = tuple(Resource(id=r, capacity=c) for r, c in capacity.items())
    return LevellingProblem(tasks=tuple(tasks), resources=resources, precedences=tuple(links))


def test_two_tasks_that_each_need_the_whole_team_run_one_after_the_other() -> None:
    problem = plan(
        [Task("design", 3, {"team": 2}), Task("build", 4, {"team": 2})],
        {"team": 2},
    )
    result = level(problem)
    assert result.makespan == 7
    assert sorted(result.starts.values()) == [0, 3]
    assert result.optimal


def test_tasks_are_packed_side_by_side_when_the_team_is_big_enough() -> None:
    # Work is 4 + 3 + 3 + 2 = 12 person-periods for 2 people: 6 periods at best,
    # reached by running B and C together, then A, then D.
    problem = plan(
        [
            Task("A", 2, {"p": 2}),
            Task("B", 3, {"p": 1}),
            Task("C", 3, {"p": 1}),
            Task("D", 1, {"p": 2}),
        ],
        {"p": 2},
    )
    result = level(problem)
    assert result.makespan == 6
    assert result.starts["B"] == result.starts["C"]
    assert result.optimal


def test_a_finish_to_start_lag_leaves_a_gap() -> None:
    problem = plan(
        [Task("pour", 2), Task("strip", 1)],
        {},
        [Precedence("pour", "strip", lag=3)],
    )
    result = level(problem)
    assert result.starts == {"pour": 0, "strip": 5}
    assert result.makespan == 6


def test_start_to_start_finish_to_finish_and_start_to_finish_links_hold() -> None:
    problem = plan(
        [Task("a", 4, {"r": 1}), Task("b", 2, {"r": 1}), Task("c", 3, {"r": 1}), Task("d", 1)],
        {"r": 2},
        [
            Precedence("a", "b", LinkKind.START_TO_START, 1),
            Precedence("a", "c", LinkKind.FINISH_TO_FINISH, 2),
            Precedence("b", "d", LinkKind.START_TO_FINISH, 5),
        ],
    )
    result = level(problem)
    assert violations(problem, result.starts) == []
    assert result.starts["c"] + 3 >= result.starts["a"] + 4 + 2
    assert result.starts["d"] + 1 >= result.starts["b"] + 5


def test_milestones_take_no_capacity() -> None:
    problem = plan(
        [Task("start", 0, {"r": 1}), Task("work", 2, {"r": 1}), Task("done", 0, {"r": 1})],
        {"r": 1},
        [Precedence("start", "work"), Precedence("work", "done")],
    )
    assert level(problem).starts == {"start": 0, "work": 0, "done": 2}


def test_a_holiday_pushes_work_past_it() -> None:
    problem = LevellingProblem(
        tasks=(Task("a", 2, {"r": 1}),),
        resources=(Resource("r", 1, profile=(1, 0, 0, 1)),),
    )
    # Periods 1 and 2 have nobody: the two periods of work fit from period 3 on.
    assert level(problem).starts == {"a": 3}


def test_release_dates_hold_tasks_back() -> None:
    problem = plan([Task("a", 2, release=4), Task("b", 1)], {}, [Precedence("a", "b")])
    assert level(problem).starts == {"a": 4, "b": 6}


def test_the_unlevelled_schedule_is_the_critical_path_one() -> None:
    problem = plan(
        [Task("a", 2, {"r": 1}), Task("b", 2, {"r": 1}), Task("c", 1)],
        {"r": 1},
        [Precedence("a", "c")],
    )
    assert critical_path_starts(problem) == {"a": 0, "b": 0, "c": 2}


def test_a_cycle_is_refused() -> None:
    problem = plan([Task("a", 1), Task("b", 1)], {}, [Precedence("a", "b"), Precedence("b", "a")])
    with pytest.raises(CycleError):
        level(problem)


@pytest.mark.parametrize(
    "problem",
    [
        plan([Task("a", 1, {"ghost": 1})], {}),
        plan([Task("a", 1, {"r": 3})], {"r": 2}),
        plan([Task("a", -1)], {}),
        plan([Task("a", 1), Task("a", 2)], {}),
        plan([Task("a", 1)], {}, [Precedence("a", "nobody")]),
    ],
    ids=["unknown resource", "demand over capacity", "negative duration", "duplicate id", "unknown task"],
)
def test_malformed_plans_are_refused(problem: LevellingProblem) -> None:
    with pytest.raises(LevellingError):
        level(problem)


def _best_by_trying_every_order(problem: LevellingProblem) -> int:
    """Some order scheduled greedily is optimal (active schedules contain an optimum):
    try them all, with a scheduler written apart from the engine's."""
    tasks = {t.id: t for t in problem.tasks}
    best = None
    for order in itertools.permutations(tasks):
        position = {task_id: k for k, task_id in enumerate(order)}
        if any(position[link.before] > position[link.after] for link in problem.precedences):
            continue
        starts: dict[str, int] = {}
        usage: dict[tuple[str, int], int] = {}
        for task_id in order:
            task = tasks[task_id]
            t = max(
                [
                    starts[link.before] + tasks[link.before].duration + link.lag
                    for link in problem.precedences
                    if link.after == task_id
                ],
                default=0,
            )
            while any(
                usage.get((r, p), 0) + q > res.capacity
                for res in problem.resources
                for r, q in task.demands.items()
                if r == res.id
                for p in range(t, t + task.duration)
            ):
                t += 1
            for r, q in task.demands.items():
                for p in range(t, t + task.duration):
                    usage[r, p] = usage.get((r, p), 0) + q
            starts[task_id] = t
        span = max(starts[k] + tasks[k].duration for k in tasks)
        best = span if best is None else min(best, span)
    assert best is not None
    return best


def _random_plan(seed: int) -> LevellingProblem:
    rng = random.Random(seed)
    resources = {f"R{k}": rng.randint(2, 5) for k in range(rng.randint(1, 2))}
    tasks = [
        Task(
            f"T{k}",
            rng.randint(1, 5),
            {r: rng.randint(1, c) for r, c in resources.items() if rng.random() < 0.8},
        )
        for k in range(6)
    ]
    links = [
        Precedence(f"T{i}", f"T{j}", lag=rng.choice([0, 0, 0, 1]))
        for i in range(6)
        for j in range(i + 1, 6)
        if rng.random() < 0.2
    ]
    return plan(tasks, resources, links)


@pytest.mark.parametrize("seed", range(25))
def test_small_random_plans_get_their_optimal_makespan(seed: int) -> None:
    problem = _random_plan(seed)
    result = level(problem, time_limit=60, max_schedules=3000)
    assert violations(problem, result.starts) == []
    assert result.makespan == _best_by_trying_every_order(problem)
