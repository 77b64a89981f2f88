"""Weekly timesheets: the grid, submission, and a manager's decision; and the timer."""

from __future__ import annotations

import datetime as dt

import pytest

from cairn.costs import services, timer, timesheets
from cairn.costs.models import TimeEntry, TimesheetState
from cairn.errors import Conflict, Forbidden, Invalid, NotFound
from cairn.tracker import services as tracker

MONDAY = dt.date(2026, 11, 2)


def test_the_grid_sums_per_issue_and_day(bob, issue, web, now):
    other = tracker.create_issue(actor=bob, project=web, fields={"title": "Second"}, now=now)
    services.log_time(actor=bob, issue=issue, date=MONDAY, hours="1", now=now)
    services.log_time(actor=bob, issue=issue, date=MONDAY, hours="0.5", now=now)
    services.log_time(actor=bob, issue=other, date=MONDAY + dt.timedelta(days=6), hours="2", now=now)
    grid = timesheets.week_grid(bob, bob, MONDAY)
    assert [r.issue for r in grid.rows] == [issue, other]
    assert grid.rows[0].minutes == [90, 0, 0, 0, 0, 0, 0]
    assert grid.rows[0].cells[0].several
    assert grid.day_totals == ["1.5", "", "", "", "", "", "2"]
    assert grid.total == "3.5"
    assert grid.state == "open"


def test_saving_the_grid_is_all_or_nothing(bob, issue, now):
    changed = timesheets.save_grid(actor=bob, week=MONDAY, cells={(issue, MONDAY): "2",
                                                                  (issue, MONDAY + dt.timedelta(days=1)): "1:15"},
                                   now=now)
    assert changed == 2
    with pytest.raises(Invalid):
        timesheets.save_grid(actor=bob, week=MONDAY, cells={(issue, MONDAY): "3",
                                                            (issue, MONDAY + dt.timedelta(days=2)): "x"}, now=now)
    assert sorted(e.minutes for e in TimeEntry.objects.all()) == [75, 120]


def test_a_week_is_submitted_and_approved_by_a_manager(alice, bob, issue, now):
    services.log_time(actor=bob, issue=issue, date=MONDAY, hours="4", now=now)
    sheet = timesheets.submit(actor=bob, week=MONDAY, now=now)
    assert sheet.state == TimesheetState.SUBMITTED
    assert timesheets.awaiting(alice) == [sheet]
    assert timesheets.awaiting(bob) == []
    decided = timesheets.decide(actor=alice, sheet=sheet, approve=True, note="Thanks", now=now)
    assert (decided.state, decided.decided_by, decided.note) == (TimesheetState.APPROVED, alice, "Thanks")
    assert timesheets.awaiting(alice) == []
    with pytest.raises(Invalid):
        timesheets.submit(actor=bob, week=MONDAY, now=now)


def test_a_rejected_week_opens_again_and_needs_a_reason(alice, bob, issue, now):
    entry = services.log_time(actor=bob, issue=issue, date=MONDAY, hours="4", now=now)
    sheet = timesheets.submit(actor=bob, week=MONDAY, now=now)
    with pytest.raises(Invalid) as refused:
        timesheets.decide(actor=alice, sheet=sheet, approve=False, note="", now=now)
    assert "note" in refused.value.fields
    timesheets.decide(actor=alice, sheet=sheet, approve=False, note="Tuesday is missing", now=now)
    services.change_entry(actor=bob, entry=entry, fields={"hours": "5"}, now=now)
    assert timesheets.submit(actor=bob, week=MONDAY, now=now).note == ""


def test_an_empty_week_cannot_be_submitted(bob):
    with pytest.raises(Invalid):
        timesheets.submit(actor=bob, week=MONDAY, now=dt.datetime.now(dt.UTC))


