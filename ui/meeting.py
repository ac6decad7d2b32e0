"""Mødevisning's glue: the screens (every indicator of a focus area, off-track first, paged), the cards,
keyboard navigation and the printable HTML document. The PDF and PowerPoint are the annual status
report (`reports/`); the Excel download is the Overblik export (`ui.export`).

Only what the summary exposes is shown or written (the engine's suppressed `display` texts), so the
screens and documents obey the small-number rule like the pages.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from charts.spark import sparkline_svg
from metrics.suppression import protection_note
from reports.model import STATUS_ORDER, period_end_year, unmeasured_text
from ui import fmt
from ui.summary import AreaSummary, IndicatorLine

PER_SCREEN = 6  # cards on one screen: 3 × 2 fit 1280×720 with the heading and the buttons


def _status_text(status) -> str:
    if status is None:
        return "Intet mål"
    icon = getattr(status, "icon", "") or ""
    text = f"{icon} {status.label}".strip()
    return text + (" (usikker)" if getattr(status, "uncertain", False) else "")


def _trend_text(line, last_year: int | None = None) -> str:
    """The last four years up to `last_year` (a document for 2025 never lists 2026)."""
    shown = [r for r in line.trend if last_year is None or not str(r.period).isdigit() or int(r.period) <= last_year]
    return " → ".join(f"{r.period}: {r.display}" for r in shown[-4:]) or "–"


def to_html(
    title: str,
    subtitle: str,
    areas: list[AreaSummary],
    demo: bool,
    today: date | None = None,
    period: str | None = None,
) -> bytes:
    """A self-contained, printable HTML document (one section per focus area; no year after `period`)."""
    today = today or date.today()
    last_year = period_end_year(period) if period else None
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
                f"<td>{esc(_trend_text(line, last_year))}</td></tr>"
            )
        parts.append("</table>")
        for text, note in area.unmeasured:
            parts.append(f"<p><i>{esc(unmeasured_text(text, note))}</i></p>")
    parts.append(f"<p><small>{esc(protection_note())}</small></p></body></html>")
    return "".join(parts).encode("utf-8")


# --- screens ------------------------------------------------------------------------------------


@dataclass
class Screen:
    """One screen of Mødevisning: a focus area's indicators (or a part of them) and where it stands."""

    area: AreaSummary
    lines: list[IndicatorLine]
    part: int  # 1-based part of the area
    parts: int
    first: int  # 1-based number of the first card among the area's indicators

    @property
    def title(self) -> str:
        """The area's name, with `(del 1 af 2)` when its indicators fill more than one screen."""
        return self.area.name + (f" (del {self.part} af {self.parts})" if self.parts > 1 else "")

    @property
    def range_text(self) -> str:
        """`Indikator 1–6 af 8` (or `8 indikatorer` when they all fit)."""
        total = len(self.area.lines)
        if self.parts == 1:
            return f"{total} indikator" + ("er" if total != 1 else "")
        return f"Indikator {self.first}–{self.first + len(self.lines) - 1} af {total}"


def rank(line: IndicatorLine) -> int:
    """Sort key: off track first, then close, too few data, on track, no goal."""
    code = getattr(line.status, "code", None)
    return STATUS_ORDER.index(code) if code in STATUS_ORDER else len(STATUS_ORDER)


def screens(areas: list[AreaSummary], per_screen: int = PER_SCREEN) -> list[Screen]:
    """Every indicator of every focus area on some screen: off-track first, an area split over several
    screens when it has more than `per_screen` indicators (never dropped)."""
    out: list[Screen] = []
    for area in areas:
        ordered = sorted(area.lines, key=rank)
        chunks = [ordered[i : i + per_screen] for i in range(0, len(ordered), per_screen)] or [[]]
        for n, chunk in enumerate(chunks):
            out.append(Screen(area, chunk, n + 1, len(chunks), n * per_screen + 1))
    return out


