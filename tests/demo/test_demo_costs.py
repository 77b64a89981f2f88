"""The demo's time and money: WEB near its budget and on schedule, MOB over budget and
behind, past timesheets approved and last week's waiting for Maria."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from cairn.accounts.models import User
from cairn.costs import budget, earned, timesheets
from cairn.costs.models import Expense, TimeEntry, Timesheet, TimesheetState


def test_the_demo_tells_a_healthy_and_a_troubled_project(projects):
    today = timezone.localdate()
    web, mob = (earned.report(projects[key], today=today).figures for key in ("WEB", "MOB"))
    assert web.bac > 0 and Decimal("0.9") <= web.cpi.value <= Decimal("1.15")
    assert web.spi.value >= Decimal("0.85")
    web_money = budget.summary(projects["WEB"]).total
    assert web_money.actual <= web_money.budget
    assert mob.cpi.value < Decimal("0.85") and mob.spi.value < Decimal("0.8")
    # Over budget: at this cost efficiency the release will cost more than its budget, and
    # the devices and services bought already exceed theirs.
    assert mob.vac.value < 0
    assert {line.label for line in budget.summary(projects["MOB"]).by_category if line.over} >= {"Hardware"}
    for project in projects.values():
        assert TimeEntry.objects.filter(issue__project=project).count() > 10
        assert Expense.objects.filter(project=project).exists()
    assert Timesheet.objects.filter(state=TimesheetState.APPROVED).exists()
    waiting = timesheets.awaiting(User.objects.get(username="maria"))
    assert waiting and {s.week for s in waiting} == {timesheets.parse_week(today) - timezone.timedelta(days=7)}
