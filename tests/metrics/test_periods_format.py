"""Periods and Danish formatting."""

from __future__ import annotations

from datetime import date

import pytest

from metrics.format import format_count, format_days, format_number, format_share
from metrics.periods import current_period_label, data_years, parse_period, year_period
from tests.metrics.conftest import add_episode


def test_parse_year_half_quarter_and_month():
    assert parse_period("2025") == year_period(2025)
    q3 = parse_period("2025-Q3")
    assert (q3.start, q3.end, q3.label) == (date(2025, 7, 1), date(2025, 9, 30), "2025-Q3")
    q4 = parse_period("2024-q4")
    assert (q4.start, q4.end) == (date(2024, 10, 1), date(2024, 12, 31))
    h1, h2 = parse_period("2025-H1"), parse_period("2025-h2")
    assert (h1.start, h1.end, h2.start, h2.end) == (
        date(2025, 1, 1),
        date(2025, 6, 30),
        date(2025, 7, 1),
        date(2025, 12, 31),
    )
    feb = parse_period("2024-02")
    assert (feb.start, feb.end, feb.label) == (date(2024, 2, 1), date(2024, 2, 29), "2024-02")
    assert parse_period(None).label == current_period_label() == str(date.today().year)


@pytest.mark.parametrize("bad", ["25", "2025-Q5", "2025-H3", "2025-13", "i år"])
def test_bad_period_is_a_danish_error(bad):
    with pytest.raises(ValueError, match="Perioden"):
        parse_period(bad)


@pytest.mark.parametrize("rng", ["2025-01-01..2025-01-16", "2020-01-01..2025-06-30", "2025-06-30..2025-01-01"])
def test_a_day_range_is_refused_because_ranges_a_day_apart_give_one_day(rng):
    with pytest.raises(ValueError, match="datointerval.*enkelt dag"):
        parse_period(rng)


def test_data_years_from_first_data_year_to_this_year(con):
    assert data_years(con) == [date.today().year]
    add_episode(con, "Y001", 1990, "Mentor", "2021-05-01")
    assert data_years(con) == list(range(2021, date.today().year + 1))


def test_danish_formatting():
    assert format_share(0.395) == "39,5 %"
    assert format_count(1234) == "1.234"
    assert format_number(12.5) == "12,5"
    assert format_number(1234.5) == "1.234,5"
    assert format_days(9.0) == "9 dage"
    assert format_days(14.5) == "14,5 dage"
    assert format_days(1) == "1 dag"
    assert format_share(None) == "–"
