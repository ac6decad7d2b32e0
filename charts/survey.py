"""Survey charts: the WHO-5 score distribution."""

from __future__ import annotations

import plotly.graph_objects as go

from charts.common import NO_DATA, PRIMARY, UP, add_note, danish_layout, empty_figure, split_bars


def who5_histogram(bins: list[dict]) -> go.Figure:
    """WHO-5 scores in bins; bins: label, value, display, reason, low (score ≤ 50). A legend names the colours."""
    title = "WHO-5-score"
    if not bins:
        return empty_figure(NO_DATA, title)
    if all(b["value"] is None for b in bins):
        return empty_figure("Ingen data at vise: alle tal er skjult for at beskytte borgerne.", title)
    fig = go.Figure()
    split_bars(
        fig,
        bins,
        "low",
        ((True, "Lav trivsel (≤ 50)", UP), (False, "Over 50", PRIMARY)),
        lambda b: f"Score {b['label']}: {b['display']} besvarelser" + (f"<br>{b['reason']}" if b.get("reason") else ""),
    )
    danish_layout(fig, height=340, title={"text": title, "font": {"size": 15}}, showlegend=True)
    reasons = {b["display"]: b["reason"] for b in bins if b["value"] is None and b.get("reason")}
    add_note(fig, ". ".join(f"«{d}»: {r.rstrip('.')}" for d, r in reasons.items()) + ("." if reasons else ""))
    fig.update_xaxes(
        type="category", title="Score (0-100)", categoryorder="array", categoryarray=[b["label"] for b in bins]
    )
    fig.update_yaxes(title="Besvarelser", rangemode="tozero")
    return fig
