"""API for time: entries, your weekly timesheet, approvals, and the timer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from cairn import paging
from cairn.accounts.models import User
from cairn.costs import services, timer, timesheets
from cairn.costs.models import TimeEntry, Timesheet
from cairn.errors import Invalid, NotFound
from cairn.inputs import Input
from cairn.tracker.queries import issue_by_key

router = Router(tags=["time"])


class TimeEntryOut(Schema):
    id: int
    issue: str
    person: str
    date: dt.date
    hours: Decimal
    minutes: int
    note: str
    locked: bool


class TimeEntryPage(Schema):
    items: list[TimeEntryOut]
    total: int
    next_cursor: str | None


class TimeEntryIn(Input):
    issue: str
    date: dt.date
    hours: Decimal | str
    note: str = ""


class TimeEntryPatch(Input):
    date: dt.date | None = None
    hours: Decimal | str | None = None
    note: str | None = None


class TimesheetRowOut(Schema):
    issue: str
    title: str
    minutes: list[int]


class TimesheetOut(Schema):
    id: int | None
    person: str
    week: dt.date
    days: list[dt.date]
    state: str
    note: str
    decided_by: str | None
    rows: list[TimesheetRowOut]
    day_minutes: list[int]
    total_hours: Decimal


class DecisionIn(Input):
    note: str = ""


class TimerIn(Input):
    issue: str


class TimerOut(Schema):
    running: bool
    issue: str | None
    started_at: dt.datetime | None
    minutes: int


class StoppedOut(Schema):
    entry: TimeEntryOut | None


def entry_out(entry: TimeEntry, locked_weeks: set[tuple[int, dt.date]] | None = None) -> TimeEntryOut:
    if locked_weeks is None:
        locked = services.locked_week(entry.person, entry.date) is not None
    else:
        locked = (entry.person_id, services.week_of(entry.date)) in locked_weeks
    return TimeEntryOut(id=entry.pk, issue=entry.issue.key, person=entry.person.username, date=entry.date,
                        hours=services.hours_of(entry.minutes), minutes=entry.minutes, note=entry.note,
                        locked=locked)


def _issue(request: HttpRequest, key: str) -> Any:
    try:
        return issue_by_key(request.user, key)
    except NotFound:
        raise Invalid.field("issue", f"no issue {key}") from None


@router.get("/time-entries", response=TimeEntryPage, summary="Time entries you may see, newest first")
def list_entries(request: HttpRequest, issue: str | None = None, person: str | None = None,
                 week: str | None = None, cursor: str | None = None, limit: int = 50) -> Any:
    who = None
    if person:
        who = User.objects.filter(username=person).first()
        if who is None:
            raise Invalid.field("person", f"no person {person}")
    found = services.entries(request.user, issue=_issue(request, issue) if issue else None, person=who,
                             week=timesheets.parse_week(week) if week else None)
    page = paging.paginate(found, cursor=cursor, limit=limit)
    locked = {(s.person_id, s.week) for s in Timesheet.objects.filter(
        person_id__in={e.person_id for e in page.items}, week__in={services.week_of(e.date) for e in page.items})
        if s.locked}
    return {"items": [entry_out(e, locked) for e in page.items], "total": page.total, "next_cursor": page.next_cursor}


@router.post("/time-entries", response={201: TimeEntryOut}, summary="Log your time on an issue")
def create_entry(request: HttpRequest, payload: TimeEntryIn) -> Any:
    entry = services.log_time(actor=request.user, issue=_issue(request, payload.issue), date=payload.date,  # type: ignore[arg-type]
                              hours=payload.hours, note=payload.note, now=timezone.now())
    return Status(201, entry_out(entry))


@router.patch("/time-entries/{entry_id}", response=TimeEntryOut, summary="Change one of your time entries")
def patch_entry(request: HttpRequest, entry_id: int, payload: TimeEntryPatch) -> Any:
    entry = services.entry_for(request.user, entry_id)
    fields = payload.model_dump(exclude_unset=True)
    for name in ("date", "hours"):
        if name in fields and fields[name] is None:
            raise Invalid.field(name, "is required")
    entry = services.change_entry(actor=request.user, entry=entry, fields=fields, now=timezone.now())  # type: ignore[arg-type]
    return entry_out(entry)


@router.delete("/time-entries/{entry_id}", response={204: None}, summary="Delete one of your time entries")
def delete_entry(request: HttpRequest, entry_id: int) -> Any:
    entry = services.entry_for(request.user, entry_id)
    services.delete_entry(actor=request.user, entry=entry, now=timezone.now())  # type: ignore[arg-type]
    return Status(204, None)


def sheet_out(grid: timesheets.Week) -> TimesheetOut:
    sheet = grid.sheet
    return TimesheetOut(
        id=sheet.pk if sheet else None, person=grid.person.username, week=grid.week, days=grid.days,
        state=grid.state, note=sheet.note if sheet else "",
        decided_by=sheet.decided_by.username if sheet and sheet.decided_by else None,
        rows=[TimesheetRowOut(issue=r.issue.key, title=r.issue.title, minutes=r.minutes) for r in grid.rows],
        day_minutes=[sum(r.minutes[n] for r in grid.rows) for n in range(7)],
        total_hours=services.hours_of(grid.total_minutes),
    )


@router.get("/timesheets/{week}", response=TimesheetOut,
            summary="Your timesheet of a week (any day of it, or 2026-W49)")
def get_timesheet(request: HttpRequest, week: str) -> Any:
    monday = timesheets.parse_week(week)
    return sheet_out(timesheets.week_grid(request.user, request.user, monday))  # type: ignore[arg-type]


@router.post("/timesheets/{week}/submit", response=TimesheetOut, summary="Submit your week: its time is locked")
def submit_timesheet(request: HttpRequest, week: str) -> Any:
    monday = timesheets.parse_week(week)
    timesheets.submit(actor=request.user, week=monday, now=timezone.now())  # type: ignore[arg-type]
    return sheet_out(timesheets.week_grid(request.user, request.user, monday))  # type: ignore[arg-type]


class ApprovalPage(Schema):
    items: list[TimesheetOut]
    total: int
    next_cursor: str | None


@router.get("/timesheet-approvals", response=ApprovalPage,
            summary="Submitted weeks of others that you may approve (you manage all their projects)")
def list_approvals(request: HttpRequest) -> Any:
    sheets = timesheets.awaiting(request.user)
    items = [sheet_out(timesheets.week_grid(request.user, s.person, s.week)) for s in sheets]
    return {"items": items, "total": len(items), "next_cursor": None}


def _decide(request: HttpRequest, sheet_id: int, payload: DecisionIn, approve: bool) -> Any:
    sheet = timesheets.sheet_to_decide(request.user, sheet_id)
    sheet = timesheets.decide(actor=request.user, sheet=sheet, approve=approve, note=payload.note,  # type: ignore[arg-type]
                              now=timezone.now())
    return sheet_out(timesheets.week_grid(request.user, sheet.person, sheet.week))


@router.post("/timesheet-approvals/{timesheet_id}/approve", response=TimesheetOut, summary="Approve a submitted week")
def approve_timesheet(request: HttpRequest, timesheet_id: int, payload: DecisionIn) -> Any:
    return _decide(request, timesheet_id, payload, True)


@router.post("/timesheet-approvals/{timesheet_id}/reject", response=TimesheetOut,
             summary="Reject a submitted week with a note: it opens again")
def reject_timesheet(request: HttpRequest, timesheet_id: int, payload: DecisionIn) -> Any:
    return _decide(request, timesheet_id, payload, False)


def timer_out(request: HttpRequest) -> TimerOut:
    current = timer.running(request.user)
    if current is None:
        return TimerOut(running=False, issue=None, started_at=None, minutes=0)
    return TimerOut(running=True, issue=current.issue.key, started_at=current.started_at,
                    minutes=timer.elapsed_minutes(current, timezone.now()))


@router.get("/timer", response=TimerOut, summary="Your running timer, if any")
def get_timer(request: HttpRequest) -> Any:
    return timer_out(request)


@router.post("/timer", response={201: TimerOut}, summary="Start your timer on an issue (one at a time)")
def start_timer(request: HttpRequest, payload: TimerIn) -> Any:
    timer.start(actor=request.user, issue=_issue(request, payload.issue), now=timezone.now())  # type: ignore[arg-type]
    return Status(201, timer_out(request))


@router.post("/timer/stop", response=StoppedOut, summary="Stop your timer: its time becomes an entry, to the minute")
def stop_timer(request: HttpRequest) -> Any:
    entry = timer.stop(actor=request.user, now=timezone.now())  # type: ignore[arg-type]
    return {"entry": entry_out(entry) if entry else None}


@router.delete("/timer", response={204: None}, summary="Throw your running timer away without logging")
def discard_timer(request: HttpRequest) -> Any:
    timer.discard(actor=request.user)  # type: ignore[arg-type]
    return Status(204, None)
