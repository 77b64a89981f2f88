"""Risk scores and levels, the heat map, and the health rules of a status report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cairn.engine.project.health import Milestone, Rag, Thresholds, assess
from cairn.engine.project.risks import Level, Rated, RiskError, exposure, heat_map, level, score

ratings = st.integers(min_value=1, max_value=5)


@pytest.mark.parametrize(("p", "i", "expected"), [(1, 1, Level.LOW), (2, 2, Level.LOW), (1, 5, Level.MEDIUM),
                                                   (3, 3, Level.MEDIUM), (2, 5, Level.HIGH), (4, 4, Level.HIGH),
                                                   (4, 5, Level.CRITICAL), (5, 5, Level.CRITICAL)])
def test_scores_fall_in_their_bands(p, i, expected):
    assert level(score(p, i)) == expected


@pytest.mark.parametrize(("p", "i"), [(0, 3), (6, 1), (3, 2.5), (True, 2), ("3", 3)])
def test_ratings_off_the_scale_are_refused_by_name(p, i):
    with pytest.raises(RiskError, match="probability|impact"):
        score(p, i)


@given(st.lists(st.tuples(ratings, ratings), max_size=40))
def test_the_heat_map_places_every_risk_once(pairs):
    risks = [Rated(p, i) for p, i in pairs]
    cells = heat_map(risks)
    assert sum(map(sum, cells)) == len(risks)
    for p, i in pairs:
        assert cells[5 - p][i - 1] >= 1
    assert exposure(risks) == sum(p * i for p, i in pairs)


@given(ratings, ratings)
def test_a_riskier_rating_is_never_a_lower_level(p, i):
    order = list(Level)
    if p < 5:
        assert order.index(level(score(p + 1, i))) >= order.index(level(score(p, i)))


TODAY = dt.date(2026, 6, 30)


def _health(spi=(D(1), ""), cpi=(D(1), ""), milestones=(), risks=()):
    return assess(spi=spi, cpi=cpi, milestones=list(milestones), open_risks=list(risks), today=TODAY)


def test_a_project_on_plan_and_budget_is_green():
    health = _health()
    assert health.rag == Rag.GREEN and "SPI 1.00 is on target" in health.reasons


def test_each_rule_says_why_it_turned_the_report():
    assert _health(spi=(D("0.9"), "")).reasons == ["SPI 0.90 is below 0.95"]
    assert _health(cpi=(D("0.7"), "")).rag == Rag.RED
    late = Milestone("Beta", dt.date(2026, 6, 1), done=False)
    assert _health(milestones=[late]).reasons == ["1 milestone(s) missed (Beta); the oldest by 29 days"]
    recent = Milestone("RC", dt.date(2026, 6, 25), done=False)
    assert _health(milestones=[recent]).rag == Rag.AMBER
    assert _health(milestones=[Milestone("Done", dt.date(2026, 1, 1), done=True)]).rag == Rag.GREEN
    assert _health(risks=[Level.HIGH, Level.LOW]).reasons == ["1 open high risk(s)"]
    assert _health(risks=[Level.CRITICAL]).rag == Rag.RED


def test_an_index_not_measurable_yet_does_not_colour_the_report():
    health = _health(spi=(None, "PV is 0"), cpi=(None, "AC is 0"))
    assert health.rag == Rag.GREEN
    assert any("not measurable yet" in f.reason for f in health.findings)


def test_the_worst_rule_decides_and_thresholds_can_be_stated():
    health = _health(spi=(D("0.9"), ""), risks=[Level.CRITICAL])
    assert health.rag == Rag.RED and health.reasons == ["1 open critical risk(s)"]
    strict = assess(spi=(D("0.97"), ""), cpi=(D(1), ""), milestones=[], open_risks=[], today=TODAY,
                    limits=Thresholds(amber=D("0.99"), red=D("0.9")))
    assert strict.rag == Rag.AMBER
