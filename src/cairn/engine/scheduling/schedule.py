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

import itertools
from collections.abc import Iterator
from datetime import datetime
from functools import cached_property
from itertools import compress
from operator import not_

from cairn.engine.scheduling import critical
from cairn.engine.scheduling.cpm import Times, free_float
from cairn.engine.scheduling.links import lag_of, required_start
from cairn.engine.scheduling.model import Dependency, Plan, TaskId
from cairn.engine.scheduling.network import FF, FS, SF, Link, Network, leaves
from cairn.engine.scheduling.timeline import Timeline
from cairn.engine.scheduling.violations import Violation

_NOT = bytes([1]) + bytes(255)  # translates 0 to 1 and anything else to 0


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
        return self._schedule._start_at(self._node, self.start)

    @property
    def finish_at(self) -> datetime:
        return self._schedule._finish_at(self._node, self.start, self.finish)

    @property
    def early_start_at(self) -> datetime:
        return self._schedule._start_at(self._node, self.early_start)

    @property
    def early_finish_at(self) -> datetime:
        return self._schedule._finish_at(self._node, self.early_start, self.early_finish)

    @property
    def assignments(self) -> tuple[tuple[str, datetime, datetime], ...]:
        """``(resource, start, finish)`` of each of the task's assignments, each on its
        own calendar (empty for a summary, a manual task or one without any)."""
        return self._schedule._assignment_dates(self._node, self.start)

    @property
    def late_start_at(self) -> datetime:
        span = self._schedule._network.spans.get(self._node)
        if span is not None:
            return span.moments(self.late_start)[0]
        timeline = self._schedule.timeline
        return timeline.finish_at(self.late_start) if self.milestone else timeline.start_at(self.late_start)

    @property
    def late_finish_at(self) -> datetime:
        span = self._schedule._network.spans.get(self._node)
        if span is not None:
            return span.moments(self.late_start)[1]
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
        self._start_driven: dict[int, bool] = {}
        # Offsets read as starts and as finishes: tasks share few distinct offsets.
        self._starts: dict[int, datetime] = {}
        self._finishes: dict[int, datetime] = {}

    def _start_of(self, offset: int) -> datetime:
        moment = self._starts.get(offset)
        if moment is None:
            moment = self._starts[offset] = self.timeline.start_at(offset)
        return moment

    def _finish_of(self, offset: int) -> datetime:
        moment = self._finishes.get(offset)
        if moment is None:
            moment = self._finishes[offset] = self.timeline.finish_at(offset)
        return moment

    @property
    def start_at(self) -> datetime:
        return self.timeline.start_at(self.start)

    @property
    def finish_at(self) -> datetime:
        if self.finish == self.start:  # nothing to do, or only milestones at the start
            return self.start_at
        return self._finish_moment

    @cached_property
    def _finish_moment(self) -> datetime:
        """The latest displayed finish of the tasks ending the project."""
        moment = self.timeline.finish_at(self.finish)
        starts, durations = self._times.start, self._times.start_duration
        for node in self._special_leaves:
            if starts[node] + durations[node] == self.finish:
                moment = max(moment, self._leaf_moments(node)[1])
        return moment

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
        start_of, finish_of = self._start_of, self._finish_of
        started, finished = self._starts.get, self._finishes.get
        starts, durations = self._times.start, self._times.start_duration
        summaries = self._summary_moments if self._network.children else {}
        special = self._special_leaves
        leaf_moments = self._leaf_moments
        for node, task_id, start, duration in zip(itertools.count(), self._network.ids, starts, durations):
            if node in summaries:
                yield task_id, *summaries[node]
            elif node in special:
                yield task_id, *leaf_moments(node)
            elif duration:
                finish = start + duration
                yield task_id, started(start) or start_of(start), finished(finish) or finish_of(finish)
            else:
                moment = self._milestone_at(node, start)
                yield task_id, moment, moment

    def _start_at(self, node: int, start: int) -> datetime:
        """The start of this task at offset ``start`` as a datetime (snapping rules)."""
        span = self._network.spans.get(node)
        if span is not None:
            return span.moments(start)[0]
        if start == self._times.start[node] and (
            node in self._network.children or node in self._special_leaves
        ):
            return self._moments(node)[0]
        if self._times.start_duration[node] == 0 and node not in self._network.children:
            return self._milestone_at(node, start)
        return self._start_of(start)

    def _finish_at(self, node: int, start: int, finish: int) -> datetime:
        """The finish of this task placed at ``start`` and ending at offset ``finish``."""
        span = self._network.spans.get(node)
        if span is not None:
            return span.moments(start)[1]
        if start == self._times.start[node] and (
            node in self._network.children or node in self._special_leaves
        ):
            return self._moments(node)[1]
        if self._times.start_duration[node] == 0 and node not in self._network.children:
            return self._milestone_at(node, finish)
        return self._finish_of(finish)

    def _assignment_dates(self, node: int, start: int) -> tuple[tuple[str, datetime, datetime], ...]:
        network = self._network
        span = network.spans.get(node)
        if span is not None:
            return tuple(span.assignments(start))
        task = self.plan.tasks[node]
        if not task.assignments or node in network.children or node in network.manual:
            return ()
        # A span left out of the network is trivial: every assignment works exactly the
        # task's time on the plan's calendar, so it shows the task's own dates (a
        # finish-driven milestone at 17:00, not at 08:00 the next morning).
        begin, end = self._leaf_moments(node)
        return tuple((assignment.resource, begin, end) for assignment in task.assignments)

    def _moments(self, node: int) -> tuple[datetime, datetime]:
        if node in self._network.children:
            return self._summary_moments[node]
        return self._leaf_moments(node)

    def _milestone_at(self, node: int, offset: int) -> datetime:
        """A milestone sits at the end of the previous working period when a finish
        drives it, at the start of the next one otherwise."""
        if self._finish_driven_milestone(node):
            return self._finish_of(offset)
        return self._start_of(offset)

    def _leaf_moments(self, node: int) -> tuple[datetime, datetime]:
        """The displayed start and finish of a leaf task at its scheduled offset."""
        start, duration = self._times.start[node], self._times.start_duration[node]
        span = self._network.spans.get(node)
        if span is not None:
            return span.moments(start)
        if not duration:
            moment = self._milestone_at(node, start)
            return moment, moment
        finish = start + duration
        start_at, finish_at = self._start_of, self._finish_of
        read_as_finish = finish_at(finish)
        if node in self._network.manual:
            return start_at(start), read_as_finish
        read_as_start = start_at(finish)  # the same unless it ends a working period
        if read_as_start != read_as_finish and self._start_driven_finish(node):
            return start_at(start), read_as_start
        return start_at(start), read_as_finish

    @cached_property
    def _special_leaves(self) -> frozenset[int]:
        """Leaf tasks with a duration whose displayed dates need more than their
        offsets: a start-to-finish link (or a finish-to-finish one from a milestone)
        may hold their finish (manual tasks stay where they were put), or they run
        on their own calendars."""
        durations = self._times.start_duration
        manual = self._network.manual
        found = {node for node in self._scan[1] if durations[node] and node not in manual}
        return frozenset(found.union(self._network.spans))

    def _start_driven_finish(self, node: int) -> bool:
        """Whether every link holding this task's finish comes from the start side of
        its predecessor, with no positive lag: MS Project then shows the finish as
        that start (Monday 08:00), not as the end of the previous working period
        (Friday 17:00).  Adding a lag makes a finish again (as in
        ``Timeline.add_working_minutes``)."""
        known = self._start_driven.get(node)
        if known is not None:
            return known
        times, start = self._times, self._times.start
        holding = [
            self._finish_side(link.predecessor, link.from_finish) or lag_of(link, times.start_duration) > 0
            for link in self._finish_links(node)
            if link.to_finish
            and required_start(link, start, times.start_duration, self.timeline) == start[node]
        ]
        found = bool(holding) and not any(holding)
        self._start_driven[node] = found
        return found

    @cached_property
    def _summary_moments(self) -> dict[int, tuple[datetime, datetime]]:
        """Each summary's displayed start and finish: the earliest displayed start and
        the latest displayed finish of its leaf tasks (MS Project's rule).  Only the
        children at the summary's own start (finish) offset can decide it."""
        network, starts, durations = self._network, self._times.start, self._times.start_duration
        start_at, finish_at = self._start_of, self._finish_of
        special = self._special_leaves
        found: dict[int, tuple[datetime, datetime]] = {}
        for node in network.summaries:  # deepest first: child summaries are done
            first, last = starts[node], starts[node] + durations[node]
            begin: datetime | None = None
            end: datetime | None = None
            plain_begin = plain_end = False
            for child in network.children[node]:
                child_start = starts[child]
                child_finish = child_start + durations[child]
                at_start, at_finish = child_start == first, child_finish == last
                if not (at_start or at_finish):
                    continue
                if child in found:
                    moments = found[child]
                elif child in special or not durations[child]:
                    moments = self._leaf_moments(child)
                else:
                    plain_begin = plain_begin or at_start
                    plain_end = plain_end or at_finish
                    continue
                if at_start and (begin is None or moments[0] < begin):
                    begin = moments[0]
                if at_finish and (end is None or moments[1] > end):
                    end = moments[1]
            if plain_begin or begin is None:
                begin = min(begin, start_at(first)) if begin is not None else start_at(first)
            if plain_end or end is None:
                end = max(end, finish_at(last)) if end is not None else finish_at(last)
            found[node] = (begin, end)
        return found

    @cached_property
    def critical_path(self) -> tuple[TaskId, ...]:
        """The critical leaf tasks, in the order they are scheduled."""
        return critical.path(self._network, self._times, self._critical_leaves)

    def critical_paths(self, limit: int = 100) -> list[tuple[TaskId, ...]]:
        """Chains of critical tasks joined by driving links (links with no slack),
        from a critical task that nothing critical drives to one that drives nothing
        critical.  At most ``limit`` chains; there can be exponentially many."""
        return critical.paths(self._network, self._times, self.timeline, self._critical_leaves, limit)

    @cached_property
    def _critical_leaves(self) -> set[int]:
        return critical.leaves(self._network, self._times, self.plan.critical_float)

    def _finish_driven_milestone(self, node: int) -> bool:
        known = self._finish_driven.get(node)
        if known is not None:
            return known
        found = self._finish_driven_uncached(node)
        self._finish_driven[node] = found
        return found

    def _finish_driven_uncached(self, node: int) -> bool:
        task, start = self.plan.tasks[node], self._times.start
        if node in self._network.actual:
            given = task.actual_start or task.actual_finish
        else:
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
        return self._scan[0]

    @cached_property
    def _scan(self) -> tuple[dict[int, list[Link]], dict[int, list[Dependency]]]:
        """One pass over the links: those into each milestone, and the links that may
        hold the finish of a leaf task with a duration from a start side
        (start-to-finish, or finish-to-finish from a milestone)."""
        incoming: dict[int, list[Link]] = {}
        finishing: dict[int, list[Dependency]] = {}
        network, durations = self._network, self._times.start_duration
        children, spans = network.children, network.spans
        link_from, link_to, kinds = network.link_from, network.link_to, network.link_kind
        dependencies = self.plan.dependencies
        count = len(link_to)
        timed = bytearray(map(bool, durations))  # leaf tasks with a duration
        for node in children:
            timed[node] = 0
        milestone = bytearray(map(not_, durations))
        for node in children:
            milestone[node] = 0
        untimed = timed.translate(_NOT)  # milestones and summaries
        # Into a leaf with a duration: start-to-finish, or finish-to-finish from a milestone.
        held = list(compress(range(count), map(SF.__eq__, kinds)))
        held = list(compress(held, map(timed.__getitem__, map(link_to.__getitem__, held))))
        from_milestones = list(compress(range(count), map(FF.__eq__, kinds)))
        from_milestones = list(
            compress(from_milestones, map(milestone.__getitem__, map(link_from.__getitem__, from_milestones)))
        )
        held.extend(
            compress(from_milestones, map(timed.__getitem__, map(link_to.__getitem__, from_milestones)))
        )
        pairs = list(zip(held, map(link_to.__getitem__, held)))
        for k in compress(range(count), map(untimed.__getitem__, link_to)):
            successor, kind, dependency = link_to[k], kinds[k], dependencies[k]
            predecessor = link_from[k]
            for leaf in leaves(network, successor) if successor in children else (successor,):
                if durations[leaf]:
                    if kind in (SF, FF):
                        pairs.append((k, leaf))
                    continue
                link = Link(
                    predecessor,
                    leaf,
                    kind in (FS, FF),
                    kind in (FF, SF),
                    dependency.lag,
                    dependency.lag_percent,
                    dependency.elapsed,
                    dependency,
                    spans.get(leaf),
                )
                incoming.setdefault(leaf, []).append(link)
        pairs.sort()  # plan order
        for k, leaf in pairs:
            found = finishing.get(leaf)
            if found is None:
                finishing[leaf] = [dependencies[k]]
            else:
                found.append(dependencies[k])
        return incoming, finishing

    def _finish_links(self, node: int) -> list[Link]:
        """The links that may hold this task's finish from a start side."""
        index, span = self._network.index, self._network.spans.get(node)
        return [
            Link(
                index[dependency.predecessor],
                node,
                dependency.type.from_finish,
                True,
                dependency.lag,
                dependency.lag_percent,
                dependency.elapsed,
                dependency,
                span,
            )
            for dependency in self._scan[1].get(node, ())
        ]
