"""The problem turned into index-based lists that the inner loops can run on.

Every link becomes a minimum start-to-start distance ``start[j] >= start[i] + delta``.
The *reverse* problem (time running backwards from a horizon ``T``, a task's reverse
start being ``T - finish``) turns the link into ``rstart[i] >= rstart[j] + delta +
d[j] - d[i]``; the backward passes of the justification schedule it.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from cairn.engine.scheduling.errors import CycleError
from cairn.engine.scheduling.levelling.problem import (
    LevellingError,
    LevellingProblem,
    TaskId,
)

Arc = tuple[int, int]  # (other task index, minimum start distance)


@dataclass(frozen=True, slots=True)
class Side:
    """One direction of time: what a serial schedule-generation pass needs."""

    preds: list[list[Arc]]
    release: list[int]
    avail: list[list[int]]
    #: ``avail`` as bytes when every capacity fits in a byte (the fast path).
    avail_bytes: list[bytes] | None
    #: From this period on every resource has its steady capacity.
    steady_from: int
    #: Ranks of a topological order of this direction's precedence graph.
    rank: list[int]
    #: True when sorting by start (ties by rank) always gives a topological order.
    start_order_is_topological: bool


@dataclass(frozen=True, slots=True)
class Compiled:
    ids: tuple[TaskId, ...]
    dur: list[int]
    #: Per task, the (resource index, units) it needs in every period it runs.
    demands: list[list[tuple[int, int]]]
    capacity: list[int]
    succs: list[list[Arc]]
    forward: Side
    backward: Side
    topo: list[int]
    #: Earliest starts and latest finishes ignoring resources (latest relative to the
    #: critical-path length).
    early_start: list[int]
    late_finish: list[int]
    critical_path: int
    #: runs[d] is d bytes of 1: the pattern of a window where a task of duration d fits.
    runs: list[bytes]
    resource_bound: int

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def lower_bound(self) -> int:
        return max(self.critical_path, self.resource_bound)


def compile_problem(problem: LevellingProblem) -> Compiled:
    ids = tuple(task.id for task in problem.tasks)
    index = {task_id: k for k, task_id in enumerate(ids)}
    if len(index) != len(ids):
        raise LevellingError("Duplicate task id")
    res_index = {res.id: k for k, res in enumerate(problem.resources)}
    if len(res_index) != len(problem.resources):
        raise LevellingError("Duplicate resource id")
    for res in problem.resources:
        if res.capacity < 0 or any(units < 0 for units in res.profile):
            raise LevellingError(f"Resource {res.id}: negative capacity")
    capacity = [res.capacity for res in problem.resources]
    n = len(ids)
    dur = [task.duration for task in problem.tasks]
    release = [task.release for task in problem.tasks]
    demands: list[list[tuple[int, int]]] = []
    for task in problem.tasks:
        if task.duration < 0 or task.release < 0:
            raise LevellingError(f"Task {task.id}: negative duration or release")
        needs = []
        for res_id, units in task.demands.items():
            if res_id not in res_index:
                raise LevellingError(f"Task {task.id}: unknown resource {res_id}")
            r = res_index[res_id]
            if units < 0 or units > capacity[r]:
                raise LevellingError(f"Task {task.id} needs {units} of {res_id}, which has {capacity[r]}")
            if units and task.duration:
                needs.append((r, units))
        demands.append(needs)
    preds: list[list[Arc]] = [[] for _ in range(n)]
    succs: list[list[Arc]] = [[] for _ in range(n)]
    for link in problem.precedences:
        if link.before not in index or link.after not in index:
            raise LevellingError(f"Link {link.before} -> {link.after}: unknown task")
        i, j = index[link.before], index[link.after]
        if i == j:
            raise CycleError([ids[i]])
        delta = link.min_start_distance(dur[i], dur[j])
        preds[j].append((i, delta))
        succs[i].append((j, delta))
    topo = _topological_order(ids, preds, succs)
    rank = [0] * n
    for position, j in enumerate(topo):
        rank[j] = position
    rpreds: list[list[Arc]] = [[(j, delta + dur[j] - dur[i]) for j, delta in succs[i]] for i in range(n)]
    max_profile = max((len(res.profile) for res in problem.resources), default=0)
    fwd_horizon = _horizon(dur, preds) + max(release, default=0) + max_profile
    bwd_horizon = _horizon(dur, rpreds)
    fwd_avail = [[res.available(t) for t in range(fwd_horizon)] for res in problem.resources]
    bwd_avail = [[res.capacity] * bwd_horizon for res in problem.resources]
    forward = Side(
        preds=preds,
        release=release,
        avail=fwd_avail,
        avail_bytes=_as_bytes(fwd_avail),
        steady_from=max_profile,
        rank=rank,
        start_order_is_topological=all(d >= 0 for arcs in preds for _, d in arcs),
    )
    backward = Side(
        preds=rpreds,
        release=[0] * n,
        avail=bwd_avail,
        avail_bytes=_as_bytes(bwd_avail),
        steady_from=0,
        rank=[n - 1 - r for r in rank],
        start_order_is_topological=all(d >= 0 for arcs in rpreds for _, d in arcs),
    )
    early_start, late_finish, length = _critical_path(dur, release, preds, succs, topo)
    return Compiled(
        ids=ids,
        dur=dur,
        demands=demands,
        capacity=capacity,
        succs=succs,
        forward=forward,
        backward=backward,
        topo=topo,
        early_start=early_start,
        late_finish=late_finish,
        critical_path=length,
        runs=[b"\x01" * d for d in range(max(dur, default=0) + 1)],
        resource_bound=_resource_bound(problem, dur, demands, capacity),
    )


def _as_bytes(avail: list[list[int]]) -> list[bytes] | None:
    if any(units > 255 for column in avail for units in column):
        return None
    return [bytes(column) for column in avail]


def _horizon(dur: list[int], preds: list[list[Arc]]) -> int:
    """A period no serial schedule-generation pass can reach (with steady capacity)."""
    return sum(dur) + sum(max(0, d) for arcs in preds for _, d in arcs) + 1


def _topological_order(ids: tuple[TaskId, ...], preds: list[list[Arc]], succs: list[list[Arc]]) -> list[int]:
    n = len(ids)
    indegree = [len(arcs) for arcs in preds]
    ready = [j for j in range(n) if indegree[j] == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        i = heapq.heappop(ready)
        order.append(i)
        for j, _ in succs[i]:
            indegree[j] -= 1
            if indegree[j] == 0:
                heapq.heappush(ready, j)
    if len(order) < n:
        raise CycleError([ids[j] for j in _one_cycle(preds, indegree)])
    return order


def _one_cycle(preds: list[list[Arc]], indegree: list[int]) -> list[int]:
    # Every task left with a positive in-degree has a predecessor also left: walk back.
    j = next(k for k, left in enumerate(indegree) if left > 0)
    seen: dict[int, int] = {}
    path: list[int] = []
    while j not in seen:
        seen[j] = len(path)
        path.append(j)
        j = next(i for i, _ in preds[j] if indegree[i] > 0)
    return list(reversed(path[seen[j] :]))


def _critical_path(
    dur: list[int],
    release: list[int],
    preds: list[list[Arc]],
    succs: list[list[Arc]],
    topo: list[int],
) -> tuple[list[int], list[int], int]:
    n = len(dur)
    es = [0] * n
    for j in topo:
        t = release[j]
        for i, delta in preds[j]:
            t = max(t, es[i] + delta)
        es[j] = t
    length = max((es[j] + dur[j] for j in range(n)), default=0)
    lf = [length] * n
    for i in reversed(topo):
        f = length
        for j, delta in succs[i]:
            # start[j] >= start[i] + delta, so start[i] <= late_start[j] - delta.
            f = min(f, lf[j] - dur[j] - delta + dur[i])
        lf[i] = f
    return es, lf, length


def _resource_bound(
    problem: LevellingProblem,
    dur: list[int],
    demands: list[list[tuple[int, int]]],
    capacity: list[int],
) -> int:
    """Work per resource divided by its capacity (only where capacity is steady)."""
    work = [0] * len(capacity)
    for j, needs in enumerate(demands):
        for r, units in needs:
            work[r] += units * dur[j]
    bound = 0
    for r, res in enumerate(problem.resources):
        if res.profile or capacity[r] == 0:
            continue
        bound = max(bound, -(-work[r] // capacity[r]))
    return bound