def on_track_text(lines: list[IndicatorLine]) -> str:
    """`3 af 8 på sporet` over the indicators that have a goal (`Ingen mål` when none has)."""
    judged = [line for line in lines if line.status is not None]
    if not judged:
        return "Ingen mål"
    on = sum(getattr(line.status, "code", None) == "paa_sporet" for line in judged)
    return f"{on} af {len(judged)} på sporet"


_DARK_TEXT = {"taet_paa", "for_faa_data"}  # light chips (orange, grey) carry dark text


def _chip(status) -> str:
    if status is None:
        return '<span class="pj-chip pj-none">Intet mål</span>'
    text = f"{status.icon} {status.label}".strip()  # "(usikker)" goes on the line under the chip
    ink = "#1d2b36" if status.code in _DARK_TEXT else "#ffffff"
    return (
        f'<span class="pj-chip" style="background:{html.escape(status.colour)};color:{ink}" '
        f'title="{html.escape(getattr(status, "note", "") or "")}">{html.escape(text)}</span>'
    )


CARD_CSS = """<style>
.pj-grid{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:12px;}
.pj-card{border:1px solid #c9d4db;border-radius:10px;padding:8px 14px;background:#fff;height:198px;
  box-sizing:border-box;overflow:hidden;display:flex;flex-direction:column;gap:2px;}
.pj-name{font-size:1.05rem;font-weight:600;line-height:1.25;color:#1d2b36;white-space:nowrap;overflow:hidden;
  text-overflow:ellipsis;}
.pj-value{font-size:2.5rem;font-weight:700;line-height:1.1;color:#1d2b36;}
.pj-chip{display:inline-block;font-size:1.75rem;font-weight:700;line-height:1.2;padding:2px 12px;border-radius:8px;
  white-space:nowrap;max-width:100%;overflow:hidden;text-overflow:ellipsis;}
.pj-none{background:#e6ecf0;color:#1d2b36;}
.pj-sub{font-size:0.95rem;color:#4a5a66;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;}
.pj-story{font-size:0.95rem;color:#00587c;font-style:italic;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;}
.pj-spark svg{height:30px;width:100%;}
</style>"""


def cards_html(lines: list[IndicatorLine], stories: dict[str, str]) -> str:
    """The screen's indicator cards: name, large value, status chip, expected value, one-line story, sparkline."""
    esc = html.escape
    cards = []
    for line in lines:
        result = line.result
        value = result.display if result is not None else "–"
        sub = f"Forventet: {line.expected_text}" if line.expected_text else (line.goal_note or "Intet mål for perioden")
        if getattr(line.status, "uncertain", False):
            sub = f"(usikker) · {sub}"
        if result is not None and result.suppressed:
            sub = result.reason or "Skjult: for få borgere"
        story = stories.get(line.id, "")
        spark = sparkline_svg(line.trend, line.unit, height=30) if line.trend else ""
        cards.append(
            f'<div class="pj-card" data-indicator="{esc(line.id)}">'
            f'<div class="pj-name" title="{esc(line.name)}">{esc(line.name)}</div>'
            f'<div class="pj-value">{esc(value)}</div>'
            f"<div>{_chip(line.status)}</div>"
            f'<div class="pj-sub" title="{esc(sub)}">{esc(sub)}</div>'
            + (f'<div class="pj-story" title="{esc(story)}">{esc(story)}</div>' if story else "")
            + f'<div class="pj-spark">{spark}</div></div>'
        )
    return CARD_CSS + f'<div class="pj-grid">{"".join(cards)}</div>'


# Arrow keys and PageUp/PageDown click the page's own Forrige/Næste buttons (Streamlit binds no keys).
# A constant script, registered once per browser tab; it ignores keys typed into fields.
KEYBOARD_JS = """<script>
(function () {
  if (window.__pejlingMeetingKeys) { return; }
  window.__pejlingMeetingKeys = true;
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) { return; }
    var keys = {ArrowRight: "m_next", PageDown: "m_next", ArrowLeft: "m_prev", PageUp: "m_prev"};
    var key = keys[event.key];
    if (!key) { return; }
    var button = document.querySelector(".st-key-" + key + " button");
    if (!button || button.disabled) { return; }
    event.preventDefault();
    button.click();
  });
})();
</script>"""
