"""Danish formatting for the interface: dates, periods and plain numbers."""

from __future__ import annotations

import re
from datetime import date, datetime

from metrics.format import format_number, format_share

MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)

# Links, images, emphasis, HTML, tables, Streamlit's `:red[..]` directives and LaTeX (`$..$`) need one of these.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]()#!|<>$~])")


def md(text: object) -> str:
    """Stored text (file, catalogue, filter or strategy names) made literal inside Streamlit markdown."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def number(value: float | int | None, decimals: int = 0) -> str:
    """`1.234,5` style: dot for thousands, comma for decimals."""
    return format_number(value, decimals)


def percent(value: float | None, decimals: int = 1) -> str:
    """A share 0..1 as `39,5 %`."""
    return format_share(value, decimals)


def day(value: date | datetime | None) -> str:
    """`23.11.2026`."""
    if value is None:
        return "–"
    return value.strftime("%d.%m.%Y")


def timestamp(value: datetime | None) -> str:
    """`23.11.2026 kl. 14:05`."""
    if value is None:
        return "–"
    return f"{value:%d.%m.%Y} kl. {value:%H:%M}"


def long_date(value: date) -> str:
    """`23. november 2026`."""
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def period_label(value: str) -> str:
    """A period as a Danish label: `2025`, `1. halvår 2025`, `3. kvartal 2025`, `marts 2025`."""
    if not value:
        return "–"
    if len(value) == 7 and value[4:6] == "-Q":
        return f"{value[6]}. kvartal {value[:4]}"
    if len(value) == 7 and value[4:6] == "-H":
        return f"{value[6]}. halvår {value[:4]}"
    if len(value) == 7 and value[4] == "-" and value[5:].isdigit() and 1 <= int(value[5:]) <= 12:
        return f"{_MONTHS[int(value[5:]) - 1]} {value[:4]}"
    return value


_MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip
