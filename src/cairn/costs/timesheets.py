"""A person's week of time: the grid of issues × days, submitting it (which locks its
entries), and a manager's approval or rejection with a note.

Who approves: a manager of every project the week's time was logged on, other than the
person themselves. A week spanning a project the manager does not manage waits for
someone who manages all of them (an administrator), so no approver ever sees hours on a
project hidden from them. A rejected week opens again for changes and a new submission."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from cairn import values
from cairn.accounts.models import User
from cairn.costs.models import TimeEntry, Timesheet, TimesheetState
from cairn.costs.services import hours_of, set_day, week_of
from cairn.errors import Forbidden, Invalid, NotFound
from cairn.events.bus import Event, publish
from cairn.tracker.models import Issue
from cairn.workspaces import policy


def parse_week(raw: Any, field_name: str = "week") -> dt.date:
    """Any day of the week (its Monday is the week), or an ISO week such as 2026-W49."""
    if isinstance(raw, str) and "-W" in raw.upper():
        try:
            return dt.date.fromisocalendar(int(raw[:4]), int(raw.upper().split("-W")[1][:2]), 1)
        except ValueError:
            raise Invalid.field(field_name, f"{raw[:20]!r} is not a week like 2026-W49") from None
    return week_of(values.required_date(raw, field_name))


def days_of(week: dt.date) -> list[dt.date]:
    return [week + dt.timedelta(days=n) for n in range(7)]


@dataclass
class Cell:
    day: dt.date
    hours: str
    # A cell holding several entries is read-only in the grid.
    several: bool
    n: int


@dataclass
class Row:
    issue: Issue
    week: dt.date
    minutes: list[int]
    counts: list[int]

    @property
    def cells(self) -> list[Cell]:
        return [Cell(self.week + dt.timedelta(days=n), _shown(m), c > 1, n)
                for n, (m, c) in enumerate(zip(self.minutes, self.counts, strict=True))]

    @property
    def hours(self) -> list[str]:
        return [_shown(m) for m in self.minutes]

    @property
    def total(self) -> str:
        return _shown(sum(self.minutes))


@dataclass
class Week:
    person: User
    week: dt.date
    sheet: Timesheet | None
    rows: list[Row] = field(default_factory=list)

    @property
    def days(self) -> list[dt.date]:
        return days_of(self.week)

    @property
    def state(self) -> str:
        return self.sheet.state if self.sheet else TimesheetState.OPEN

    @property
    def locked(self) -> bool:
        return self.sheet is not None and self.sheet.locked

    @property
    def day_totals(self) -> list[str]:
        return [_shown(sum(r.minutes[n] for r in self.rows)) for n in range(7)]

    @property
    def total_minutes(self) -> int:
        return sum(sum(r.minutes) for r in self.rows)

    @property
    def total(self) -> str:
        return _shown(self.total_minutes)

    @property
    def label(self) -> str:
        end = self.week + dt.timedelta(days=6)
        return f"{self.week:%-d %b} – {end:%-d %b %Y}"

    @property
    def previous(self) -> dt.date:
        return self.week - dt.timedelta(days=7)

    @property
    def next(self) -> dt.date:
        return self.week + dt.timedelta(days=7)


def _shown(minutes: int) -> str:
    return "" if not minutes else format(hours_of(minutes).normalize(), "f")


def week_grid(viewer: User | Any, person: User, week: dt.date, *, extra: list[Issue] | None = None) -> Week:
    """The person's week as the viewer may see it: only entries on projects visible to them."""
    sheet = Timesheet.objects.filter(person=person, week=week).select_related("decided_by").first()
    visible = policy.visible_projects(viewer).values("id")
    found = (TimeEntry.objects.filter(person=person, date__range=(week, week + dt.timedelta(days=6)),
                                      issue__project__in=visible)
             .select_related("issue", "issue__project"))
    rows: dict[int, Row] = {}
    for entry in found:
        row = rows.setdefault(entry.issue_id, Row(entry.issue, week, [0] * 7, [0] * 7))
        n = (entry.date - week).days
        row.minutes[n] += entry.minutes
        row.counts[n] += 1
    for issue in extra or []:
        rows.setdefault(issue.pk, Row(issue, week, [0] * 7, [0] * 7))
    ordered = sorted(rows.values(), key=lambda r: (r.issue.project.key, r.issue.number))
    return Week(person, week, sheet, ordered)


