"""Earned value of a small project, worked by hand.

Build (a phase, WBS 1) = A (1.1: two days, Bob full time) then B (1.2: two days, nobody),
baselined from Monday 2 November 2026. Rates: the project default 50/h, Bob 100/h, every
admin 80/h.

    budget A = 16 h × 100 = 1,600    budget B = 16 h × 50 = 800    BAC = 2,400
On Wednesday 4 November:
    PV = A all (1,600) + B one day of two (400)                       = 2,000
    EV = A done (1,600) + B in progress without sub-tasks, half (400) = 2,000
    AC = Bob 18 h × 100 + Alice 4 h × 80 + a 100 expense               = 2,220
    SV = 0, CV = −220, SPI = 1, CPI = 2,000 ÷ 2,220 = 0.901,
    EAC = 2,400 ÷ CPI = 2,664, ETC = 444, VAC = −264, TCPI = 400 ÷ 180 = 2.222
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cairn.costs import budget, earned, expenses, rates, services
from cairn.planning import services as planning
from cairn.tracker import services as tracker

WEDNESDAY = dt.date(2026, 11, 4)


@pytest.fixture
def worked(alice, bob, web, small_plan, now):
    rates.set_rate(actor=alice, project=web, hourly_rate="50", effective_from="2026-01-01")
    rates.set_rate(actor=alice, project=web, person="bob", hourly_rate="100", effective_from="2026-01-01")
    rates.set_rate(actor=alice, project=web, role="admin", hourly_rate="80", effective_from="2026-01-01")
    services.log_time(actor=bob, issue=small_plan["A"], date="2026-11-02", hours="8", now=now)
    services.log_time(actor=bob, issue=small_plan["A"], date="2026-11-03", hours="10", now=now)
    services.log_time(actor=alice, issue=small_plan["B"], date="2026-11-04", hours="4", now=now)
    expenses.add_expense(actor=alice, project=web, date="2026-11-03", category_name="travel", amount="100",
                         description="Train to the client", phase_key=small_plan["Build"].key, now=now)
    resolved = dt.datetime(2026, 11, 3, 17, tzinfo=dt.UTC)
    tracker.update_issue(actor=alice, issue=small_plan["A"], fields={"status": "Done"}, now=resolved)
    tracker.update_issue(actor=alice, issue=small_plan["B"], fields={"status": "In progress"}, now=resolved)
    return small_plan


def test_the_figures_match_the_worked_example(web, worked):
    found = earned.report(web, today=WEDNESDAY).figures
    assert (found.bac, found.pv, found.ev, found.ac) == (2400, 2000, 2000, 2220)
    assert (found.sv, found.cv) == (0, -220)
    assert found.spi.value == 1
    assert round(found.cpi.value, 3) == Decimal("0.901")
    assert round(found.eac.value, 2) == Decimal("2664.00")
    assert round(found.etc.value, 2) == Decimal("444.00")
    assert round(found.vac.value, 2) == Decimal("-264.00")
    assert round(found.tcpi.value, 3) == Decimal("2.222")


def test_the_wbs_table_has_the_phase_with_all_of_it(web, worked):
    [build] = earned.report(web, today=WEDNESDAY).elements
    assert (build.code, build.title) == ("1", "Build")
    assert (build.figures.pv, build.figures.ev, build.figures.ac) == (2000, 2000, 2220)


def test_the_s_curve_earns_a_on_the_day_it_was_resolved(web, worked):
    curve = {p.on: p for p in earned.report(web, today=WEDNESDAY).curve}
    assert curve[dt.date(2026, 11, 2)].ev == 0
    assert curve[dt.date(2026, 11, 2)].ac == 800
    assert curve[WEDNESDAY].ev == 2000
    assert curve[WEDNESDAY].ac == 2220
    finish = curve[dt.date(2026, 11, 5)]
    assert (finish.pv, finish.ev, finish.ac) == (2400, None, None)


def test_in_progress_work_earns_the_share_of_its_sub_tasks_done(alice, web, worked, now):
    for title, status in [("B.1", "Done"), ("B.2", "Done"), ("B.3", "To do"), ("B.4", "To do")]:
        tracker.create_issue(actor=alice, project=web, now=now,
                             fields={"title": title, "parent": worked["B"].key, "status": status})
    assert earned.report(web, today=WEDNESDAY).figures.ev == 1600 + 400


def test_three_quarters_of_sub_tasks_earn_three_quarters(alice, web, worked, now):
    for title, status in [("B.1", "Done"), ("B.2", "Done"), ("B.3", "Done"), ("B.4", "To do")]:
        tracker.create_issue(actor=alice, project=web, now=now,
                             fields={"title": title, "parent": worked["B"].key, "status": status})
    assert earned.report(web, today=WEDNESDAY).figures.ev == 1600 + 600


def test_a_later_rate_applies_from_its_day(alice, bob, web, worked):
    rates.set_rate(actor=alice, project=web, person="bob", hourly_rate="200", effective_from="2026-11-03")
    # Bob's Tuesday (10 h) now costs 200 an hour: AC rises by 1,000; his budget was set on Monday's rate.
    found = earned.report(web, today=WEDNESDAY).figures
    assert (found.bac, found.ac) == (2400, 3220)


def test_half_time_on_a_task_halves_its_budget(alice, bob, web, worked):
    planning.assign(actor=alice, issue=worked["A"], user=bob, units=50)
    assert earned.report(web, today=WEDNESDAY).figures.bac == 800 + 800


def test_without_a_baseline_only_the_actual_cost_shows(alice, bob, web, issue, now):
    rates.set_rate(actor=alice, project=web, hourly_rate="60", effective_from="2026-01-01")
    services.log_time(actor=bob, issue=issue, date="2026-11-02", hours="2", now=now)
    found = earned.report(web, today=WEDNESDAY)
    assert found.baseline is None
    assert (found.figures.bac, found.figures.pv, found.figures.ac) == (0, 0, 120)
    assert found.figures.spi.value is None
    assert [e.title for e in found.elements] == ["Not in the plan"]


def test_the_costs_summary_sets_budget_against_actual(alice, web, worked):
    budget.add_line(actor=alice, project=web, category_name="labour", amount="2000")
    budget.add_line(actor=alice, project=web, category_name="travel", amount="300", phase_key=worked["Build"].key)
    found = budget.summary(web)
    by = {line.label: line for line in found.by_category}
    assert (by["Labour"].budget, by["Labour"].actual, by["Labour"].over) == (2000, 2120, True)
    assert (by["Travel"].budget, by["Travel"].actual, by["Travel"].remaining) == (300, 100, 200)
    [build] = found.by_phase
    assert (build.code, build.budget, build.actual) == ("1", 300, 2220)
    assert (found.total.budget, found.total.actual) == (2300, 2220)


def test_a_budget_line_beside_labour_is_planned_over_its_phase_and_earned_with_it(alice, web, worked):
    budget.add_line(actor=alice, project=web, category_name="travel", amount="300", phase_key=worked["Build"].key)
    found = earned.report(web, today=WEDNESDAY).figures
    # Planned over Build's 2–5 November, three days of four by Wednesday; earned as Build's
    # labour is, 2,000 of 2,400.
    assert (found.bac, found.pv, found.ev) == (2700, 2000 + 225, 2000 + 250)


def test_a_budget_line_for_the_whole_project_follows_all_of_it(alice, web, worked):
    budget.add_line(actor=alice, project=web, category_name="software", amount="240")
    found = earned.report(web, today=WEDNESDAY)
    assert (found.figures.bac, found.figures.ev) == (2640, 2000 + 200)
    assert found.elements[0].figures.bac == 2400  # a line of no phase is in no phase's row
