"""What a change does to a schedule: the project's finish and each task's dates before
and after, in working minutes of the plan's calendar (positive is later)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Dates:
    start: int
    finish: int


@dataclass(frozen=True)
class Moved:
    task: str
    start_delta: int
    finish_delta: int


@dataclass(frozen=True)
class Impact:
    finish_before: int
    finish_after: int
    moved: tuple[Moved, ...]
    added: tuple[str, ...]

    @property
    def finish_delta(self) -> int:
        return self.finish_after - self.finish_before


def compare(before: Mapping[str, Dates], after: Mapping[str, Dates], *, finish_before: int,
            finish_after: int) -> Impact:
    """The tasks of both schedules whose start or finish moved, the latest-finishing
    move first; tasks only in `after` are the added ones."""
    moved = [
        Moved(task, after[task].start - dates.start, after[task].finish - dates.finish)
        for task, dates in before.items()
        if task in after and after[task] != dates
    ]
    moved.sort(key=lambda m: (-m.finish_delta, -m.start_delta, m.task))
    added = tuple(task for task in after if task not in before)
    return Impact(finish_before, finish_after, tuple(moved), added)
