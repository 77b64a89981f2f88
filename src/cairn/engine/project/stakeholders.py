"""The power/interest grid: where a stakeholder sits, and so how to engage them."""

from __future__ import annotations

from enum import Enum

from cairn.engine.project.risks import SCALE

# On the 1–5 scales, 3 and above counts as high: the middle leans to attention.
HIGH = 3


class Quadrant(Enum):
    MANAGE_CLOSELY = "manage closely"
    KEEP_SATISFIED = "keep satisfied"
    KEEP_INFORMED = "keep informed"
    MONITOR = "monitor"


class StakeholderError(ValueError):
    """An interest or influence off the 1–5 scale."""


def quadrant(influence: int, interest: int) -> Quadrant:
    for name, value in (("influence", influence), ("interest", interest)):
        if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
            raise StakeholderError(f"{name} must be a whole number from 1 to 5")
    powerful, interested = influence >= HIGH, interest >= HIGH
    if powerful:
        return Quadrant.MANAGE_CLOSELY if interested else Quadrant.KEEP_SATISFIED
    return Quadrant.KEEP_INFORMED if interested else Quadrant.MONITOR
