"""The result of scheduling a plan: per-task dates, floats, criticality, violations.

Dates are kept as working-minute offsets and become datetimes only when asked for
(``ScheduledTask.start_at`` and friends), so scheduling a million tasks does not pay
for a million datetimes.  Starts read as the start of a working period and finishes
as the end of one (a task ending with the working day finishes at 17:00, not at
08:00 the next day).  A milestone sits at the end of the previous working period
when a finish drives it (it follows a task ending at 17:00) and at the start of the
next one otherwise (the plan's start, a start-to-start link, a start constraint).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from functools import cached_property

from cairn.engine.scheduling.cpm import Times, free_float
from cairn.engine.scheduling.links import required_start
from cairn.engine.scheduling.model import Plan, TaskId
from cairn.engine.scheduling.network import FastEdge, Link, Network, leaves
from cairn.engine.scheduling.timeline import Timeline
from cairn.engine.scheduling.violations import Violation


class ScheduledTask:
    """A view of one task in a schedule.  Integer properties are working-minute
    offsets (dates) or lengths (durations, floats); ``*_at`` ones are datetimes."""

    __slots__ = ("_node", "_schedule", "_times")

    def __init__(self, schedule: Schedule, node: int) -> None:
        self._schedule = schedule
        self._node = node
        self._times = schedule._times

    def __repr__(self) -> str:
        return (
            f"ScheduledTask({self.id!r}, start={self.start}, finish={self.finish}, "
            f"total_float={self.total_float}, critical={self.critical})"
        )

    @property
    def id(self) -> TaskId:
        return self._schedule._network.ids[self._node]

    @property
    def start(self) -> int:
        """The scheduled start: the early start, or the late start of an ALAP task."""
        return self._times.start[self._node]

    @property
    def finish(self) -> int:
        return self._times.start[self._node] + self._times.start_duration[self._node]

    @property
    def duration(self) -> int:
        return self._times.start_duration[self._node]

    @property
    def early_start(self) -> int:
        return self._times.early_start[self._node]

    @property
    def early_finish(self) -> int:
        return self._times.early_start[self._node] + self._times.early_duration[self._node]

    @property
    def late_start(self) -> int:
        return self._times.late_start[self._node]

    @property
    def late_finish(self) -> int:
        return self._times.late_finish[self._node]

    @property
    def total_float(self) -> int:
        return min(self.late_start - self.early_start, self.late_finish - self.early_finish)

    @property
    def free_float(self) -> int:
        schedule = self._schedule
        return free_float(schedule._network, self._times, schedule.timeline, self._node)

    @property
    def critical(self) -> bool:
        return self.total_float <= self._schedule.plan.critical_float

    @property
    def summary(self) -> bool:
        return self._node in self._schedule._network.children

    @property
    def milestone(self) -> bool:
        return self.duration == 0 and not self.summary

    @property
    def start_at(self) -> datetime:
        return self._schedule._moment(self._node, self.start, finish=False)

    @property
    def finish_at(self) -> datetime:
        return self._schedule._moment(self._node, self.finish, finish=True)

    @property
    def early_start_at(self) -> datetime:
        return self._schedule._moment(self._node, self.early_start, finish=False)

    @property
    def early_finish_at(self) -> datetime:
        return self._schedule._moment(self._node, self.early_finish, finish=True)

    @property
    def late_start_at(self) -> datetime:
        timeline = self._schedule.timeline
        return timeline.finish_at(self.late_start) if self.milestone else timeline.start_at(self.late_start)

    @property
    def late_finish_at(self) -> datetime:
        return self._schedule.timeline.finish_at(self.late_finish)


class Schedule:
    """Access by task id: ``schedule["T1"].start_at``; iterate in plan order."""

    def __init__(self, plan: Plan, network: Network, timeline: Timeline, times: Times) -> None:
        self.plan = plan
        self.timeline = timeline
        self.violations: tuple[Violation, ...] = tuple(times.violations)
        self.start = network.start_offset
        self.finish = times.project_finish
        self._network = network
        self._times = times
        self._finish_driven: dict[int, bool] = {}

    @property
    def start_at(self) -> datetime:
        return self.timeline.start_at(self.start)

    @property
    def finish_at(self) -> datetime:
        if self.finish == self.start:  # nothing to do, or only milestones at the start
            return self.start_at
        return self.timeline.finish_at(self.finish)

    def __len__(self) -> int:
        return self._network.size

    def __contains__(self, task_id: object) -> bool:
        return task_id in self._network.index

    def __iter__(self) -> Iterator[ScheduledTask]:
        return (self._task(node) for node in range(self._network.size))

    def __getitem__(self, task_id: TaskId) -> ScheduledTask:
        return self._task(self._network.index[task_id])

    def _task(self, node: int) -> ScheduledTask:
        return ScheduledTask(self, node)

    def dates(self) -> Iterator[tuple[TaskId, datetime, datetime]]:
        """``(id, start, finish)`` of every task as datetimes, in plan order: the
        quick way to draw or store a whole schedule."""
        start_at, finish_at = self.timeline.start_at, self.timeline.finish_at
        starts, durations, children = self._times.start, self._times.start_duration, self._network.children
        for node, task_id in enumerate(self._network.ids):
            start, duration = starts[node], durations[node]
            if duration or node in children:
                yield task_id, start_at(start), finish_at(start + duration)
            else:
                moment = self._moment(node, start, finish=False)
                yield task_id, moment, moment

    def _moment(self, node: int, offset: int, *, finish: bool) -> datetime:
        """``offset`` of this task as a datetime, following the snapping rules."""
        if self._times.start_duration[node] == 0 and node not in self._network.children:
            finish = self._finish_driven_milestone(node)
        return self.timeline.finish_at(offset) if finish else self.timeline.start_at(offset)

    # -- critical path ---------------------------------------------------------------

    @cached_property
    def critical_path(self) -> tuple[TaskId, ...]:
        """The critical leaf tasks, in the order they are scheduled."""
        rank = {node: position for position, node in enumerate(self._network.order)}
        critical = [node for node in self._critical_leaves]
        times = self._times
        critical.sort(key=lambda node: (times.start[node], times.start_duration[node], rank[node]))
        return tuple(self._network.ids[node] for node in critical)

    def critical_paths(self, limit: int = 100) -> list[tuple[TaskId, ...]]:
        """Chains of critical tasks joined by driving links (links with no slack),
        from a critical task that nothing critical drives to one that drives nothing
        critical.  At most ``limit`` chains; there can be exponentially many."""
        leaves = self._critical_leaves
        driven: dict[int, list[int]] = {node: [] for node in leaves}
        drives_something: set[int] = set()
        for node in leaves:
            for predecessor in self._drivers(node):
                if predecessor in driven:
                    driven[predecessor].append(node)
                    drives_something.add(node)
        starts = [node for node in self._network.order if node in driven and node not in drives_something]
        paths: list[tuple[TaskId, ...]] = []
        ids = self._network.ids
        stack: list[tuple[int, tuple[int, ...]]] = [(node, (node,)) for node in reversed(starts)]
        while stack and len(paths) < limit:
            node, path = stack.pop()
            following = driven[node]
            if not following:
                paths.append(tuple(ids[k] for k in path))
            stack.extend((nxt, (*path, nxt)) for nxt in reversed(following))
        return paths

    @cached_property
    def _critical_leaves(self) -> set[int]:
        times, threshold, children = self._times, self.plan.critical_float, self._network.children
        return {
            node
            for node in range(self._network.size)
            if node not in children
            and min(
                times.late_start[node] - times.early_start[node],
                times.late_finish[node] - times.early_start[node] - times.early_duration[node],
            )
            <= threshold
        }

    def _drivers(self, node: int) -> Iterator[int]:
        """The predecessors whose links hold this task's scheduled start exactly."""
        times, start = self._times, self._times.start
        for predecessor, _, weight in self._fast_in[node]:
            if start[predecessor] + weight == start[node]:
                yield predecessor
        for link in self._network.slow_in.get(node, ()):
            if required_start(link, start, times.start_duration, self.timeline) == start[node]:
                yield link.predecessor

    @cached_property
    def _fast_in(self) -> list[list[FastEdge]]:
        return self._network.fast_in()

    def _finish_driven_milestone(self, node: int) -> bool:
        known = self._finish_driven.get(node)
        if known is not None:
            return known
        found = self._finish_driven_uncached(node)
        self._finish_driven[node] = found
        return found

    def _finish_driven_uncached(self, node: int) -> bool:
        task, start = self.plan.tasks[node], self._times.start
        given = task.manual_start if node in self._network.manual else task.constraint.date
        if given is not None and self.timeline.offset(given) == start[node]:
            return self.timeline.start_at(start[node]) != given.replace(second=0, microsecond=0)
        sides = [
            self._finish_side(link.predecessor, link.from_finish)
            for link in self._links_into(node)
            if required_start(link, start, self._times.start_duration, self.timeline) == start[node]
        ]
        return bool(sides) and all(sides)

    def _finish_side(self, predecessor: int, from_finish: bool) -> bool:
        if self._times.start_duration[predecessor] == 0 and predecessor not in self._network.children:
            return self._finish_driven_milestone(predecessor)
        return from_finish

    def _links_into(self, node: int) -> list[Link]:
        return self._incoming.get(node, [])

    @cached_property
    def _incoming(self) -> dict[int, list[Link]]:
        """Every link into each milestone, summaries expanded (built on first use)."""
        incoming: dict[int, list[Link]] = {}
        network, durations = self._network, self._times.start_duration
        index, children = network.index, network.children
        for dependency in self.plan.dependencies:
            successor = index[dependency.successor]
            if durations[successor] and successor not in children:
                continue
            predecessor = index[dependency.predecessor]
            kind = dependency.type
            for leaf in leaves(network, successor):
                if durations[leaf]:
                    continue
                link = Link(
                    predecessor,
                    leaf,
                    kind.from_finish,
                    kind.to_finish,
                    dependency.lag,
                    dependency.lag_percent,
                    dependency.elapsed,
                    dependency,
                )
                incoming.setdefault(leaf, []).append(link)
        return incoming
