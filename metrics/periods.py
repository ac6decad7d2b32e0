"""Periods: a year, a quarter or a date range, parsed from the labels users and the CLI give."""

from __future__ import annotations

import re
from datetime import date

import duckdb

from metrics.types import Period

_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


def year_period(year: int) -> Period:
    """The calendar year as a Period labelled '2025'."""
    return Period(date(year, 1, 1), date(year, 12, 31), str(year))


def quarter_period(year: int, quarter: int) -> Period:
    """A calendar quarter as a Period labelled '2025-Q3'."""
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return Period(start, date.fromordinal(end.toordinal() - 1), f"{year}-Q{quarter}")


def current_period_label() -> str:
    """The default period: the current calendar year."""
    return str(date.today().year)


def parse_period(text: str | Period | None) -> Period:
    """Parse '2025', '2025-Q3' or '2025-01-01..2025-06-30' (None = the current year); Danish ValueError if bad."""
    if isinstance(text, Period):
        return text
    raw = (text or current_period_label()).strip()
    if m := _YEAR.match(raw):
        return year_period(int(m.group(1)))
    if m := _QUARTER.match(raw):
        return quarter_period(int(m.group(1)), int(m.group(2)))
    if m := _RANGE.match(raw):
        try:
            start, end = date.fromisoformat(m.group(1)), date.fromisoformat(m.group(2))
        except ValueError:
            raise ValueError(f"Perioden '{raw}' indeholder en ugyldig dato.") from None
        if end < start:
            raise ValueError(f"Perioden '{raw}' slutter før den starter.")
        return Period(start, end, raw)
    raise ValueError(
        f"Perioden '{raw}' kan ikke læses. Skriv et år (2025), et kvartal (2025-Q3) "
        "eller et datointerval (2025-01-01..2025-06-30)."
    )


def data_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """The years from the first year with data (episodes or answers) to the current year."""
    row = con.execute(
        "SELECT least((SELECT min(startdato) FROM indsatser), (SELECT min(dato) FROM borgeroplevelse))"
    ).fetchone()
    this_year = date.today().year
    first = row[0].year if row and row[0] is not None else this_year
    return list(range(min(first, this_year), this_year + 1))
