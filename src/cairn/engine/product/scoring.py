"""Prioritisation scores: RICE, WSJF, value vs effort (and its 2×2 quadrant) and MoSCoW.

Every score comes with its formula written out with the item's own numbers, for the
hover on the backlog ("RICE = 2,000 × 2 × 80% ÷ 4 = 800"). A missing or out-of-range
input is a ScoreError naming the input — never a ZeroDivisionError further down.

Scales (docs/product/backlog.md):
- RICE: reach is a whole number of people per quarter (0 or more); impact one of
  0.25 (minimal), 0.5 (low), 1 (medium), 2 (high), 3 (massive); confidence a whole
  percentage from 0 to 100; effort in person-months, more than 0.
- WSJF: business value, time criticality, risk reduction/opportunity enablement and job
  size each on the modified Fibonacci scale 1, 2, 3, 5, 8, 13, 20 (SAFe's, without the
  40 and 100 that only say "split it"); job size is never 0 on that scale.
- Value vs effort: value 1–10 over the same effort as RICE. An item is high value when
  its value is above 5, and high effort when its effort is above 3 person-months (a
  quarter's work for one person): quick win (high value, low effort), big bet (high,
  high), fill-in (low, low), money pit (low value, high effort).
- MoSCoW: must, should, could, won't — in that order.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Final

Number = int | float | Decimal

IMPACTS: Final = (Decimal("0.25"), Decimal("0.5"), Decimal(1), Decimal(2), Decimal(3))
IMPACT_NAMES: Final = {Decimal("0.25"): "minimal", Decimal("0.5"): "low", Decimal(1): "medium",
                       Decimal(2): "high", Decimal(3): "massive"}
FIBONACCI: Final = (1, 2, 3, 5, 8, 13, 20)
VALUE_RANGE: Final = (1, 10)
HIGH_VALUE_ABOVE: Final = 5
HIGH_EFFORT_ABOVE: Final = Decimal(3)
# Beyond this a number is shown in scientific notation: nobody reads its cents.
LARGE: Final = Decimal(10) ** 18
MOSCOW: Final = ("must", "should", "could", "wont")
MOSCOW_NAMES: Final = {"must": "Must have", "should": "Should have", "could": "Could have",
                       "wont": "Won't have (this time)"}


class ScoreError(ValueError):
    """An input a score cannot be computed from; `field` names it, the message says why."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field.replace('_', ' ')} {problem}")
        self.field = field
        self.problem = problem


class Quadrant(Enum):
    QUICK_WIN = "quick win"
    BIG_BET = "big bet"
    FILL_IN = "fill-in"
    MONEY_PIT = "money pit"


@dataclass(frozen=True)
class Score:
    value: float
    formula: str


@dataclass(frozen=True)
class ValueEffort:
    value: float
    formula: str
    quadrant: Quadrant


# ---------------------------------------------------------------- the inputs

def _number(raw: Number | None, field: str) -> Decimal:
    if raw is None:
        raise ScoreError(field, "is missing")
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal):
        raise ScoreError(field, "must be a number")
    value = Decimal(str(raw)) if isinstance(raw, float) else Decimal(raw)
    if not value.is_finite():
        raise ScoreError(field, "must be a finite number")
    return value


def _whole(raw: Number | None, field: str) -> int:
    value = _number(raw, field)
    if value != value.to_integral_value():
        raise ScoreError(field, "must be a whole number")
    return int(value)


def check_reach(raw: Number | None) -> int:
    reach = _whole(raw, "reach")
    if reach < 0:
        raise ScoreError("reach", "must not be negative")
    return reach


def check_impact(raw: Number | None) -> Decimal:
    impact = _number(raw, "impact")
    if impact not in IMPACTS:
        raise ScoreError("impact", "must be one of 0.25, 0.5, 1, 2, 3")
    return impact


def check_confidence(raw: Number | None) -> int:
    confidence = _whole(raw, "confidence")
    if not 0 <= confidence <= 100:
        raise ScoreError("confidence", "must be a percentage from 0 to 100")
    return confidence


