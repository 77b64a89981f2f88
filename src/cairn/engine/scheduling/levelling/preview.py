"""What levelling would change: the tasks that move, and by how much."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cairn.engine.scheduling.levelling.problem import TaskId


@dataclass(frozen=True, slots=True)
class TaskMove:
    task_id: TaskId
    old_start: int
    new_start: int

    @property
    def delta(self) -> int:
        """Periods the task moves by: positive is later."""
        return self.new_start - self.old_start


def preview_moves(current: Mapping[TaskId, int], levelled: Mapping[TaskId, int]) -> list[TaskMove]:
    """The tasks whose start differs, by old start (then in ``current``'s order).

    A task in only one of the two schedules is an error: the preview compares two
    schedules of the same plan.
    """
    if current.keys() != levelled.keys():
        missing = sorted(set(current).symmetric_difference(levelled))
        raise ValueError(f"Schedules differ in tasks: {', '.join(missing)}")
    moves = [
        TaskMove(task_id, start, levelled[task_id])
        for task_id, start in current.items()
        if levelled[task_id] != start
    ]
    moves.sort(key=lambda move: move.old_start)
    return moves
