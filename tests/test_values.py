"""The value parsers every service uses: each value is either read as the product means
it or refused with an `Invalid` naming the field, never another exception."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cairn import values
from cairn.errors import Invalid

ANYTHING = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(), st.decimals(),
    st.dates(), st.datetimes(), st.lists(st.integers(), max_size=3), st.dictionaries(st.text(), st.integers(), max_size=2),
)


def refused(call: Any, field: str = "f") -> str:
    with pytest.raises(Invalid) as error:
        call()
    assert set(error.value.fields) == {field}
    return error.value.fields[field]


class TestText:
    def test_it_strips_and_keeps_what_fits(self) -> None:
        assert values.text("  Hello ", "f", max_length=5) == "Hello"
        assert values.text(" keep ", "f", max_length=10, strip=False) == " keep "
        assert values.text(None, "f", max_length=5) == ""

    def test_it_refuses_what_is_not_text_too_long_or_holds_nul(self) -> None:
        assert refused(lambda: values.text(5, "f", max_length=5)) == "must be text"
        assert refused(lambda: values.text("abcdef", "f", max_length=5)) == "must be at most 5 characters"
        assert refused(lambda: values.text("x" * 100_001, "f", max_length=100_000)) == "must be at most 100,000 characters"
        assert refused(lambda: values.text("a\x00b", "f", max_length=5)) == "must not contain NUL characters"

    def test_required_text_must_have_more_than_spaces(self) -> None:
        for blank in (None, "", "   \n"):
            assert refused(lambda blank=blank: values.text(blank, "f", max_length=5, required=True)) == "is required"

    @given(ANYTHING, st.integers(0, 50), st.booleans())
    def test_anything_is_text_that_fits_or_a_named_refusal(self, raw: Any, limit: int, required: bool) -> None:
        try:
            value = values.text(raw, "f", max_length=limit, required=required)
        except Invalid as error:
            assert set(error.fields) == {"f"}
        else:
            assert isinstance(value, str) and len(value) <= limit and "\x00" not in value


class TestWholeNumber:
    def test_it_takes_ints_and_their_digits(self) -> None:
        assert values.whole_number(7, "f") == 7
        assert values.whole_number(" 12 ", "f") == 12
        assert values.whole_number("-3", "f", minimum=-5) == -3

    @pytest.mark.parametrize("raw", [True, 2.5, "2.5", "", "--5", "²", "1e3", None, [1], 2**31, -1,
                                     9223372036854775808, "9" * 40])
    def test_it_refuses_anything_else_or_out_of_bounds(self, raw: Any) -> None:
        assert "whole number" in refused(lambda: values.whole_number(raw, "f"))

    @given(ANYTHING, st.integers(-(2**40), 2**40), st.integers(0, 2**40))
    def test_a_number_is_always_within_its_bounds(self, raw: Any, low: int, span: int) -> None:
        try:
            value = values.whole_number(raw, "f", minimum=low, maximum=low + span)
        except Invalid as error:
            assert set(error.fields) == {"f"}
        else:
            assert type(value) is int and low <= value <= low + span


class TestDecimal:
    def test_it_rounds_to_its_places(self) -> None:
        assert values.decimal("1.235", "f", places=2, maximum=Decimal(10)) == Decimal("1.24")
        assert values.decimal(3, "f", places=1, maximum=Decimal(10)) == Decimal("3.0")
        assert values.decimal("", "f", places=1, maximum=Decimal(10)) is None

    @pytest.mark.parametrize("raw, message", [
        ("1e999999999", "must be at most 999999"), ("-1e999999999", "must not be negative"),
        ("NaN", "must be a finite number"), ("Infinity", "must be a finite number"), ("sNaN", "must be a finite number"),
        ("lots", "'lots' is not a number"), (True, "must be a number"), (-1, "must not be negative"),
        (Decimal("1E+999999999"), "must be at most 999999"), (float("inf"), "must be a finite number"),
    ])
    def test_it_refuses_what_cannot_be_stored(self, raw: Any, message: str) -> None:
        assert refused(lambda: values.decimal(raw, "f", places=2, maximum=Decimal("999999"))) == message

    @given(ANYTHING, st.booleans())
    def test_a_decimal_always_fits_its_column(self, raw: Any, signed: bool) -> None:
        try:
            value = values.decimal(raw, "f", places=2, maximum=Decimal("999999"), signed=signed)
        except Invalid as error:
            assert set(error.fields) == {"f"}
        else:
            assert value is None or (value.is_finite() and abs(value) <= Decimal("999999")
                                     and value.as_tuple().exponent == -2 and (signed or value >= 0))


class TestDates:
    def test_it_reads_iso_dates_within_the_range(self) -> None:
        assert values.date(" 2026-12-31 ", "f") == dt.date(2026, 12, 31)
        assert values.date(dt.datetime(2026, 5, 1, 9, 0), "f") == dt.date(2026, 5, 1)
        assert values.date("", "f") is None
        assert values.date("1900-01-01", "f") == values.EARLIEST
        assert values.date("2199-12-31", "f") == values.LATEST

    @pytest.mark.parametrize("raw", ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01", dt.date(9999, 12, 31)])
    def test_it_refuses_dates_outside_the_range(self, raw: Any) -> None:
        assert refused(lambda: values.date(raw, "f")) == "must be between 1900-01-01 and 2199-12-31"
        assert refused(lambda: values.moment(f"{raw}T08:00", "f")) == "must be between 1900-01-01 and 2199-12-31"

    @pytest.mark.parametrize("raw", ["2026-13-01", "2026-02-30", "tomorrow", 20261231, "2026-12-31\x00"])
    def test_it_refuses_what_is_not_a_date(self, raw: Any) -> None:
        refused(lambda: values.date(raw, "f"))

    def test_a_required_date_must_be_given(self) -> None:
        assert refused(lambda: values.required_date(None, "f")) == "is required"

    def test_a_moment_without_an_offset_is_utc(self) -> None:
        assert values.moment("2026-12-01T08:00", "f") == dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
        offset = values.moment("2026-12-01T08:00+02:00", "f")
        assert offset is not None and offset.utcoffset() == dt.timedelta(hours=2)

    @given(ANYTHING)
    def test_a_date_is_always_in_the_range(self, raw: Any) -> None:
        for parse in (values.date, values.moment):
            try:
                value = parse(raw, "f")
            except Invalid as error:
                assert set(error.fields) == {"f"}
            else:
                assert value is None or values.EARLIEST <= (value if type(value) is dt.date else value.date()) <= values.LATEST

    @given(st.dates())
    def test_a_stored_date_is_brought_into_the_range(self, day: dt.date) -> None:
        inside = values.within_range(day)
        assert values.EARLIEST <= inside <= values.LATEST
        assert inside == day or not values.EARLIEST <= day <= values.LATEST
