"""The meeting document: the strategy's figures as a PDF, a printable HTML page and an Excel sheet.

Only what the summary exposes is written (the engine's suppressed `display` texts), so the
documents obey the small-number rule like the pages.
"""

from __future__ import annotations

import html
import io
from datetime import date
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import CellBordersLayout
from fpdf.fonts import FontFace
from fpdf.table import Table
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from metrics.suppression import protection_note
from ui import fmt
from ui.summary import AreaSummary, IndicatorLine


def _status_text(status) -> str:
    if status is None:
        return "Intet mål"
    icon = getattr(status, "icon", "") or ""
    text = f"{icon} {status.label}".strip()
    return text + (" (usikker)" if getattr(status, "uncertain", False) else "")


def _trend_text(line) -> str:
    return " → ".join(f"{r.period}: {r.display}" for r in line.trend[-4:]) or "–"


def to_html(title: str, subtitle: str, areas: list[AreaSummary], demo: bool, today: date | None = None) -> bytes:
    """A self-contained, printable HTML document (one section per focus area)."""
    today = today or date.today()
    esc = html.escape
    parts = [
        "<!doctype html><html lang='da'><head><meta charset='utf-8'>",
        f"<title>{esc(title)}</title>",
        "<style>body{font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#1d2b36;margin:2em;}"
        "h1{color:#00587c}h2{color:#00587c;border-bottom:2px solid #00587c;page-break-before:auto}"
        "table{border-collapse:collapse;width:100%;margin-bottom:1.5em}"
        "th,td{border:1px solid #c9d4db;padding:6px 8px;text-align:left;vertical-align:top}"
        "th{background:#eef3f6}.big{font-size:1.3em;font-weight:bold}.status{font-weight:bold}"
        ".demo{background:#fff3cd;border:1px solid #e0b000;padding:8px;margin-bottom:1em}"
        "@media print{h2{page-break-before:always}h2:first-of-type{page-break-before:avoid}}</style>",
        "</head><body>",
        f"<h1>{esc(title)}</h1><p>{esc(subtitle)}<br>Udskrevet {esc(fmt.long_date(today))}</p>",
    ]
    if demo:
        parts.append("<p class='demo'><b>Syntetiske demodata</b> – tallene er opdigtede.</p>")
    for area in areas:
        parts.append(f"<h2>{esc(area.name)}</h2>")
        parts.append(
            "<table><tr><th>Indikator</th><th>Værdi</th><th>Forventet</th><th>Status</th><th>Udvikling</th></tr>"
        )
        for line in area.lines:
            colour = getattr(line.status, "colour", None) or "#5f6b73"
            value = line.result.display if line.result is not None else "–"
            note = (
                f"<br><small>{esc(line.result.reason)}</small>"
                if line.result is not None and line.result.suppressed and line.result.reason
                else ""
            )
            parts.append(
                f"<tr><td>{esc(line.name)}</td><td class='big'>{esc(value)}{note}</td>"
                f"<td>{esc(line.expected_text or '–')}</td>"
                f"<td class='status' style='color:{esc(colour)}'>{esc(_status_text(line.status))}</td>"
                f"<td>{esc(_trend_text(line))}</td></tr>"
            )
        parts.append("</table>")
        for text, _note in area.unmeasured:
            parts.append(f"<p><i>{esc(text)}: ikke målt endnu.</i></p>")
    parts.append(
        f"<p><small>{esc(protection_note())}</small></p></body></html>"
    )
    return "".join(parts).encode("utf-8")


