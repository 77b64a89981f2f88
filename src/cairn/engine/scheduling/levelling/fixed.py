"""Tasks that levelling may not move (work in progress, work done, work placed by hand).

They keep their periods; the units they take leave that much less for the others, and
their links hold the tasks after them back.  Levelling then works on the others alone
(MS Project levels only the remaining work of a plan with actuals).  A link into a
fixed task binds nothing: what it broke, it broke before levelling."""

from __future__ import annotations

from dataclasses import dataclass, replace

from cairn.engine.scheduling.levelling.problem import (
    LevelledSchedule,
    LevellingProblem,
    Resource,
    Task,
    TaskId,
)


@dataclass(frozen=True, slots=True)
class Split:
    #: The tasks levelling may move, with what the fixed ones leave them.
    free: LevellingProblem
    #: The fixed tasks' starts, and where the last of them ends.
    fixed: dict[TaskId, int]
    finish: int
    order: tuple[TaskId, ...]


def split(problem: LevellingProblem) -> Split | None:
    """The problem without its fixed tasks, or None when no task is fixed."""
    fixed = [task for task in problem.tasks if task.fixed]
    if not fixed:
        return None
    pinned = {task.id: task for task in fixed}
    durations = {task.id: task.duration for task in problem.tasks}
    released: dict[TaskId, int] = {}
    kept = []
    for link in problem.precedences:
        if link.after in pinned:
            continue
        if link.before in pinned:
            earliest = pinned[link.before].release + link.min_start_distance(
                durations[link.before], durations[link.after]
            )
            released[link.after] = max(released.get(link.after, 0), earliest)
        else:
            kept.append(link)
    tasks = tuple(
        replace(task, release=max(task.release, released.get(task.id, 0)))
        for task in problem.tasks
        if not task.fixed
    )
    resources = tuple(_left_over(resource, fixed) for resource in problem.resources)
    free = LevellingProblem(tasks, resources, tuple(kept))
    finish = max(task.release + task.duration for task in fixed)
    return Split(free, {task.id: task.release for task in fixed}, finish, tuple(t.id for t in problem.tasks))


def _left_over(resource: Resource, fixed: list[Task]) -> Resource:
    """What the fixed tasks leave of a resource, period by period (never below zero:
    work already over-booked is not the others' to make up)."""
    used: dict[int, int] = {}
    for task in fixed:
        units = task.demands.get(resource.id, 0)
        if units:
            for period in range(task.release, task.release + task.duration):
                used[period] = used.get(period, 0) + units
    if not used:
        return resource
    length = max(len(resource.profile), max(used) + 1)
    profile = tuple(max(0, resource.available(t) - used.get(t, 0)) for t in range(length))
    return Resource(resource.id, resource.capacity, profile)


def merged(parts: Split, levelled: LevelledSchedule) -> LevelledSchedule:
    """The levelled free tasks and the fixed ones, as one schedule of the whole plan."""
    starts = {**levelled.starts, **parts.fixed}
    makespan = max(levelled.makespan, parts.finish)
    lower = max(levelled.lower_bound, parts.finish)
    return replace(
        levelled,
        starts={task_id: starts[task_id] for task_id in parts.order},
        makespan=makespan,
        lower_bound=lower,
        optimal=makespan <= lower,
    )
