"""Serial schedule generation and forward-backward improvement (justification).

The serial scheme takes the tasks in a precedence-feasible order (an *activity list*)
and starts each at the earliest period at which its predecessors allow it and every
resource it needs has enough units left for its whole duration.  The resource profile
is one list of remaining units per resource, indexed by period: the checks are
slices, so the loops that matter run in C.

These functions are the hot path of the heuristic: keep them flat.
"""

from __future__ import annotations

import heapq

from cairn.engine.scheduling.levelling.compiled import Compiled, Side

# For a demand of q units, _FITS[q] maps remaining units to 1 where q fit, else 0;
# _TAKE[q] maps remaining units to what is left once q are taken.
_FITS = [bytes(1 if v >= q else 0 for v in range(256)) for q in range(256)]
_TAKE = [bytes(max(v - q, 0) for v in range(256)) for q in range(256)]


def serial_pass(cp: Compiled, side: Side, order: list[int]) -> list[int]:
    """Starts of the tasks scheduled in ``order`` (which must be topological)."""
    if side.avail_bytes is not None:
        return _serial_pass_bytes(cp, side, side.avail_bytes, order)
    return _serial_pass_lists(cp, side, order)


def _serial_pass_bytes(cp: Compiled, side: Side, avail_bytes: list[bytes], order: list[int]) -> list[int]:
    # Remaining units per resource and period as a bytearray: checking a window is
    # min() over a slice, and finding the next window where a demand fits is one
    # translate() + find() -- all in C.
    dur = cp.dur
    demands = cp.demands
    preds = side.preds
    release = side.release
    avail = [bytearray(column) for column in avail_bytes]
    horizon = len(avail[0]) if avail else 0
    fits_table, take_table = _FITS, _TAKE
    runs = cp.runs
    frontier = side.steady_from  # beyond max(frontier, t) every demand fits
    starts = [0] * len(dur)
    for j in order:
        t = release[j]
        for i, delta in preds[j]:
            v = starts[i] + delta
            if v > t:
                t = v
        needs = demands[j]
        if needs:
            d = dur[j]
            moved = True
            while moved:
                moved = False
                e = t + d
                for r, q in needs:
                    column = avail[r]
                    if min(column[t:e]) < q:
                        limit = (frontier if frontier > t else t) + d
                        if limit > horizon:
                            horizon = _extend_bytes(avail, cp.capacity, limit)
                            column = avail[r]
                        t += column[t:limit].translate(fits_table[q]).find(runs[d])
                        moved = True
                        break
            e = t + d
            for r, q in needs:
                column = avail[r]
                column[t:e] = column[t:e].translate(take_table[q])
            if e > frontier:
                frontier = e
        starts[j] = t
    return starts


def _extend_bytes(avail: list[bytearray], capacity: list[int], upto: int) -> int:
    size = max(upto, 2 * len(avail[0]))
    for r, column in enumerate(avail):
        column.extend(bytes([capacity[r]]) * (size - len(column)))
    return size


def _serial_pass_lists(cp: Compiled, side: Side, order: list[int]) -> list[int]:
    dur = cp.dur
    demands = cp.demands
    preds = side.preds
    release = side.release
    avail = [column[:] for column in side.avail]
    horizon = len(avail[0]) if avail else 0
    starts = [0] * len(dur)
    for j in order:
        t = release[j]
        for i, delta in preds[j]:
            v = starts[i] + delta
            t = max(t, v)
        needs = demands[j]
        if needs:
            d = dur[j]
            e = t + d
            fits = False
            while not fits:
                if e > horizon:
                    horizon = _extend(avail, cp.capacity, e)
                fits = True
                for r, q in needs:
                    column = avail[r]
                    if min(column[t:e]) < q:
                        k = e - 1
                        while column[k] >= q:
                            k -= 1
                        t = k + 1
                        e = t + d
                        fits = False
                        break
            for r, q in needs:
                column = avail[r]
                column[t:e] = map(q.__rsub__, column[t:e])
        starts[j] = t
    return starts


def _extend(avail: list[list[int]], capacity: list[int], upto: int) -> int:
    # Unreachable with the horizon compile_problem computes; kept as a safety net.
    size = max(upto, 2 * len(avail[0]))
    for r, column in enumerate(avail):
        column.extend([capacity[r]] * (size - len(column)))
    return size


def makespan(cp: Compiled, starts: list[int]) -> int:
    return max(map(int.__add__, starts, cp.dur), default=0)


def order_by_start(side: Side, starts: list[int]) -> list[int]:
    """The activity list that reproduces ``starts``: by start, ties by rank."""
    n = len(starts)
    rank = side.rank
    keys = [s * n + r for s, r in zip(starts, rank, strict=True)]
    order = sorted(range(n), key=keys.__getitem__)
    if side.start_order_is_topological:
        return order
    return _repair(side, order)


def _repair(side: Side, order: list[int]) -> list[int]:
    """The topological order closest to ``order`` (links with negative distances)."""
    n = len(order)
    position = [0] * n
    for p, j in enumerate(order):
        position[j] = p
    succs: list[list[int]] = [[] for _ in range(n)]
    indegree = [0] * n
    for j, arcs in enumerate(side.preds):
        indegree[j] = len(arcs)
        for i, _ in arcs:
            succs[i].append(j)
    ready = [position[j] for j in range(n) if indegree[j] == 0]
    heapq.heapify(ready)
    result: list[int] = []
    while ready:
        i = order[heapq.heappop(ready)]
        result.append(i)
        for j in succs[i]:
            indegree[j] -= 1
            if indegree[j] == 0:
                heapq.heappush(ready, position[j])
    return result


def justify(cp: Compiled, starts: list[int], span: int) -> tuple[list[int], int, list[int], int]:
    """Forward-backward improvement until it stops helping.

    Returns (starts, makespan, activity list reproducing the starts, passes run).
    """
    dur = cp.dur
    forward, backward = cp.forward, cp.backward
    passes = 0
    while True:
        finish = list(map(int.__add__, starts, dur))
        top = max(finish, default=0)
        rstarts = serial_pass(cp, backward, order_by_start(backward, [top - f for f in finish]))
        rfinish = list(map(int.__add__, rstarts, dur))
        rtop = max(rfinish, default=0)
        order = order_by_start(forward, [rtop - f for f in rfinish])
        new_starts = serial_pass(cp, forward, order)
        passes += 2
        new_span = makespan(cp, new_starts)
        if new_span >= span:
            if new_span == span:
                return new_starts, new_span, order, passes
            return starts, span, order_by_start(forward, starts), passes
        starts, span = new_starts, new_span