def to_xlsx(title: str, subtitle: str, areas: list[AreaSummary], demo: bool) -> bytes:
    """The same figures as an Excel workbook (one sheet, one row per indicator)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Status"
    ws.append([title])
    ws["A1"].font = Font(size=14, bold=True)
    ws.append([subtitle])
    if demo:
        ws.append(["Syntetiske demodata – tallene er opdigtede."])
    ws.append([])
    header = ["Fokusområde", "Indikator", "Værdi", "Forventet", "Status", "Udvikling", "Bemærkning"]
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF3F6")
    for area in areas:
        for line in area.lines:
            reason = line.result.reason if line.result is not None and line.result.suppressed else ""
            ws.append(
                [
                    area.name,
                    line.name,
                    line.result.display if line.result is not None else "–",
                    line.expected_text or "–",
                    _status_text(line.status),
                    _trend_text(line),
                    reason or "",
                ]
            )
        for text, _note in area.unmeasured:
            ws.append([area.name, text, "", "", "Ikke målt endnu", "", ""])
    for col, width in zip("ABCDEFG", (28, 40, 14, 14, 22, 40, 40), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- PDF ----------------------------------------------------------------------------------------

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
# Without the Unicode font the core Helvetica only knows latin-1: these stand in for the rest.
LATIN1_SUBSTITUTES = str.maketrans(
    {"–": "-", "—": "-", "→": "->", "•": "-", "…": "...", "’": "'", "“": '"', "”": '"', "✔": "", "◐": "", "✖": ""}
)

_BLUE = (0, 88, 124)
_INK = (29, 43, 54)
_GREY = (95, 107, 115)
_WIDTHS = (50, 24, 22, 38, 46)  # Indikator, Værdi, Forventet, Status, Udvikling: 180 mm


def _rgb(colour: str | None) -> tuple[int, int, int]:
    """`#D55E00` as an RGB tuple (grey when missing or malformed)."""
    value = (colour or "").lstrip("#")
    try:
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
    except ValueError:
        return _GREY


class _MeetingPdf(FPDF):
    """A4 portrait with a running title on later pages and the small-number note and page numbers below."""

    def __init__(self, title: str) -> None:
        """Load DejaVu Sans when present, else fall back to the core Helvetica (latin-1 only)."""
        super().__init__(orientation="P", unit="mm", format="A4")
        self.doc_title = title
        self.unicode = all((FONT_DIR / name).is_file() for name in FONT_FILES.values())
        if self.unicode:
            for style, name in FONT_FILES.items():
                self.add_font("DejaVu", style, str(FONT_DIR / name))
        self.family = "DejaVu" if self.unicode else "Helvetica"
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=22)
        self.set_lang("da")
        self.set_title(self.txt(title))
        self.set_creator("Pejling")

    def txt(self, text: str) -> str:
        """Text the current font can draw: as is with the Unicode font, substituted to latin-1 without it."""
        if self.unicode:
            return text
        return text.translate(LATIN1_SUBSTITUTES).encode("latin-1", "replace").decode("latin-1").strip()

    def header(self) -> None:
        """The document title in small print on every page but the first."""
        if self.page_no() > 1:
            self.set_font(self.family, "", 8)
            self.set_text_color(*_GREY)
            self.cell(0, 5, self.txt(self.doc_title), new_x="LMARGIN", new_y="NEXT")
            self.ln(3)

    def footer(self) -> None:
        """The small-number note on the left, `Side X af Y` on the right."""
        self.set_y(-17)
        self.set_draw_color(201, 212, 219)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.set_font(self.family, "", 7)
        self.set_text_color(*_GREY)
        top = self.get_y() + 1
        self.set_xy(self.l_margin, top)
        self.multi_cell(150, 3.5, self.txt(protection_note()), align="L")
        self.set_xy(self.w - self.r_margin - 30, top)
        self.cell(30, 3.5, f"Side {self.page_no()} af {{nb}}", align="R")


def _pdf_section(pdf: FPDF, area: AreaSummary) -> None:
    """One focus area: heading, description, the indicator table and the unmeasured bearings."""
    txt, family = pdf.txt, pdf.family
    pdf.set_font(family, "B", 14)
    pdf.set_text_color(*_BLUE)
    pdf.multi_cell(0, 7, txt(area.name), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*_BLUE)
    pdf.set_line_width(0.5)
    pdf.line(pdf.l_margin, pdf.get_y() + 0.5, pdf.w - pdf.r_margin, pdf.get_y() + 0.5)
    pdf.set_line_width(0.2)
    pdf.ln(3)
    if area.description:
        pdf.set_font(family, "", 9)
        pdf.set_text_color(*_GREY)
        pdf.multi_cell(0, 4.5, txt(area.description), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    if area.lines:
        pdf.set_font(family, "", 9)
        pdf.set_text_color(*_INK)
        pdf.set_draw_color(201, 212, 219)
        pdf.set_fill_color(255, 255, 255)
        heading = FontFace(family=family, emphasis="B", size_pt=9, color=_INK, fill_color=(238, 243, 246))
        with pdf.table(
            col_widths=_WIDTHS,
            width=sum(_WIDTHS),
            align="LEFT",
            text_align="LEFT",
            v_align="TOP",
            line_height=4.5,
            padding=1.5,
            headings_style=heading,
        ) as table:
            table.row([txt(h) for h in ("Indikator", "Værdi", "Forventet", "Status", "Udvikling")])
            for line in area.lines:
                _pdf_row(pdf, table, line)
        pdf.ln(2)
    for text, _note in area.unmeasured:
        pdf.set_font(family, "", 9)
        pdf.set_text_color(*_GREY)
        pdf.multi_cell(0, 4.5, txt(f"• {text}: ikke målt endnu."), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)


def _pdf_row(pdf: FPDF, table: Table, line: IndicatorLine) -> None:
    """One indicator; a suppressed value gets its reason in small print in a second row under it."""
    txt, family = pdf.txt, pdf.family
    result = line.result
    reason = result.reason if result is not None and result.suppressed and result.reason else ""
    span = 2 if reason else 1
    colour = _rgb(getattr(line.status, "colour", None))
    plain = FontFace(family=family, size_pt=9, color=_INK)
    row = table.row()
    row.cell(txt(line.name), style=plain, rowspan=span)
    value_border = (
        CellBordersLayout.LEFT | CellBordersLayout.RIGHT | CellBordersLayout.TOP
        if reason
        else CellBordersLayout.INHERIT
    )
    row.cell(
        txt(result.display if result is not None else "–"),
        style=FontFace(family=family, emphasis="B", size_pt=12, color=_INK),
        border=value_border,
    )
    row.cell(txt(line.expected_text or "–"), style=plain, rowspan=span)
    row.cell(
        txt(_status_text(line.status)),
        style=FontFace(family=family, emphasis="B", size_pt=9, color=colour),
        rowspan=span,
    )
    trend = " → ".join(f"{r.period}:\u00a0{r.display}".replace(" ", "\u00a0") for r in line.trend[-4:]) or "–"
    row.cell(txt(trend), style=FontFace(family=family, size_pt=8, color=_INK), rowspan=span)
    if reason:
        table.row().cell(
            txt(reason),
            style=FontFace(family=family, size_pt=7, color=_GREY),
            border=CellBordersLayout.LEFT | CellBordersLayout.RIGHT | CellBordersLayout.BOTTOM,
        )


def to_pdf(title: str, subtitle: str, areas: list[AreaSummary], demo: bool, today: date | None = None) -> bytes:
    """An A4 PDF for the meeting papers: one section per focus area, each on a new page when it does not fit."""
    today = today or date.today()
    pdf = _MeetingPdf(title)
    txt, family = pdf.txt, pdf.family
    pdf.add_page()
    pdf.set_font(family, "B", 18)
    pdf.set_text_color(*_BLUE)
    pdf.multi_cell(0, 9, txt(title), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 11)
    pdf.set_text_color(*_INK)
    pdf.multi_cell(0, 6, txt(subtitle), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 9)
    pdf.set_text_color(*_GREY)
    pdf.cell(0, 6, txt(f"Udskrevet {fmt.long_date(today)}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    if demo:
        pdf.set_font(family, "B", 10)
        pdf.set_text_color(*_INK)
        pdf.set_fill_color(255, 243, 205)
        pdf.set_draw_color(224, 176, 0)
        pdf.multi_cell(
            0,
            6,
            txt("Syntetiske demodata – tallene er opdigtede."),
            border=1,
            fill=True,
            padding=2,
            align="L",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.ln(5)
    for i, area in enumerate(areas):
        if i > 0:
            with pdf.offset_rendering() as trial:
                _pdf_section(trial, area)
            if trial.page_break_triggered:
                pdf.add_page()
        _pdf_section(pdf, area)
    return bytes(pdf.output())
