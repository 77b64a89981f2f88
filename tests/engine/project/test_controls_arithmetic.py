"""Exposure over time from the history of risk ratings, the power/interest grid, and the
comparison of a schedule before and after a change."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cairn.engine.project.exposure import Rating, exposure_over_time
from cairn.engine.project.risks import Rated, exposure
from cairn.engine.project.schedule_impact import Dates, compare
from cairn.engine.project.stakeholders import Quadrant, StakeholderError, quadrant

DAY = dt.date(2026, 3, 2)
ratings = st.integers(min_value=1, max_value=5)


def test_exposure_sums_the_open_risks_of_each_day():
    history = [
        Rating("a", DAY, 2, 3, True),
        Rating("b", DAY + dt.timedelta(days=1), 4, 4, True),
        Rating("a", DAY + dt.timedelta(days=2), 1, 3, True),
        Rating("b", DAY + dt.timedelta(days=3), 4, 4, False),
    ]
    points = exposure_over_time(history, DAY, DAY + dt.timedelta(days=4))
    assert [total for _, total in points] == [6, 22, 19, 3, 3]
    assert points[0][0] == DAY and len(points) == 5


def test_a_risk_rated_twice_in_a_day_counts_once_with_its_last_rating():
    history = [Rating("a", DAY, 5, 5, True), Rating("a", DAY, 1, 2, True)]
    assert exposure_over_time(history, DAY, DAY) == [(DAY, 2)]


def test_days_before_any_rating_have_no_exposure():
    assert exposure_over_time([Rating("a", DAY, 3, 3, True)], DAY - dt.timedelta(days=2), DAY) == [
        (DAY - dt.timedelta(days=2), 0), (DAY - dt.timedelta(days=1), 0), (DAY, 9)]


histories = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 20), ratings, ratings, st.booleans()), max_size=30)


@given(histories)
def test_the_last_day_is_the_exposure_of_the_risks_open_now(rows):
    history = [Rating(risk, DAY + dt.timedelta(days=day), p, i, is_open) for risk, day, p, i, is_open in rows]
    end = DAY + dt.timedelta(days=20)
    latest: dict[int, Rating] = {}
    for rating in sorted(history, key=lambda r: r.on):
        latest[rating.risk] = rating
    expected = exposure(Rated(r.probability, r.impact) for r in latest.values() if r.open)
    points = exposure_over_time(history, DAY, end)
    assert points[-1] == (end, expected)
    assert len(points) == 21
    assert all(0 <= total <= 25 * 5 for _, total in points)


@pytest.mark.parametrize(("influence", "interest", "expected"), [
    (5, 5, Quadrant.MANAGE_CLOSELY), (3, 3, Quadrant.MANAGE_CLOSELY), (5, 1, Quadrant.KEEP_SATISFIED),
    (2, 4, Quadrant.KEEP_INFORMED), (1, 1, Quadrant.MONITOR), (2, 2, Quadrant.MONITOR)])
def test_the_grid_places_stakeholders_by_influence_and_interest(influence, interest, expected):
    assert quadrant(influence, interest) == expected


@pytest.mark.parametrize(("influence", "interest"), [(0, 3), (3, 6), (True, 3), (2.5, 3)])
def test_the_grid_refuses_ratings_off_the_scale(influence, interest):
    with pytest.raises(StakeholderError):
        quadrant(influence, interest)


@given(ratings, ratings, ratings, ratings)
def test_more_influence_or_interest_never_means_less_attention(i1, n1, i2, n2):
    attention = {Quadrant.MONITOR: 0, Quadrant.KEEP_INFORMED: 1, Quadrant.KEEP_SATISFIED: 1,
                 Quadrant.MANAGE_CLOSELY: 2}
    if i2 >= i1 and n2 >= n1:
        assert attention[quadrant(i2, n2)] >= attention[quadrant(i1, n1)]


def test_a_longer_task_moves_its_successors_and_the_finish():
    before = {"a": Dates(0, 960), "b": Dates(960, 1920), "c": Dates(0, 480)}
    after = {"a": Dates(0, 1440), "b": Dates(1440, 2400), "c": Dates(0, 480), "n": Dates(2400, 2880)}
    impact = compare(before, after, finish_before=1920, finish_after=2880)
    assert impact.finish_delta == 960
    assert [(m.task, m.start_delta, m.finish_delta) for m in impact.moved] == [("b", 480, 480), ("a", 0, 480)]
    assert impact.added == ("n",)


schedules = st.dictionaries(st.sampled_from("abcdefgh"), st.tuples(st.integers(0, 10_000), st.integers(0, 5_000))
                            .map(lambda t: Dates(t[0], t[0] + t[1])), max_size=8)


@given(schedules)
def test_an_unchanged_schedule_has_no_impact(plan):
    impact = compare(plan, plan, finish_before=100, finish_after=100)
    assert (impact.moved, impact.added, impact.finish_delta) == ((), (), 0)


@given(schedules, schedules, st.integers(0, 20_000), st.integers(0, 20_000))
def test_undoing_a_change_moves_the_same_tasks_back(before, after, f1, f2):
    forth = compare(before, after, finish_before=f1, finish_after=f2)
    back = compare(after, before, finish_before=f2, finish_after=f1)
    assert forth.finish_delta == -back.finish_delta
    assert {(m.task, m.start_delta, m.finish_delta) for m in forth.moved} == {
        (m.task, -m.start_delta, -m.finish_delta) for m in back.moved}
    assert set(forth.added) == set(after) - set(before)
