"""A plan compiled to arrays: task indices and weighted links.

The passes work on integer working-minute offsets.  Most links become a *fast edge*
``(predecessor, successor, weight)`` meaning ``ES[successor] >= ES[predecessor] +
weight``: with fixed durations every link type reduces to that (FS: weight is the
predecessor's duration plus the lag; FF: minus the successor's duration too...).
Links that need more care (from or to a summary, a constrained or a manual task, a
task whose length depends on its start (see ``spans``), or with an elapsed lag) are
kept whole as :class:`Link` and evaluated one by one.

Fast edges are three flat lists (no object per edge: building and walking them is
cheap, and the garbage collector has nothing to scan), sorted by the topological
rank of their successor, so each pass walks them in one sequence and stops only at
the few tasks that need more than an addition (see ``cpm``).

Links into a summary apply to each of its leaf tasks (MS Project's behaviour).  A
summary follows its children: one that links leave is *bounded*, ranked after its
children by Kahn's algorithm (as if each child had an edge to it); the others are
placed after everything else, deepest first.  The topological order is the plan's
own when every link points forward in it (plans are usually listed that way), else
Kahn's; :func:`find_cycle` explains a failure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import compress, repeat
from operator import attrgetter, eq, ge, gt, is_not, le, not_
from typing import NamedTuple

from cairn.engine.scheduling.errors import CycleError, PlanError
from cairn.engine.scheduling.model import ConstraintType, Dependency, DependencyType, Plan, Task, TaskId
from cairn.engine.scheduling.spans import Span, is_trivial, span_of
from cairn.engine.scheduling.timeline import Timeline

FastEdge = tuple[int, int, int]

# Link kinds as small integers (``Network.link_kind``).
FS, SS, FF, SF = 0, 1, 2, 3
_KIND = {
    DependencyType.FS.value: FS,
    DependencyType.SS.value: SS,
    DependencyType.FF.value: FF,
    DependencyType.SF.value: SF,
}
_ID, _DURATION, _PARENT, _PLAIN = (
    attrgetter("id"),
    attrgetter("duration"),
    attrgetter("parent"),
    attrgetter("plain"),
)
_PREDECESSOR, _SUCCESSOR = attrgetter("predecessor"), attrgetter("successor")
_TYPE, _LAG, _PERCENT, _ELAPSED = (
    attrgetter("type._value_"),
    attrgetter("lag"),
    attrgetter("lag_percent"),
    attrgetter("elapsed"),
)


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
    manual: dict[int, int]  # manual task (or one with actual dates) -> its fixed start offset
    slow_in: dict[int, list[Link]]
    slow_out: dict[int, list[Link]]
    summaries: list[int]  # deepest first, so children come before their summary
    spans: dict[int, Span] = field(default_factory=dict)  # tasks on their own calendars
    actual: set[int] = field(default_factory=set)  # started or done: links into them may break
    # Every dependency, in plan order: its tasks' indices and its kind (FS...SF).
    link_from: list[int] = field(default_factory=list)
    link_to: list[int] = field(default_factory=list)
    link_kind: list[int] = field(default_factory=list)
    # Fast edges, sorted by their successor's rank (stable: links in plan order).
    edge_from: list[int] = field(default_factory=list)
    edge_to: list[int] = field(default_factory=list)
    edge_weight: list[int] = field(default_factory=list)
    edge_rank: list[int] = field(default_factory=list)  # the successors' ranks, ascending
    order: list[int] = field(default_factory=list)  # topological: rank -> task
    rank: list[int] | None = None  # task -> rank; None: a leaf's rank is its index
    bounded: set[int] = field(default_factory=set)  # summaries ranked among the tasks
    free_summaries: list[int] = field(default_factory=list)  # the others, deepest first
    _fast_out: list[list[FastEdge]] | None = None

    @property
    def size(self) -> int:
        return len(self.ids)

    def rank_of(self, node: int) -> int:
        return node if self.rank is None else self.rank[node]

    def fast_out(self) -> list[list[FastEdge]]:
        """Fast edges by predecessor (built on first use: the passes do not need them)."""
        if self._fast_out is None:
            outgoing: list[list[FastEdge]] = [[] for _ in range(self.size)]
            for edge in zip(self.edge_from, self.edge_to, self.edge_weight):
                outgoing[edge[0]].append(edge)
            self._fast_out = outgoing
        return self._fast_out

    def fast_in(self) -> list[list[FastEdge]]:
        """Fast edges by successor, predecessors in plan order (built on demand)."""
        incoming: list[list[FastEdge]] = [[] for _ in range(self.size)]
        for edges in self.fast_out():
            for edge in edges:
                incoming[edge[1]].append(edge)
        return incoming


def compile_plan(plan: Plan, timeline: Timeline) -> Network:
    tasks = plan.tasks
    size = len(tasks)
    ids = list(map(_ID, tasks))
    index = dict(zip(ids, range(size)))
    if len(index) != size:
        counts = Counter(ids)
        duplicate = next(task_id for task_id, count in counts.items() if count > 1)
        raise PlanError(f"Duplicate task id {duplicate!r}")
    parent, children = _hierarchy(plan, index)
    offset = timeline.offset
    duration = list(map(_DURATION, tasks))
    manual: dict[int, int] = {}
    constraints: dict[int, tuple[ConstraintType, int]] = {}
    alap: list[int] = []
    for node in children:
        duration[node] = 0
    spans: dict[int, Span] = {}
    actual: set[int] = set()
    status = None if plan.status_date is None else offset(plan.status_date)
    for node in compress(range(size), map(not_, map(_PLAIN, tasks))):
        if node in children:
            continue
        task = tasks[node]
        if task.has_actuals:
            manual[node], finish = _actual_offsets(task, offset, status)
            duration[node] = finish - manual[node]
            actual.add(node)
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
    summaries = sorted(children, key=lambda node: _depth(parent, node), reverse=True)
    network = Network(
        ids=ids,
        index=index,
        duration=duration,
        parent=parent,
        children=children,
        start_offset=offset(plan.start),
        constraints=constraints,
        alap=alap,
        manual=manual,
        slow_in={},
        slow_out={},
        summaries=summaries,
        spans=spans,
        actual=actual,
    )
    forward = _add_links(network, plan.dependencies)
    bounded = network.bounded
    for node in reversed(summaries):  # a summary before its children
        if node in network.slow_out or parent[node] in bounded:
            bounded.add(node)
    network.free_summaries = [node for node in summaries if node not in bounded]
    if forward:  # then no link leaves a summary: none is bounded
        network.order = _plan_order(network)
        _sort_edges(network, network.edge_to)
    else:
        _kahn(network)
    return network


def _actual_offsets(task: Task, offset: Callable[[datetime], int], status: int | None) -> tuple[int, int]:
    """Where work that has started or is done sits: its start and finish offsets."""
    if task.actual_finish is not None:
        finish = offset(task.actual_finish)
        start = finish - task.duration if task.actual_start is None else offset(task.actual_start)
        return start, finish
    assert task.actual_start is not None
    start = offset(task.actual_start)
    finish = start + task.duration
    return start, finish if status is None or status <= finish else status


def _plan_order(network: Network) -> list[int]:
    """The plan's own order, summaries last (deepest first): topological when every
    link points forward in the plan and none leaves a summary (checked by the
    caller).  Plans are usually listed that way, and it spares Kahn's algorithm."""
    children = network.children
    if not children:
        return list(range(network.size))
    return [node for node in range(network.size) if node not in children] + network.summaries