def check_effort(raw: Number | None) -> Decimal:
    effort = _number(raw, "effort")
    if effort <= 0:
        raise ScoreError("effort", "must be more than 0")
    return effort


def check_fibonacci(raw: Number | None, field: str) -> int:
    step = _whole(raw, field)
    if step not in FIBONACCI:
        raise ScoreError(field, "must be one of 1, 2, 3, 5, 8, 13, 20")
    return step


def check_value(raw: Number | None) -> int:
    value = _whole(raw, "value")
    if not VALUE_RANGE[0] <= value <= VALUE_RANGE[1]:
        raise ScoreError("value", "must be a whole number from 1 to 10")
    return value


def check_moscow(raw: str | None) -> str:
    if raw is None or raw == "":
        raise ScoreError("moscow", "is missing")
    key = raw.strip().lower().replace("'", "").replace("’", "")
    if key not in MOSCOW:
        raise ScoreError("moscow", "must be one of must, should, could, wont")
    return key


# ---------------------------------------------------------------- the scores

def rice(reach: Number | None, impact: Number | None, confidence: Number | None, effort: Number | None) -> Score:
    """Reach × impact × confidence ÷ effort: people helped per person-month of work."""
    r, i, c, e = check_reach(reach), check_impact(impact), check_confidence(confidence), check_effort(effort)
    score = float(r * i * c / 100 / e)
    return Score(score, f"RICE = {fmt(r)} × {fmt(i)} × {c}% ÷ {fmt(e)} = {fmt(score)}")


def wsjf(business_value: Number | None, time_criticality: Number | None, risk_reduction: Number | None,
         job_size: Number | None) -> Score:
    """Cost of delay (business value + time criticality + risk reduction/opportunity
    enablement) ÷ job size."""
    bv = check_fibonacci(business_value, "business_value")
    tc = check_fibonacci(time_criticality, "time_criticality")
    rr = check_fibonacci(risk_reduction, "risk_reduction")
    size = check_fibonacci(job_size, "job_size")
    score = (bv + tc + rr) / size
    return Score(score, f"WSJF = ({bv} + {tc} + {rr}) ÷ {size} = {fmt(score)}")


def quadrant(value: Number | None, effort: Number | None) -> Quadrant:
    high_value = check_value(value) > HIGH_VALUE_ABOVE
    high_effort = check_effort(effort) > HIGH_EFFORT_ABOVE
    if high_value:
        return Quadrant.BIG_BET if high_effort else Quadrant.QUICK_WIN
    return Quadrant.MONEY_PIT if high_effort else Quadrant.FILL_IN


def value_effort(value: Number | None, effort: Number | None) -> ValueEffort:
    """Value ÷ effort, and where the item falls in the 2×2."""
    v, e = check_value(value), check_effort(effort)
    score = float(v / e)
    where = quadrant(v, e)
    return ValueEffort(score, f"Value ÷ effort = {v} ÷ {fmt(e)} = {fmt(score)} ({where.value})", where)


def moscow_order(raw: str | None) -> int:
    """Must first, won't last; an item without a MoSCoW sorts after all of them."""
    if raw is None or raw == "":
        return len(MOSCOW)
    return MOSCOW.index(check_moscow(raw))


def moscow_text(raw: str | None) -> str:
    return f"MoSCoW: {MOSCOW_NAMES[check_moscow(raw)]}"


def fmt(number: Number) -> str:
    """A number as people read it: thousands separated, at most two decimals, no
    trailing zeros (800, 0.25, 1,234.5)."""
    value = Decimal(str(number)) if isinstance(number, float) else Decimal(number)
    if not value.is_finite() or value.copy_abs() >= LARGE:
        return f"{value:.4g}"
    if value and value.copy_abs() < Decimal("0.01"):
        return f"{value:.2g}"
    text = f"{value.quantize(Decimal('0.01')):,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
