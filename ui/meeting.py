"""The meeting document: the strategy's figures as a printable HTML page and as an Excel sheet.

Only what the summary exposes is written (the engine's suppressed `display` texts), so the
documents obey the small-number rule like the pages.
"""

from __future__ import annotations

import html
import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from ui import fmt
from ui.summary import AreaSummary


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
                f"<td class='status' style='color:{colour}'>{esc(_status_text(line.status))}</td>"
                f"<td>{esc(_trend_text(line))}</td></tr>"
            )
        parts.append("</table>")
        for text, _note in area.unmeasured:
            parts.append(f"<p><i>{esc(text)}: ikke målt endnu.</i></p>")
    parts.append(
        "<p><small>Små tal er skjult (diskretionering): antal under grænsen vises som '&lt;N', "
        "andele med for få borgere bag vises ikke.</small></p></body></html>"
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
