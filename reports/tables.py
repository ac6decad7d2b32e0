"""Tables for the Excel and CSV exports of every view, built only from suppressed results.

A cell is text, None (empty) or a `Num` carrying its unit, so that the writers can store a number as a
number with a Danish number format. A hidden figure is never a number: its cell holds what the page
shows (`<5`, `For få data`, `over 90 %`) and the reason goes to the `Bemærkning` column.
"""

from __future__ import annotations

from dataclasses import dataclass, field

UNIT_LABELS = {"andel": "%", "antal": "antal", "dage": "dage", "gennemsnit": "gennemsnit"}


@dataclass(frozen=True)
class Num:
    """A number in a unit: `andel` (a share 0..1), `antal`, `dage`, `gennemsnit`, `decimal` or `år`."""

    value: float
    unit: str = "decimal"


class Hidden(str):
    """The text shown in place of a hidden figure (`<5`, `For få data`, `over 90 %`)."""


@dataclass
class Table:
    """One table of an export: a title, column headers and rows of cells."""

    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""


@dataclass
class Header:
    """The block above every table: what, which strategy, period and filters, when, demo or not."""

    title: str
    strategy: str
    period: str
    filters: list[str]
    created: str
    demo: bool
    min_n: int


def rounded(value: float, unit: str | None) -> float:
    """A value rounded as the pages show it (a share to 0,1 percentage point, a count whole)."""
    if unit == "andel":
        return round(value * 100, 1) / 100  # as the display rounds it (`13,7 %`)
    if unit == "antal":
        return float(round(value))
    return round(value, 1)


def value_cell(result, unit: str | None):
    """The figure of a result: a `Num` when shown, the displayed text when hidden, None without a result."""
    if result is None:
        return None
    if result.suppressed or result.value is None:
        return Hidden(result.display)
    return Num(rounded(result.value, unit), unit or "decimal")


def basis_cell(result):
    """The number of citizens (or answers) behind a shown figure, as the pages' hover text gives it."""
    if result is None or result.suppressed or result.denominator is None:
        return None
    return Num(float(result.denominator), "antal")


def reason_cell(result) -> str:
    """Why a figure is hidden ('' when it is shown)."""
    if result is None:
        return "Ingen beregning."
    return (result.reason or "Skjult for at beskytte borgerne.") if result.suppressed else ""


def unit_label(unit: str | None) -> str:
    """`%`, `antal`, `dage`, `point` (the unit column)."""
    return UNIT_LABELS.get(unit or "", "")


def status_text(status) -> str:
    """A status as symbol and word (`(usikker)` when uncertain); 'Intet mål' without one."""
    if status is None:
        return "Intet mål"
    text = f"{getattr(status, 'icon', '')} {status.label}".strip()
    return text + (" (usikker)" if getattr(status, "uncertain", False) else "")


INDICATOR_COLUMNS = ["Fokusområde", "Indikator", "Værdi", "Enhed", "Forventet", "Status", "Grundlag", "Bemærkning"]


def indicator_rows(area: str, lines) -> list[list]:
    """One row per indicator line (`ui.summary.IndicatorLine`): value, expected value and status."""
    rows = []
    for line in lines:
        expected = Num(rounded(line.expected, line.unit), line.unit or "decimal") if line.expected is not None else None
        rows.append(
            [
                area,
                line.name,
                value_cell(line.result, line.unit),
                unit_label(line.unit),
                expected,
                status_text(line.status) if line.status is not None or not line.goal_note else line.goal_note,
                basis_cell(line.result),
                reason_cell(line.result),
            ]
        )
    return rows


def trend_table(title: str, named_trends: list[tuple[str, str | None, list]]) -> Table:
    """Indicators (rows) by year (columns) from (name, unit, yearly results)."""
    years = sorted({str(r.period) for _, _, rs in named_trends for r in rs})
    rows = []
    for name, unit, results in named_trends:
        by_year = {str(r.period): r for r in results}
        rows.append([name, unit_label(unit), *(value_cell(by_year.get(y), unit) for y in years)])
    return Table(title, ["Indikator", "Enhed", *years], rows)


def breakdown_table(title: str, results: list, dimension: str, label: str, unit: str | None, name: str = "") -> Table:
    """One indicator (or several) by the groups of a dimension: value, basis and reason per group."""
    rows = []
    for r in results:
        if not r.group or dimension not in r.group:
            continue
        rows.append([name, r.group[dimension], value_cell(r, unit), unit_label(unit), basis_cell(r), reason_cell(r)])
    return Table(title, ["Indikator", label, "Værdi", "Enhed", "Grundlag", "Bemærkning"], rows)


def matrix_table(title: str, cells: dict, rows: list[str], cols: list[str], unit: str | None, row_label: str) -> Table:
    """A cross table (rows × cols) of suppressed results; an empty cell is a combination without data."""
    out = [[r, *(value_cell(cells.get((r, c)), unit) for c in cols)] for r in rows]
    return Table(title, [row_label, *cols], out, note=f"Enhed: {unit_label(unit) or 'tal'}.")


def count_rows(items: list[dict], label_keys: list[str]) -> list[list]:
    """Rows of suppressed counts (`value` None when hidden, `display` what the page shows)."""
    return [
        [
            *(d[k] for k in label_keys),
            Num(float(d["value"]), "antal") if d.get("value") is not None else Hidden(d["display"]),
        ]
        for d in items
    ]


def hidden_cells(tables: list[Table]) -> list[tuple[str, str, str]]:
    """(table, row label, shown text) for every hidden figure in the tables."""
    out = []
    for table in tables:
        for row in table.rows:
            label = " · ".join(c for c in row[:2] if isinstance(c, str) and c and not isinstance(c, Hidden))
            out += [(table.title, label, str(c)) for c in row if isinstance(c, Hidden)]
    return out
