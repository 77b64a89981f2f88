"""Properties of every schedule, on random plans."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from random import Random

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cairn.engine.scheduling import (
    Assignment,
    Calendar,
    Constraint,
    ConstraintType,
    CycleError,
    Dependency,
    DependencyType,
    Plan,
    Schedule,
    Task,
    ViolationKind,
    schedule,
)
from cairn.engine.scheduling.timeline import Timeline

MONDAY = datetime(2025, 1, 6, 8)
CALENDAR = Calendar.weekly(
    {0: "08:00-12:00, 13:00-17:00", 1: "08:00-12:00, 13:00-17:00", 2: "09:00-15:00", 4: "07:30-11:45"},
    exceptions={date(2025, 1, 9): (), date(2025, 1, 14): (), date(2025, 1, 17): "10:00-11:00"},
)
LATE = {ConstraintType.SNLT, ConstraintType.FNLT, ConstraintType.MSO, ConstraintType.MFO}


@st.composite
def plans(draw: st.DrawFn, *, constraints: bool = True, summaries: bool = False) -> Plan:
    size = draw(st.integers(1, 14))
    tasks: list[Task] = []
    for node in range(size):
        duration = draw(st.sampled_from([0, 0, 30, 60, 240, 480, 555, 960, 2400]))
        constraint = Constraint()
        if constraints and draw(st.integers(0, 3)) == 0:
            kind = draw(st.sampled_from(list(ConstraintType)))
            moment = MONDAY + timedelta(minutes=draw(st.integers(-2000, 30000)))
            constraint = Constraint(kind, moment if kind.dated else None)
        parent = None
        if summaries and node and draw(st.booleans()):
            parent = f"t{draw(st.integers(0, node - 1))}"
        tasks.append(Task(f"t{node}", duration, parent=parent, constraint=constraint))
    links = []
    for _ in range(draw(st.integers(0, 2 * size)) if size > 1 else 0):
        before, after = sorted(draw(st.lists(st.integers(0, size - 1), min_size=2, max_size=2, unique=True)))
        if summaries and _related(tasks, before, after):
            continue
        kind = draw(st.sampled_from(list(DependencyType)))
        lag = draw(st.sampled_from([0, 0, 60, 480, -240, 1000]))
        percent = draw(st.sampled_from([None, None, None, 50.0]))
        elapsed = percent is None and draw(st.integers(0, 5)) == 0
        links.append(Dependency(f"t{before}", f"t{after}", kind, lag, percent, elapsed))
    honor = draw(st.booleans())
    listed = draw(st.permutations(tasks)) if draw(st.booleans()) else tasks  # links may point back
    return Plan(MONDAY, CALENDAR, tuple(listed), tuple(links), honor_constraints=honor)


def _related(tasks: list[Task], before: int, after: int) -> bool:
    """Whether one task is the other's ancestor (a link between them is a cycle)."""
    ancestors = {task.id: task.parent for task in tasks}

    def above(node: str) -> set[str]:
        found = set()
        while (up := ancestors[node]) is not None:
            found.add(up)
            node = up
        return found

    return f"t{before}" in above(f"t{after}") or f"t{after}" in above(f"t{before}")


def leaves(plan: Plan, task_id: str) -> list[str]:
    children = [task.id for task in plan.tasks if task.parent == task_id]
    return [leaf for child in children for leaf in leaves(plan, child)] if children else [task_id]


def link_holds(result: Schedule, link: Dependency, successor: str) -> bool:
    before, after = result[link.predecessor], result[successor]
    kind = link.type
    source = before.finish if kind.from_finish else before.start
    target = after.finish if kind.to_finish else after.start
    if link.elapsed:
        timeline = result.timeline
        moment = timeline.finish_at(source) if kind.from_finish else timeline.start_at(source)
        return target >= timeline.offset(moment + timedelta(minutes=link.lag))
    lag = link.lag if link.lag_percent is None else round(before.duration * link.lag_percent / 100)
    return target >= source + lag


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_every_link_holds_unless_reported(plan: Plan) -> None:
    result = schedule(plan)
    broken = {(v.dependency, v.task_id) for v in result.violations if v.dependency is not None}
    for link in plan.dependencies:
        if (link, link.successor) not in broken:
            assert link_holds(result, link, link.successor), link


