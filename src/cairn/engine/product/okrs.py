"""Objectives and key results: how far a key result has come from its start to its
target, how far an objective has come by its key results and by its linked work, and
whether that is behind the calendar. Every figure comes with its arithmetic as text, so
the page can show how it was reached.

The rules:
- a key result's progress is (current − start) ÷ (target − start), clamped to 0–100 %;
  the same formula is right for a falling target (start 40 → target 10: current 25 is
  (25 − 40) ÷ (10 − 40) = 50 %). A target equal to its start measures nothing: a message,
  no figure.
- an objective's progress by key results is the mean of those that have a figure.
- its progress by linked work is the share of linked issues done, an epic counting as
  its sub-tasks (an epic with 8 stories, 2 done, is 2 of 8).
- the combined figure is the mean of the two when both exist, else the one that does.
- the period's elapsed share is the days gone over the period's days; progress more than
  PACE_TOLERANCE behind that share is "behind".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MINUS = "−"
# Ten points of slack: a key result one day behind a straight line is not news.
PACE_TOLERANCE = 0.10


@dataclass(frozen=True)
class Progress:
    """A share from 0 to 1, or None with the reason in `arithmetic`."""

    share: float | None
    arithmetic: str

    @property
    def percent(self) -> float | None:
        return None if self.share is None else rounded_percent(self.share)


@dataclass(frozen=True)
class LinkedWork:
    """One linked issue as units of work: a plain issue is 1 unit (done or not), an epic
    is its sub-tasks."""

    done: int
    total: int


def number(value: float) -> str:
    """A value as a person writes it: 45, 12.5, −3 (no trailing zeros)."""
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace("-", MINUS)


def rounded_percent(share: float) -> float:
    """To one decimal, halves up as people round (31.25 → 31.3), not to even."""
    return float(Decimal(repr(share * 100)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def percent(share: float) -> str:
    return f"{number(rounded_percent(share))} %"


def key_result(start: float, target: float, current: float) -> Progress:
    if target == start:
        return Progress(None, f"The target equals the start ({number(start)}): "
                              "set a different target to measure progress.")
    raw = (current - start) / (target - start)
    share = min(max(raw, 0.0), 1.0)
    # A target a hair from the start makes any move enormous; no one reads 10^250 %.
    shown = percent(raw) if abs(raw) <= 10_000 else ("far above 100 %" if raw > 0 else "far below 0 %")
    text = f"({number(current)} {MINUS} {_grouped(start)}) ÷ ({number(target)} {MINUS} {_grouped(start)}) = {shown}"
    if share != raw:
        text += f", counted as {percent(share)}"
    return Progress(share, text)


def by_key_results(results: Sequence[Progress]) -> Progress:
    measured = [r.share for r in results if r.share is not None]
    if not measured:
        return Progress(None, "No key result with a target yet.")
    mean = sum(measured) / len(measured)
    if len(measured) == 1:
        return Progress(mean, f"One key result: {percent(mean)}")
    terms = " + ".join(percent(s) for s in measured)
    return Progress(mean, f"({terms}) ÷ {len(measured)} = {percent(mean)}")


def by_work(items: Sequence[LinkedWork]) -> Progress:
    total = sum(max(i.total, 0) for i in items)
    if total == 0:
        return Progress(None, "No linked work yet.")
    done = sum(min(max(i.done, 0), max(i.total, 0)) for i in items)
    share = done / total
    return Progress(share, f"{done} of {total} linked issues done (an epic counts its sub-tasks) = {percent(share)}")


def combined(results: Progress, work: Progress) -> Progress:
    if results.share is not None and work.share is not None:
        mean = (results.share + work.share) / 2
        return Progress(mean, f"({percent(results.share)} by key results + {percent(work.share)} by linked work)"
                              f" ÷ 2 = {percent(mean)}")
    if results.share is not None:
        return Progress(results.share, f"By key results only (no linked work): {percent(results.share)}")
    if work.share is not None:
        return Progress(work.share, f"By linked work only (no measured key result): {percent(work.share)}")
    return Progress(None, "Nothing to measure yet: add key results or link work.")


def elapsed(starts_on: dt.date, ends_on: dt.date, today: dt.date) -> Progress:
    """The share of the period's days gone by the end of `today` (both ends counted)."""
    if ends_on < starts_on:
        return Progress(None, "The period ends before it starts.")
    days = (ends_on - starts_on).days + 1
    gone = min(max((today - starts_on).days + 1, 0), days)
    share = gone / days
    return Progress(share, f"{gone} of {days} days = {percent(share)}")


def behind(progress: Progress, period: Progress) -> bool:
    """True when the progress trails the calendar by more than the tolerance."""
    if progress.share is None or period.share is None:
        return False
    return progress.share + PACE_TOLERANCE < period.share


def _grouped(value: float) -> str:
    # A negative start reads (5 − −3) badly; brackets say which minus is which.
    text = number(value)
    return f"({text})" if value < 0 else text
