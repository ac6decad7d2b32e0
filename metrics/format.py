"""Danish number formatting for figures: `39,5 %`, `1.234`, `12,5`, `9 dage`."""

from __future__ import annotations


def format_number(value: float | int | None, decimals: int = 1) -> str:
    """A number with Danish separators: 1234.5 → '1.234,5'."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "§").replace(".", ",").replace("§", ".")


def format_count(value: int | None) -> str:
    """A count with a thousands dot: 1234 → '1.234'."""
    return format_number(value, 0)


def format_share(value: float | None, decimals: int = 1) -> str:
    """A share 0..1 as a Danish percentage: 0.395 → '39,5 %'."""
    if value is None:
        return "–"
    return f"{format_number(value * 100, decimals)} %"


def format_days(value: float | None) -> str:
    """A number of days: 9.0 → '9 dage', 9.5 → '9,5 dage', 1 → '1 dag'."""
    if value is None:
        return "–"
    text = format_number(value, 0 if float(value).is_integer() else 1)
    return f"{text} dag" if value == 1 else f"{text} dage"