@settings(max_examples=300)
@given(plans())
def test_every_constraint_holds_unless_reported(plan: Plan) -> None:
    result = schedule(plan)
    missed = {v.task_id for v in result.violations if v.kind is ViolationKind.CONSTRAINT}
    offset = result.timeline.offset
    for task in plan.tasks:
        kind, moment = task.constraint.type, task.constraint.date
        if moment is None or task.id in missed:
            continue
        found = result[task.id]
        date_offset = offset(moment)
        checks = {
            ConstraintType.SNET: found.start >= date_offset,
            ConstraintType.SNLT: found.start <= date_offset,
            ConstraintType.FNET: found.finish >= date_offset,
            ConstraintType.FNLT: found.finish <= date_offset,
            ConstraintType.MSO: found.start == date_offset or not plan.honor_constraints,
            ConstraintType.MFO: found.finish == date_offset or not plan.honor_constraints,
        }
        assert checks[kind], (task, found)
        if kind in (ConstraintType.MSO, ConstraintType.MFO):
            assert (found.start if kind is ConstraintType.MSO else found.finish) >= date_offset


@settings(max_examples=300)
@given(plans())
def test_the_early_schedule_is_as_early_as_the_links_allow(plan: Plan) -> None:
    """A brute-force longest path (relax every link until nothing moves) agrees."""
    result = schedule(plan)
    early = {task.id: result.start for task in plan.tasks}
    duration = {task.id: result[task.id].duration for task in plan.tasks}
    free = [task for task in plan.tasks if task.constraint.type in (ConstraintType.ASAP, ConstraintType.ALAP)]
    if len(free) < len(plan.tasks) or any(link.elapsed for link in plan.dependencies):
        return
    for _ in range(len(plan.tasks) + 1):
        for link in plan.dependencies:
            kind = link.type
            lag = (
                link.lag
                if link.lag_percent is None
                else round(duration[link.predecessor] * link.lag_percent / 100)
            )
            source = early[link.predecessor] + (duration[link.predecessor] if kind.from_finish else 0)
            needed = source + lag - (duration[link.successor] if kind.to_finish else 0)
            early[link.successor] = max(early[link.successor], needed)
    assert {task.id: result[task.id].early_start for task in plan.tasks} == early


@settings(max_examples=300)
@given(plans(constraints=False))
def test_without_constraints_floats_are_sane(plan: Plan) -> None:
    result = schedule(plan)
    for task in result:
        assert task.early_start >= result.start
        assert task.early_start <= task.late_start and task.early_finish <= task.late_finish
        assert 0 <= task.free_float <= task.total_float
        assert task.critical == (task.total_float == 0)
        assert task.late_finish <= result.finish
    assert result.violations == ()
    if plan.tasks:
        assert result.critical_path  # some task ends the project
        assert max(result[task_id].finish for task_id in result.critical_path) == result.finish


@settings(max_examples=300)
@given(plans(constraints=False))
def test_the_late_schedule_keeps_every_link(plan: Plan) -> None:
    result = schedule(plan)
    for link in plan.dependencies:
        if link.elapsed or link.lag_percent is not None:
            continue
        before, after = result[link.predecessor], result[link.successor]
        kind = link.type
        source = before.late_finish if kind.from_finish else before.late_start
        target = after.late_finish if kind.to_finish else after.late_start
        assert target >= source + link.lag


@settings(max_examples=300)
@given(plans())
def test_nothing_starts_or_finishes_in_non_working_time(plan: Plan) -> None:
    result = schedule(plan)
    timeline = result.timeline
    to_finish = {link.successor for link in plan.dependencies if link.type.to_finish}
    for task in result:
        if task.duration:
            assert CALENDAR.is_working_time(task.start_at), task
            if task.finish_at != timeline.finish_at(task.finish):
                # A finish held by a predecessor's start reads as that start (Monday 08:00).
                assert task.id in to_finish and task.finish_at == timeline.start_at(task.finish), task
            assert CALENDAR.is_working_time(timeline.finish_at(task.finish) - timedelta(minutes=1)), task
            assert timeline.working_minutes_between(task.start_at, task.finish_at) == task.duration


