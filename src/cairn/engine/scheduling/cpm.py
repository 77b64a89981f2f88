"""The critical path method: forward and backward passes over a compiled network.

Everything is integer working minutes on the plan's calendar.  The forward pass
gives early starts (a task's early finish is its early start plus its duration), the
backward pass late starts and free float.  Tasks scheduled As Late As Possible get a
second forward pass in which their late start is a floor: their "scheduled" dates
are then their late dates, and their successors follow (MS Project's ALAP).

Constraints follow MS Project (see ``Plan.honor_constraints``):

* SNET and FNET push the early dates; they never conflict with links.
* SNLT, FNLT, MSO and MFO: when the plan honours constraints, the task sits on
  its constraint (MSO/MFO exactly; SNLT/FNLT no later than the date) and every link
  that it breaks is reported as a dependency violation; otherwise the links win, MSO
  and MFO act as "no earlier than", and the missed constraint is reported.
* In the backward pass SNLT, FNLT, MSO and MFO cap the late dates, which gives
  negative total float to a chain that cannot make it.
* Tasks never start before the plan's start unless a constraint or a manual date
  puts them there.  Constraints on summaries are ignored.

Links into a summary bind each of its leaf tasks.  Links out of a summary start from
its rolled-up dates in the forward pass and, in the backward pass, cap the late
finish (FS, FF) or the late start (SS, SF) of every task under it: stricter than
needed for SS and SF, whose summary start only needs its first child.

Tasks with their own calendar or resource assignments (``Network.spans``) last as
long as their assignments need from wherever they start: each pass recomputes their
length when it places them, their finish-side constraints and links are turned into
starts by bisection (``spans.Span``), and their late finish is the finish of their
late start.  Every other task runs its duration on the plan's calendar.  Effort
is not redistributed (no effort-driven scheduling) and resources are not levelled.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import islice

from cairn.engine.scheduling.links import latest_source, required_start
from cairn.engine.scheduling.model import ConstraintType, Plan
from cairn.engine.scheduling.network import Network
from cairn.engine.scheduling.timeline import Timeline
from cairn.engine.scheduling.violations import Violation, ViolationKind

_FAR = 1 << 62
_NO_LATER = (ConstraintType.SNLT, ConstraintType.FNLT)


@dataclass(slots=True)
class Times:
    """The passes' results, indexed like ``Network.ids``."""

    early_start: list[int]
    early_duration: list[int]  # differs from start_duration only for summaries
    start: list[int]  # scheduled: the early start, or the late start for ALAP tasks
    start_duration: list[int]
    late_start: list[int]
    late_finish: list[int]
    project_finish: int
    violations: list[Violation]


def run_passes(plan: Plan, network: Network, timeline: Timeline) -> Times:
    """Forward, backward, and a second forward pass if there are ALAP tasks."""
    early, duration, violations = _forward(plan, network, timeline, {})
    finish = max(map(int.__add__, early, duration), default=network.start_offset)
    late, late_finish = _backward(network, timeline, early, duration, finish)
    start, start_duration = early, duration
    if network.alap:
        floors = {node: late[node] for node in network.alap}
        start, start_duration, violations = _forward(plan, network, timeline, floors)
    return Times(early, duration, start, start_duration, late, late_finish, finish, violations)


def _forward(
    plan: Plan, network: Network, timeline: Timeline, floors: dict[int, int]
) -> tuple[list[int], list[int], list[Violation]]:
    """Early starts, pushed along the fast edges in topological order.

    The edges are sorted by their successor's rank, so one walk over them does the
    additions; it stops only before each task that needs placing in full (once its
    incoming edges are all counted).  Unbounded summaries are placed at the end.
    """
    early = [network.start_offset] * network.size
    duration = list(network.duration)
    violations: list[Violation] = []
    special: set[int] = set(network.slow_in)
    for group in (network.constraints, network.manual, network.bounded, floors, network.spans):
        special.update(group)
    edge_rank = network.edge_rank
    edges = zip(network.edge_from, network.edge_to, network.edge_weight)
    done = 0
    for node in sorted(special, key=network.rank_of):
        end = bisect_right(edge_rank, network.rank_of(node))
        for predecessor, successor, weight in islice(edges, end - done):
            value = early[predecessor] + weight
            if value > early[successor]:
                early[successor] = value
        done = end
        _place(plan, network, timeline, node, early, duration, floors, violations)
    for predecessor, successor, weight in edges:
        value = early[predecessor] + weight
        if value > early[successor]:
            early[successor] = value
    for node in network.free_summaries:  # deepest first
        _place(plan, network, timeline, node, early, duration, floors, violations)
    return early, duration, violations


