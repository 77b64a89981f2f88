"""Cairn's scheduling engine: working calendars and the critical path method.

Pure Python; integer working minutes inside, naive local datetimes at the edges::

    plan = Plan(start=datetime(2025, 3, 3, 8), calendar=Calendar.standard(),
                tasks=[Task("a", 960), Task("b", 480)],
                dependencies=[Dependency("a", "b")])
    result = schedule(plan)
    result["b"].finish_at  # datetime(2025, 3, 5, 17, 0)
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from cairn.engine.scheduling.baselines import BaselineEntry, Variance, baseline_of, variances
from cairn.engine.scheduling.calendars import STANDARD_DAY, Calendar, TimeRange, WorkingDay, working_day
from cairn.engine.scheduling.cpm import run_passes
from cairn.engine.scheduling.errors import CalendarError, CycleError, PlanError, SchedulingError
from cairn.engine.scheduling.model import (
    ASAP,
    Assignment,
    Constraint,
    ConstraintType,
    Dependency,
    DependencyType,
    Plan,
    Task,
    TaskId,
)
from cairn.engine.scheduling.network import compile_plan
from cairn.engine.scheduling.schedule import Schedule, ScheduledTask
from cairn.engine.scheduling.timeline import Timeline, shared_timeline
from cairn.engine.scheduling.violations import Violation, ViolationKind

__all__ = [
    "ASAP",
    "STANDARD_DAY",
    "Assignment",
    "BaselineEntry",
    "Calendar",
    "CalendarError",
    "Constraint",
    "ConstraintType",
    "CycleError",
    "Dependency",
    "DependencyType",
    "Plan",
    "PlanError",
    "Schedule",
    "ScheduledTask",
    "SchedulingError",
    "Task",
    "TaskId",
    "TimeRange",
    "Timeline",
    "Variance",
    "Violation",
    "ViolationKind",
    "WorkingDay",
    "baseline_of",
    "schedule",
    "timeline_for",
    "variances",
    "working_day",
]


def schedule(plan: Plan) -> Schedule:
    """Run the forward and backward passes over ``plan``.

    Raises :class:`CycleError` when the links loop, :class:`PlanError` when the plan
    names unknown tasks or repeats an id.
    """
    timeline = timeline_for(plan)
    with _collector_paused():
        network = compile_plan(plan, timeline)
        times = run_passes(plan, network, timeline)
    return Schedule(plan, network, timeline, times)


def timeline_for(plan: Plan) -> Timeline:
    """The plan's calendar as a timeline anchored at the plan's start date (shared)."""
    return shared_timeline(plan.calendar, plan.start.date())


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: the passes allocate millions of tuples and
    lists that are not garbage, and each automatic collection scans them all (it made
    100,000 tasks a third slower)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