@settings(max_examples=300)
@given(plans(summaries=True))
def test_summaries_span_their_children_and_links_into_them_bind_every_child(plan: Plan) -> None:
    try:
        result = schedule(plan)
    except CycleError:  # a link into a summary from a task that its children precede
        assume(False)
        raise
    broken = {(v.dependency, v.task_id) for v in result.violations if v.dependency is not None}
    for task in result:
        children = [other.id for other in plan.tasks if other.parent == task.id]
        if children:
            assert task.summary
            assert task.start == min(result[child].start for child in children)
            assert task.finish == max(result[child].finish for child in children)
            assert task.late_start == min(result[child].late_start for child in children)
            below = leaves(plan, task.id)  # displayed dates: the leaves' own
            assert task.start_at == min(result[leaf].start_at for leaf in below)
            assert task.finish_at == max(result[leaf].finish_at for leaf in below)
    for link in plan.dependencies:
        for leaf in leaves(plan, link.successor):
            if (link, leaf) not in broken:
                assert link_holds(result, link, leaf), (link, leaf)


@settings(max_examples=200)
@given(plans(constraints=False))
def test_critical_paths_are_chains_of_critical_tasks(plan: Plan) -> None:
    result = schedule(plan)
    critical = set(result.critical_path)
    for path in result.critical_paths():
        assert set(path) <= critical
        for before, after in zip(path, path[1:]):
            assert any(link.predecessor == before and link.successor == after for link in plan.dependencies)


@settings(max_examples=200)
@given(plans(summaries=True), st.randoms())
def test_the_order_of_the_tasks_in_the_plan_changes_nothing(plan: Plan, random: Random) -> None:
    shuffled = list(plan.tasks)
    random.shuffle(shuffled)
    try:
        result = schedule(plan)
    except CycleError:
        assume(False)
        raise
    again = schedule(replace(plan, tasks=tuple(shuffled)))
    for task in result:
        other = again[task.id]
        assert (task.start, task.finish, task.late_start, task.late_finish) == (
            other.start,
            other.finish,
            other.late_start,
            other.late_finish,
        )
    assert sorted(map(str, result.violations)) == sorted(map(str, again.violations))


NIGHTS = Calendar.weekly(
    {day: "00:00-03:00, 04:00-06:00, 22:00-24:00" for day in range(6)},
    exceptions={date(2025, 1, 8): ()},
    name="Nights",
)
WEEKENDS = Calendar.weekly({5: "09:00-13:00", 6: "10:00-12:30"}, name="Weekends")


@st.composite
def assigned_plans(draw: st.DrawFn) -> Plan:
    """Plans whose tasks may have a task calendar or resource assignments."""
    plan = draw(plans())
    tasks = []
    for task in plan.tasks:
        choice = draw(st.integers(0, 3))
        if choice == 1:
            task = replace(task, calendar=draw(st.sampled_from([NIGHTS, WEEKENDS])))
        elif choice == 2:
            count = draw(st.integers(1, 3))
            assignments = tuple(
                Assignment(
                    f"r{k}",
                    draw(st.sampled_from([None, 0, 60, 480, 1000])),
                    draw(st.sampled_from([1.0, 0.5, 0.75, 2.0])),
                    draw(st.sampled_from([None, NIGHTS, WEEKENDS, CALENDAR])),
                )
                for k in range(count)
            )
            task = replace(task, assignments=assignments)
        tasks.append(task)
    return replace(plan, tasks=tuple(tasks))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(assigned_plans())
def test_assignments_work_only_on_their_calendars_and_links_still_hold(plan: Plan) -> None:
    result = schedule(plan)
    broken = {(v.dependency, v.task_id) for v in result.violations if v.dependency is not None}
    for link in plan.dependencies:
        if (link, link.successor) not in broken:
            assert link_holds(result, link, link.successor), link
    for task in plan.tasks:
        found = result[task.id]
        assert found.critical == (found.total_float <= 0)
        if task.manual_start is not None:
            continue
        for assignment, (resource, start, finish) in zip(task.assignments, found.assignments):
            calendar = assignment.calendar or CALENDAR
            own = Timeline(calendar, MONDAY.date())
            minutes = assignment.minutes(task.duration)
            assert resource == assignment.resource
            assert start >= found.start_at
            if minutes:  # never works outside its resource's calendar
                assert calendar.is_working_time(start), (assignment, start)
                assert calendar.is_working_time(finish - timedelta(minutes=1)), (assignment, finish)
                assert own.working_minutes_between(start, finish) == minutes
            assert finish <= found.finish_at
        if task.calendar is not None and not task.assignments and task.duration:
            assert task.calendar.is_working_time(found.start_at)
            assert task.calendar.is_working_time(found.finish_at - timedelta(minutes=1))
