"""Periods: a year, a half-year, a quarter or a month, parsed from the labels users and the CLI give.

No arbitrary day ranges: two ranges a day apart would give the figure for a single day by subtraction,
so a range is refused with a Danish message (the small-number rule in INDICATORS.md)."""

from __future__ import annotations

import re
from datetime import date

import duckdb

from metrics.types import Period

TREND_YEARS = 5  # years in trend lines: enough to see a direction, cheap enough to compute on ~1M episodes

_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_HALF = re.compile(r"^(\d{4})-[Hh]([12])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_RANGE = re.compile(r"\d{4}-\d{2}-\d{2}\s*\.\.")
PERIOD_HELP = "et år (2025), et halvår (2025-H1), et kvartal (2025-Q3) eller en måned (2025-03)"


def year_period(year: int) -> Period:
    """The calendar year as a Period labelled '2025'."""
    return Period(date(year, 1, 1), date(year, 12, 31), str(year))


def quarter_period(year: int, quarter: int) -> Period:
    """A calendar quarter as a Period labelled '2025-Q3'."""
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return Period(start, date.fromordinal(end.toordinal() - 1), f"{year}-Q{quarter}")


def half_period(year: int, half: int) -> Period:
    """A calendar half-year as a Period labelled '2025-H1'."""
    end = date(year, 6, 30) if half == 1 else date(year, 12, 31)
    return Period(date(year, 1 if half == 1 else 7, 1), end, f"{year}-H{half}")


def month_period(year: int, month: int) -> Period:
    """A calendar month as a Period labelled '2025-03'."""
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return Period(date(year, month, 1), date.fromordinal(nxt.toordinal() - 1), f"{year}-{month:02d}")


def current_period_label() -> str:
    """The default period: the current calendar year."""
    return str(date.today().year)


def parse_period(text: str | Period | None) -> Period:
    """Parse '2025', '2025-H1', '2025-Q3' or '2025-03' (None = the current year); Danish ValueError if bad."""
    if isinstance(text, Period):
        return text
    raw = (text or current_period_label()).strip()
    if m := _YEAR.match(raw):
        return year_period(int(m.group(1)))
    if m := _HALF.match(raw):
        return half_period(int(m.group(1)), int(m.group(2)))
    if m := _QUARTER.match(raw):
        return quarter_period(int(m.group(1)), int(m.group(2)))
    if (m := _MONTH.match(raw)) and 1 <= int(m.group(2)) <= 12:
        return month_period(int(m.group(1)), int(m.group(2)))
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    if _RANGE.match(raw):
        raise ValueError(
            f"Perioden '{shown}' er et datointerval, og det kan ikke vælges: to intervaller, der kun adskiller sig "
            f"med én dag, ville vise tallene for en enkelt dag og dermed kunne pege på enkelte borgere. Vælg {PERIOD_HELP}."
        )
    raise ValueError(f"Perioden '{shown}' kan ikke læses. Skriv {PERIOD_HELP}.")


def data_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """The years from the first year with data (episodes or answers) to the current year."""
    row = con.execute(
        "SELECT least((SELECT min(startdato) FROM indsatser), (SELECT min(dato) FROM borgeroplevelse))"
    ).fetchone()
    this_year = date.today().year
    first = row[0].year if row and row[0] is not None else this_year
    return list(range(min(first, this_year), this_year + 1))
