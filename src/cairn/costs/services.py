"""Use cases on time entries: log, change, remove, and the timesheet grid's "this cell
holds N hours". Each keeps the issue's spent hours equal to the sum of its entries,
through the tracker's own service (the tracker owns the issue table).

Members log their own time on issues of projects where they may edit issues; nobody
edits someone else's entries; an entry in a submitted or approved week is locked."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet, Sum

from cairn import values
from cairn.accounts.models import User
from cairn.costs.models import TimeEntry, Timesheet
from cairn.errors import Forbidden, Invalid, NotFound
from cairn.tracker import services as tracker
from cairn.tracker.models import Issue
from cairn.workspaces import policy

DAY_MINUTES = 24 * 60
HOURS_AND_MINUTES = re.compile(r"([0-9]{1,2}):([0-5][0-9])")


def week_of(day: dt.date) -> dt.date:
    """The Monday of the day's week: weeks run Monday to Sunday (ISO 8601)."""
    return day - dt.timedelta(days=day.weekday())


def minutes_from(raw: Any, field: str = "hours") -> int:
    """Hours as a person types them — 1.5, 1,5 or 1:30 — in whole minutes; blank is 0."""
    if isinstance(raw, str):
        raw = raw.strip().replace(",", ".")
        clock = HOURS_AND_MINUTES.fullmatch(raw)
        if clock:
            minutes = int(clock[1]) * 60 + int(clock[2])
            if minutes > DAY_MINUTES:
                raise Invalid.field(field, "must be at most 24 hours")
            return minutes
    hours = values.decimal(raw, field, places=4, maximum=Decimal(24))
    return 0 if hours is None else int((hours * 60).to_integral_value())


def hours_of(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


def locked_week(person: User | Any, day: dt.date) -> Timesheet | None:
    """The person's timesheet for the day's week when it is submitted or approved."""
    sheet = Timesheet.objects.filter(person=person, week=week_of(day)).first()
    return sheet if sheet is not None and sheet.locked else None


def _require_open(person: User | Any, day: dt.date) -> None:
    sheet = locked_week(person, day)
    if sheet is not None:
        raise Invalid.field("date", f"the week of {sheet.week} is {sheet.state}; its time can no longer change")


def _require_room(person: User | Any, day: dt.date, minutes: int, *, besides: int | None = None) -> None:
    others = TimeEntry.objects.filter(person=person, date=day)
    if besides is not None:
        others = others.exclude(pk=besides)
    logged = others.aggregate(total=Sum("minutes"))["total"] or 0
    if logged + minutes > DAY_MINUTES:
        raise Invalid.field("hours", f"{day} would have more than 24 hours logged")


def _text_note(raw: Any) -> str:
    return values.text(raw, "note", max_length=500)


def log_time(*, actor: User, issue: Issue, date: Any, hours: Any, note: Any = "", now: dt.datetime) -> TimeEntry:
    policy.require(actor, policy.Action.EDIT_ISSUES, issue.project)
    day = values.required_date(date, "date")
    minutes = minutes_from(hours)
    if minutes < 1:
        raise Invalid.field("hours", "must be at least one minute")
    text = _text_note(note)
    with transaction.atomic():
        _require_open(actor, day)
        _require_room(actor, day, minutes)
        entry = TimeEntry.objects.create(issue=issue, person=actor, date=day, minutes=minutes, note=text,
                                         created_at=now)
        refresh_spent(issue, actor, now)
    return entry


def entry_for(actor: User | Any, entry_id: int) -> TimeEntry:
    """An entry the actor may see: on an issue of a project they can see."""
    entry = TimeEntry.objects.select_related("issue", "issue__project", "person").filter(pk=entry_id).first()
    if entry is None or not policy.can(actor, policy.Action.VIEW, entry.issue.project):
        raise NotFound(f"No time entry {entry_id}")
    return entry


def _require_own(actor: User, entry: TimeEntry) -> None:
    policy.require(actor, policy.Action.EDIT_ISSUES, entry.issue.project)
    if entry.person_id != actor.pk:
        raise Forbidden("Only the person who logged this time may change it")


def change_entry(*, actor: User, entry: TimeEntry, fields: dict[str, Any], now: dt.datetime) -> TimeEntry:
    _require_own(actor, entry)
    day = values.required_date(fields["date"], "date") if "date" in fields else entry.date
    minutes = minutes_from(fields["hours"]) if "hours" in fields else entry.minutes
    if minutes < 1:
        raise Invalid.field("hours", "must be at least one minute; delete the entry to remove it")
    with transaction.atomic():
        _require_open(actor, entry.date)
        _require_open(actor, day)
        _require_room(actor, day, minutes, besides=entry.pk)
        entry.date, entry.minutes = day, minutes
        if "note" in fields:
            entry.note = _text_note(fields["note"])
        entry.save(update_fields=["date", "minutes", "note"])
        refresh_spent(entry.issue, actor, now)
    return entry


def delete_entry(*, actor: User, entry: TimeEntry, now: dt.datetime) -> None:
    _require_own(actor, entry)
    with transaction.atomic():
        _require_open(actor, entry.date)
        entry.delete()
        refresh_spent(entry.issue, actor, now)


def set_day(*, actor: User, issue: Issue, day: dt.date, hours: Any, now: dt.datetime) -> None:
    """The timesheet grid's cell: the person's time on the issue that day becomes `hours`.
    A cell holding several entries (a timer's and a typed one) is changed in the list of
    entries, not here, so that no note is lost."""
    minutes = minutes_from(hours, f"hours.{issue.key}.{day}")
    entries = list(TimeEntry.objects.filter(issue=issue, person=actor, date=day))
    if sum(e.minutes for e in entries) == minutes:
        return
    if len(entries) > 1:
        raise Invalid.field(f"hours.{issue.key}.{day}", "holds several entries; change them one by one")
    if not entries:
        log_time(actor=actor, issue=issue, date=day, hours=hours, now=now)
    elif minutes == 0:
        delete_entry(actor=actor, entry=entries[0], now=now)
    else:
        change_entry(actor=actor, entry=entries[0], fields={"hours": hours}, now=now)


def refresh_spent(issue: Issue, actor: User, now: dt.datetime) -> None:
    total = TimeEntry.objects.filter(issue=issue).aggregate(total=Sum("minutes"))["total"] or 0
    tracker.set_spent_hours(issue, hours_of(total), actor, now)


def entries_visible_to(actor: User | Any) -> QuerySet[TimeEntry]:
    projects = policy.visible_projects(actor).values("id")
    return TimeEntry.objects.filter(issue__project__in=projects).select_related("issue", "issue__project", "person")


def entries(actor: User | Any, *, issue: Issue | None = None, person: User | None = None,
            week: dt.date | None = None) -> QuerySet[TimeEntry]:
    found = entries_visible_to(actor)
    if issue is not None:
        found = found.filter(issue=issue)
    if person is not None:
        found = found.filter(person=person)
    if week is not None:
        monday = week_of(week)
        found = found.filter(date__range=(monday, monday + dt.timedelta(days=6)))
    return found.order_by("-date", "-id")
