"""Sparklines as small inline SVG: one per indicator card (Overblik, Mødevisning).

A page with 15-20 Plotly sparklines spends seconds in the browser creating plotly.js graphs;
an inline SVG draws at once. Each point has a hover title with the year, the displayed value
and n (only what the suppressed result exposes). Drill-down charts stay Plotly figures.
"""

from __future__ import annotations

from html import escape

from charts.common import PRIMARY, point_lines, scale


def _title(result) -> str:
    return f"{result.period}: " + " – ".join(point_lines(result))


def sparkline_svg(results: list, unit: str | None, width: int = 260, height: int = 48) -> str:
    """An inline SVG line of yearly values; suppressed years are gaps (hollow marks), hover shows value and n."""
    if not results:
        return ""
    values = [None if r.suppressed else scale(r.value, unit) for r in results]
    known = [v for v in values if v is not None]
    pad = 6
    lo, hi = (min(known), max(known)) if known else (0.0, 1.0)
    span = (hi - lo) or 1.0
    step = (width - 2 * pad) / max(1, len(results) - 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return pad + i * step, height - pad - (v - lo) / span * (height - 2 * pad)

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
            x, y = pad + i * step, height - pad
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="white" stroke="#8a9aa6">'
                f"<title>{escape(_title(r))}</title></circle>"
            )
        else:
            x, y = xy(i, v)
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{PRIMARY}"><title>{escape(_title(r))}</title></circle>'
            )
    parts.append("</svg>")
    return "".join(parts)
