"""Which tasks are critical, and the chains of them that drive the project's finish."""

from __future__ import annotations

from collections.abc import Iterator

from cairn.engine.scheduling.cpm import Times
from cairn.engine.scheduling.links import required_start
from cairn.engine.scheduling.model import TaskId
from cairn.engine.scheduling.network import FastEdge, Network
from cairn.engine.scheduling.timeline import Timeline


def leaves(network: Network, times: Times, threshold: int) -> set[int]:
    """Leaf tasks whose total float is at most ``threshold`` working minutes."""
    children = network.children
    return {
        node
        for node in range(network.size)
        if node not in children
        and min(
            times.late_start[node] - times.early_start[node],
            times.late_finish[node] - times.early_start[node] - times.early_duration[node],
        )
        <= threshold
    }


def path(network: Network, times: Times, critical: set[int]) -> tuple[TaskId, ...]:
    """The critical leaf tasks in the order they are scheduled."""
    rank = {node: position for position, node in enumerate(network.order)}
    ordered = sorted(critical, key=lambda node: (times.start[node], times.start_duration[node], rank[node]))
    return tuple(network.ids[node] for node in ordered)


def paths(
    network: Network, times: Times, timeline: Timeline, critical: set[int], limit: int
) -> list[tuple[TaskId, ...]]:
    """Chains of critical tasks joined by driving links, at most ``limit`` of them."""
    driven: dict[int, list[int]] = {node: [] for node in critical}
    drives_something: set[int] = set()
    fast_in = network.fast_in()
    for node in critical:
        for predecessor in drivers(network, times, timeline, fast_in, node):
            if predecessor in driven:
                driven[predecessor].append(node)
                drives_something.add(node)
    starts = [node for node in network.order if node in driven and node not in drives_something]
    found: list[tuple[TaskId, ...]] = []
    ids = network.ids
    stack: list[tuple[int, tuple[int, ...]]] = [(node, (node,)) for node in reversed(starts)]
    while stack and len(found) < limit:
        node, chain = stack.pop()
        following = driven[node]
        if not following:
            found.append(tuple(ids[k] for k in chain))
        stack.extend((nxt, (*chain, nxt)) for nxt in reversed(following))
    return found


def drivers(
    network: Network, times: Times, timeline: Timeline, fast_in: list[list[FastEdge]], node: int
) -> Iterator[int]:
    """The predecessors whose links hold this task's scheduled start exactly."""
    start = times.start
    for predecessor, _, weight in fast_in[node]:
        if start[predecessor] + weight == start[node]:
            yield predecessor
    for link in network.slow_in.get(node, ()):
        if required_start(link, start, times.start_duration, timeline) == start[node]:
            yield link.predecessor