def _place(
    plan: Plan,
    network: Network,
    timeline: Timeline,
    node: int,
    early: list[int],
    duration: list[int],
    floors: dict[int, int],
    violations: list[Violation],
) -> None:
    """Forward-place a summary, a manual or constrained task, or one with slow links.

    ``early[node]`` holds the most its fast edges asked for (or the plan's start).
    """
    children = network.children.get(node)
    if children is not None:
        first = min(early[child] for child in children)
        early[node] = first
        duration[node] = max(early[child] + duration[child] for child in children) - first
        return
    links = network.slow_in.get(node, [])
    needed = [required_start(link, early, duration, timeline) for link in links]
    best = max([early[node], floors.get(node, early[node]), *needed])
    task = plan.tasks[node]
    span = network.spans.get(node)
    if node in network.manual:
        best = network.manual[node]
    elif node in network.constraints:
        best = _constrained(plan, network, node, best, duration[node], violations)
    early[node] = best
    if span is not None:
        duration[node] = span.finish(best) - best
    if node in network.actual:
        return  # what happened happened: not a broken link to fix
    for link, value in zip(links, needed):
        if value > best:
            violations.append(
                Violation(task.id, ViolationKind.DEPENDENCY, value - best, task.constraint, link.dependency)
            )


def _constrained(
    plan: Plan, network: Network, node: int, best: int, duration: int, violations: list[Violation]
) -> int:
    kind, date = network.constraints[node]
    latest = _constraint_start(network, node, kind, date, duration)
    if kind in (ConstraintType.SNET, ConstraintType.FNET):
        return max(best, latest)
    if plan.honor_constraints:
        return latest if kind in (ConstraintType.MSO, ConstraintType.MFO) else min(best, latest)
    if kind not in _NO_LATER:
        best = max(best, latest)
    if best > latest:
        task = plan.tasks[node]
        violations.append(Violation(task.id, ViolationKind.CONSTRAINT, best - latest, task.constraint))
    return best


def _constraint_start(network: Network, node: int, kind: ConstraintType, date: int, duration: int) -> int:
    """The start that puts the task on its constraint's date (finish constraints: the
    least start reaching the date for FNET, the latest one keeping within it else)."""
    if not kind.on_finish:
        return date
    span = network.spans.get(node)
    if span is None:
        return date - duration
    return span.start_for(date) if kind is ConstraintType.FNET else span.latest_start(date)


def _backward(
    network: Network, timeline: Timeline, early: list[int], duration: list[int], finish: int
) -> tuple[list[int], list[int]]:
    """Late starts and late finishes: the edges walked backwards, stopping after the
    edges out of each task that needs placing in full."""
    late = [finish - own for own in duration]
    special: set[int] = set(network.slow_out)
    for group in (network.constraints, network.bounded, network.spans):
        special.update(group)
    for summary in network.bounded:
        special.update(network.children[summary])
    for node in special:
        late[node] = _FAR  # the least its fast edges allow, for _unplace
    bounds: dict[int, tuple[int, int]] = {}  # summary -> (latest finish, latest start)
    edge_rank = network.edge_rank
    edges = zip(reversed(network.edge_from), reversed(network.edge_to), reversed(network.edge_weight))
    done = len(edge_rank)
    for node in sorted(special, key=network.rank_of, reverse=True):
        begin = bisect_right(edge_rank, network.rank_of(node))
        for predecessor, successor, weight in islice(edges, done - begin):
            value = late[successor] - weight
            if value < late[predecessor]:
                late[predecessor] = value
        done = begin
        _unplace(network, timeline, node, duration, finish, late, bounds)
    for predecessor, successor, weight in edges:
        value = late[successor] - weight
        if value < late[predecessor]:
            late[predecessor] = value
    late_finish = list(map(int.__add__, late, duration))
    for node, span in network.spans.items():
        late_finish[node] = span.finish(late[node])
    for node in network.summaries:
        children = network.children[node]
        if children:
            late[node] = min(late[child] for child in children)
            late_finish[node] = max(late_finish[child] for child in children)
    return late, late_finish


def _unplace(
    network: Network,
    timeline: Timeline,
    node: int,
    duration: list[int],
    finish: int,
    late: list[int],
    bounds: dict[int, tuple[int, int]],
) -> None:
    """Backward-place a summary, a constrained task, a child or one with slow links."""
    own = duration[node]
    latest_finish, latest_start = bounds.get(network.parent[node], (finish, _FAR))
    for link in network.slow_out.get(node, ()):
        allowed = latest_source(link, late, duration, timeline)
        if link.from_finish:
            latest_finish = min(latest_finish, allowed)
        else:
            latest_start = min(latest_start, allowed)
    if node in network.children:
        bounds[node] = (latest_finish, latest_start)
        return
    span = network.spans.get(node)
    if span is None:
        best = min(latest_finish - own, latest_start)
    else:
        best = min(span.latest_start(latest_finish), latest_start)
    best = min(best, late[node])  # the walk left the least its fast edges allow
    constraint = network.constraints.get(node)
    if constraint is not None and constraint[0] not in (ConstraintType.SNET, ConstraintType.FNET):
        kind, date = constraint
        best = min(best, _constraint_start(network, node, kind, date, own))
    late[node] = best


def free_float(network: Network, times: Times, timeline: Timeline, node: int) -> int:
    """How far the task can slip without delaying any successor's early start (nor
    the project), never more than its total float nor less than zero."""
    early, duration = times.early_start, times.early_duration
    slack = times.project_finish - early[node] - duration[node]
    for _, successor, weight in network.fast_out()[node]:
        slack = min(slack, early[successor] - weight - early[node])
    for link in network.slow_out.get(node, ()):
        slack = min(slack, early[link.successor] - required_start(link, early, duration, timeline))
    total = min(times.late_start[node] - early[node], times.late_finish[node] - early[node] - duration[node])
    return max(0, min(slack, total))
