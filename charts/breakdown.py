"""Bar charts of one indicator broken down by a dimension, and heatmaps of two dimensions."""

from __future__ import annotations

import plotly.graph_objects as go

from charts.common import MUTED, PRIMARY, axis_suffix, danish_layout, empty_figure, scale


def breakdown_bar(
    results: list, dimension: str, unit: str | None, title: str, highlight: set[str] | None = None, height: int = 300
) -> go.Figure:
    """Horizontal bars per group; suppressed groups show their reason instead of a bar."""
    rows = [r for r in results if dimension in r.group]
    if not rows:
        return empty_figure()
    labels = [r.group[dimension] for r in rows]
    values = [0 if r.suppressed else scale(r.value, unit) for r in rows]
    colours = [
        MUTED if r.suppressed else ("#d9822b" if highlight and lab in highlight else PRIMARY)
        for r, lab in zip(rows, labels, strict=True)
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
        )
    )
    danish_layout(fig, height=max(height, 40 + 32 * len(rows)), title={"text": title, "font": {"size": 15}})
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(ticksuffix=axis_suffix(unit), rangemode="tozero")
    return fig


def heatmap(
    cells: dict[tuple[str, str], object],
    rows: list[str],
    cols: list[str],
    unit: str | None,
    title: str,
    highlight_cols: set[str] | None = None,
) -> go.Figure:
    """A heatmap of results by (row, column); suppressed cells are blank with their reason on hover."""
    if not rows or not cols:
        return empty_figure()
    z, text, hover = [], [], []
    for row in rows:
        zr, tr, hr = [], [], []
        for col in cols:
            r = cells.get((row, col))
            if r is None:
                zr.append(None)
                tr.append("")
                hr.append(f"{row} · {col}<br>Ingen data")
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
    return fig
