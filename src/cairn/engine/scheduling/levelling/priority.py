"""Priority rules: activity lists built by always taking the eligible task with the
smallest priority value, and randomly biased versions of them for sampling."""

from __future__ import annotations

import heapq
import random
from collections.abc import Sequence
from enum import Enum

from cairn.engine.scheduling.levelling.compiled import Compiled


class PriorityRule(Enum):
    #: Latest finish time first.
    LFT = "LFT"
    #: Latest start time first.
    LST = "LST"
    #: Most total (transitive) successors first.
    MTS = "MTS"
    #: Greatest rank positional weight (own + direct successors' durations) first.
    GRPW = "GRPW"
    #: Earliest start time first.
    EST = "EST"
    #: Shortest processing time first.
    SPT = "SPT"


def priority_values(cp: Compiled, rule: PriorityRule) -> list[float]:
    """Smaller is scheduled first; ties go to the smaller latest finish."""
    n = cp.n
    lft = cp.late_finish
    tie = [f / (1 + max(lft, default=0)) for f in lft]
    if rule is PriorityRule.LFT:
        return [float(f) for f in lft]
    if rule is PriorityRule.LST:
        return [float(lft[j] - cp.dur[j]) + tie[j] for j in range(n)]
    if rule is PriorityRule.MTS:
        counts = _successor_counts(cp)
        return [-counts[j] + tie[j] for j in range(n)]
    if rule is PriorityRule.GRPW:
        return [-(cp.dur[j] + sum(cp.dur[k] for k, _ in cp.succs[j])) + tie[j] for j in range(n)]
    if rule is PriorityRule.EST:
        return [cp.early_start[j] + tie[j] for j in range(n)]
    return [cp.dur[j] + tie[j] for j in range(n)]


def _successor_counts(cp: Compiled) -> list[int]:
    reach = [0] * cp.n
    for i in reversed(cp.topo):
        bits = 0
        for j, _ in cp.succs[i]:
            bits |= reach[j] | (1 << j)
        reach[i] = bits
    return [bits.bit_count() for bits in reach]


def priority_order(cp: Compiled, values: Sequence[float]) -> list[int]:
    """The topological order that always takes the eligible task of least value."""
    n = cp.n
    preds = cp.forward.preds
    indegree = [len(arcs) for arcs in preds]
    ready = [(values[j], j) for j in range(n) if indegree[j] == 0]
    heapq.heapify(ready)
    order: list[int] = []
    succs = cp.succs
    while ready:
        _, i = heapq.heappop(ready)
        order.append(i)
        for j, _ in succs[i]:
            indegree[j] -= 1
            if indegree[j] == 0:
                heapq.heappush(ready, (values[j], j))
    return order


def sampled_order(cp: Compiled, values: Sequence[float], rng: random.Random, spread: float) -> list[int]:
    """A random activity list biased towards ``values``: each value is blurred by up
    to ``spread`` before the rule is applied."""
    rand = rng.random
    return priority_order(cp, [v + spread * rand() for v in values])
