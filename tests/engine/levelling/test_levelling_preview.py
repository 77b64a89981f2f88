"""The preview a planner sees before accepting levelling: what moves, and how far."""

from __future__ import annotations

import pytest

from cairn.engine.scheduling.levelling import (
    LevellingProblem,
    Precedence,
    Resource,
    Task,
    TaskMove,
    critical_path_starts,
    level,
    preview_moves,
)


def test_it_lists_only_the_tasks_that_move_with_their_delta() -> None:
    moves = preview_moves({"a": 0, "b": 0, "c": 5}, {"a": 0, "b": 3, "c": 4})
    assert moves == [TaskMove("b", 0, 3), TaskMove("c", 5, 4)]
    assert [move.delta for move in moves] == [3, -1]


def test_nothing_moves_when_the_schedules_agree() -> None:
    assert preview_moves({"a": 2}, {"a": 2}) == []


def test_it_refuses_schedules_of_different_plans() -> None:
    with pytest.raises(ValueError, match="b"):
        preview_moves({"a": 0}, {"a": 0, "b": 1})


def test_levelling_an_overloaded_plan_moves_the_task_that_has_to_wait() -> None:
    # Alice can do one thing at a time; "review" waits for "write" anyway.
    problem = LevellingProblem(
        tasks=(
            Task("write", 3, {"alice": 1}),
            Task("slides", 2, {"alice": 1}),
            Task("review", 1),
        ),
        resources=(Resource("alice", 1),),
        precedences=(Precedence("write", "review"),),
    )
    current = critical_path_starts(problem)
    levelled = level(problem, hint=current)
    moves = preview_moves(current, levelled.starts)
    assert levelled.makespan == 5
    assert {move.task_id for move in moves} <= {"write", "slides", "review"}
    assert sum(1 for move in moves if move.task_id in {"write", "slides"}) == 1
    assert all(move.delta > 0 for move in moves)
