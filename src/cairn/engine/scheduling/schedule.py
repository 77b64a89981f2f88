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
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from cairn.engine.scheduling.cpm import Times, free_float
from cairn.engine.scheduling.links import required_start
from cairn.engine.scheduling.model import Plan, TaskId
from cairn.engine.scheduling.network import FastEdge, Link, Network, leaves
from cairn.engine.scheduling.timeline import Timeline
from cairn.engine.scheduling.violations import Violation


@dataclass(frozen=True, slots=True)
class ScheduledTask:
    """One task's schedule; integer fields are working-minute offsets or lengths."""

    id: TaskId
    start: int
    finish: int
    early_start: int
    early_finish: int
    late_start: int
    late_finish: int
    total_float: int
    free_float: int
    critical: bool
    summary: bool
    milestone: bool
    schedule: Schedule

    @property
    def duration(self) -> int:
        return self.finish - self.start

    @property
    def start_at(self) -> datetime:
        return self.schedule.moment(self.id, self.start, finish=False)

    @property
    def finish_at(self) -> datetime:
        return self.schedule.moment(self.id, self.finish, finish=True)

    @property
    def early_start_at(self) -> datetime:
        return self.schedule.moment(self.id, self.early_start, finish=False)

    @property
    def early_finish_at(self) -> datetime:
        return self.schedule.moment(self.id, self.early_finish, finish=True)

    @property
    def late_start_at(self) -> datetime:
        timeline = self.schedule.timeline
        return timeline.finish_at(self.late_start) if self.milestone else timeline.start_at(self.late_start)

    @property
    def late_finish_at(self) -> datetime:
        return self.schedule.timeline.finish_at(self.late_finish)


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
        times = self._times
        early = times.early_start[node]
        early_finish = early + times.early_duration[node]
        late = times.late_start[node]
        late_finish = times.late_finish[node]
        total = min(late - early, late_finish - early_finish)
        start = times.start[node]
        summary = node in self._network.children
        return ScheduledTask(
            id=self._network.ids[node],
            start=start,
            finish=start + times.start_duration[node],
            early_start=early,
            early_finish=early_finish,
            late_start=late,
            late_finish=late_finish,
            total_float=total,
            free_float=free_float(self._network, times, self.timeline, node),
            critical=total <= self.plan.critical_float,
            summary=summary,
            milestone=not summary and times.start_duration[node] == 0,
            schedule=self,
        )

    def moment(self, task_id: TaskId, offset: int, *, finish: bool) -> datetime:
        """``offset`` of this task as a datetime, following the snapping rules."""
        node = self._network.index[task_id]
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
        """Every link into each leaf task, summaries expanded (built on first use)."""
        incoming: dict[int, list[Link]] = {}
        network = self._network
        for dependency in self.plan.dependencies:
            predecessor = network.index[dependency.predecessor]
            for leaf in leaves(network, network.index[dependency.successor]):
                kind = dependency.type
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
