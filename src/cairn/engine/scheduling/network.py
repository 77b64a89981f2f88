"""A plan compiled to arrays: task indices and weighted links.

The passes work on integer working-minute offsets.  Most links become a *fast edge*
``(predecessor, successor, weight)`` meaning ``ES[successor] >= ES[predecessor] +
weight``: with fixed durations every link type reduces to that (FS: weight is the
predecessor's duration plus the lag; FF: minus the successor's duration too...).
Links that need more care (from or to a summary, a constrained or a manual task, a
task whose length depends on its start (see ``spans``), or with an elapsed lag) are
kept whole as :class:`Link` and evaluated one by one.

Links into a summary apply to each of its leaf tasks (MS Project's behaviour).  A
summary follows its children in the order: each child has a fast edge to its
summary whose weight, ``-ROLLUP``, is so negative that it never moves a date.
The topological order itself comes out of the first forward pass, which walks the
network in Kahn's order (see ``cpm``); :func:`find_cycle` explains a failure.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from cairn.engine.scheduling.errors import CycleError, PlanError
from cairn.engine.scheduling.model import ConstraintType, Dependency, DependencyType, Plan, TaskId
from cairn.engine.scheduling.spans import Span, is_trivial, span_of
from cairn.engine.scheduling.timeline import Timeline

FastEdge = tuple[int, int, int]
ROLLUP = 1 << 62


class Link(NamedTuple):
    """A dependency between two task indices, evaluated in full."""

    predecessor: int
    successor: int
    from_finish: bool
    to_finish: bool
    lag: int
    percent: float | None
    elapsed: bool
    dependency: Dependency
    span: Span | None = None  # the successor's, when its length depends on its start


@dataclass(slots=True)
class Network:
    ids: list[TaskId]
    index: dict[TaskId, int]
    duration: list[int]  # summaries: 0 here, filled in by each pass
    parent: list[int]  # -1 for a top-level task
    children: dict[int, list[int]]
    start_offset: int
    constraints: dict[int, tuple[ConstraintType, int]]  # dated constraints only
    alap: list[int]
    manual: dict[int, int]  # manual task -> its fixed start offset
    fast_out: list[list[FastEdge]]
    slow_in: dict[int, list[Link]]
    slow_out: dict[int, list[Link]]
    summaries: list[int]  # deepest first, so children come before their summary
    order: list[int] = field(default_factory=list)  # set by the first forward pass
    spans: dict[int, Span] = field(default_factory=dict)  # tasks on their own calendars

    @property
    def size(self) -> int:
        return len(self.ids)

    def in_degree(self) -> list[int]:
        """How many predecessors each task waits for (a summary waits for its
        children): Kahn's algorithm's counters."""
        counts = [0] * self.size
        for edges in self.fast_out:
            for edge in edges:
                counts[edge[1]] += 1
        for node, links in self.slow_in.items():
            counts[node] += len(links)
        return counts

    def fast_in(self) -> list[list[FastEdge]]:
        """Fast edges by successor (built on demand: the passes do not need them)."""
        incoming: list[list[FastEdge]] = [[] for _ in range(self.size)]
        for edges in self.fast_out:
            for edge in edges:
                incoming[edge[1]].append(edge)
        return incoming


def compile_plan(plan: Plan, timeline: Timeline) -> Network:
    tasks = plan.tasks
    index = {task.id: node for node, task in enumerate(tasks)}
    if len(index) != len(tasks):
        counts = Counter(task.id for task in tasks)
        duplicate = next(task_id for task_id, count in counts.items() if count > 1)
        raise PlanError(f"Duplicate task id {duplicate!r}")
    size = len(tasks)
    parent, children = _hierarchy(plan, index)
    offset = timeline.offset
    duration = [task.duration for task in tasks]
    manual: dict[int, int] = {}
    constraints: dict[int, tuple[ConstraintType, int]] = {}
    alap: list[int] = []
    for node in children:
        duration[node] = 0
    spans: dict[int, Span] = {}
    unusual = [(node, task) for node, task in enumerate(tasks) if not task.plain]
    for node, task in unusual:
        if node in children:
            continue
        if task.manual_start is not None and task.manual_finish is not None:
            manual[node] = offset(task.manual_start)
            duration[node] = offset(task.manual_finish) - manual[node]
            continue
        if task.constraint.date is not None:
            constraints[node] = (task.constraint.type, offset(task.constraint.date))
        elif task.constraint.type is ConstraintType.ALAP:
            alap.append(node)
        span = span_of(task, plan.calendar, timeline)
        if span is not None and not is_trivial(span, task.duration):
            spans[node] = span
    network = Network(
        ids=[task.id for task in tasks],
        index=index,
        duration=duration,
        parent=parent,
        children=children,
        start_offset=offset(plan.start),
        constraints=constraints,
        alap=alap,
        manual=manual,
        fast_out=[[] for _ in range(size)],
        slow_in={},
        slow_out={},
        summaries=sorted(children, key=lambda node: _depth(parent, node), reverse=True),
        spans=spans,
    )
    for node, below in children.items():
        for child in below:
            network.fast_out[child].append((child, node, -ROLLUP))
    if _add_links(network, plan.dependencies):
        network.order = _plan_order(network)
    return network


def _plan_order(network: Network) -> list[int]:
    """The plan's own order, summaries last (deepest first): topological when every
    link points forward in the plan and none leaves a summary (checked by the
    caller).  Plans are usually listed that way, and it spares Kahn's algorithm."""
    children = network.children
    if not children:
        return list(range(network.size))
    return [node for node in range(network.size) if node not in children] + network.summaries


