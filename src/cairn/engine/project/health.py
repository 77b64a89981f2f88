"""A project's health as a status report states it: red, amber or green, from rules
written down here, with the reason each rule gave. The overall health is the worst of
the rules'; a rule that cannot be measured yet says so and does not colour the report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum

from cairn.engine.project.risks import Level


class Rag(IntEnum):
    GREEN = 0
    AMBER = 1
    RED = 2

    @property
    def label(self) -> str:
        return self.name.capitalize()


@dataclass(frozen=True)
class Thresholds:
    """Below `amber` an index turns the report amber, below `red` red. A milestone
    missed by more than `late_days` is red; any missed one is amber."""

    amber: Decimal = Decimal("0.95")
    red: Decimal = Decimal("0.85")
    late_days: int = 14


@dataclass(frozen=True)
class Finding:
    rule: str
    rag: Rag
    reason: str


@dataclass(frozen=True)
class Milestone:
    name: str
    due: dt.date
    done: bool


@dataclass(frozen=True)
class Health:
    rag: Rag
    findings: tuple[Finding, ...]

    @property
    def reasons(self) -> list[str]:
        """Why the report has its colour: the findings at that colour."""
        return [f.reason for f in self.findings if f.rag == self.rag]


def _index_rule(name: str, value: Decimal | None, why_not: str, limits: Thresholds) -> Finding:
    if value is None:
        return Finding(name, Rag.GREEN, f"{name} not measurable yet: {why_not}")
    shown = f"{name} {value:.2f}"
    if value < limits.red:
        return Finding(name, Rag.RED, f"{shown} is below {limits.red}")
    if value < limits.amber:
        return Finding(name, Rag.AMBER, f"{shown} is below {limits.amber}")
    return Finding(name, Rag.GREEN, f"{shown} is on target")


def _milestone_rule(milestones: Sequence[Milestone], today: dt.date, limits: Thresholds) -> Finding:
    missed = sorted((m for m in milestones if not m.done and m.due < today), key=lambda m: m.due)
    if not missed:
        return Finding("milestones", Rag.GREEN, "no milestone missed")
    worst = missed[0]
    late = (today - worst.due).days
    names = ", ".join(m.name for m in missed[:3]) + (" …" if len(missed) > 3 else "")
    rag = Rag.RED if late > limits.late_days else Rag.AMBER
    return Finding("milestones", rag, f"{len(missed)} milestone(s) missed ({names}); the oldest by {late} days")


def _risk_rule(open_levels: Sequence[Level]) -> Finding:
    critical = sum(1 for lv in open_levels if lv == Level.CRITICAL)
    high = sum(1 for lv in open_levels if lv == Level.HIGH)
    if critical:
        return Finding("risks", Rag.RED, f"{critical} open critical risk(s)")
    if high:
        return Finding("risks", Rag.AMBER, f"{high} open high risk(s)")
    return Finding("risks", Rag.GREEN, "no open high or critical risk")


def assess(*, spi: tuple[Decimal | None, str], cpi: tuple[Decimal | None, str], milestones: Sequence[Milestone],
           open_risks: Sequence[Level], today: dt.date, limits: Thresholds | None = None) -> Health:
    """The report's colour from SPI, CPI (each a value or None with why), milestones and
    the levels of the open risks."""
    limits = limits or Thresholds()
    findings = (
        _index_rule("SPI", spi[0], spi[1], limits),
        _index_rule("CPI", cpi[0], cpi[1], limits),
        _milestone_rule(milestones, today, limits),
        _risk_rule(open_risks),
    )
    return Health(max(f.rag for f in findings), findings)
