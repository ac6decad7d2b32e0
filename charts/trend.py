"""Trend charts: sparklines for the overview and the full trend against the goal path."""

from __future__ import annotations

import html
from datetime import date

import plotly.graph_objects as go

from charts.common import GOAL, MUTED, NO_DATA, PRIMARY, axis_suffix, danish_layout, empty_figure, point_lines, scale


def _hover(result, unit: str | None) -> str:
    """Danish hover text for one point: year, displayed value and what it rests on (never raw small counts)."""
    return "<br>".join([f"<b>{result.period}</b>", *point_lines(result)])


def sparkline(results: list, unit: str | None, height: int = 70) -> go.Figure:
    """A small line of an indicator's yearly values; suppressed years are gaps, n on hover."""
    xs = [r.period for r in results]
    ys = [None if r.suppressed else scale(r.value, unit) for r in results]
    fig = go.Figure(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines+markers",
            line={"color": PRIMARY, "width": 2},
            marker={"size": 5},
            connectgaps=False,
            hovertext=[_hover(r, unit) for r in results],
            hoverinfo="text",
        )
    )
    danish_layout(fig, height=height, showlegend=False)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0})
    fig.update_xaxes(visible=False, type="category")
    fig.update_yaxes(visible=False)
    return fig


def band_segments(results: list, ys: list) -> list[list[int]]:
    """Indices of consecutive years that have both a shown value and an interval (a lone year is its own run)."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, (r, y) in enumerate(zip(results, ys, strict=True)):
        if y is not None and r.ci_low is not None and r.ci_high is not None:
            current.append(i)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def trend_chart(
    results: list,
    unit: str | None,
    name: str,
    goal_points: list[tuple[int, float]] | None = None,
    baseline: tuple[int, float] | None = None,
    height: int = 320,
    annotations: list[tuple[date, str]] | None = None,
) -> go.Figure:
    """An indicator's yearly values with Wilson intervals, the goal path, the baseline and dated notes.

    `annotations` are (date, text) pairs pinned as dotted vertical lines at the date's place in the
    year (1.3.2024 lies a sixth into 2024); notes outside the years shown are left out.
    """
    if not results:
        return empty_figure(NO_DATA, name)
    xs = [int(r.period) if str(r.period).isdigit() else r.period for r in results]
    ys = [None if r.suppressed else scale(r.value, unit) for r in results]
    if all(y is None for y in ys):
        return empty_figure("Ingen data at vise: alle år er skjult for at beskytte borgerne.", name)
    fig = go.Figure()
    for i, segment in enumerate(band_segments(results, ys)):
        # One band per run of years with a shown point and an interval: never drawn across a year without one.
        fig.add_trace(
            go.Scatter(
                x=[xs[j] for j in segment],
                y=[scale(results[j].ci_high, unit) for j in segment],
                mode="lines",
                line={"width": 0},
                showlegend=False,
                hoverinfo="skip",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=[xs[j] for j in segment],
                y=[scale(results[j].ci_low, unit) for j in segment],
                mode="lines",
                line={"width": 0},
                fill="tonexty",
                fillcolor="rgba(0,88,124,0.15)",
                name="95 %-interval",
                legendgroup="ci",
                showlegend=i == 0,
                hoverinfo="skip",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines+markers",
            name=name,
            line={"color": PRIMARY, "width": 3},
            marker={"size": 8},
            hovertext=[_hover(r, unit) for r in results],
            hoverinfo="text",
        )
    )
    if goal_points:
        fig.add_trace(
            go.Scatter(
                x=[p[0] for p in goal_points],
                y=[scale(p[1], unit) for p in goal_points],
                mode="lines",
                name="Forventet (målsti)",
                line={"color": GOAL, "width": 2, "dash": "dash"},
                hovertemplate="%{x}: forventet %{y:.1f}" + axis_suffix(unit) + "<extra></extra>",
            )
        )
    if baseline:
        fig.add_trace(
            go.Scatter(
                x=[baseline[0]],
                y=[scale(baseline[1], unit)],
                mode="markers",
                name="Baseline",
                marker={"color": MUTED, "size": 12, "symbol": "diamond"},
                hovertemplate="Baseline %{x}: %{y:.1f}" + axis_suffix(unit) + "<extra></extra>",
            )
        )
    _pin_notes(fig, xs, annotations or [])
    danish_layout(fig, height=height)
    fig.update_xaxes(dtick=1, tickformat="d")
    fig.update_yaxes(ticksuffix=axis_suffix(unit), rangemode="tozero")
    return fig


def year_position(day: date) -> float:
    """A date's place on a yearly axis: the year plus the share of the year gone (1.3.2024 -> 2024.16)."""
    start = date(day.year, 1, 1)
    length = (date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


def _pin_notes(fig: go.Figure, xs: list, notes: list[tuple[date, str]]) -> None:
    """Dotted vertical lines with a short label for the notes that fall within the years shown."""
    years = [x for x in xs if isinstance(x, int)]
    if not years or len(years) != len(xs):
        return
    shown = [(d, t) for d, t in sorted(notes) if min(years) - 0.5 <= year_position(d) <= max(years) + 0.5]
    for k, (day, text) in enumerate(shown):
        x = year_position(day)
        label = f"{day.day}.{day.month}.{day.year}: {text}"
        short = label if len(label) <= 48 else label[:47] + "…"
        fig.add_vline(x=x, line={"color": MUTED, "width": 1, "dash": "dot"})
        fig.add_annotation(
            x=x,
            y=1 - 0.09 * (k % 4),
            xref="x",
            yref="paper",
            text=html.escape(short),
            hovertext=html.escape(label),
            showarrow=False,
            xanchor="left",
            yanchor="top",
            font={"size": 11, "color": MUTED},
            bgcolor="rgba(255,255,255,0.8)",
        )