def _hierarchy(plan: Plan, index: dict[TaskId, int]) -> tuple[list[int], dict[int, list[int]]]:
    parent = [-1] * len(plan.tasks)
    children: dict[int, list[int]] = {}
    for node, task in enumerate(plan.tasks):
        if task.parent is None:
            continue
        up = index.get(task.parent)
        if up is None:
            raise PlanError(f"Task {task.id!r} has an unknown parent {task.parent!r}")
        parent[node] = up
        children.setdefault(up, []).append(node)
    done = bytearray(len(parent))
    for node in children:  # a cycle of parents would loop forever when expanding links
        chain: list[int] = []
        while node != -1 and not done[node]:
            if node in chain:
                raise CycleError([plan.tasks[k].id for k in chain[chain.index(node) :]])
            chain.append(node)
            node = parent[node]
        for k in chain:
            done[k] = 1
    return parent, children


def _depth(parent: list[int], node: int) -> int:
    depth = 0
    while parent[node] >= 0:
        node = parent[node]
        depth += 1
    return depth


def leaves(network: Network, summary: int) -> list[int]:
    found: list[int] = []
    stack = [summary]
    while stack:
        node = stack.pop()
        below = network.children.get(node)
        if below is None:
            found.append(node)
        else:
            stack.extend(reversed(below))
    return found


def _add_links(network: Network, dependencies: tuple[Dependency, ...]) -> bool:
    """Add the links; whether they all point forward in the plan's order and none
    leaves a summary."""
    index, duration, children = network.index, network.duration, network.children
    fast_out = network.fast_out
    # Any task in `careful` at either end sends the link down the slow path.
    careful = bytearray(network.size)
    for group in (network.constraints, network.manual, children, network.spans):
        for node in group:
            careful[node] = 1
    finish_to_start, start_to_start, finish_to_finish = (
        DependencyType.FS,
        DependencyType.SS,
        DependencyType.FF,
    )
    forward = True
    for dependency in dependencies:
        try:
            predecessor = index[dependency.predecessor]
            successor = index[dependency.successor]
        except KeyError:
            raise PlanError(f"Dependency {dependency} names an unknown task") from None
        if careful[predecessor] or careful[successor] or dependency.elapsed or predecessor == successor:
            if not _add_slow_link(network, predecessor, successor, dependency):
                forward = False
            continue
        if predecessor > successor:
            forward = False
        lag = dependency.lag
        if dependency.lag_percent is not None:
            lag = round(duration[predecessor] * dependency.lag_percent / 100)
        kind = dependency.type
        if kind is finish_to_start:
            weight = lag + duration[predecessor]
        elif kind is start_to_start:
            weight = lag
        elif kind is finish_to_finish:
            weight = lag + duration[predecessor] - duration[successor]
        else:
            weight = lag - duration[successor]
        fast_out[predecessor].append((predecessor, successor, weight))
    return forward


def _add_slow_link(network: Network, predecessor: int, successor: int, dependency: Dependency) -> bool:
    """Add a link to be evaluated in full; whether it points forward in the plan."""
    children = network.children
    forward = predecessor not in children
    for target in leaves(network, successor) if successor in children else (successor,):
        if target == predecessor:
            loop = [predecessor] if successor == predecessor else [predecessor, successor]
            raise CycleError([network.ids[k] for k in loop])
        kind = dependency.type
        link = Link(
            predecessor,
            target,
            kind.from_finish,
            kind.to_finish,
            dependency.lag,
            dependency.lag_percent,
            dependency.elapsed,
            dependency,
            network.spans.get(target),
        )
        network.slow_in.setdefault(target, []).append(link)
        network.slow_out.setdefault(predecessor, []).append(link)
        forward = forward and predecessor < target
    return forward


def find_cycle(network: Network, pending: list[int]) -> CycleError:
    """The error naming one cycle among the nodes that Kahn's algorithm could not
    free (``pending`` counts their unprocessed predecessors), in link order."""
    fast_in = network.fast_in()

    def blocked_predecessor(node: int) -> int:
        for edge in fast_in[node]:
            if pending[edge[0]]:
                return edge[0]
        for link in network.slow_in.get(node, ()):
            if pending[link.predecessor]:
                return link.predecessor
        raise AssertionError("unreachable: a pending task has a pending predecessor")  # pragma: no cover

    node = next(node for node in range(network.size) if pending[node])
    seen: dict[int, int] = {}
    walk: list[int] = []
    while node not in seen:
        seen[node] = len(walk)
        walk.append(node)
        node = blocked_predecessor(node)
    cycle = walk[seen[node] :][::-1]
    first = cycle.index(min(cycle))  # start from the task that comes first in the plan
    return CycleError([network.ids[k] for k in cycle[first:] + cycle[:first]])
