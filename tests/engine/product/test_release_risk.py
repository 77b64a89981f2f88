"""The date risk of a release: the schedule decides when there is one, the recent pace
otherwise, and no input is ever a division error."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from cairn.engine.product.releases import Level, ReleaseWork, date_risk

TODAY = dt.date(2026, 12, 1)


def test_the_forecast_shows_its_arithmetic():
    risk = date_risk(ReleaseWork(today=TODAY, target=TODAY + dt.timedelta(weeks=2), open_issues=12, done_issues=4,
                                 done_per_week=3.5))
    assert risk.level == Level.LATE
    assert risk.reason == "12 open issues, 3.5 done a week → 3.4 weeks of work; 2 weeks left."
    assert round(risk.weeks_of_work or 0, 2) == 3.43 and risk.weeks_left == 2


def test_a_comfortable_pace_is_on_track_and_a_tight_one_at_risk():
    comfortable = ReleaseWork(today=TODAY, target=TODAY + dt.timedelta(weeks=4), open_issues=4, done_issues=0,
                              done_per_week=2)
    assert date_risk(comfortable).level == Level.ON_TRACK
    tight = ReleaseWork(today=TODAY, target=TODAY + dt.timedelta(weeks=4), open_issues=7, done_issues=0,
                        done_per_week=2)
    assert date_risk(tight).level == Level.AT_RISK  # 3.5 weeks of 4: no room for surprises


def test_no_pace_with_open_work_is_at_risk_with_a_reason():
    risk = date_risk(ReleaseWork(today=TODAY, target=TODAY + dt.timedelta(days=10), open_issues=3, done_issues=0,
                                 done_per_week=0, open_hours=12))
    assert risk.level == Level.AT_RISK
    assert risk.reason == ("3 open issues (12 h estimated) and none done in recent weeks: no pace to forecast from; "
                           "10 days left.")


def test_the_schedule_decides_over_the_pace():
    target = TODAY + dt.timedelta(weeks=3)
    late = ReleaseWork(today=TODAY, target=target, open_issues=5, done_issues=0, done_per_week=50,
                       scheduled_finish=target + dt.timedelta(days=4))
    risk = date_risk(late)
    assert risk.level == Level.LATE
    assert risk.reason == "5 open issues; the schedule finishes them on 2026-12-26, 4 days after the target 2026-12-22."
    early = ReleaseWork(today=TODAY, target=target, open_issues=5, done_issues=0, done_per_week=0,
                        scheduled_finish=target - dt.timedelta(days=1))
    assert date_risk(early).level == Level.ON_TRACK
    assert "1 day before the target" in date_risk(early).reason


def test_a_schedule_whose_dates_have_passed_is_at_risk():
    risk = date_risk(ReleaseWork(today=TODAY, target=TODAY + dt.timedelta(weeks=3), open_issues=2, done_issues=0,
                                 scheduled_finish=TODAY - dt.timedelta(days=5)))
    assert risk.level == Level.AT_RISK
    assert risk.reason == "2 open issues; the schedule had them done by 2026-11-26, which has passed; 3 weeks left."


def test_a_passed_target_with_open_work_is_late():
    risk = date_risk(ReleaseWork(today=TODAY, target=TODAY - dt.timedelta(days=3), open_issues=1, done_issues=9,
                                 done_per_week=9))
    assert risk.level == Level.LATE and risk.reason == "1 open issue and the target date passed 3 days ago."


def test_shipped_no_target_and_all_done():
    assert date_risk(ReleaseWork(today=TODAY, target=None, open_issues=2, done_issues=1, shipped=True)).level \
        == Level.SHIPPED
    no_target = date_risk(ReleaseWork(today=TODAY, target=None, open_issues=2, done_issues=1))
    assert no_target.level == Level.NO_TARGET and no_target.reason == "No target date; 2 open issues."
    done = date_risk(ReleaseWork(today=TODAY, target=TODAY, open_issues=0, done_issues=6))
    assert done.level == Level.ON_TRACK and done.reason == "All 6 issues done; the target is today."
    assert Level.AT_RISK.label == "At risk"


works = st.builds(
    ReleaseWork,
    today=st.just(TODAY),
    target=st.none() | st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2032, 1, 1)),
    open_issues=st.integers(min_value=0, max_value=10_000),
    done_issues=st.integers(min_value=0, max_value=10_000),
    done_per_week=st.floats(min_value=0, max_value=1_000, allow_nan=False),
    open_hours=st.none() | st.floats(min_value=0, max_value=100_000, allow_nan=False),
    scheduled_finish=st.none() | st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2032, 1, 1)),
    shipped=st.booleans(),
)


@given(works)
def test_any_release_gets_a_level_and_a_reason(work):
    risk = date_risk(work)
    assert risk.reason and risk.reason.endswith(".")
    assert (risk.level == Level.SHIPPED) == work.shipped
    if not work.shipped:
        assert (risk.level == Level.NO_TARGET) == (work.target is None)
        if work.target is not None and work.open_issues:
            assert str(work.open_issues) in risk.reason


@given(works, st.floats(min_value=0, max_value=1_000, allow_nan=False))
def test_a_faster_pace_never_makes_a_forecast_worse(work, extra):
    # Among known paces: no pace at all is "at risk" for want of a forecast, not a verdict.
    if work.done_per_week <= 0:
        return
    order = [Level.ON_TRACK, Level.AT_RISK, Level.LATE]
    slow = date_risk(work)
    fast = date_risk(ReleaseWork(**{**work.__dict__, "done_per_week": work.done_per_week + extra}))
    if slow.level in order and fast.level in order:
        assert order.index(fast.level) <= order.index(slow.level)


@given(works)
def test_with_open_work_a_passed_target_is_always_late(work):
    if not work.shipped and work.target is not None and work.target < work.today and work.open_issues:
        assert date_risk(work).level == Level.LATE
