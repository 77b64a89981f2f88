"""Baselines: a saved copy of the schedule, and how far the plan has drifted from it.

A baseline is a mapping of task id to ``(start, finish, duration)``: datetimes and
working minutes, as saved from a :class:`~cairn.engine.scheduling.schedule.Schedule`
by :func:`baseline_of` or loaded from storage.  Variances are in working minutes of
the plan's calendar, positive when the task is later (or longer) than baselined, as
in MS Project.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import NamedTuple

from cairn.engine.scheduling.model import TaskId
from cairn.engine.scheduling.schedule import Schedule


class BaselineEntry(NamedTuple):
    start: datetime
    finish: datetime
    duration: int


class Variance(NamedTuple):
    start: int
    finish: int
    duration: int


def baseline_of(schedule: Schedule) -> dict[TaskId, BaselineEntry]:
    """The scheduled start, finish and duration of every task, to save as a baseline."""
    return {
        task_id: BaselineEntry(start, finish, schedule[task_id].duration)
        for task_id, start, finish in schedule.dates()
    }


def variances(
    schedule: Schedule, baseline: Mapping[TaskId, tuple[datetime, datetime, int]]
) -> dict[TaskId, Variance]:
    """Start, finish and duration variance of each task that the baseline knows."""
    offset = schedule.timeline.offset
    found: dict[TaskId, Variance] = {}
    for task_id, (start, finish, duration) in baseline.items():
        if task_id not in schedule:
            continue
        task = schedule[task_id]
        found[task_id] = Variance(
            start=task.start - offset(start),
            finish=task.finish - offset(finish),
            duration=task.duration - duration,
        )
    return found
