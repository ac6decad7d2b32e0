"""Build the Excel template: one sheet per extract with drop-downs and help notes, a Vejledning and the catalogue."""

from __future__ import annotations

import io
from collections.abc import Sequence

import xlsxwriter

from schemas.catalogue import DEFAULT_CATALOGUE, KATALOG
from schemas.columns import Column, Extract, Kind
from schemas.describe import allowed_values, kind_label, required_label, rule_text
from schemas.extracts import EXTRACTS

GUIDE_SHEET = "Vejledning"
LISTS_SHEET = "Lister"
VALIDATED_ROWS = 100_000


def _list_key(column: Column) -> str:
    return column.name if column.name != "indsats" else "indsats"


def _write_guide(wb: xlsxwriter.Workbook, fmt: dict, catalogue: tuple[str, ...]) -> None:
    ws = wb.add_worksheet(GUIDE_SHEET)
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 30)
    ws.set_column(2, 2, 16)
    ws.set_column(3, 3, 50)
    ws.set_column(4, 4, 34)
    ws.set_column(5, 5, 70)
    r = 0
    ws.write(r, 0, "Skabelon til udtræk – Pejling", fmt["title"])
    r += 1
    intro = (
        "Udfyld ét ark pr. udtræk, og upload filen som .xlsx (eller gem arket som CSV). Overskrifterne skal stå i "
        "første række; titelrækker over overskrifterne springes over. Skriv aldrig CPR-numre, navne, adresser, "
        "telefonnumre eller e-mails – sådanne filer afvises. Datoer: 23.11.2026 eller 2026-11-23."
    )
    ws.write(r, 0, intro, fmt["wrap"])
    r += 2
    for extract in (*EXTRACTS.values(), KATALOG):
        ws.write(r, 0, f"{extract.title} (ark '{extract.sheet}')", fmt["h2"])
        r += 1
        ws.write(r, 0, extract.description)
        r += 1
        for i, head in enumerate(("Kolonne", "Type", "Påkrævet", "Tilladte værdier", "Regler", "Beskrivelse")):
            ws.write(r, i, head, fmt["head"])
        r += 1
        for c in extract.columns:
            ws.write(r, 0, c.name)
            ws.write(r, 1, kind_label(c), fmt["wrap"])
            ws.write(r, 2, required_label(c))
            ws.write(r, 3, ", ".join(allowed_values(c, catalogue if c.name == "indsats" else None)), fmt["wrap"])
            ws.write(r, 4, rule_text(c), fmt["wrap"])
            ws.write(r, 5, c.description, fmt["wrap"])
            r += 1
        if extract.row_rules:
            ws.write(r, 0, "Regler på tværs:", fmt["bold"])
            r += 1
            for rule in extract.row_rules:
                ws.write(r, 0, f"• {rule}")
                r += 1
        r += 1


def _write_lists(wb: xlsxwriter.Workbook, catalogue: tuple[str, ...]) -> dict[str, str]:
    """One column per category/yes-no/Likert column; returns the range formula per column name."""
    ws = wb.add_worksheet(LISTS_SHEET)
    ranges: dict[str, str] = {}
    col = 0
    seen: set[str] = set()
    for extract in (*EXTRACTS.values(), KATALOG):
        for c in extract.columns:
            if c.kind not in (Kind.CATEGORY, Kind.CATEGORY_LIST, Kind.YES_NO, Kind.LIKERT) or c.name in seen:
                continue
            seen.add(c.name)
            values = allowed_values(c, catalogue if c.name == "indsats" else None)
            ws.write(0, col, c.name)
            for i, v in enumerate(values, start=1):
                ws.write_string(i, col, v)
            letter = xlsxwriter.utility.xl_col_to_name(col)
            ranges[c.name] = f"={LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
            col += 1
    ws.hide()
    return ranges


def _write_extract(wb: xlsxwriter.Workbook, extract: Extract, fmt: dict, ranges: dict[str, str]) -> None:
    ws = wb.add_worksheet(extract.sheet)
    ws.freeze_panes(1, 0)
    for i, c in enumerate(extract.columns):
        ws.write_string(0, i, c.header, fmt["head_req"] if c.required else fmt["head"])
        ws.set_column(i, i, max(14, len(c.name) + 4), fmt["date"] if c.kind == Kind.DATE else None)
        note = f"{kind_label(c)}. {'Påkrævet. ' if c.required else ''}{c.description}"
        ws.write_comment(0, i, note, {"x_scale": 2, "y_scale": 1.5})
        if c.kind in (Kind.CATEGORY, Kind.YES_NO, Kind.LIKERT):
            ws.data_validation(
                1,
                i,
                VALIDATED_ROWS,
                i,
                {
                    "validate": "list",
                    "source": ranges[c.name],
                    "error_type": "warning",
                    "error_title": "Ukendt værdi",
                    "error_message": f"Vælg en værdi fra listen for {c.name}.",
                },
            )
        elif c.kind == Kind.CATEGORY_LIST:
            ws.data_validation(
                1,
                i,
                VALIDATED_ROWS,
                i,
                {
                    "validate": "any",
                    "input_title": c.name,
                    "input_message": "Flere værdier adskilles af semikolon (;). Se arket Vejledning.",
                },
            )


def write_catalogue_sheet(wb: xlsxwriter.Workbook, fmt: dict, rows: Sequence[dict]) -> None:
    """Write the catalogue sheet (headers as in KATALOG, one row per intervention type)."""
    ws = wb.add_worksheet(KATALOG.sheet)
    for i, c in enumerate(KATALOG.columns):
        ws.write_string(0, i, c.header, fmt["head_req"] if c.required else fmt["head"])
        ws.set_column(i, i, 36 if i == 0 else 18)
    for r, item in enumerate(rows, start=1):
        ws.write_string(r, 0, item["indsats"])
        ws.write_string(r, 1, item["lovgrundlag"] or "")
        ws.write_number(r, 2, item["trin"])
        ws.write_string(r, 3, "; ".join(item["fokusområder"] or []))
        ws.write_string(r, 4, item["metode"] or "")
        ws.write_string(r, 5, "Ja" if item["behandling"] else "Nej")


def build_template(catalogue_rows: Sequence[dict] | None = None) -> bytes:
    """The .xlsx template as bytes (catalogue rows as in schemas.catalogue; default catalogue when None)."""
    rows = list(catalogue_rows if catalogue_rows is not None else DEFAULT_CATALOGUE)
    catalogue = tuple(r["indsats"] for r in rows)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    fmt = {
        "title": wb.add_format({"bold": True, "font_size": 16}),
        "h2": wb.add_format({"bold": True, "font_size": 13}),
        "bold": wb.add_format({"bold": True}),
        "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
        "head": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1}),
        "head_req": wb.add_format({"bold": True, "bg_color": "#F8CBAD", "border": 1}),
        "date": wb.add_format({"num_format": "dd.mm.yyyy"}),
    }
    _write_guide(wb, fmt, catalogue)
    ranges = _write_lists(wb, catalogue)
    for extract in EXTRACTS.values():
        _write_extract(wb, extract, fmt, ranges)
    write_catalogue_sheet(wb, fmt, rows)
    wb.close()
    return buf.getvalue()
