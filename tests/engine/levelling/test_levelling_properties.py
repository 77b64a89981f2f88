"""Property tests: whatever the plan, a levelled schedule keeps every link and never
asks a resource for more than it has in any period."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cairn.engine.scheduling.levelling import (
    LevellingProblem,
    LinkKind,
    Precedence,
    PriorityRule,
    Resource,
    Task,
    level,
    priority_rule_schedule,
)


@st.composite
def problems(
    draw: st.DrawFn, *, links: bool = True, profiles: bool = False, scale: int = 1
) -> LevellingProblem:
    resources = []
    for r in range(draw(st.integers(0, 3))):
        capacity = draw(st.integers(1, 6)) * scale
        profile: tuple[int, ...] = ()
        if profiles:
            profile = tuple(draw(st.lists(st.integers(0, 8 * scale), max_size=12)))
        resources.append(Resource(id=f"R{r}", capacity=capacity, profile=profile))
    n = draw(st.integers(1, 12))
    tasks = []
    for k in range(n):
        demands = {res.id: draw(st.integers(0, res.capacity)) for res in resources if draw(st.booleans())}
        release = draw(st.integers(0, 5)) if profiles else 0
        tasks.append(Task(id=f"T{k}", duration=draw(st.integers(0, 6)), demands=demands, release=release))
    precedences = []
    if links and n > 1:
        # Links go from a lower to a higher index, so the graph is acyclic.
        pairs = st.tuples(st.integers(0, n - 2), st.integers(1, n - 1)).filter(lambda p: p[0] < p[1])
        for i, j in draw(st.lists(pairs, max_size=2 * n, unique=True)):
            kind = draw(st.sampled_from(list(LinkKind)))
            lag = draw(st.integers(-2, 4))
            precedences.append(Precedence(before=f"T{i}", after=f"T{j}", kind=kind, lag=lag))
    return LevellingProblem(tasks=tuple(tasks), resources=tuple(resources), precedences=tuple(precedences))


def broken_rules(problem: LevellingProblem, starts: dict[str, int]) -> list[str]:
    """Written apart from the engine's own check, on purpose."""
    broken = []
    duration = {task.id: task.duration for task in problem.tasks}
    for task in problem.tasks:
        if starts[task.id] < max(0, task.release):
            broken.append(f"{task.id} starts too early")
    for link in problem.precedences:
        sb, sa = starts[link.before], starts[link.after]
        fb, fa = sb + duration[link.before], sa + duration[link.after]
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
            used = sum(
                task.demands.get(res.id, 0)
                for task in problem.tasks
                if starts[task.id] <= period < starts[task.id] + task.duration
            )
            available = res.profile[period] if period < len(res.profile) else res.capacity
            if used > available:
                broken.append(f"{res.id} over capacity in period {period}")
    return broken


fast = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fast
@given(problems())
def test_a_levelled_schedule_keeps_every_link_and_capacity(problem: LevellingProblem) -> None:
    result = level(problem, time_limit=60, max_schedules=300, seed=1)
    assert broken_rules(problem, dict(result.starts)) == []
    assert result.makespan == max((result.starts[t.id] + t.duration for t in problem.tasks), default=0)
    assert result.lower_bound <= result.makespan
    assert not result.optimal or result.makespan == result.lower_bound


@fast
@given(problems(profiles=True))
def test_capacity_that_changes_over_time_and_release_dates_are_respected(
    problem: LevellingProblem,
) -> None:
    result = level(problem, time_limit=60, max_schedules=200, seed=2)
    assert broken_rules(problem, dict(result.starts)) == []


@fast
@given(problems(profiles=True, scale=100))
def test_capacities_too_big_for_a_byte_take_the_general_path(problem: LevellingProblem) -> None:
    result = level(problem, time_limit=60, max_schedules=200, seed=3)
    assert broken_rules(problem, dict(result.starts)) == []


@fast
@given(problems(), st.sampled_from([0, 1]))
def test_even_without_any_budget_there_is_a_feasible_schedule(problem: LevellingProblem, passes: int) -> None:
    result = level(problem, time_limit=0, max_schedules=passes)
    assert broken_rules(problem, dict(result.starts)) == []


def test_an_empty_plan_levels_to_nothing() -> None:
    result = level(LevellingProblem(tasks=()))
    assert result.starts == {}
    assert result.makespan == 0
    assert result.optimal


@fast
@given(problems())
def test_levelling_is_never_worse_than_one_pass_of_a_priority_rule(problem: LevellingProblem) -> None:
    levelled = level(problem, time_limit=60, max_schedules=300)
    for rule in PriorityRule:
        single = priority_rule_schedule(problem, rule)
        assert broken_rules(problem, dict(single.starts)) == []
        assert levelled.makespan <= single.makespan


@settings(max_examples=30, deadline=None)
@given(problems(), st.integers(0, 2**32))
def test_the_same_seed_and_schedule_budget_give_the_same_schedule(
    problem: LevellingProblem, seed: int
) -> None:
    first = level(problem, time_limit=60, max_schedules=150, seed=seed)
    second = level(problem, time_limit=60, max_schedules=150, seed=seed)
    assert first.starts == second.starts
