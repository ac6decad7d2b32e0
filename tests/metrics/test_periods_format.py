"""Periods and Danish formatting."""

from __future__ import annotations

from datetime import date

import pytest

from metrics.format import format_count, format_days, format_number, format_share
from metrics.periods import current_period_label, data_years, parse_period, year_period
from tests.metrics.conftest import add_episode


def test_parse_year_quarter_and_range():
    assert parse_period("2025") == year_period(2025)
    q3 = parse_period("2025-Q3")
    assert (q3.start, q3.end, q3.label) == (date(2025, 7, 1), date(2025, 9, 30), "2025-Q3")
    q4 = parse_period("2024-q4")
    assert (q4.start, q4.end) == (date(2024, 10, 1), date(2024, 12, 31))
    rng = parse_period("2025-01-01..2025-06-30")
    assert (rng.start, rng.end, rng.label) == (date(2025, 1, 1), date(2025, 6, 30), "2025-01-01..2025-06-30")
    assert parse_period(None).label == current_period_label() == str(date.today().year)


@pytest.mark.parametrize("bad", ["25", "2025-Q5", "2025-13-01..2025-12-31", "2025-06-30..2025-01-01", "i år"])
def test_bad_period_is_a_danish_error(bad):
    with pytest.raises(ValueError, match="Perioden"):
        parse_period(bad)


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