def save_grid(*, actor: User, week: dt.date, cells: dict[tuple[Issue, dt.date], str], now: dt.datetime) -> int:
    """Every changed cell of the grid at once, or none of them. Answers how many changed."""
    before = _minutes_by_cell(actor, week)
    with transaction.atomic():
        for (issue, day), raw in cells.items():
            if not week <= day < week + dt.timedelta(days=7):
                raise Invalid.field("date", f"{day} is not in the week of {week}")
            set_day(actor=actor, issue=issue, day=day, hours=raw, now=now)
        after = _minutes_by_cell(actor, week)
    return sum(1 for cell in set(before) | set(after) if before.get(cell) != after.get(cell))


def _minutes_by_cell(person: User, week: dt.date) -> dict[tuple[int, dt.date], int]:
    totals: dict[tuple[int, dt.date], int] = defaultdict(int)
    for issue_id, day, minutes in TimeEntry.objects.filter(
            person=person, date__range=(week, week + dt.timedelta(days=6))).values_list("issue_id", "date", "minutes"):
        totals[(issue_id, day)] += minutes
    return totals


def submit(*, actor: User, week: dt.date, now: dt.datetime) -> Timesheet:
    with transaction.atomic():
        sheet, _ = Timesheet.objects.select_for_update().get_or_create(person=actor, week=week)
        if sheet.locked:
            raise Invalid.field("week", f"the week of {week} is already {sheet.state}")
        if not TimeEntry.objects.filter(person=actor, date__range=(week, week + dt.timedelta(days=6))).exists():
            raise Invalid.field("week", "has no time logged; log some before submitting")
        sheet.state, sheet.submitted_at = TimesheetState.SUBMITTED, now
        sheet.decided_by, sheet.decided_at, sheet.note = None, None, ""
        sheet.save()
        publish(Event("timesheet.submitted", now, actor.pk, None, {"person": actor.username, "week": week.isoformat()}))
    return sheet


def projects_of(sheet: Timesheet) -> set[int]:
    return set(TimeEntry.objects.filter(person_id=sheet.person_id,
                                        date__range=(sheet.week, sheet.week + dt.timedelta(days=6)))
               .values_list("issue__project_id", flat=True))


def may_decide(actor: User | Any, sheet: Timesheet, managed: set[int] | None = None) -> bool:
    if sheet.person_id == actor.pk:
        return False
    if managed is None:
        managed = set(policy.projects_where(actor, policy.Action.MANAGE_PROJECT).values_list("id", flat=True))
    involved = projects_of(sheet)
    return bool(involved) and involved <= managed


def sheet_to_decide(actor: User | Any, sheet_id: int) -> Timesheet:
    """A timesheet the actor may approve or reject; any other does not exist for them."""
    sheet = Timesheet.objects.select_related("person").filter(pk=sheet_id).first()
    if sheet is None or sheet.person_id == actor.pk:
        raise NotFound(f"No timesheet {sheet_id} to decide")
    if not may_decide(actor, sheet):
        raise NotFound(f"No timesheet {sheet_id} to decide")
    return sheet


def decide(*, actor: User, sheet: Timesheet, approve: bool, note: Any = "", now: dt.datetime) -> Timesheet:
    text = values.text(note, "note", max_length=1000)
    if not approve and not text:
        raise Invalid.field("note", "say why the week is rejected")
    with transaction.atomic():
        current = Timesheet.objects.select_for_update().get(pk=sheet.pk)
        if not may_decide(actor, current):
            raise Forbidden("Only a manager of every project of this week may decide it")
        if current.state != TimesheetState.SUBMITTED:
            raise Invalid.field("state", f"the week is {current.state}, not submitted")
        current.state = TimesheetState.APPROVED if approve else TimesheetState.REJECTED
        current.decided_by, current.decided_at, current.note = actor, now, text
        current.save()
        publish(Event(f"timesheet.{current.state}", now, actor.pk, None, {
            "person": current.person.username, "week": current.week.isoformat(), "note": text}))
    return current


def awaiting(actor: User | Any) -> list[Timesheet]:
    """Submitted weeks of other people that the actor may decide, oldest first."""
    managed = set(policy.projects_where(actor, policy.Action.MANAGE_PROJECT).values_list("id", flat=True))
    if not managed:
        return []
    sheets = list(Timesheet.objects.filter(state=TimesheetState.SUBMITTED).exclude(person_id=actor.pk)
                  .select_related("person").order_by("week", "id")[:200])
    if not sheets:
        return []
    involved: dict[tuple[int, dt.date], set[int]] = defaultdict(set)
    first, last = sheets[0].week, max(s.week for s in sheets) + dt.timedelta(days=6)
    for person_id, day, project_id in TimeEntry.objects.filter(
            person_id__in={s.person_id for s in sheets}, date__range=(first, last)).values_list(
            "person_id", "date", "issue__project_id"):
        involved[(person_id, week_of(day))].add(project_id)
    return [s for s in sheets if involved[(s.person_id, s.week)] and involved[(s.person_id, s.week)] <= managed]
