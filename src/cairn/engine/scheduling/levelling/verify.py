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
        if task.fixed and starts[task.id] != task.release:
            found.append(f"{task.id} is fixed at {task.release} but moved to {starts[task.id]}")
    for link in problem.precedences:
        before, after = tasks[link.before], tasks[link.after]
        if after.fixed:
            continue  # what happened broke it, not levelling
        distance = link.min_start_distance(before.duration, after.duration)
        if starts[after.id] < starts[before.id] + distance:
            found.append(f"{link.kind.value} {before.id} -> {after.id} (lag {link.lag}) broken")
    for res in problem.resources:
        usage: dict[int, int] = {}
        moved: set[int] = set()  # periods in which a task levelling placed runs
        for task in problem.tasks:
            units = task.demands.get(res.id, 0)
            if units:
                for t in range(starts[task.id], starts[task.id] + task.duration):
                    usage[t] = usage.get(t, 0) + units
                    if not task.fixed:
                        moved.add(t)
        for t in sorted(moved):
            # Fixed work over capacity on its own is a fact, not a levelling failure.
            if usage[t] > res.available(t):
                found.append(f"{res.id} over capacity in period {t}: {usage[t]}")
    return found
