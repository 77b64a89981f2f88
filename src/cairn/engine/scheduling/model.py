"""What a plan is made of: tasks, dependencies, constraints, the plan itself.

Durations and lags are working minutes on the plan's calendar (MS Project stores
durations in minutes too; a "day" is the calendar's working day, 480 minutes on the
Standard calendar).  Datetimes are naive local wall-clock times of the project.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import Enum

from cairn.engine.scheduling.calendars import Calendar
from cairn.engine.scheduling.errors import PlanError

TaskId = str


class DependencyType(Enum):
    """How the predecessor's start or finish drives the successor's start or finish."""

    FS = "FS"  # finish to start: the successor starts after the predecessor finishes
    SS = "SS"  # start to start
    FF = "FF"  # finish to finish
    SF = "SF"  # start to finish: the successor finishes after the predecessor starts

    @property
    def from_finish(self) -> bool:
        return self in (DependencyType.FS, DependencyType.FF)

    @property
    def to_finish(self) -> bool:
        return self in (DependencyType.FF, DependencyType.SF)


class ConstraintType(Enum):
    ASAP = "ASAP"  # as soon as possible (the default)
    ALAP = "ALAP"  # as late as possible without delaying the successors' late dates
    SNET = "SNET"  # start no earlier than
    SNLT = "SNLT"  # start no later than
    FNET = "FNET"  # finish no earlier than
    FNLT = "FNLT"  # finish no later than
    MSO = "MSO"  # must start on
    MFO = "MFO"  # must finish on

    @property
    def dated(self) -> bool:
        return self not in (ConstraintType.ASAP, ConstraintType.ALAP)

    @property
    def on_finish(self) -> bool:
        return self in (ConstraintType.FNET, ConstraintType.FNLT, ConstraintType.MFO)


@dataclass(frozen=True, slots=True)
class Constraint:
    type: ConstraintType = ConstraintType.ASAP
    date: datetime | None = None

    def __post_init__(self) -> None:
        if self.type.dated and self.date is None:
            raise PlanError(f"A {self.type.value} constraint needs a date")


ASAP = Constraint()


@dataclass(frozen=True, slots=True)
class Dependency:
    """A link between two tasks.

    ``lag`` is in working minutes (negative: a lead).  ``lag_percent``, when given,
    replaces it with that percentage of the predecessor's duration (MS Project's
    "FS+50%").  ``elapsed`` lags count calendar minutes, working or not (MS Project's
    "edays").
    """

    predecessor: TaskId
    successor: TaskId
    type: DependencyType = DependencyType.FS
    lag: int = 0
    lag_percent: float | None = None
    elapsed: bool = False

    def __str__(self) -> str:
        if self.lag_percent is not None:
            lag = f"{self.lag_percent:+g}%"
        else:
            lag = f"{self.lag:+d}{'e' if self.elapsed else ''}min" if self.lag else ""
        return f"{self.predecessor} -> {self.successor} ({self.type.value}{lag})"


@dataclass(frozen=True, slots=True)
class Assignment:
    """A resource working on a task.

    The assignment starts at the first working minute of ``calendar`` at or after
    the task's start and lasts ``work`` ÷ ``units`` working minutes of that calendar
    (``units`` 0.5: half time).  ``work`` ``None`` means the task's duration;
    ``calendar`` ``None`` the task's calendar, or else the plan's.
    """

    resource: str
    work: int | None = None
    units: float = 1.0
    calendar: Calendar | None = None

    def __post_init__(self) -> None:
        if self.work is not None and self.work < 0:
            raise PlanError(f"Assignment of {self.resource!r} has negative work")
        if not self.units > 0:
            raise PlanError(f"Assignment of {self.resource!r} needs positive units")

    def minutes(self, duration: int) -> int:
        """How many working minutes of its calendar it lasts, on a task of ``duration``."""
        return duration if self.work is None else round(self.work / self.units)


@dataclass(frozen=True, slots=True)
class Task:
    """A unit of work.

    A task with children (tasks naming it as ``parent``) is a summary: its own
    duration and constraint are ignored and it spans its children.  A task with both
    ``manual_start`` and ``manual_finish`` is manually scheduled: it stays where it
    is put, and the links that it breaks are reported.

    Actual dates are what happened (MS Project's actuals), and nothing moves them: a
    task with an ``actual_finish`` is done and stays between its actual start and
    finish (without a known start it keeps its duration, ending on its finish); one
    with only an ``actual_start`` is in progress: it keeps that start and runs its
    duration from there, and never finishes before the plan's ``status_date``, since
    work not yet done cannot be done in the past.  Links into them are not reported
    when reality broke them; their constraints and manual dates give way.  Actual
    dates on a summary are ignored: it spans its children.
    """

    id: TaskId
    duration: int = 0
    name: str = ""
    parent: TaskId | None = None
    constraint: Constraint = ASAP
    manual_start: datetime | None = None
    manual_finish: datetime | None = None
    calendar: Calendar | None = None
    assignments: tuple[Assignment, ...] = ()
    actual_start: datetime | None = None
    actual_finish: datetime | None = None
    plain: bool = field(init=False, repr=False, compare=False)  # nothing of the above

    def __post_init__(self) -> None:
        object.__setattr__(self, "assignments", tuple(self.assignments))
        object.__setattr__(
            self,
            "plain",
            (
                self.constraint is ASAP
                or (self.constraint.type is ConstraintType.ASAP and self.constraint.date is None)
            )
            and self.manual_start is None
            and self.calendar is None
            and not self.assignments
            and self.actual_start is None
            and self.actual_finish is None,
        )
        if self.duration < 0:
            raise PlanError(f"Task {self.id!r} has a negative duration")
        if (self.manual_start is None) != (self.manual_finish is None):
            raise PlanError(f"Manual task {self.id!r} needs both a start and a finish")
        if (
            self.manual_start is not None
            and self.manual_finish is not None
            and (self.manual_finish < self.manual_start)
        ):
            raise PlanError(f"Manual task {self.id!r} finishes before it starts")
        if (
            self.actual_start is not None
            and self.actual_finish is not None
            and self.actual_finish < self.actual_start
        ):
            raise PlanError(f"Task {self.id!r} actually finished before it started")

    @property
    def is_manual(self) -> bool:
        return self.manual_start is not None

    @property
    def has_actuals(self) -> bool:
        """Whether work on it has started (or is done): nothing moves it then."""
        return self.actual_start is not None or self.actual_finish is not None


@dataclass(frozen=True)
class Plan:
    """Everything the scheduler needs.

    ``honor_constraints`` is MS Project's "Tasks will always honor their constraint
    dates" (on by default there): a task with a late constraint (SNLT, FNLT, MSO,
    MFO) stays on its date and the links it breaks are reported; when off, links win
    and the constraint is reported.  ``critical_float`` is MS Project's "tasks are
    critical if slack is less than or equal to", in working minutes.
    ``status_date`` is MS Project's too: the moment progress is known up to ("now");
    work in progress does not finish before it.
    """

    start: datetime
    calendar: Calendar
    tasks: tuple[Task, ...]
    dependencies: tuple[Dependency, ...] = ()
    honor_constraints: bool = True
    critical_float: int = 0
    status_date: datetime | None = None
    name: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tasks", tuple(self.tasks))
        object.__setattr__(self, "dependencies", tuple(self.dependencies))

    def with_tasks(self, tasks: Iterable[Task]) -> Plan:
        """This plan with the given tasks replaced (matched by id) or added."""
        changed = {task.id: task for task in tasks}
        kept = [changed.pop(task.id, task) for task in self.tasks]
        return replace(self, tasks=(*kept, *changed.values()))
