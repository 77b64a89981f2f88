"""Errors raised by the scheduling engine."""

from __future__ import annotations

from collections.abc import Sequence


class SchedulingError(Exception):
    """Base class of every error the scheduling engine raises."""


class PlanError(SchedulingError, ValueError):
    """The plan is malformed: an unknown task id, a duplicate id, a missing date..."""


class CalendarError(SchedulingError, ValueError):
    """A calendar is malformed (overlapping ranges, no working time at all...)."""


class CycleError(SchedulingError):
    """The dependencies (or the summary hierarchy combined with them) form a cycle.

    ``task_ids`` lists the tasks of one cycle in link order; the first task is
    repeated at the end of the message to make the loop visible.
    """

    def __init__(self, task_ids: Sequence[str]) -> None:
        self.task_ids: tuple[str, ...] = tuple(task_ids)
        loop = " -> ".join([*self.task_ids, self.task_ids[0]]) if self.task_ids else ""
        super().__init__(f"Dependency cycle: {loop}")
