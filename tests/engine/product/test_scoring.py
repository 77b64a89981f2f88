"""The prioritisation scores: worked examples from the scales' own documentation, every
invalid input named, and properties that hold for any valid input."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cairn.engine.product.scoring import (
    FIBONACCI,
    IMPACTS,
    MOSCOW,
    Quadrant,
    ScoreError,
    check_moscow,
    fmt,
    moscow_order,
    moscow_text,
    quadrant,
    rice,
    value_effort,
    wsjf,
)

reaches = st.integers(min_value=0, max_value=2**31 - 1)
impacts = st.sampled_from(IMPACTS)
confidences = st.integers(min_value=0, max_value=100)
efforts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999.99"), places=2)
steps = st.sampled_from(FIBONACCI)
values = st.integers(min_value=1, max_value=10)


# ---------------------------------------------------------------- worked examples

def test_rice_multiplies_reach_impact_and_confidence_and_divides_by_effort():
    score = rice(2000, 2, 80, 4)
    assert score.value == 800
    assert score.formula == "RICE = 2,000 × 2 × 80% ÷ 4 = 800"


def test_rice_with_fractions_shows_two_decimals_at_most():
    score = rice(150, Decimal("0.5"), 50, Decimal("1.5"))
    assert score.value == pytest.approx(25)
    assert score.formula == "RICE = 150 × 0.5 × 50% ÷ 1.5 = 25"
    assert rice(10, 3, 100, 3).formula == "RICE = 10 × 3 × 100% ÷ 3 = 10"
    assert rice(100, 1, 33, 3).formula.endswith("= 11")
    assert rice(7, 1, 100, 3).formula.endswith("= 2.33")


def test_wsjf_divides_the_cost_of_delay_by_the_job_size():
    score = wsjf(8, 5, 3, 5)
    assert score.value == pytest.approx(3.2)
    assert score.formula == "WSJF = (8 + 5 + 3) ÷ 5 = 3.2"
    assert wsjf(20, 20, 20, 1).value == 60


@pytest.mark.parametrize(("value", "effort", "where"), [
    (8, 2, Quadrant.QUICK_WIN), (6, 3, Quadrant.QUICK_WIN), (9, 6, Quadrant.BIG_BET),
    (5, 1, Quadrant.FILL_IN), (1, 3, Quadrant.FILL_IN), (2, 8, Quadrant.MONEY_PIT), (5, Decimal("3.01"), Quadrant.MONEY_PIT),
])
def test_the_quadrant_puts_value_above_5_and_effort_above_3_months_on_the_high_side(value, effort, where):
    assert quadrant(value, effort) is where
    assert value_effort(value, effort).quadrant is where


def test_value_over_effort_names_its_quadrant():
    result = value_effort(8, 2)
    assert result.value == 4
    assert result.formula == "Value ÷ effort = 8 ÷ 2 = 4 (quick win)"


def test_moscow_orders_must_first_and_the_unset_last():
    assert [moscow_order(m) for m in ("must", "should", "could", "wont", None, "")] == [0, 1, 2, 3, 4, 4]
    assert check_moscow(" Won't ") == "wont" and check_moscow("MUST") == "must"
    assert moscow_text("should") == "MoSCoW: Should have"


def test_numbers_read_like_people_write_them():
    assert [fmt(800.0), fmt(Decimal("0.25")), fmt(1234.5), fmt(2000), fmt(0)] == ["800", "0.25", "1,234.5", "2,000", "0"]
    assert fmt(0.0008) == "0.0008" and fmt(1e30) == "1e+30"


# ---------------------------------------------------------------- invalid inputs

@pytest.mark.parametrize(("args", "message"), [
    ((None, 1, 50, 1), "reach is missing"),
    ((10, None, 50, 1), "impact is missing"),
    ((10, 1, None, 1), "confidence is missing"),
    ((10, 1, 50, None), "effort is missing"),
    ((10, 1, 50, 0), "effort must be more than 0"),
    ((10, 1, 50, -2), "effort must be more than 0"),
    ((-1, 1, 50, 1), "reach must not be negative"),
    ((1.5, 1, 50, 1), "reach must be a whole number"),
    ((10, Decimal("0.3"), 50, 1), "impact must be one of 0.25, 0.5, 1, 2, 3"),
    ((10, 4, 50, 1), "impact must be one of 0.25, 0.5, 1, 2, 3"),
    ((10, 1, 101, 1), "confidence must be a percentage from 0 to 100"),
    ((10, 1, -1, 1), "confidence must be a percentage from 0 to 100"),
    ((10, 1, 50, float("inf")), "effort must be a finite number"),
    ((10, 1, 50, float("nan")), "effort must be a finite number"),
    ((True, 1, 50, 1), "reach must be a number"),
    (("10", 1, 50, 1), "reach must be a number"),
])
def test_rice_names_the_input_it_cannot_use(args, message):
    with pytest.raises(ScoreError) as failure:
        rice(*args)
    assert str(failure.value) == message
    assert isinstance(failure.value, ValueError)


@pytest.mark.parametrize(("args", "field", "message"), [
    ((None, 1, 1, 1), "business_value", "business value is missing"),
    ((1, 4, 1, 1), "time_criticality", "time criticality must be one of 1, 2, 3, 5, 8, 13, 20"),
    ((1, 1, 40, 1), "risk_reduction", "risk reduction must be one of 1, 2, 3, 5, 8, 13, 20"),
    ((1, 1, 1, 0), "job_size", "job size must be one of 1, 2, 3, 5, 8, 13, 20"),
    ((1, 1, 1, None), "job_size", "job size is missing"),
])
def test_wsjf_names_the_input_it_cannot_use(args, field, message):
    with pytest.raises(ScoreError) as failure:
        wsjf(*args)
    assert failure.value.field == field and str(failure.value) == message


@pytest.mark.parametrize(("args", "message"), [
    ((None, 2), "value is missing"), ((0, 2), "value must be a whole number from 1 to 10"),
    ((11, 2), "value must be a whole number from 1 to 10"), ((5, 0), "effort must be more than 0"),
    ((5, None), "effort is missing"),
])
def test_value_effort_names_the_input_it_cannot_use(args, message):
    with pytest.raises(ScoreError, match=f"^{message}$"):
        value_effort(*args)
    with pytest.raises(ScoreError, match=f"^{message}$"):
        quadrant(*args)


@pytest.mark.parametrize("raw", [None, "", "maybe", "mustn't"])
def test_moscow_refuses_anything_but_its_four_words(raw):
    with pytest.raises(ScoreError) as failure:
        check_moscow(raw)
    assert failure.value.field == "moscow"
    with pytest.raises(ScoreError):
        moscow_text(raw)


# ---------------------------------------------------------------- properties

@given(reaches, impacts, confidences, efforts)
def test_rice_is_never_negative_and_its_formula_ends_with_the_score(reach, impact, confidence, effort):
    score = rice(reach, impact, confidence, effort)
    assert score.value >= 0
    assert score.value == pytest.approx(reach * float(impact) * confidence / 100 / float(effort))
    assert score.formula.startswith("RICE = ") and score.formula.endswith(f"= {fmt(score.value)}")


@given(reaches, impacts, st.integers(min_value=1, max_value=100), efforts, efforts)
def test_more_effort_never_raises_rice(reach, impact, confidence, effort, more):
    low, high = sorted((effort, more))
    assert rice(reach, impact, confidence, high).value <= rice(reach, impact, confidence, low).value


@given(reaches, reaches, impacts, confidences, efforts)
def test_more_reach_never_lowers_rice(reach, other, impact, confidence, effort):
    low, high = sorted((reach, other))
    assert rice(low, impact, confidence, effort).value <= rice(high, impact, confidence, effort).value


@given(steps, steps, steps, steps)
def test_wsjf_is_the_cost_of_delay_per_unit_of_size(bv, tc, rr, size):
    score = wsjf(bv, tc, rr, size)
    assert score.value * size == pytest.approx(bv + tc + rr)
    assert 3 / 20 <= score.value <= 60


@given(values, efforts)
def test_every_item_falls_in_exactly_the_quadrant_its_thresholds_say(value, effort):
    where = quadrant(value, effort)
    assert (where in (Quadrant.QUICK_WIN, Quadrant.BIG_BET)) == (value > 5)
    assert (where in (Quadrant.BIG_BET, Quadrant.MONEY_PIT)) == (effort > 3)
    assert value_effort(value, effort).value == pytest.approx(value / float(effort))


@given(st.one_of(st.none(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.decimals()),
       st.one_of(st.none(), st.integers(), st.floats(allow_nan=True, allow_infinity=True)))
def test_any_input_either_scores_or_is_a_score_error_never_a_division_error(value, effort):
    for compute in (lambda: value_effort(value, effort), lambda: rice(value, 1, 50, effort),
                    lambda: wsjf(value, 1, 1, effort)):
        try:
            compute()
        except ScoreError as failure:
            assert failure.field in str(failure).replace(" ", "_")


@given(st.lists(st.sampled_from([*MOSCOW, None]), max_size=20))
def test_sorting_by_moscow_puts_must_before_should_before_could_before_wont(labels):
    ordered = sorted(labels, key=moscow_order)
    ranks = [moscow_order(label) for label in ordered]
    assert ranks == sorted(ranks)
