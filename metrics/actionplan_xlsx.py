"""The action plan as Excel: export (also the empty template) and all-or-nothing import, generated from schemas.actionplan."""

from __future__ import annotations

import io
from datetime import date

import duckdb

from metrics.story import ActionItem, actions_for
from metrics.story_write import apply_actions
from metrics.strategies import Strategy, get_strategy
from schemas.actionplan import ACTION_COLUMNS, FOCUS_AREAS, GUIDE_SHEET, ROW_RULES, SHEET, PlanColumn
from schemas.columns import Kind, normalize_header

HEADER_ROW = 3  # 0-based: a title and a hint above the headers
VALIDATED_ROWS = 2000
DATE_FORMAT = "d.m.yyyy"


def _strategy(strategy: str | Strategy) -> Strategy:
    return strategy if isinstance(strategy, Strategy) else get_strategy(strategy)


def _cell_value(item: ActionItem, col: PlanColumn, strat: Strategy) -> object:
    value = getattr(item, col.field)
    if col.field == "focus_area":
        return next((a.name for a in strat.areas if a.id == value), value)
    if col.kind == Kind.CATEGORY_LIST:
        return "; ".join(value)
    return value


def _allowed_text(col: PlanColumn) -> str:
    if col.categories:
        return ", ".join(col.categories)
    if col.categories_from == FOCUS_AREAS:
        return "Strategiens fokusområder (navn eller id)"
    if col.categories_from:
        return "Strategiens indikatorer (id'er herunder), adskilt af ;"
    return ""


def actionplan_to_xlsx(con: duckdb.DuckDBPyConnection, strategy: str | Strategy, year: int | None = None) -> bytes:
    """The strategy's action plan (optionally one year) as a workbook to edit and import again; empty = the template."""
    import xlsxwriter

    from metrics.registry import get_indicator

    strat = _strategy(strategy)
    items = actions_for(con, strat.id, year)
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    title = wb.add_format({"bold": True, "font_size": 13})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    dates = wb.add_format({"num_format": DATE_FORMAT})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    ws = wb.add_worksheet(SHEET)
    suffix = f" {year}" if year is not None else ""
    ws.write_string(0, 0, f"Handleplan{suffix} for {strat.name} ({strat.municipality})", title)
    ws.write_string(
        1, 0, "Én række pr. handling. Tom Nr. = ny handling. Se arket Vejledning for kolonner og indikatorernes id'er."
    )
    widths = {"id": 6, "year": 7, "title": 44, "focus_area": 30, "indicators": 34, "responsible": 24}
    for j, col in enumerate(ACTION_COLUMNS):
        ws.write_string(HEADER_ROW, j, col.header, head)
        ws.set_column(j, j, widths.get(col.field, 14 if col.kind != Kind.TEXT else 50))
        first, last = HEADER_ROW + 1, HEADER_ROW + VALIDATED_ROWS
        if col.kind == Kind.CATEGORY:
            source = list(col.categories) or [a.name for a in strat.areas]
            ws.data_validation(first, j, last, j, {"validate": "list", "source": source})
        elif col.kind == Kind.INTEGER and col.field == "year":
            ws.data_validation(
                first, j, last, j, {"validate": "integer", "criteria": "between", "minimum": 2000, "maximum": 2100}
            )
        elif col.kind == Kind.DATE:
            ws.data_validation(
                first,
                j,
                last,
                j,
                {"validate": "date", "criteria": "between", "minimum": date(2000, 1, 1), "maximum": date(2100, 12, 31)},
            )
    for i, item in enumerate(items, start=HEADER_ROW + 1):
        for j, col in enumerate(ACTION_COLUMNS):
            value = _cell_value(item, col, strat)
            if isinstance(value, date):
                ws.write_datetime(i, j, value, dates)
            elif isinstance(value, int):
                ws.write_number(i, j, value)
            elif value:
                ws.write_string(i, j, str(value))  # always text: a note beginning with '=' is never a formula
    ws.freeze_panes(HEADER_ROW + 1, 0)
    guide = wb.add_worksheet(GUIDE_SHEET)
    guide.set_column(0, 0, 18)
    guide.set_column(1, 1, 34)
    guide.set_column(2, 2, 10)
    guide.set_column(3, 3, 44)
    guide.set_column(4, 4, 70)
    guide.write_string(0, 0, "Handleplan – vejledning", title)
    for j, h in enumerate(("Kolonne", "Type", "Påkrævet", "Tilladte værdier", "Beskrivelse")):
        guide.write_string(2, j, h, head)
    r = 3
    for col in ACTION_COLUMNS:
        for j, text in enumerate(
            (col.header, col.kind_da, "Ja" if col.required else "Nej", _allowed_text(col), col.description)
        ):
            guide.write_string(r, j, text, wrap)
        r += 1
    r += 1
    guide.write_string(r, 0, "Regler", head)
    for rule in ROW_RULES:
        r += 1
        guide.write_string(r, 0, rule)
    r += 2
    guide.write_string(r, 0, "Indikator-id", head)
    guide.write_string(r, 1, "Indikator", head)
    for indicator in dict.fromkeys(strat.indicator_ids()):
        r += 1
        guide.write_string(r, 0, indicator)
        guide.write_string(r, 1, get_indicator(indicator).name)
    r += 2
    guide.write_string(r, 0, "Fokusområde-id", head)
    guide.write_string(r, 1, "Fokusområde", head)
    for area in strat.areas:
        r += 1
        guide.write_string(r, 0, area.id)
        guide.write_string(r, 1, area.name)
    wb.close()
    return buffer.getvalue()


def _read_rows(data: bytes) -> list[tuple]:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        wanted = normalize_header(SHEET)
        ws = next((wb[n] for n in wb.sheetnames if normalize_header(n) == wanted), wb.worksheets[0])
        return [tuple(r) for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()


def actionplan_from_xlsx(
    con: duckdb.DuckDBPyConnection, data: bytes, strategy: str | Strategy, user: str
) -> tuple[int, list[str]]:
    """Apply an action-plan workbook all-or-nothing; return (changed items, Danish errors). Items not in the file stay."""
    strat = _strategy(strategy)
    try:
        rows = _read_rows(data)
    except Exception:  # noqa: BLE001 - any unreadable file gets one Danish message
        return 0, ["Filen kan ikke læses som et Excel-ark (.xlsx)."]
    wanted = {normalize_header(c.header): c for c in ACTION_COLUMNS}
    title_key = normalize_header(ACTION_COLUMNS[2].header)
    header_at = next(
        (i for i, r in enumerate(rows) if any(normalize_header(c) == title_key for c in r if c is not None)), None
    )
    if header_at is None:
        return 0, [f"Arket mangler kolonnen '{ACTION_COLUMNS[2].header}'. Hent skabelonen og udfyld den."]
    positions: dict[str, int] = {}
    for j, cell in enumerate(rows[header_at]):
        col = wanted.get(normalize_header(cell)) if cell is not None else None
        if col is not None:
            positions[col.field] = j
    missing = [c.header for c in ACTION_COLUMNS if c.required and c.field not in positions]
    if missing:
        return 0, [f"Arket mangler kolonnen '{h}'." for h in missing]
    parsed: list[tuple[str, dict]] = []
    for n, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        raw = {f: (row[j] if j < len(row) else None) for f, j in positions.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in raw.values()):
            continue
        parsed.append((f"Række {n}", raw))
    if not parsed:
        return 0, ["Arket har ingen handlinger under overskrifterne."]
    return apply_actions(con, strat, parsed, user)
