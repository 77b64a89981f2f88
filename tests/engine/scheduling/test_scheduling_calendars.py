from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cairn.engine.scheduling.calendars import Calendar, TimeRange, working_day
from cairn.engine.scheduling.errors import CalendarError
from cairn.engine.scheduling.timeline import Timeline

NEW_YEAR = date(2025, 1, 1)  # a Wednesday
STANDARD = Calendar.standard(holidays=[NEW_YEAR])
MONDAY = date(2024, 12, 30)


@pytest.fixture
def timeline() -> Timeline:
    return Timeline(STANDARD, MONDAY)


def test_a_range_parses_and_prints() -> None:
    assert TimeRange.parse("08:00-12:30") == TimeRange(480, 750)
    assert str(TimeRange(480, 1440)) == "08:00-24:00"


@pytest.mark.parametrize("text", ["8-12", "12:00-08:00", "08:00-08:00", "08:61-09:00", "00:00-24:01"])
def test_it_refuses_a_bad_range(text: str) -> None:
    with pytest.raises(CalendarError):
        TimeRange.parse(text)


def test_it_refuses_overlapping_ranges() -> None:
    with pytest.raises(CalendarError, match="Overlapping"):
        working_day("08:00-12:00, 11:00-13:00")


def test_it_refuses_a_week_without_working_time() -> None:
    with pytest.raises(CalendarError, match="no working time"):
        Calendar.weekly({})


def test_the_standard_calendar_works_weekdays_with_a_lunch_break() -> None:
    assert STANDARD.is_working_time(datetime(2024, 12, 30, 8))
    assert not STANDARD.is_working_time(datetime(2024, 12, 30, 12, 30))
    assert not STANDARD.is_working_time(datetime(2024, 12, 30, 17))
    assert not STANDARD.is_working_day(date(2025, 1, 4))  # Saturday
    assert not STANDARD.is_working_day(NEW_YEAR)


def test_an_exception_can_give_special_hours() -> None:
    short_friday = STANDARD.with_exceptions({date(2025, 1, 3): "08:00-12:00"})
    assert short_friday.working_ranges(date(2025, 1, 3)) == (TimeRange(480, 720),)
    assert short_friday.working_ranges(NEW_YEAR) == ()  # the holiday is inherited


def test_a_saturday_can_be_a_working_exception() -> None:
    calendar = STANDARD.with_exceptions({date(2025, 1, 4): "09:00-13:00"})
    timeline = Timeline(calendar, MONDAY)
    friday_evening = timeline.offset(datetime(2025, 1, 3, 17))
    assert timeline.start_at(friday_evening) == datetime(2025, 1, 4, 9)


def test_offsets_count_working_minutes_from_midnight_of_the_origin(timeline: Timeline) -> None:
    assert timeline.offset(datetime(2024, 12, 30, 8)) == 0
    assert timeline.offset(datetime(2024, 12, 30, 10, 30)) == 150
    assert timeline.offset(datetime(2024, 12, 30, 12, 30)) == 240  # lunch counts nothing
    assert timeline.offset(datetime(2024, 12, 31, 8)) == 480


def test_a_finish_snaps_back_and_a_start_forward(timeline: Timeline) -> None:
    tuesday_evening = timeline.offset(datetime(2024, 12, 31, 17))
    assert timeline.finish_at(tuesday_evening) == datetime(2024, 12, 31, 17)
    assert timeline.start_at(tuesday_evening) == datetime(2025, 1, 2, 8)  # over the holiday
    assert timeline.finish_at(240) == datetime(2024, 12, 30, 12)
    assert timeline.start_at(240) == datetime(2024, 12, 30, 13)


def test_no_work_on_a_holiday(timeline: Timeline) -> None:
    assert timeline.working_minutes_between(datetime(2024, 12, 31, 17), datetime(2025, 1, 2, 8)) == 0
    assert timeline.offset(datetime(2025, 1, 1, 10)) == timeline.offset(datetime(2025, 1, 2, 8))


def test_adding_two_days_to_monday_morning_ends_tuesday_evening(timeline: Timeline) -> None:
    monday = datetime(2024, 12, 30, 8)
    assert timeline.add_working_minutes(monday, 2 * 480) == datetime(2024, 12, 31, 17)
    assert timeline.add_working_minutes(monday, 3 * 480) == datetime(2025, 1, 2, 17)
    assert timeline.add_working_minutes(datetime(2025, 1, 2, 8), -480) == datetime(2024, 12, 31, 8)


def test_it_reaches_years_away_in_both_directions(timeline: Timeline) -> None:
    far = datetime(2040, 6, 4, 9, 15)
    past = datetime(1999, 3, 3, 14, 45)
    assert timeline.start_at(timeline.offset(far)) == far
    assert timeline.start_at(timeline.offset(past)) == past
    assert timeline.offset(past) < 0


def test_wall_clock_times_are_naive_and_every_day_has_1440_minutes() -> None:
    # 2025-03-30 is the day European clocks jump forward; the engine ignores DST.
    calendar = Calendar.weekly(dict.fromkeys(range(7), "00:00-24:00"))
    timeline = Timeline(calendar, date(2025, 3, 29))
    assert timeline.working_minutes_between(datetime(2025, 3, 30), datetime(2025, 3, 31)) == 1440


def test_a_night_shift_is_two_ranges_that_touch_at_midnight() -> None:
    calendar = Calendar.weekly(dict.fromkeys(range(7), "00:00-06:00, 22:00-24:00"))
    timeline = Timeline(calendar, MONDAY)
    start = timeline.offset(datetime(2024, 12, 30, 23))
    assert timeline.finish_at(start + 120) == datetime(2024, 12, 31, 1)


def test_a_calendar_that_starts_with_a_long_closure_still_works() -> None:
    closed = {date(2025, 1, 1) + timedelta(days=k): () for k in range(800)}
    timeline = Timeline(Calendar.standard().with_exceptions(closed), date(2025, 1, 1))
    assert timeline.start_at(0) >= datetime(2027, 3, 11)


moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31)).map(
    lambda moment: moment.replace(second=0, microsecond=0)
)


@settings(deadline=None)  # the first call grows the timeline: slow on a busy machine
@given(moments)
def test_a_working_moment_survives_the_round_trip(moment: datetime) -> None:
    timeline = Timeline(STANDARD, MONDAY)
    offset = timeline.offset(moment)
    if STANDARD.is_working_time(moment):
        assert timeline.start_at(offset) == moment
    assert STANDARD.is_working_time(timeline.start_at(offset))
    finish = timeline.finish_at(offset)
    assert STANDARD.is_working_time(finish - timedelta(minutes=1))  # the minute it ends
    assert timeline.offset(timeline.finish_at(offset)) == offset


@given(moments, moments)
def test_working_minutes_between_is_additive(a: datetime, b: datetime) -> None:
    timeline = Timeline(STANDARD, MONDAY)
    middle = datetime(2025, 6, 2, 10)
    total = timeline.working_minutes_between(a, middle) + timeline.working_minutes_between(middle, b)
    assert timeline.working_minutes_between(a, b) == total


def test_a_date_centuries_away_is_refused_rather_than_filling_memory(timeline: Timeline) -> None:
    with pytest.raises(CalendarError, match="Beyond"):
        timeline.offset(datetime(9000, 1, 1))
    assert timeline.offset(datetime(2200, 1, 1)) > 0
