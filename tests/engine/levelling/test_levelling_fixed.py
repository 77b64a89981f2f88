"""Fixed tasks (work in progress or done): levelling never moves them, leaves their units
to them, and makes what follows them wait."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st
from test_levelling_properties import fast, problems

from cairn.engine.scheduling.levelling import (
    LevellingProblem,
    LinkKind,
    Precedence,
    PriorityRule,
    Resource,
    Task,
    critical_path_starts,
    level,
    priority_rule_schedule,
    violations,
)


@st.composite
def problems_with_work_under_way(draw: st.DrawFn) -> LevellingProblem:
    problem = draw(problems(profiles=True))
    tasks = tuple(
        replace(task, fixed=True, release=draw(st.integers(0, 8))) if draw(st.integers(0, 2)) == 0 else task
        for task in problem.tasks
    )
    return replace(problem, tasks=tasks)


def broken_rules(problem: LevellingProblem, starts: dict[str, int]) -> list[str]:
    """Written apart from the engine's own check, on purpose."""
    broken = []
    tasks = {task.id: task for task in problem.tasks}
    for task in problem.tasks:
        if starts[task.id] < task.release:
            broken.append(f"{task.id} starts too early")
    for link in problem.precedences:
        if tasks[link.after].fixed:
            continue
        sb, sa = starts[link.before], starts[link.after]
        fb, fa = sb + tasks[link.before].duration, sa + tasks[link.after].duration
        ok = {
            LinkKind.FINISH_TO_START: sa >= fb + link.lag,
            LinkKind.START_TO_START: sa >= sb + link.lag,
            LinkKind.FINISH_TO_FINISH: fa >= fb + link.lag,
            LinkKind.START_TO_FINISH: fa >= sb + link.lag,
        }[link.kind]
        if not ok:
            broken.append(f"{link} broken")
    end = max((starts[t.id] + t.duration for t in problem.tasks), default=0)
    for res in problem.resources:
        for period in range(end):
            running = [t for t in problem.tasks if starts[t.id] <= period < starts[t.id] + t.duration]
            fixed = sum(t.demands.get(res.id, 0) for t in running if t.fixed)
            free = sum(t.demands.get(res.id, 0) for t in running if not t.fixed)
            if free > max(0, res.available(period) - fixed):
                broken.append(f"{res.id} over capacity in period {period}")
    return broken


@fast
@given(problems_with_work_under_way())
def test_levelling_never_moves_a_task_with_an_actual_start(problem: LevellingProblem) -> None:
    result = level(problem, time_limit=60, max_schedules=200, seed=4)
    for task in problem.tasks:
        if task.fixed:
            assert result.starts[task.id] == task.release
    assert broken_rules(problem, dict(result.starts)) == []
    assert violations(problem, result.starts) == []
    assert list(result.starts) == [task.id for task in problem.tasks]
    assert result.makespan == max((result.starts[t.id] + t.duration for t in problem.tasks), default=0)
    assert result.lower_bound <= result.makespan


@fast
@given(problems_with_work_under_way(), st.sampled_from(list(PriorityRule)))
def test_one_pass_of_a_rule_and_the_critical_path_leave_fixed_tasks_too(
    problem: LevellingProblem, rule: PriorityRule
) -> None:
    single = priority_rule_schedule(problem, rule)
    assert broken_rules(problem, dict(single.starts)) == []
    early = critical_path_starts(problem)
    assert all(early[task.id] == task.release for task in problem.tasks if task.fixed)


def test_work_in_progress_keeps_its_units_and_what_follows_it_waits() -> None:
    problem = LevellingProblem(
        tasks=(
            Task("running", 3, {"bob": 100}, release=2, fixed=True),
            Task("next", 1, {"bob": 50}),
            Task("other", 2, {"bob": 100}),
        ),
        resources=(Resource("bob", 100),),
        precedences=(Precedence("running", "next"), Precedence("other", "running")),
    )
    starts = dict(level(problem, max_schedules=50).starts)
    assert starts == {"running": 2, "next": 5, "other": 0}


def test_the_engines_own_check_finds_a_fixed_task_moved() -> None:
    problem = LevellingProblem(tasks=(Task("done", 2, release=3, fixed=True),))
    assert violations(problem, {"done": 4}) == ["done is fixed at 3 but moved to 4"]
