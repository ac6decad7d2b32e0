"""Bar charts of one indicator broken down by a dimension, and heatmaps of two dimensions."""

from __future__ import annotations

import plotly.graph_objects as go

from charts.common import (
    HIGHLIGHT,
    MUTED,
    NO_DATA,
    PRIMARY,
    add_note,
    axis_suffix,
    danish_layout,
    empty_figure,
    hidden_note,
    scale,
)

ALL_HIDDEN = "Ingen data at vise: alle grupper er skjult for at beskytte borgerne."


def breakdown_bar(
    results: list,
    dimension: str,
    unit: str | None,
    title: str,
    highlight: set[str] | None = None,
    height: int = 300,
    highlight_label: str = "Under 30 år",
) -> go.Figure:
    """Horizontal bars per group; suppressed groups show their display in grey, explained once under the title."""
    rows = [r for r in results if dimension in r.group]
    if not rows:
        return empty_figure(NO_DATA, title)
    labels = [r.group[dimension] for r in rows]
    values = [0 if r.suppressed else scale(r.value, unit) for r in rows]
    marked = [bool(highlight) and lab in highlight and not r.suppressed for r, lab in zip(rows, labels, strict=True)]
    colours = [
        MUTED if r.suppressed else (HIGHLIGHT if mark else PRIMARY) for r, mark in zip(rows, marked, strict=True)
    ]
    hover = [
        f"<b>{lab}</b><br>{r.display}"
        + (f"<br>{r.reason}" if r.suppressed and r.reason else "")
        + ("" if r.suppressed or r.denominator is None else f"<br>n = {r.denominator:,}".replace(",", "."))
        for r, lab in zip(rows, labels, strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=labels,
            orientation="h",
            marker_color=colours,
            text=[r.display for r in rows],
            textposition=["outside" if r.suppressed else "auto" for r in rows],
            hovertext=hover,
            hoverinfo="text",
            showlegend=False,
        )
    )
    danish_layout(fig, height=max(height, 40 + 32 * len(rows)), title={"text": title, "font": {"size": 15}})
    if any(marked):
        # A legend for the colours: legend-only bars (no data) carry the names.
        for name, colour in ((highlight_label, HIGHLIGHT), ("Øvrige", PRIMARY)):
            fig.add_trace(go.Bar(x=[None], y=[None], orientation="h", marker_color=colour, name=name))
        fig.update_layout(showlegend=True)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(ticksuffix=axis_suffix(unit), rangemode="tozero")
    note = hidden_note(rows)
    if all(r.suppressed for r in rows):
        # No scale without a bar ("0 %, 0,2 %, 0,4 %" says nothing): the groups stay named, with why.
        fig.update_xaxes(visible=False)
        return add_note(fig, f"{ALL_HIDDEN} {note}")
    return add_note(fig, f"Grå = skjult. {note}" if note else "")


def heatmap(
    cells: dict[tuple[str, str], object],
    rows: list[str],
    cols: list[str],
    unit: str | None,
    title: str,
    highlight_cols: set[str] | None = None,
) -> go.Figure:
    """A heatmap of results by (row, column); hidden cells show their display, explained once under the title."""
    if not rows or not cols:
        return empty_figure(NO_DATA, title)
    shown = [cells.get((r, c)) for r in rows for c in cols]
    if all(x is None or x.suppressed for x in shown):
        return empty_figure(ALL_HIDDEN if any(x is not None for x in shown) else NO_DATA, title)
    z, text, hover = [], [], []
    for row in rows:
        zr, tr, hr = [], [], []
        for col in cols:
            r = cells.get((row, col))
            if r is None:
                zr.append(None)
                tr.append("–")
                hr.append(f"{row} · {col}<br>Ingen borgere i gruppen")
                continue
            zr.append(None if r.suppressed else scale(r.value, unit))
            tr.append(r.display)
            extra = f"<br>{r.reason}" if r.suppressed and r.reason else ""
            hr.append(f"<b>{row} · {col}</b><br>{r.display}{extra}")
        z.append(zr)
        text.append(tr)
        hover.append(hr)
    col_labels = [f"<b>{c}</b> ★" if highlight_cols and c in highlight_cols else c for c in cols]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=col_labels,
            y=rows,
            text=text,
            texttemplate="%{text}",
            hovertext=hover,
            hoverinfo="text",
            colorscale="Blues",
            colorbar={"ticksuffix": axis_suffix(unit)},
            xgap=2,
            ygap=2,
        )
    )
    danish_layout(fig, height=max(340, 110 + 34 * len(rows)), title={"text": title, "font": {"size": 15}, "y": 0.99})
    fig.update_layout(margin={"t": 110})
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top")
    extra = []
    if any(x is None for x in shown):
        extra.append("«–»: ingen borgere i gruppen")
    if highlight_cols:
        extra.append("★ = under 30 år")
    return add_note(fig, hidden_note(shown, ". ".join(extra)))
