"""Earned value management (PMBOK's formulas).

PV (planned value) is the budget of the work the baseline planned by a date, EV (earned
value) the budget of the work done, AC (actual cost) what was spent. From the three and
the budget at completion (BAC) follow the variances, the indices and the forecasts.

An index over a zero base (SPI before anything was planned, CPI before anything was
spent) is not a number: it is None with the reason, never a division error, so a
project's first day reports "not yet measurable" instead of crashing or showing 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal(0)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Ratio:
    """An index or a forecast that may not be computable yet, with the reason when not."""

    value: Decimal | None
    why_not: str = ""


@dataclass(frozen=True)
class EarnedValue:
    bac: Decimal
    pv: Decimal
    ev: Decimal
    ac: Decimal

    @property
    def sv(self) -> Decimal:
        """Schedule variance: negative is behind."""
        return self.ev - self.pv

    @property
    def cv(self) -> Decimal:
        """Cost variance: negative is over budget."""
        return self.ev - self.ac

    @property
    def spi(self) -> Ratio:
        return _ratio(self.ev, self.pv, "nothing was planned by this date (PV is 0)")

    @property
    def cpi(self) -> Ratio:
        return _ratio(self.ev, self.ac, "nothing has been spent yet (AC is 0)")

    @property
    def eac(self) -> Ratio:
        """Estimate at completion, assuming the cost efficiency so far continues:
        BAC ÷ CPI."""
        cpi = self.cpi
        if cpi.value is None:
            return Ratio(None, cpi.why_not)
        if cpi.value == 0:
            return Ratio(None, "no value has been earned yet (EV is 0), so the cost rate is unknown")
        return Ratio(self.bac / cpi.value)

    @property
    def eac_at_plan_rate(self) -> Decimal:
        """EAC when the rest of the work costs what was planned: AC + (BAC − EV)."""
        return self.ac + (self.bac - self.ev)

    @property
    def etc(self) -> Ratio:
        """Estimate to complete: EAC − AC."""
        eac = self.eac
        return Ratio(None, eac.why_not) if eac.value is None else Ratio(eac.value - self.ac)

    @property
    def vac(self) -> Ratio:
        """Variance at completion: BAC − EAC; negative is the expected overrun."""
        eac = self.eac
        return Ratio(None, eac.why_not) if eac.value is None else Ratio(self.bac - eac.value)

    @property
    def tcpi(self) -> Ratio:
        """The cost efficiency the remaining work needs to finish on budget:
        (BAC − EV) ÷ (BAC − AC)."""
        return _ratio(self.bac - self.ev, self.bac - self.ac, "the budget is already spent (AC ≥ BAC)",
                      positive_base=True)

    def formulas(self) -> dict[str, str]:
        """Each measure's formula with its numbers, as the page shows it on hover."""
        shown = {
            "sv": f"EV − PV = {_money(self.ev)} − {_money(self.pv)} = {_money(self.sv)}",
            "cv": f"EV − AC = {_money(self.ev)} − {_money(self.ac)} = {_money(self.cv)}",
            "spi": _formula("EV ÷ PV", self.ev, self.pv, self.spi),
            "cpi": _formula("EV ÷ AC", self.ev, self.ac, self.cpi),
            "tcpi": _formula("(BAC − EV) ÷ (BAC − AC)", self.bac - self.ev, self.bac - self.ac, self.tcpi),
        }
        eac = self.eac
        cpi = self.cpi.value
        shown["eac"] = (f"BAC ÷ CPI = {_money(self.bac)} ÷ {_index(cpi)} = {_money(eac.value)}"
                        if eac.value is not None and cpi is not None else f"EAC: {eac.why_not}")
        etc, vac = self.etc, self.vac
        shown["etc"] = (f"EAC − AC = {_money(eac.value)} − {_money(self.ac)} = {_money(etc.value)}"
                        if etc.value is not None and eac.value is not None else f"ETC: {etc.why_not}")
        shown["vac"] = (f"BAC − EAC = {_money(self.bac)} − {_money(eac.value)} = {_money(vac.value)}"
                        if vac.value is not None and eac.value is not None else f"VAC: {vac.why_not}")
        return shown


def _ratio(top: Decimal, base: Decimal, why: str, *, positive_base: bool = False) -> Ratio:
    if base == 0 or (positive_base and base < 0):
        return Ratio(None, why)
    return Ratio(top / base)


def _money(value: Decimal | None) -> str:
    return "—" if value is None else f"{value.quantize(CENT):,}"


def _index(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _formula(name: str, top: Decimal, base: Decimal, ratio: Ratio) -> str:
    if ratio.value is None:
        return f"{name}: {ratio.why_not}"
    return f"{name} = {_money(top)} ÷ {_money(base)} = {_index(ratio.value)}"


@dataclass(frozen=True)
class WorkPackage:
    """One element of the work breakdown: its budget, when the baseline planned it, and
    how far it is (0–1)."""

    code: str
    budget: Decimal
    planned_start: dt.date
    planned_finish: dt.date
    percent_complete: Decimal

    def planned_value(self, on: dt.date) -> Decimal:
        """The budget planned by the end of `on`, spread evenly over the baseline's days
        (both ends included)."""
        if on < self.planned_start:
            return ZERO
        if on >= self.planned_finish:
            return self.budget
        days = (self.planned_finish - self.planned_start).days + 1
        elapsed = (on - self.planned_start).days + 1
        return self.budget * Decimal(elapsed) / Decimal(days)

    @property
    def earned_value(self) -> Decimal:
        return self.budget * min(max(self.percent_complete, ZERO), Decimal(1))


@dataclass(frozen=True)
class Cost:
    """Money actually spent on a day (time × rate, or an expense), booked to an element."""

    on: dt.date
    amount: Decimal
    code: str = ""


def measure(packages: Sequence[WorkPackage], costs: Iterable[Cost], on: dt.date) -> EarnedValue:
    """The project's earned value on a date."""
    return EarnedValue(
        bac=sum((p.budget for p in packages), ZERO),
        pv=sum((p.planned_value(on) for p in packages), ZERO),
        ev=sum((p.earned_value for p in packages), ZERO),
        ac=sum((c.amount for c in costs if c.on <= on), ZERO),
    )


def by_element(packages: Sequence[WorkPackage], costs: Sequence[Cost], on: dt.date) -> dict[str, EarnedValue]:
    """The table per WBS element: each element's measures, its costs booked by code."""
    return {
        p.code: measure([p], [c for c in costs if c.code == p.code], on)
        for p in packages
    }


@dataclass(frozen=True)
class CurvePoint:
    on: dt.date
    pv: Decimal
    ev: Decimal | None
    ac: Decimal | None


def s_curve(packages: Sequence[WorkPackage], costs: Sequence[Cost], earned: dict[dt.date, Decimal],
            days: Sequence[dt.date], today: dt.date) -> list[CurvePoint]:
    """PV, EV and AC accumulated over the given days. PV runs over the whole plan; EV and
    AC stop at today (the future has not been earned or spent). `earned` holds EV as
    recorded on past days; a day between records carries the last one forward."""
    ordered = sorted(costs, key=lambda c: c.on)
    points, spent, n, last_ev = [], ZERO, 0, ZERO
    for day in sorted(days):
        while n < len(ordered) and ordered[n].on <= day:
            spent += ordered[n].amount
            n += 1
        last_ev = earned.get(day, last_ev)
        past = day <= today
        points.append(CurvePoint(day, sum((p.planned_value(day) for p in packages), ZERO),
                                 last_ev if past else None, spent if past else None))
    return points