def test_nobody_approves_their_own_week_nor_a_member_anyone(alice, bob, gus, issue, now):
    services.log_time(actor=alice, issue=issue, date=MONDAY, hours="1", now=now)
    own = timesheets.submit(actor=alice, week=MONDAY, now=now)
    with pytest.raises(NotFound):
        timesheets.sheet_to_decide(alice, own.pk)
    with pytest.raises(NotFound):
        timesheets.sheet_to_decide(bob, own.pk)
    with pytest.raises(NotFound):
        timesheets.sheet_to_decide(gus, own.pk)
    with pytest.raises(Forbidden):
        timesheets.decide(actor=bob, sheet=own, approve=True, now=now)


def test_a_week_on_a_project_the_manager_does_not_manage_waits_for_someone_who_does(
        alice, bob, maria, issue, sec, secret_issue, now):
    from cairn.workspaces.models import ProjectMember, Role

    ProjectMember.objects.create(project=sec, user=bob, role=Role.MEMBER)
    services.log_time(actor=bob, issue=issue, date=MONDAY, hours="1", now=now)
    services.log_time(actor=bob, issue=secret_issue, date=MONDAY, hours="1", now=now)
    sheet = timesheets.submit(actor=bob, week=MONDAY, now=now)
    assert timesheets.awaiting(maria) == []
    with pytest.raises(NotFound):
        timesheets.sheet_to_decide(maria, sheet.pk)
    assert timesheets.awaiting(alice) == [sheet]


@pytest.mark.parametrize(("raw", "monday"), [("2026-11-04", MONDAY), ("2026-W45", MONDAY), ("2026-11-08", MONDAY)])
def test_a_week_is_named_by_any_of_its_days_or_its_iso_number(raw, monday):
    assert timesheets.parse_week(raw) == monday


@pytest.mark.parametrize("raw", ["2026-W99", "soon", "2026-13-01"])
def test_a_week_that_is_not_one_is_refused(raw):
    with pytest.raises(Invalid):
        timesheets.parse_week(raw)


def test_the_timer_logs_its_time_to_the_minute(bob, issue, now):
    start = dt.datetime(2026, 11, 3, 9, 0, tzinfo=dt.UTC)
    timer.start(actor=bob, issue=issue, now=start)
    with pytest.raises(Conflict):
        timer.start(actor=bob, issue=issue, now=start)
    entry = timer.stop(actor=bob, now=start + dt.timedelta(minutes=95, seconds=40))
    assert (entry.minutes, entry.date, entry.note) == (96, dt.date(2026, 11, 3), "Timer")
    assert timer.running(bob) is None
    with pytest.raises(Conflict):
        timer.stop(actor=bob, now=start)


def test_a_timer_of_seconds_logs_nothing(bob, issue):
    start = dt.datetime(2026, 11, 3, 9, 0, tzinfo=dt.UTC)
    timer.start(actor=bob, issue=issue, now=start)
    assert timer.stop(actor=bob, now=start + dt.timedelta(seconds=20)) is None
    assert not TimeEntry.objects.exists()


def test_a_guest_has_no_timer_and_a_timer_can_be_discarded(gus, bob, issue, now):
    with pytest.raises(Forbidden):
        timer.start(actor=gus, issue=issue, now=now)
    timer.start(actor=bob, issue=issue, now=now)
    timer.discard(actor=bob)
    with pytest.raises(Conflict):
        timer.discard(actor=bob)


def test_submitting_and_deciding_a_week_are_told_after_commit(alice, bob, issue, now,
                                                             django_capture_on_commit_callbacks):
    from cairn.events.bus import subscribe

    heard = []
    unsubscribe = subscribe(heard.append)
    try:
        services.log_time(actor=bob, issue=issue, date=MONDAY, hours="1", now=now)
        with django_capture_on_commit_callbacks(execute=True):
            sheet = timesheets.submit(actor=bob, week=MONDAY, now=now)
            timesheets.decide(actor=alice, sheet=sheet, approve=False, note="Too little", now=now)
    finally:
        unsubscribe()
    told = [(e.name, e.payload.get("person"), e.payload.get("note")) for e in heard if e.name.startswith("timesheet")]
    assert told == [("timesheet.submitted", "bob", None), ("timesheet.rejected", "bob", "Too little")]
