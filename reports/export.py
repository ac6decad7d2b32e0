"""Write export tables as Excel (numbers as numbers, Danish number formats) or CSV (Danish Excel dialect).

Every text cell is neutralised against formula injection: text starting with `=`, `+`, `-`, `@`, a tab
or a carriage return gets a leading apostrophe, so no spreadsheet ever runs it as a formula.
"""

from __future__ import annotations

import csv
import io
import re

from reports import texts
from reports.tables import Header, Hidden, Num, Table, hidden_cells

# Excel number formats; Excel shows them with the reader's separators (Danish: 1.234,5 and 13,7 %).
FORMATS = {
    "andel": "0.0 %",
    "antal": "#,##0",
    "dage": '#,##0.0" dage"',
    "gennemsnit": "#,##0.0",
    "decimal": "#,##0.0",
    "år": "0",
}
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
HIDDEN_SHEET = "Skjulte tal"


def neutralise(text: str) -> str:
    """Text that no spreadsheet reads as a formula (a leading apostrophe where it could be one)."""
    return "'" + text if text.startswith(_DANGEROUS) else text


def _header_lines(header: Header) -> list[tuple[str, str]]:
    lines = [
        ("Strategi", header.strategy),
        ("Periode", header.period),
        ("Filtre", "; ".join(header.filters) if header.filters else texts.NO_FILTERS),
        ("Udskrevet", header.created),
        ("Skjulte tal", f"Se arket '{HIDDEN_SHEET}'. {texts.hidden_rule(header.min_n)}"),
    ]
    if header.demo:
        lines.append(("Bemærk", texts.DEMO_NOTICE))
    return lines


def _sheet_name(title: str, used: set[str]) -> str:
    base = _SHEET_BAD.sub(" ", title).strip()[:28] or "Ark"
    name, n = base, 2
    while name.lower() in used:
        name, n = f"{base[:26]} {n}", n + 1
    used.add(name.lower())
    return name


def to_xlsx(tables: list[Table], header: Header) -> bytes:
    """One sheet per table (header block on top) and a sheet explaining the hidden figures."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    bold = wb.add_format({"bold": True})
    title_fmt = wb.add_format({"bold": True, "font_size": 14, "font_color": "#00587C"})
    head_fmt = wb.add_format({"bold": True, "bg_color": "#EEF3F6", "border": 1, "text_wrap": True, "valign": "top"})
    demo_fmt = wb.add_format({"bold": True, "bg_color": "#FFF3CD"})
    hidden_fmt = wb.add_format({"font_color": "#5F6B73", "italic": True, "align": "right"})
    num_fmts = {unit: wb.add_format({"num_format": code}) for unit, code in FORMATS.items()}
    used: set[str] = set()
    for table in tables:
        ws = wb.add_worksheet(_sheet_name(table.title, used))
        ws.write_string(0, 0, neutralise(f"{header.title} – {table.title}"), title_fmt)
        row = 1
        for label, value in _header_lines(header):
            ws.write_string(row, 0, label, bold)
            ws.write_string(row, 1, neutralise(value), demo_fmt if label == "Bemærk" else None)
            row += 1
        if table.note:
            ws.write_string(row, 0, neutralise(table.note))
            row += 1
        row += 1
        for j, col in enumerate(table.columns):
            ws.write_string(row, j, neutralise(str(col)), head_fmt)
        ws.freeze_panes(row + 1, 0)
        for values in table.rows:
            row += 1
            for j, cell in enumerate(values):
                if isinstance(cell, Num):
                    ws.write_number(row, j, cell.value, num_fmts.get(cell.unit, num_fmts["decimal"]))
                elif isinstance(cell, Hidden):
                    ws.write_string(row, j, neutralise(str(cell)), hidden_fmt)
                elif cell is not None and cell != "":
                    ws.write_string(row, j, neutralise(str(cell)))
        ws.set_column(0, 0, 32)
        ws.set_column(1, max(1, len(table.columns) - 1), 16)
    ws = wb.add_worksheet(HIDDEN_SHEET)
    ws.write_string(0, 0, "Skjulte tal (diskretionering)", title_fmt)
    row = 2
    for head, text in texts.explanations(header.min_n)[-1:]:
        ws.write_string(row, 0, head, bold)
        ws.write_string(row + 1, 0, text)
        row += 3
    ws.write_string(row, 0, "Tal i denne fil, der er skjult:", bold)
    row += 1
    for j, col in enumerate(("Tabel", "Række", "Vises som")):
        ws.write_string(row, j, col, head_fmt)
    found = hidden_cells(tables)
    for table, label, shown in found:
        row += 1
        for j, value in enumerate((table, label, shown)):
            ws.write_string(row, j, neutralise(value))
    if not found:
        ws.write_string(row + 1, 0, "Ingen tal er skjult i denne udtrækning.")
    ws.set_column(0, 0, 40)
    ws.set_column(1, 2, 30)
    wb.close()
    return buf.getvalue()


def _csv_number(cell: Num) -> str:
    """A number with a decimal comma and no thousands separator; a share in percent (unit column says %)."""
    if cell.unit == "andel":
        text = f"{cell.value * 100:.1f}"
    elif cell.unit in ("antal", "år"):
        text = f"{cell.value:.0f}"
    else:
        text = f"{cell.value:.1f}"
    return text.replace(".", ",")


def to_csv(tables: list[Table], header: Header) -> bytes:
    """Danish Excel CSV: UTF-8 with BOM, `;` between fields, decimal comma; tables one after another."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(header.title)])
    for label, value in _header_lines(header):
        writer.writerow([label, neutralise(value)])
    for table in tables:
        writer.writerow([])
        writer.writerow([neutralise(table.title)])
        if table.note:
            writer.writerow([neutralise(table.note)])
        writer.writerow([neutralise(str(c)) for c in table.columns])
        for values in table.rows:
            writer.writerow(
                [_csv_number(c) if isinstance(c, Num) else ("" if c is None else neutralise(str(c))) for c in values]
            )
    writer.writerow([])
    writer.writerow([HIDDEN_SHEET])
    writer.writerow(["Tabel", "Række", "Vises som"])
    for row in hidden_cells(tables):
        writer.writerow([neutralise(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
