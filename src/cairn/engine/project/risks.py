"""Risk scores: probability × impact on the usual 5 × 5 scale, the level each score
falls in, the heat map's cells, and the exposure of the open risks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

SCALE = range(1, 6)


class RiskError(ValueError):
    """A probability or impact off the 1–5 scale."""


class Level(Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


# The bands of a 5 × 5 matrix: the highest score of each level.
BANDS = ((4, Level.LOW), (9, Level.MEDIUM), (16, Level.HIGH), (25, Level.CRITICAL))


def score(probability: int, impact: int) -> int:
    for name, value in (("probability", probability), ("impact", impact)):
        if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
            raise RiskError(f"{name} must be a whole number from 1 to 5")
    return probability * impact


def level(risk_score: int) -> Level:
    if not 1 <= risk_score <= 25:
        raise RiskError("a risk score is from 1 to 25")
    return next(band for top, band in BANDS if risk_score <= top)


@dataclass(frozen=True)
class Rated:
    probability: int
    impact: int


def heat_map(risks: Iterable[Rated]) -> list[list[int]]:
    """How many risks sit in each cell: rows from probability 5 down to 1 (as the
    matrix is drawn, likeliest on top), columns impact 1 to 5."""
    cells = [[0] * 5 for _ in SCALE]
    for risk in risks:
        score(risk.probability, risk.impact)
        cells[5 - risk.probability][risk.impact - 1] += 1
    return cells


def exposure(risks: Iterable[Rated]) -> int:
    """The total score of the given (open) risks: the project's exposure."""
    return sum(score(r.probability, r.impact) for r in risks)
