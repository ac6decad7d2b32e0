"""CPR-like values are caught on every valid date and only then."""

import datetime as dt

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from intake.cpr import cpr_mask_series, find_cpr, looks_like_cpr, mask_cpr

dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))
serials = st.integers(min_value=0, max_value=9999)
text = st.text(alphabet="abc ÆØÅ-_:;", max_size=5)


@settings(deadline=None)  # no timed assertion: a loaded machine made the 200 ms default flaky
@given(dates, serials, st.booleans(), text, text)
def test_cpr_for_every_valid_date_is_caught_with_or_without_dash_and_embedded(d, serial, dash, before, after):
    value = f"{d:%d%m%y}{'-' if dash else ''}{serial:04d}"
    assert looks_like_cpr(f"{before}{value}{after}")
    assert cpr_mask_series(pd.Series([f"{before}{value}{after}"], dtype="str")).tolist() == [True]


@given(st.integers(min_value=32, max_value=99), st.integers(min_value=1, max_value=12), serials)
def test_day_out_of_range_is_not_cpr(day, month, serial):
    assert not looks_like_cpr(f"{day:02d}{month:02d}90-{serial:04d}")


@given(st.integers(min_value=1, max_value=28), st.integers(min_value=13, max_value=99), serials)
def test_month_out_of_range_is_not_cpr(day, month, serial):
    assert not looks_like_cpr(f"{day:02d}{month:02d}90{serial:04d}")


@given(st.integers(min_value=10**8, max_value=10**9 - 1))
def test_nine_digit_runs_are_not_cpr(n):
    assert not looks_like_cpr(str(n))


@given(st.integers(min_value=10**10, max_value=10**11 - 1))
def test_eleven_digit_runs_are_not_cpr(n):
    assert not looks_like_cpr(str(n))


def test_named_non_dates_are_not_cpr():
    assert find_cpr("320190-1234") == []
    assert find_cpr("011390-1234") == []
    assert find_cpr("290201-1234") == []  # 1901 and 2001 are not leap years


def test_29_february_counts_when_either_century_is_a_leap_year():
    assert find_cpr("290200-1234") == ["290200-1234"]  # 2000 is a leap year
    assert find_cpr("2902961234") == ["2902961234"]


def test_mask_keeps_only_the_birth_date():
    assert mask_cpr("ring 0101901234 nu") == "ring 010190-**** nu"
    assert mask_cpr("010190-1234") == "010190-****"
    assert mask_cpr("320190-1234") == "320190-1234"
