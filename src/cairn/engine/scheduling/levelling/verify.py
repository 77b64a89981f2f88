"""Independent check of a schedule against a problem (used by tests and callers
that take a schedule from elsewhere)."""

from __future__ import annotations

from collections.abc import Mapping

from cairn.engine.scheduling.levelling.problem import LevellingProblem, TaskId


def violations(problem: LevellingProblem, starts: Mapping[TaskId, int]) -> list[str]:
    """Every broken rule, in words; empty when the schedule is feasible."""
    found: list[str] = []
    tasks = {task.id: task for task in problem.tasks}
    missing = set(tasks) - set(starts)
    if missing:
        found.append(f"unscheduled tasks: {sorted(missing)}")
        return found
    for task in problem.tasks:
        if starts[task.id] < task.release:
            found.append(f"{task.id} starts at {starts[task.id]} before {task.release}")
    for link in problem.precedences:
        before, after = tasks[link.before], tasks[link.after]
        distance = link.min_start_distance(before.duration, after.duration)
        if starts[after.id] < starts[before.id] + distance:
            found.append(f"{link.kind.value} {before.id} -> {after.id} (lag {link.lag}) broken")
    for res in problem.resources:
        usage: dict[int, int] = {}
        for task in problem.tasks:
            units = task.demands.get(res.id, 0)
            if units:
                for t in range(starts[task.id], starts[task.id] + task.duration):
                    usage[t] = usage.get(t, 0) + units
        for t in sorted(usage):
            if usage[t] > res.available(t):
                found.append(f"{res.id} over capacity in period {t}: {usage[t]}")
    return found
