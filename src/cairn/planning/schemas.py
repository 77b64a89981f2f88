"""What the schedule API answers, field by field, so the OpenAPI document tells clients
exactly what they get."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema

# The planner's times are wall-clock times of the project's calendar, without a zone.
LocalTime = Annotated[str, Field(description="Project-local date and time, `YYYY-MM-DDTHH:MM`",
                                 examples=["2026-11-02T08:00"])]
DaysLater = Annotated[float, Field(description="Working days later than the baseline; negative when earlier")]


class Holiday(Schema):
    date: dt.date
    name: str


class CalendarOut(Schema):
    start_date: dt.date
    working_week: list[list[str]] = Field(description='Monday first; each day\'s working ranges, "08:00-12:00"')
    holidays: list[Holiday]


class BaselineOut(Schema):
    id: int
    name: str
    created_at: dt.datetime


class Predecessor(Schema):
    id: int = Field(description="The link's id, to remove it")
    key: str
    wbs: str = Field(description="The predecessor's outline number, as the Gantt table shows it")
    type: str = Field(description="FS, SS, FF or SF")
    lag_minutes: int


class TaskPerson(Schema):
    username: str
    name: str
    units: int = Field(description="Percent of a full-time person")


class Constraint(Schema):
    type: str = Field(description="SNET, SNLT, FNET, FNLT, MSO, MFO or ALAP")
    date: LocalTime | None


class BaselineDates(Schema):
    start: LocalTime | None
    finish: LocalTime | None
    duration_minutes: int


class TaskOut(Schema):
    key: str
    title: str
    wbs: str = Field(description='Outline number, "1.2.3"')
    outline_level: int
    parent: str | None
    summary: bool
    milestone: bool
    mode: str = Field(description="auto or manual")
    duration_minutes: int
    duration_days: float
    start: LocalTime | None
    finish: LocalTime | None
    early_start: LocalTime | None
    early_finish: LocalTime | None
    late_start: LocalTime | None
    late_finish: LocalTime | None
    total_float_minutes: int = Field(description="How long the task may slip without delaying the project")
    free_float_minutes: int = Field(description="How long the task may slip without delaying a successor")
    critical: bool
    status: str
    status_category: str
    constraint: Constraint | None = Field(description="None when as soon as possible")
    predecessors: list[Predecessor]
    assignments: list[TaskPerson]
    baseline: BaselineDates | None = Field(description="The task in the chosen baseline, if it was there")


class Violation(Schema):
    key: str
    kind: str
    minutes: int
    message: str


class ScheduleOut(Schema):
    project: str
    revision: int
    start: str = Field(description="The earliest task start, or the plan's start date")
    finish: str = Field(description="The latest task finish, or the plan's start date")
    minutes_per_day: int
    calendar: CalendarOut
    baselines: list[BaselineOut]
    baseline_id: int | None = Field(description="The baseline compared against (the first one by default)")
    tasks: list[TaskOut]
    violations: list[Violation]


class ScheduledOut(Schema):
    key: str


class DependencyOut(Schema):
    id: int
    predecessor: str
    successor: str
    type: str
    lag_minutes: int


class TaskVariance(Schema):
    key: str
    start_days: DaysLater
    finish_days: DaysLater
    duration_days: float = Field(description="Working days longer than in the baseline; negative when shorter")


class VarianceOut(Schema):
    baseline: str
    tasks: list[TaskVariance]


class Move(Schema):
    key: str
    title: str
    old_start: dt.date
    new_start: dt.date
    delta_days: int


class Overbooked(Schema):
    key: str
    username: str
    units: int = Field(description="What the task asks of the person, in percent of full time")
    capacity: int = Field(description="What the person has, in percent of full time")


class LevellingOut(Schema):
    project: str
    makespan_days_before: int
    makespan_days_after: int
    overloaded_days_before: int
    moves: list[Move]
    solver: str = Field(description="heuristic, or cpsat where OR-Tools is installed")
    applied: bool
    overloaded_days_after: int = Field(description="Days still over-allocated by work already under way")
    overbooked: list[Overbooked] = Field(
        description="Assignments beyond a person's capacity, which no levelling can fix")


class AssignmentOut(Schema):
    key: str
    username: str
    units: int


class WorkloadTask(Schema):
    key: str
    title: str
    start: dt.date
    finish: dt.date
    hours: float


class PersonLoad(Schema):
    username: str
    name: str
    capacity_hours: list[float] = Field(description="One figure per week")
    load_hours: list[float] = Field(description="One figure per week")
    over_allocated: list[bool] = Field(description="One flag per week")
    tasks: list[WorkloadTask]


class WorkloadOut(Schema):
    weeks: list[dt.date] = Field(description="The Monday of each week")
    people: list[PersonLoad]


class TimeOffOut(Schema):
    id: int
    start_date: dt.date
    end_date: dt.date
    reason: str


class AddedOut(ScheduleOut):
    added: list[str] = Field(description="Keys of the rows just added")


class UnscheduledIssue(Schema):
    key: str
    title: str
    type: str | None
    status: str
    status_category: str
    estimate_hours: Decimal | None
    parent: str | None
    assignee: str | None = Field(description="The assignee's name")


class FinishLink(Schema):
    key: str
    wbs: str
    type: str
    lag_minutes: int


class PreviewOut(Schema):
    key: str
    start: str | None
    finish: str | None
    duration_minutes: int
    finish_held_by: list[FinishLink] = Field(
        description="Links that hold the task's finish, so a longer task would start earlier")


class Unpinned(Schema):
    project: str
    restored: list[str] = Field(description="Tasks given back the constraint they had before levelling")
    kept: list[str] = Field(description="Tasks left alone: someone changed their pin since")


class LastLevelling(Schema):
    applied_at: dt.datetime
    applied_by: str | None
    tasks: int


class LevellingPins(Schema):
    last: LastLevelling | None = Field(description="The last levelling that can be undone")
    pinned: int = Field(description="How many tasks levelling pins hold now")
