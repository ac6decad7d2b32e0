"""Survey charts: the WHO-5 score distribution."""

from __future__ import annotations

import plotly.graph_objects as go

from charts.common import MUTED, PRIMARY, danish_layout, empty_figure


def who5_histogram(bins: list[dict]) -> go.Figure:
    """WHO-5 scores in bins; bins: label, value, display, reason, low (score ≤ 50)."""
    if not bins:
        return empty_figure()
    fig = go.Figure(
        go.Bar(
            x=[b["label"] for b in bins],
            y=[b["value"] or 0 for b in bins],
            marker_color=["#c62828" if b.get("low") else PRIMARY for b in bins],
            marker_line_color=[MUTED if b["value"] is None else "white" for b in bins],
            text=[b["display"] for b in bins],
            textposition="outside",
            hovertext=[
                f"Score {b['label']}: {b['display']} besvarelser" + (f"<br>{b['reason']}" if b.get("reason") else "")
                for b in bins
            ],
            hoverinfo="text",
        )
    )
    danish_layout(fig, height=340, title={"text": "WHO-5-score (rød = lav trivsel, ≤ 50)", "font": {"size": 15}})
    fig.update_xaxes(type="category", title="Score (0-100)")
    fig.update_yaxes(title="Besvarelser", rangemode="tozero")
    return fig
