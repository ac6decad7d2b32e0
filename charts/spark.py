"""Sparklines as small inline SVG: one per indicator card (Overblik, Mødevisning).

A page with 15-20 Plotly sparklines spends seconds in the browser creating plotly.js graphs;
an inline SVG draws at once. Each point has a hover title with the year, the displayed value
and n (only what the suppressed result exposes). Drill-down charts stay Plotly figures.
"""

from __future__ import annotations

from html import escape

from charts.common import PRIMARY, point_lines, scale


def _year(period: object) -> str:
    """The label of a trend point: the year (periods in a trend are whole years)."""
    return str(period)[:4]


def _title(result) -> str:
    return f"{result.period}: " + " – ".join(point_lines(result))


YEAR_ROW = 14  # px under the line for the year labels


def sparkline_svg(results: list, unit: str | None, width: int = 260, height: int = 48) -> str:
    """An inline SVG line of yearly values with the years written under it; suppressed years are gaps (hollow
    marks), hover shows value and n."""
    if not results:
        return ""
    values = [None if r.suppressed else scale(r.value, unit) for r in results]
    known = [v for v in values if v is not None]
    pad = 6
    line_height = height
    height = line_height + YEAR_ROW
    lo, hi = (min(known), max(known)) if known else (0.0, 1.0)
    span = (hi - lo) or 1.0
    step = (width - 2 * pad) / max(1, len(results) - 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return pad + i * step, line_height - pad - (v - lo) / span * (line_height - 2 * pad)

    segments: list[list[tuple[float, float]]] = [[]]
    for i, v in enumerate(values):
        if v is None:
            segments.append([])
        else:
            segments[-1].append(xy(i, v))
    parts = [
        f'<svg class="pejling-spark" style="width:100%;height:auto;max-width:{width}px" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="Udvikling {escape(results[0].period)}–{escape(results[-1].period)}">'
    ]
    for seg in segments:
        if len(seg) > 1:
            pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in seg)
            parts.append(f'<polyline points="{pts}" fill="none" stroke="{PRIMARY}" stroke-width="2"/>')
    for i, (r, v) in enumerate(zip(results, values, strict=True)):
        if v is None:
            x, y = pad + i * step, line_height - pad
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="white" stroke="#8a9aa6">'
                f"<title>{escape(_title(r))}</title></circle>"
            )
        else:
            x, y = xy(i, v)
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{PRIMARY}"><title>{escape(_title(r))}</title></circle>'
            )
    for i, r in enumerate(results):
        anchor = "start" if i == 0 else ("end" if i == len(results) - 1 else "middle")
        x = pad + i * step if len(results) > 1 else pad
        parts.append(
            f'<text x="{x:.1f}" y="{height - 2}" font-size="10" fill="#5b6b77" text-anchor="{anchor}">'
            f"{escape(_year(r.period))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
