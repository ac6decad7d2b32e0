"""Shared chart styling: Danish number separators, calm colours, compact margins."""

from __future__ import annotations

import plotly.graph_objects as go

PRIMARY = "#00587c"
GOAL = "#b5651d"
MUTED = "#8a9aa6"
FONT = "Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"


def danish_layout(fig: go.Figure, height: int | None = None, **kwargs) -> go.Figure:
    """Apply Pejling's layout: `1.234,5` separators, font, white background, small margins."""
    fig.update_layout(
        separators=",.",
        font={"family": FONT, "size": 14, "color": "#1d2b36"},
        plot_bgcolor="white",
        paper_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        hoverlabel={"font_size": 14},
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
        **kwargs,
    )
    if height:
        fig.update_layout(height=height)
    fig.update_xaxes(gridcolor="#e6ecf0")
    fig.update_yaxes(gridcolor="#e6ecf0")
    return fig


def is_share(unit: str | None) -> bool:
    """True for indicators measured as a share (0..1, shown in percent)."""
    return unit == "andel"


def scale(value: float | None, unit: str | None) -> float | None:
    """A value on the chart's axis: shares in percent, the rest as is."""
    if value is None:
        return None
    return value * 100 if is_share(unit) else value


def axis_suffix(unit: str | None) -> str:
    """The tick suffix of an axis for a unit."""
    return " %" if is_share(unit) else (" dage" if unit == "dage" else "")


def empty_figure(text: str = "Ingen tal at vise") -> go.Figure:
    """A blank figure carrying a Danish message."""
    fig = go.Figure()
    fig.add_annotation(text=text, showarrow=False, font={"size": 16, "color": MUTED}, x=0.5, y=0.5)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return danish_layout(fig, height=200)


def point_lines(result) -> list[str]:
    """What one figure rests on, for hover text: its display, and n or why it is hidden (never raw small counts)."""
    if result.suppressed:
        return [result.display, result.reason or "Skjult: for få borgere"]
    lines = [result.display]
    if result.denominator is not None:
        lines.append(f"n = {result.denominator:,}".replace(",", "."))
    return lines
