"""The downloadable error report: every error listed, and a copy of the analyst's sheet with the cells marked."""

from __future__ import annotations

import datetime as dt
import io
import re

import numpy as np
import pandas as pd
import xlsxwriter

from intake.cpr import mask_cpr
from intake.locate import find_header, header_lookup
from intake.read import RawSheet, Workbook, column_letter, read_csv
from intake.result import ImportResult, Refused
from intake.sniff import detect_format
from schemas.columns import normalize_header
from schemas.extracts import EXTRACTS
from textsafe import safe, safe_message

MAX_MARKED = 20_000  # cells given a red fill and a note in the copy; the list sheet always holds every error
FULL_COPY_CELLS = 300_000  # larger sheets are copied with only their header rows and the rows holding errors
MAX_COPY_ERROR_ROWS = 5_000  # ... and at most this many of those rows
CELL_CHARS = 32_000  # Excel holds at most 32,767 characters in a cell
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]{0,14})(?:[.,][0-9]{1,10})?")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?: 00:00:00)?")
_DMY_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")


def typed_cell(text: str) -> float | dt.date | str:
    """A cell read as text back as the analyst typed it: a number, a date, or text (leading zeros stay text)."""
    if _NUMBER.fullmatch(text):
        return float(text.replace(",", "."))
    m = _ISO_DATE.fullmatch(text)
    if m:
        year, month, day = (int(g) for g in m.groups())
    else:
        m = _DMY_DATE.fullmatch(text)
        if not m:
            return text
        day, month, year = (int(g) for g in m.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return text


def _read_sheet(data: bytes, filename: str, sheet: str | None) -> RawSheet | None:
    try:
        fmt = detect_format(data, filename)
        if fmt == "csv":
            return read_csv(data, name=filename.rsplit("/", 1)[-1] or "CSV")
        book = Workbook(data)
        name = sheet if sheet in book.sheet_names else (book.sheet_names[0] if len(book.sheet_names) == 1 else None)
        return book.read(name) if name else None
    except Refused:
        return None


def _column_positions(raw: RawSheet, extract_id: str | None) -> tuple[dict[str, int], int | None]:
    """Map contract names and header texts to positional columns, via the header row."""
    extract = EXTRACTS.get(extract_id or "")
    if extract is None:
        return {}, None
    header_i = find_header(raw.frame, extract)
    if header_i is None:
        return {}, None
    lookup = header_lookup(extract)
    out: dict[str, int] = {}
    for pos, value in raw.frame.iloc[header_i].items():
        if value is None or value != value:
            continue
        out[str(value)] = int(pos)
        name = lookup.get(normalize_header(value))
        if name:
            out[name] = int(pos)
    return out, header_i


def _write_copy(wb: xlsxwriter.Workbook, raw: RawSheet, result: ImportResult) -> None:
    title = f"Kopi af {safe(raw.name)}"[:31]
    for ch in "[]:*?/\\":
        title = title.replace(ch, "_")
    ws = wb.add_worksheet(title)
    red = wb.add_format({"bg_color": "#FF9999", "border": 1, "border_color": "#C00000"})
    positions, header_i = _column_positions(raw, result.extract)
    letters = {column_letter(raw.first_col + int(p)): int(p) for p in raw.frame.columns}
    marks: dict[tuple[int, int], list[str]] = {}
    for e in result.errors:
        if e.row is None or e.column is None:
            continue
        for part in e.column.split(", "):
            pos = positions.get(part, letters.get(part))
            if pos is not None:
                marks.setdefault((e.row, pos), []).append(e.message)
    index_of_row = {int(r): i for i, r in enumerate(raw.rows)}
    frame = raw.frame
    if frame.size > FULL_COPY_CELLS:  # keep the report quick: header/title rows and the rows with errors
        error_rows = sorted({row for row, _ in marks})[:MAX_COPY_ERROR_ROWS]
        wanted = set(error_rows) | {int(r) for r in raw.rows[: (header_i or 0) + 1]}
        keep = [index_of_row[r] for r in sorted(wanted) if r in index_of_row]
        frame = frame.iloc[keep]
        rows_of = raw.rows[keep]
        copied = set(error_rows)
        marks = {k: v for k, v in marks.items() if k[0] in copied}
    else:
        rows_of = raw.rows
    date = wb.add_format({"num_format": "dd.mm.yyyy"})
    red_date = wb.add_format({"num_format": "dd.mm.yyyy", "bg_color": "#FF9999", "border": 1, "border_color": "#C00000"})
    marking = len(marks) <= MAX_MARKED
    for pos in frame.columns:
        col = frame[pos]
        excel_col = raw.first_col + int(pos)
        present = np.flatnonzero(col.notna().to_numpy())
        for i in present:
            value = typed_cell(safe(mask_cpr(col.iat[i]), CELL_CHARS))
            excel_row = int(rows_of[i]) - 1
            marked = marking and (excel_row + 1, int(pos)) in marks
            if isinstance(value, dt.date):
                ws.write_datetime(excel_row, excel_col, value, red_date if marked else date)
            elif isinstance(value, float):
                ws.write_number(excel_row, excel_col, value, *([red] if marked else []))
            else:
                ws.write_string(excel_row, excel_col, value, *([red] if marked else []))
    for n, ((row, pos), messages) in enumerate(sorted(marks.items())):
        if n >= MAX_MARKED:
            break
        excel_row, excel_col = row - 1, raw.first_col + pos
        if row not in index_of_row or pd.isna(raw.frame[pos].iat[index_of_row[row]]):
            ws.write_blank(excel_row, excel_col, None, red)
        ws.write_comment(excel_row, excel_col, "\n".join(dict.fromkeys(safe_message(m) for m in messages)))


def error_report_xlsx(result: ImportResult, data: bytes | None, filename: str) -> bytes:
    """An .xlsx listing every error (Ark, Række, Kolonne, Værdi, Fejl) plus a marked copy of the analyst's sheet."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False})
    bold = wb.add_format({"bold": True})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    ws = wb.add_worksheet("Fejl")
    ws.write_string(0, 0, f"Fejlrapport for {safe(filename)}", bold)
    ws.write_string(1, 0, f"{len(result.errors)} fejl. Intet fra filen er gemt. Ret fejlene, og upload filen igen.")
    for i, h in enumerate(("Ark", "Række", "Kolonne", "Værdi", "Fejl")):
        ws.write_string(3, i, h, head)
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 8)
    ws.set_column(2, 2, 26)
    ws.set_column(3, 3, 28)
    ws.set_column(4, 4, 90, wrap)
    for r, e in enumerate(result.errors, start=4):
        ws.write_string(r, 0, safe(e.sheet))
        if e.row is not None:
            ws.write_number(r, 1, e.row)
        ws.write_string(r, 2, safe(e.column))
        ws.write_string(r, 3, safe(mask_cpr(e.value or "")))
        ws.write_string(r, 4, safe_message(mask_cpr(e.message)))
    ws.autofilter(3, 0, 3 + len(result.errors), 4)
    ws.freeze_panes(4, 0)
    if data is not None and any(e.row is not None for e in result.errors):
        raw = _read_sheet(data, filename, result.sheet or (result.errors[0].sheet if result.errors else None))
        if raw is not None:
            _write_copy(wb, raw, result)
            if raw.frame.size > FULL_COPY_CELLS:
                ws.write_string(
                    2,
                    0,
                    f"Filen er stor: kopien af arket viser kun overskrifterne og de første {MAX_COPY_ERROR_ROWS} rækker med fejl.",
                )
    wb.close()
    return buf.getvalue()