def _kahn(network: Network) -> None:
    """Kahn's algorithm: ``order`` and ``rank``, the edges sorted by rank."""
    size, children = network.size, network.children
    edge_from, edge_to = network.edge_from, network.edge_to
    slow_out = network.slow_out
    pending = [0] * size
    for successor in edge_to:
        pending[successor] += 1
    for node, links in network.slow_in.items():
        pending[node] += len(links)
    up: dict[int, int] = {}  # a child -> its bounded summary
    for summary in network.bounded:
        below = children[summary]
        pending[summary] += len(below)
        for child in below:
            up[child] = summary
    outgoing: list[list[int]] = [[] for _ in range(size)]
    for predecessor, successor in zip(edge_from, edge_to):
        outgoing[predecessor].append(successor)
    free = bytearray(size)
    for summary in network.free_summaries:
        free[summary] = 1
    order = [node for node in range(size) if not pending[node] and not free[node]]
    for node in order:  # the list grows while we walk it
        if up:
            summary = up.get(node, -1)
            if summary >= 0:
                pending[summary] -= 1
                if not pending[summary]:
                    order.append(summary)
        for successor in outgoing[node]:
            left = pending[successor] - 1
            pending[successor] = left
            if not left:
                order.append(successor)
        if node in slow_out:
            for link in slow_out[node]:
                left = pending[link.successor] - 1
                pending[link.successor] = left
                if not left:
                    order.append(link.successor)
    if len(order) < size - len(network.free_summaries):
        raise find_cycle(network, pending)
    order.extend(network.free_summaries)
    rank = [0] * size
    for position, node in enumerate(order):
        rank[node] = position
    network.order = order
    network.rank = rank
    _sort_edges(network, list(map(rank.__getitem__, edge_to)))


