"""API for the schedule: tasks' dates, links, calendar, baselines, levelling, workload."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status

from cairn.accounts.models import User
from cairn.errors import Invalid, NotFound
from cairn.inputs import Input
from cairn.planning import levelling, outline, pins, queries, schemas, services, time_off, workload
from cairn.planning.models import Baseline
from cairn.tracker.queries import issue_by_key
from cairn.workspaces import policy

router = Router(tags=["schedule"])


class TaskScheduleIn(Input):
    duration_minutes: int | None = None
    mode: str | None = None
    constraint: str | None = None
    constraint_date: dt.datetime | None = None
    start: dt.datetime | None = None
    position: int | None = None


class DependencyIn(Input):
    predecessor: str
    successor: str
    type: str = "FS"
    lag_minutes: int = 0


class CalendarIn(Input):
    start_date: dt.date | None = None
    working_week: list[list[str]] | None = None
    holidays: list[dict[str, str]] | None = None


class BaselineIn(Input):
    name: str = ""


class TimeOffIn(Input):
    start_date: dt.date
    end_date: dt.date | None = None
    reason: str = ""


class AssignmentIn(Input):
    units: int = 100


def _issue_in(request: HttpRequest, key: str, field: str) -> Any:
    try:
        return issue_by_key(request.user, key)
    except NotFound:
        raise Invalid.field(field, f"no issue {key}") from None


@router.get("/projects/{key}/schedule", response=schemas.ScheduleOut, summary="The schedule: dates, floats and the critical flag per task")
def get_schedule(request: HttpRequest, key: str, baseline: int | None = None) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    return queries.schedule_view(project, baseline_id=baseline)


@router.post("/issues/{issue_key}/schedule", response={201: schemas.ScheduledOut}, summary="Put an issue into the schedule")
def add_to_schedule(request: HttpRequest, issue_key: str, payload: TaskScheduleIn):
    issue = issue_by_key(request.user, issue_key)
    services.add_to_schedule(actor=request.user, issue=issue, duration_minutes=payload.duration_minutes or 480,
                             now=timezone.now())
    return Status(201, {"key": issue.key})


@router.patch("/issues/{issue_key}/schedule", response=schemas.ScheduleOut, summary="Move, resize or re-plan a task")
def patch_task(request: HttpRequest, issue_key: str, payload: TaskScheduleIn) -> dict[str, Any]:
    issue = issue_by_key(request.user, issue_key)
    services.update_task(actor=request.user, issue=issue, changes=payload.model_dump(exclude_unset=True),
                         now=timezone.now())
    return queries.schedule_view(issue.project)


@router.delete("/issues/{issue_key}/schedule", response=schemas.ScheduleOut, summary="Take a task off the schedule (the issue stays)")
def remove_from_schedule(request: HttpRequest, issue_key: str) -> dict[str, Any]:
    issue = issue_by_key(request.user, issue_key)
    outline.remove_task(actor=request.user, issue=issue, now=timezone.now())
    return queries.schedule_view(issue.project)


@router.post("/projects/{key}/dependencies", response={201: schemas.DependencyOut}, summary="Link two tasks")
def add_dependency(request: HttpRequest, key: str, payload: DependencyIn):
    project = policy.access_project_by_key(request.user, key)
    link = services.add_dependency(
        actor=request.user, project=project, predecessor=_issue_in(request, payload.predecessor, "predecessor"),
        successor=_issue_in(request, payload.successor, "successor"), kind=payload.type,
        lag_minutes=payload.lag_minutes, now=timezone.now(),
    )
    return Status(201, {"id": link.pk, "predecessor": payload.predecessor.upper(), "successor": payload.successor.upper(),
                        "type": link.kind, "lag_minutes": link.lag_minutes})


@router.delete("/projects/{key}/dependencies/{link_id}", response={204: None}, summary="Remove a link")
def remove_dependency(request: HttpRequest, key: str, link_id: int):
    project = policy.access_project_by_key(request.user, key)
    services.remove_dependency(actor=request.user, project=project, link_id=link_id, now=timezone.now())
    return Status(204, None)


@router.put("/projects/{key}/calendar", response=schemas.CalendarOut, summary="Set the plan's start, working week and holidays")
def put_calendar(request: HttpRequest, key: str, payload: CalendarIn) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    services.set_calendar(actor=request.user, project=project, now=timezone.now(), **payload.model_dump(exclude_unset=True))
    return queries.schedule_view(project)["calendar"]


@router.post("/projects/{key}/baselines", response={201: schemas.BaselineOut}, summary="Save the current schedule as a baseline")
def save_baseline(request: HttpRequest, key: str, payload: BaselineIn):
    project = policy.access_project_by_key(request.user, key)
    baseline = services.save_baseline(actor=request.user, project=project, name=payload.name, now=timezone.now())
    return Status(201, {"id": baseline.pk, "name": baseline.name, "created_at": baseline.created_at})


@router.get("/projects/{key}/baselines/{baseline_id}/variance", response=schemas.VarianceOut,
            summary="Start, finish and duration variance per task")
def variance(request: HttpRequest, key: str, baseline_id: int) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    baseline = Baseline.objects.filter(project=project, pk=baseline_id).first()
    if baseline is None:
        raise NotFound(f"No baseline {baseline_id} in {project.key}")
    return {"baseline": baseline.name, "tasks": levelling.variance_rows(project, baseline, now=timezone.now())}


@router.get("/projects/{key}/levelling", response=schemas.LevellingOut, summary="Preview resource levelling: which tasks move, by how much")
def levelling_preview(request: HttpRequest, key: str) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    return levelling.preview(project, now=timezone.now()).as_dict()


@router.post("/projects/{key}/levelling", response=schemas.LevellingOut, summary="Apply resource levelling")
def levelling_apply(request: HttpRequest, key: str) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    return levelling.apply(actor=request.user, project=project, now=timezone.now()).as_dict()


@router.post("/projects/{key}/levelling/undo", response=schemas.Unpinned, summary="Undo the last levelling: put back the constraints it replaced")
def levelling_undo(request: HttpRequest, key: str) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    return pins.undo_last(actor=request.user, project=project, now=timezone.now()).as_dict()


@router.get("/projects/{key}/levelling/pins", response=schemas.LevellingPins, summary="The last levelling that can be undone, and how many tasks levelling pins hold")
def levelling_pins(request: HttpRequest, key: str) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    return pins.summary(project)


@router.delete("/projects/{key}/levelling/pins", response=schemas.Unpinned, summary="Clear every pin levelling set (not the ones set by hand)")
def levelling_clear(request: HttpRequest, key: str) -> dict[str, Any]:
    project = policy.access_project_by_key(request.user, key)
    return pins.clear(actor=request.user, project=project, now=timezone.now()).as_dict()


@router.put("/issues/{issue_key}/assignments/{username}", response=schemas.AssignmentOut,
            summary="Assign a person to a task with units")
def put_assignment(request: HttpRequest, issue_key: str, username: str, payload: AssignmentIn) -> dict[str, Any]:
    issue = issue_by_key(request.user, issue_key)
    user = services.worker_named(actor=request.user, project=issue.project, username=username)  # type: ignore[arg-type]
    a = services.assign(actor=request.user, issue=issue, user=user, units=payload.units)
    return {"key": issue.key, "username": user.username, "units": a.units}


@router.delete("/issues/{issue_key}/assignments/{username}", response={204: None}, summary="Take a person off a task")
def delete_assignment(request: HttpRequest, issue_key: str, username: str):
    issue = issue_by_key(request.user, issue_key)
    # Only the people on this task are looked up: nobody learns of other accounts here.
    user = User.objects.filter(assignments__issue=issue, username__iexact=username).first()
    if user is None:
        raise NotFound(f"{username} is not on {issue.key}", fields={"username": f"{username} is not on {issue.key}"})
    services.unassign(actor=request.user, issue=issue, user=user, now=timezone.now())
    return Status(204, None)


@router.get("/workload", response=schemas.WorkloadOut, summary="Each person's load per week across all projects you can see")
def get_workload(request: HttpRequest, start: dt.date | None = None, weeks: int = 12) -> dict[str, Any]:
    return workload.weekly(request.user, start=start or timezone.localdate(), weeks=weeks).as_dict()


@router.get("/people/{username}/time-off", response=list[schemas.TimeOffOut], summary="A person's time off")
def list_time_off(request: HttpRequest, username: str) -> list[dict[str, Any]]:
    person = time_off.person_named(request.user, username)  # type: ignore[arg-type]
    return [{"id": t.pk, "start_date": t.start_date, "end_date": t.end_date, "reason": t.reason}
            for t in person.time_off.all()]  # type: ignore[attr-defined]


@router.post("/people/{username}/time-off", response={201: schemas.TimeOffOut}, summary="Add time off (yours, or as a manager)")
def add_time_off(request: HttpRequest, username: str, payload: TimeOffIn):
    person = time_off.person_named(request.user, username)  # type: ignore[arg-type]
    period = time_off.add(actor=request.user, person=person, start=payload.start_date,  # type: ignore[arg-type]
                          end=payload.end_date, reason=payload.reason)
    return Status(201, {"id": period.pk, "start_date": period.start_date, "end_date": period.end_date,
                        "reason": period.reason})


@router.delete("/people/{username}/time-off/{time_off_id}", response={204: None}, summary="Remove time off")
def remove_time_off(request: HttpRequest, username: str, time_off_id: int):
    person = time_off.person_named(request.user, username)  # type: ignore[arg-type]
    time_off.remove(actor=request.user, person=person, time_off_id=time_off_id)  # type: ignore[arg-type]
    return Status(204, None)
