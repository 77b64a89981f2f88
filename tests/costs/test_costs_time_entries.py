"""Time entries: logged by members on their own behalf, summed into the issue's spent
hours through the tracker, locked once the week is submitted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cairn.costs import services, timesheets
from cairn.costs.models import TimeEntry
from cairn.errors import Forbidden, Invalid, NotFound
from cairn.tracker.models import Change

MONDAY = dt.date(2026, 11, 2)


def test_bob_logs_time_and_the_issue_spent_hours_follow(bob, issue, now):
    services.log_time(actor=bob, issue=issue, date=MONDAY, hours="1.5", note="Drafting", now=now)
    services.log_time(actor=bob, issue=issue, date=MONDAY + dt.timedelta(days=1), hours="0:45", now=now)
    issue.refresh_from_db()
    assert issue.spent_hours == Decimal("2.25")
    change = Change.objects.filter(issue=issue, field="spent_hours").last()
    assert (change.old_value, change.new_value, change.actor) == ("1.5", "2.25", bob)


def test_hours_are_kept_to_the_minute(bob, issue, now):
    entry = services.log_time(actor=bob, issue=issue, date=MONDAY, hours="0.3333", now=now)
    assert entry.minutes == 20


@pytest.mark.parametrize(("hours", "field"), [("0", "hours"), ("-1", "hours"), ("abc", "hours"), ("25", "hours"),
                                              ("", "hours")])
def test_it_refuses_hours_that_are_not_a_time(bob, issue, now, hours, field):
    with pytest.raises(Invalid) as refused:
        services.log_time(actor=bob, issue=issue, date=MONDAY, hours=hours, now=now)
    assert field in refused.value.fields
    assert not TimeEntry.objects.exists()


def test_it_refuses_a_day_of_more_than_24_hours(bob, issue, now):
    services.log_time(actor=bob, issue=issue, date=MONDAY, hours="20", now=now)
    with pytest.raises(Invalid):
        services.log_time(actor=bob, issue=issue, date=MONDAY, hours="5", now=now)


def test_it_refuses_a_bad_date(bob, issue, now):
    with pytest.raises(Invalid) as refused:
        services.log_time(actor=bob, issue=issue, date="31/12/2026", hours="1", now=now)
    assert "date" in refused.value.fields


def test_gus_the_guest_may_not_log_time(gus, issue, now):
    with pytest.raises(Forbidden):
        services.log_time(actor=gus, issue=issue, date=MONDAY, hours="1", now=now)


def test_charlie_cannot_log_time_on_a_private_project(charlie, secret_issue, now):
    with pytest.raises(NotFound):
        services.log_time(actor=charlie, issue=secret_issue, date=MONDAY, hours="1", now=now)


def test_only_the_person_who_logged_it_changes_an_entry(alice, bob, issue, now):
    entry = services.log_time(actor=bob, issue=issue, date=MONDAY, hours="1", now=now)
    with pytest.raises(Forbidden):
        services.change_entry(actor=alice, entry=entry, fields={"hours": "2"}, now=now)
    with pytest.raises(Forbidden):
        services.delete_entry(actor=alice, entry=entry, now=now)
    services.change_entry(actor=bob, entry=entry, fields={"hours": "3", "note": "More"}, now=now)
    issue.refresh_from_db()
    assert issue.spent_hours == Decimal("3.00")
    services.delete_entry(actor=bob, entry=entry, now=now)
    issue.refresh_from_db()
    assert issue.spent_hours == 0


def test_a_submitted_week_is_locked(bob, issue, now):
    entry = services.log_time(actor=bob, issue=issue, date=MONDAY, hours="1", now=now)
    timesheets.submit(actor=bob, week=MONDAY, now=now)
    with pytest.raises(Invalid):
        services.log_time(actor=bob, issue=issue, date=MONDAY + dt.timedelta(days=2), hours="1", now=now)
    with pytest.raises(Invalid):
        services.change_entry(actor=bob, entry=entry, fields={"hours": "2"}, now=now)
    with pytest.raises(Invalid):
        services.delete_entry(actor=bob, entry=entry, now=now)
    # Moving an open week's entry into the locked week is refused too.
    other = services.log_time(actor=bob, issue=issue, date=MONDAY + dt.timedelta(days=7), hours="1", now=now)
    with pytest.raises(Invalid):
        services.change_entry(actor=bob, entry=other, fields={"date": MONDAY}, now=now)


def test_a_grid_cell_sets_the_day_and_a_cell_of_several_entries_is_refused(bob, issue, now):
    services.set_day(actor=bob, issue=issue, day=MONDAY, hours="2", now=now)
    services.set_day(actor=bob, issue=issue, day=MONDAY, hours="3", now=now)
    assert [e.minutes for e in TimeEntry.objects.all()] == [180]
    services.set_day(actor=bob, issue=issue, day=MONDAY, hours="", now=now)
    assert not TimeEntry.objects.exists()
    services.log_time(actor=bob, issue=issue, date=MONDAY, hours="1", now=now)
    services.log_time(actor=bob, issue=issue, date=MONDAY, hours="1", now=now)
    services.set_day(actor=bob, issue=issue, day=MONDAY, hours="2", now=now)  # unchanged: fine
    with pytest.raises(Invalid):
        services.set_day(actor=bob, issue=issue, day=MONDAY, hours="4", now=now)


def test_entries_of_a_private_project_are_not_listed_to_outsiders(alice, bob, charlie, issue, secret_issue, now):
    services.log_time(actor=alice, issue=secret_issue, date=MONDAY, hours="1", now=now)
    services.log_time(actor=bob, issue=issue, date=MONDAY, hours="1", now=now)
    assert services.entries(alice).count() == 2
    assert services.entries(bob).count() == 1
    assert services.entries(charlie).count() == 0
    assert services.entries(alice, week=MONDAY + dt.timedelta(days=3)).count() == 2
    assert services.entries(alice, week=MONDAY + dt.timedelta(days=7)).count() == 0


@pytest.mark.parametrize(("raw", "minutes"), [("1,5", 90), ("1:30", 90), (" 2 ", 120), ("0.01", 1), ("", 0),
                                              (None, 0), (Decimal("0.5"), 30)])
def test_hours_read_as_people_type_them(raw, minutes):
    assert services.minutes_from(raw) == minutes


def test_hours_past_a_day_are_refused_even_as_a_clock():
    with pytest.raises(Invalid):
        services.minutes_from("25:00")
