"""Earned value against a worked textbook example, and the formulas' edge cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from cairn.engine.project.earned_value import (
    Cost,
    EarnedValue,
    WorkPackage,
    by_element,
    measure,
    s_curve,
)


def test_the_textbook_example():
    # BAC 10,000; by the status date 5,000 of work was planned, 4,000 earned, 4,500 spent.
    ev = EarnedValue(bac=D(10000), pv=D(5000), ev=D(4000), ac=D(4500))
    assert (ev.sv, ev.cv) == (D(-1000), D(-500))
    assert ev.spi.value == D("0.8")
    assert round(ev.cpi.value, 4) == D("0.8889")
    assert round(ev.eac.value, 2) == D("11250.00")
    assert round(ev.etc.value, 2) == D("6750.00")
    assert round(ev.vac.value, 2) == D("-1250.00")
    assert round(ev.tcpi.value, 4) == D("1.0909")
    assert ev.eac_at_plan_rate == D(10500)
    assert ev.formulas()["spi"] == "EV ÷ PV = 4,000.00 ÷ 5,000.00 = 0.800"
    assert ev.formulas()["eac"] == "BAC ÷ CPI = 10,000.00 ÷ 0.889 = 11,250.00"


def test_indices_over_nothing_say_why_instead_of_dividing_by_zero():
    start = EarnedValue(bac=D(100), pv=D(0), ev=D(0), ac=D(0))
    assert start.spi.value is None and "PV is 0" in start.spi.why_not
    assert start.cpi.value is None and "AC is 0" in start.cpi.why_not
    assert start.eac.value is None and start.etc.value is None and start.vac.value is None
    assert "AC is 0" in start.formulas()["eac"]
    spent_nothing_earned = EarnedValue(bac=D(100), pv=D(50), ev=D(0), ac=D(30))
    assert spent_nothing_earned.cpi.value == 0
    assert spent_nothing_earned.eac.value is None and "EV is 0" in spent_nothing_earned.eac.why_not
    overspent = EarnedValue(bac=D(100), pv=D(100), ev=D(80), ac=D(120))
    assert overspent.tcpi.value is None and "already spent" in overspent.tcpi.why_not


def _package(code, budget, start, finish, done):
    return WorkPackage(code, D(budget), dt.date(2026, 1, start), dt.date(2026, 1, finish), D(done))


def test_planned_value_spreads_the_budget_over_the_baseline_days():
    design = _package("1.1", 1000, 1, 10, "0.5")
    assert design.planned_value(dt.date(2025, 12, 31)) == 0
    assert design.planned_value(dt.date(2026, 1, 1)) == D(100)
    assert design.planned_value(dt.date(2026, 1, 5)) == D(500)
    assert design.planned_value(dt.date(2026, 1, 10)) == D(1000)
    assert design.planned_value(dt.date(2026, 3, 1)) == D(1000)
    assert design.earned_value == D(500)


def test_the_project_and_each_element_are_measured_on_a_date():
    packages = [_package("1.1", 1000, 1, 10, "1"), _package("1.2", 2000, 11, 20, "0.25")]
    costs = [Cost(dt.date(2026, 1, 5), D(600), "1.1"), Cost(dt.date(2026, 1, 12), D(900), "1.2"),
             Cost(dt.date(2026, 2, 1), D(100), "1.2")]
    on = dt.date(2026, 1, 15)
    project = measure(packages, costs, on)
    assert (project.bac, project.pv, project.ev, project.ac) == (D(3000), D(2000), D(1500), D(1500))
    table = by_element(packages, costs, on)
    assert table["1.1"].cv == D(400) and table["1.2"].ac == D(900) and table["1.2"].pv == D(1000)


def test_the_s_curve_stops_earned_and_actual_at_today():
    packages = [_package("1", 1000, 1, 10, "0.4")]
    costs = [Cost(dt.date(2026, 1, 2), D(100)), Cost(dt.date(2026, 1, 4), D(250))]
    days = [dt.date(2026, 1, d) for d in range(1, 11)]
    curve = s_curve(packages, costs, {dt.date(2026, 1, 3): D(200), dt.date(2026, 1, 5): D(400)}, days,
                    today=dt.date(2026, 1, 5))
    assert [p.pv for p in curve] == [D(100) * d for d in range(1, 11)]
    assert [p.ac for p in curve[:5]] == [0, D(100), D(100), D(350), D(350)]
    assert [p.ev for p in curve[:5]] == [0, 0, D(200), D(200), D(400)]
    assert all(p.ev is None and p.ac is None for p in curve[5:])


amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@given(bac=amounts, pv=amounts, ev=amounts, ac=amounts)
def test_the_measures_hold_together_for_any_numbers(bac, pv, ev, ac):
    m = EarnedValue(bac=bac, pv=pv, ev=ev, ac=ac)
    assert m.sv == ev - pv and m.cv == ev - ac
    if m.eac.value is not None:
        assert m.etc.value == m.eac.value - ac and m.vac.value == bac - m.eac.value
    for ratio in (m.spi, m.cpi, m.eac, m.etc, m.vac, m.tcpi):
        assert (ratio.value is None) == bool(ratio.why_not)
    assert set(m.formulas()) == {"sv", "cv", "spi", "cpi", "eac", "etc", "vac", "tcpi"}


@given(st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=60))
def test_planned_value_never_decreases_and_ends_at_the_budget(offset, length):
    start = dt.date(2026, 1, 1)
    package = WorkPackage("1", D(777), start, start + dt.timedelta(days=length), D(0))
    day = start + dt.timedelta(days=offset)
    assert package.planned_value(day) <= package.planned_value(day + dt.timedelta(days=1)) <= D(777)
    assert package.planned_value(start + dt.timedelta(days=length)) == D(777)
