"""Shared chart styling: Danish number separators, calm colours, compact margins."""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

PRIMARY = "#00587c"
GOAL = "#b5651d"
MUTED = "#8a9aa6"
# Okabe-Ito colours: told apart also with colour-vision deficiency.
HIGHLIGHT = "#E69F00"  # orange: under 30 år
DOWN = "#0072B2"  # blue: down the ladder (less intensive)
UP = "#D55E00"  # vermillion: up the ladder, over the guarantee
NO_DATA = "Ingen data"
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


def wrap(text: str, width: int = 40) -> str:
    """Text broken into lines for Plotly (which never wraps by itself), joined with <br>."""
    return "<br>".join(textwrap.wrap(text, width)) or text


def empty_figure(text: str = NO_DATA, title: str | None = None) -> go.Figure:
    """A blank figure (no axes) carrying a Danish message, wrapped so that a narrow column does not cut it."""
    fig = go.Figure()
    fig.add_annotation(
        text=wrap(text), showarrow=False, font={"size": 16, "color": MUTED}, x=0.5, y=0.5, xref="paper", yref="paper"
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    if title:
        fig.update_layout(title={"text": title, "font": {"size": 15}})
    return danish_layout(fig, height=220)


def hidden_note(results: list, extra: str = "", shown_displays: int = 3) -> str:
    """One explanation of every kind of hidden figure in a chart: each reason once, with the displays it covers."""
    by_reason: dict[str, list[str]] = {}
    for r in results:
        if r is not None and r.suppressed:
            displays = by_reason.setdefault(r.reason or "skjult for at beskytte borgerne", [])
            if r.display not in displays:
                displays.append(r.display)
    parts = []
    for reason, displays in by_reason.items():
        named = ", ".join(f"«{d}»" for d in displays[:shown_displays])
        more = " m.fl." if len(displays) > shown_displays else ""
        parts.append(f"{named}{more}: {reason.rstrip('.')}")
    if extra:
        parts.append(extra)
    return ". ".join(parts) + "." if parts else ""


def add_note(fig: go.Figure, note: str, width: int = 100) -> go.Figure:
    """Put a small explanatory note under the title (Plotly's subtitle, wrapped), making room for it."""
    if not note:
        return fig
    text = wrap(note, width)
    lines = text.count("<br>") + 1
    fig.update_layout(title_subtitle={"text": text, "font": {"size": 12, "color": "#5b6b77"}})
    top = fig.layout.margin.t or 50
    fig.update_layout(margin={"t": top + 16 * lines}, height=(fig.layout.height or 300) + 16 * lines)
    return fig


def point_lines(result) -> list[str]:
    """What one figure rests on, for hover text: its display, and n or why it is hidden (never raw small counts)."""
    if result.suppressed:
        return [result.display, result.reason or "Skjult: for få borgere"]
    lines = [result.display]
    if result.denominator is not None:
        lines.append(f"n = {result.denominator:,}".replace(",", "."))
    return lines


def split_bars(fig, items: list[dict], flag: str, series: tuple, hover) -> None:
    """Add one bar trace per (flag value, legend name, colour) in `series` over the items whose `flag` has that
    value (skipped when none): x the items' labels, y their values (hidden: 0), the display text above each
    bar and `hover(item)` as hover text."""
    for value, name, colour in series:
        mine = [i for i in items if bool(i.get(flag)) == value]
        if not mine:
            continue
        fig.add_trace(
            go.Bar(
                x=[i["label"] for i in mine],
                y=[i["value"] or 0 for i in mine],
                name=name,
                marker_color=colour,
                text=[i["display"] for i in mine],
                textposition="outside",
                hovertext=[hover(i) for i in mine],
                hoverinfo="text",
            )
        )