def _sort_edges(network: Network, ranks: list[int]) -> None:
    """Sort the fast edges by their successors' ``ranks`` (stable)."""
    if all(map(le, ranks, ranks[1:])):
        network.edge_rank = ranks
        return
    permutation = sorted(range(len(ranks)), key=ranks.__getitem__)
    network.edge_rank = list(map(ranks.__getitem__, permutation))
    network.edge_from = list(map(network.edge_from.__getitem__, permutation))
    network.edge_to = list(map(network.edge_to.__getitem__, permutation))
    network.edge_weight = list(map(network.edge_weight.__getitem__, permutation))


def _hierarchy(plan: Plan, index: dict[TaskId, int]) -> tuple[list[int], dict[int, list[int]]]:
    size = len(plan.tasks)
    parent = [-1] * size
    children: dict[int, list[int]] = {}
    named = list(map(_PARENT, plan.tasks))
    if named.count(None) == size:
        return parent, children
    for node, up_id in enumerate(named):
        if up_id is None:
            continue
        up = index.get(up_id)
        if up is None:
            raise PlanError(f"Task {plan.tasks[node].id!r} has an unknown parent {up_id!r}")
        parent[node] = up
        below = children.get(up)
        if below is None:
            children[up] = [node]
        else:
            below.append(node)
    done = bytearray(size)
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
    index, duration = network.index, network.duration
    given = dependencies
    try:
        link_from = list(map(index.__getitem__, map(_PREDECESSOR, dependencies)))
        link_to = list(map(index.__getitem__, map(_SUCCESSOR, dependencies)))
        unknown = None
    except KeyError:
        unknown = next(
            k
            for k, dependency in enumerate(dependencies)
            if dependency.predecessor not in index or dependency.successor not in index
        )
        dependencies = dependencies[:unknown]  # the links before it are added (or loop)
        link_from = list(map(index.__getitem__, map(_PREDECESSOR, dependencies)))
        link_to = list(map(index.__getitem__, map(_SUCCESSOR, dependencies)))
    size = len(link_from)
    kinds = list(map(_KIND.__getitem__, map(_TYPE, dependencies)))
    network.link_from, network.link_to, network.link_kind = link_from, link_to, kinds
    lags = list(map(_LAG, dependencies))
    percents = list(map(_PERCENT, dependencies))
    elapsed = list(map(_ELAPSED, dependencies))
    if percents.count(None) != size:
        for k in compress(range(size), map(is_not, repeat(None), percents)):
            lags[k] = round(duration[link_from[k]] * percents[k] / 100)
    # A link goes down the slow path (weight None here) when a task in `careful` is
    # at either end, when its lag is elapsed time, or when it loops on one task.
    careful = bytearray(network.size)
    for group in (network.constraints, network.manual, network.children, network.spans):
        for node in group:
            careful[node] = 1
    weights: list[int | None] = [
        None
        if careful[predecessor] or careful[successor]
        else lag + duration[predecessor]
        if kind == FS
        else lag
        if kind == SS
        else lag + duration[predecessor] - duration[successor]
        if kind == FF
        else lag - duration[successor]
        for predecessor, successor, kind, lag in zip(link_from, link_to, kinds, lags)
    ]
    slow = set(_positions(weights, None)).union(_positions(elapsed, True))
    backward = any(map(ge, link_from, link_to))
    if backward:
        slow.update(compress(range(size), map(eq, link_from, link_to)))
    forward = True
    fast_from, fast_to = link_from, link_to
    if slow:
        keep = bytearray(b"\x01") * size
        for k in sorted(slow):  # in plan order: the first loop found is reported
            keep[k] = 0
            if not _add_slow_link(network, link_from[k], link_to[k], dependencies[k]):
                forward = False
        fast_from, fast_to = list(compress(link_from, keep)), list(compress(link_to, keep))
        weights = list(compress(weights, keep))
    if unknown is not None:
        raise PlanError(f"Dependency {given[unknown]} names an unknown task")
    network.edge_from, network.edge_to = fast_from, fast_to
    network.edge_weight = weights  # type: ignore[assignment]  # no None left
    return forward and not (backward and any(map(gt, fast_from, fast_to)))


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
    free (``pending`` counts their unprocessed predecessors; a summary waits for its
    children), in link order."""
    fast_in = network.fast_in()
    children = network.children
    for summary in network.free_summaries:  # deepest first
        pending[summary] = sum(1 for child in children[summary] if pending[child])

    def blocked_predecessor(node: int) -> int:
        for child in children.get(node, ()):
            if pending[child]:
                return child
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


def _positions(values: Sequence[object], wanted: object) -> list[int]:
    """Where ``wanted`` is in ``values`` (a quick scan when it is rare)."""
    found: list[int] = []
    if wanted not in values:
        return found
    position = values.index(wanted)
    try:
        while True:
            found.append(position)
            position = values.index(wanted, position + 1)
    except ValueError:
        return found
