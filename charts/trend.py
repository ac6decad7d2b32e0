"""Trend charts: sparklines for the overview and the full trend against the goal path."""

from __future__ import annotations

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
) -> go.Figure:
    """An indicator's yearly values with Wilson intervals, the goal path and the baseline."""
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
    danish_layout(fig, height=height)
    fig.update_xaxes(dtick=1, tickformat="d")
    fig.update_yaxes(ticksuffix=axis_suffix(unit), rangemode="tozero")
    return fig
