"""Scoring features and ideas: their inputs are kept on the item, and the scores the
engine computes from them are stored beside, so a backlog of thousands sorts in the
database. Members score; guests read the scores and their formulas."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction

from cairn import values
from cairn.accounts.models import User
from cairn.engine.product import scoring
from cairn.errors import Invalid
from cairn.product.models import Feature, Idea
from cairn.product.services import products
from cairn.workspaces import policy

Item = Feature | Idea
INPUTS = ("reach", "impact", "confidence", "effort", "business_value", "time_criticality", "risk_reduction",
          "job_size", "value", "moscow")
FIBONACCI_INPUTS = ("business_value", "time_criticality", "risk_reduction", "job_size")
SCORES = ("rice", "wsjf", "value_effort", "moscow")
LABELS = {"rice": "RICE", "wsjf": "WSJF", "value_effort": "value/effort", "moscow": "MoSCoW"}
MAX_EFFORT = Decimal("999999.99")


@dataclass(frozen=True)
class Explanation:
    """One score of an item as the hover shows it: the formula with its numbers, or what
    is missing to compute it."""

    score: float | None
    text: str
    quadrant: str | None = None


def set_scores(*, actor: User, item: Item, inputs: dict[str, Any], now: datetime) -> Item:
    """Changes the inputs given (a blank one is cleared; those not given keep their
    value) and recomputes the scores. Every input is checked before anything is written."""
    products.require(actor, policy.Action.EDIT_ISSUES, item.product)
    unknown = sorted(set(inputs) - set(INPUTS))
    if unknown:
        raise Invalid.field(unknown[0], "is not a score input")
    parsed = {name: _parse(name, raw) for name, raw in inputs.items()}
    with transaction.atomic():
        for name, value in parsed.items():
            setattr(item, name, value)
        recompute(item)
        item.updated_at = now
        item.save(update_fields=[*parsed, "rice_score", "wsjf_score", "value_effort_score", "updated_at"])
    return item


def recompute(item: Item) -> None:
    """The cached scores from the item's inputs; a score is None while an input is."""
    for field, name in (("rice_score", "rice"), ("wsjf_score", "wsjf"), ("value_effort_score", "value_effort")):
        setattr(item, field, explain_one(item, name).score)


def explain(item: Item) -> dict[str, Explanation]:
    return {name: explain_one(item, name) for name in SCORES}


def explain_one(item: Item, name: str) -> Explanation:
    try:
        if name == "rice":
            result = scoring.rice(item.reach, item.impact, item.confidence, item.effort)
            return Explanation(result.value, result.formula)
        if name == "wsjf":
            result = scoring.wsjf(item.business_value, item.time_criticality, item.risk_reduction, item.job_size)
            return Explanation(result.value, result.formula)
        if name == "value_effort":
            both = scoring.value_effort(item.value, item.effort)
            return Explanation(both.value, both.formula, both.quadrant.value)
        return Explanation(None, scoring.moscow_text(item.moscow or None))
    except scoring.ScoreError as missing:
        if name == "moscow":
            return Explanation(None, "MoSCoW: not set")
        return Explanation(None, f"No {LABELS[name]} score: {missing}")


def _parse(name: str, raw: Any) -> Any:
    """One input, checked by the engine's own scale so the page, the API and the
    formulas agree on what is valid."""
    if values.is_blank(raw):
        return "" if name == "moscow" else None
    try:
        if name == "moscow":
            return scoring.check_moscow(values.text(raw, name, max_length=20))
        if name in ("impact", "effort"):
            amount = values.decimal(raw, name, places=2, maximum=MAX_EFFORT, signed=True)
            return scoring.check_impact(amount) if name == "impact" else scoring.check_effort(amount)
        number = values.decimal(raw, name, places=2, maximum=Decimal(values.INTEGER_MAX), signed=True)
        if name == "reach":
            return scoring.check_reach(number)
        if name == "confidence":
            return scoring.check_confidence(number)
        if name == "value":
            return scoring.check_value(number)
        return scoring.check_fibonacci(number, name)
    except scoring.ScoreError as wrong:
        raise Invalid.field(name, wrong.problem) from None
