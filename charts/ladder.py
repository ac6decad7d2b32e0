"""Charts of the indsatstrappe: citizens by step over time, flows between steps, waiting times."""

from __future__ import annotations

import plotly.graph_objects as go

from charts.common import MUTED, PRIMARY, danish_layout, empty_figure

STEP_COLOURS = ["#cfe3ec", "#9cc6d8", "#69a8c4", "#3d8bb0", "#1f6e93", "#0f5475", "#08384f"]


def steps_chart(rows: list[dict]) -> go.Figure:
    """Active citizens per step (stacked bars per year); rows: year, step, value, display, reason."""
    if not rows:
        return empty_figure()
    steps = list(dict.fromkeys(r["step"] for r in rows))
    fig = go.Figure()
    for i, step in enumerate(steps):
        mine = [r for r in rows if r["step"] == step]
        fig.add_trace(
            go.Bar(
                x=[str(r["year"]) for r in mine],
                y=[r["value"] if r["value"] is not None else 0 for r in mine],
                name=step,
                marker_color=STEP_COLOURS[i % len(STEP_COLOURS)],
                hovertext=[
                    f"<b>{step}</b> {r['year']}<br>{r['display']} borgere"
                    + (f"<br>{r['reason']}" if r.get("reason") else "")
                    for r in mine
                ],
                hoverinfo="text",
            )
        )
    danish_layout(fig, height=380, barmode="stack", title={"text": "Aktive borgere pr. trin", "font": {"size": 15}})
    fig.update_xaxes(type="category")
    return fig


def flows_sankey(steps: list[str], flows: list[dict]) -> go.Figure:
    """Moves between steps in sammenhængende overgange; flows: source, target, value, display (suppressed left out)."""
    shown = [f for f in flows if f.get("value")]
    if not shown:
        return empty_figure("Ingen overgange at vise (eller for få til at vise)")
    left = [f"{s} (før)" for s in steps]
    right = [f"{s} (efter)" for s in steps]
    index = {s: i for i, s in enumerate(steps)}
    fig = go.Figure(
        go.Sankey(
            node={"label": left + right, "color": [PRIMARY] * len(steps) + [MUTED] * len(steps), "pad": 14},
            link={
                "source": [index[f["source"]] for f in shown],
                "target": [len(steps) + index[f["target"]] for f in shown],
                "value": [f["value"] for f in shown],
                "customdata": [f["display"] for f in shown],
                "color": [
                    "rgba(46,125,50,0.45)"
                    if index[f["target"]] < index[f["source"]]
                    else (
                        "rgba(198,40,40,0.40)" if index[f["target"]] > index[f["source"]] else "rgba(138,154,166,0.4)"
                    )
                    for f in shown
                ],
                "hovertemplate": "%{source.label} → %{target.label}<br>%{customdata} overgange<extra></extra>",
            },
            valueformat=",d",
        )
    )
    danish_layout(
        fig, height=420, title={"text": "Overgange mellem trin (grøn = ned ad trappen)", "font": {"size": 15}}
    )
    return fig


def waiting_chart(rows: list[dict], guarantee: int = 14) -> go.Figure:
    """Treatment starts by waiting-time band; bands beyond the guarantee in red. rows: label, value, display, over."""
    if not rows:
        return empty_figure()
    fig = go.Figure(
        go.Bar(
            x=[r["label"] for r in rows],
            y=[r["value"] or 0 for r in rows],
            marker_color=["#D55E00" if r["over"] else PRIMARY for r in rows],
            text=[r["display"] for r in rows],
            textposition="outside",
            hovertext=[
                f"Ventetid {r['label']}: {r['display']} forløb"
                + ("<br>Skjult: for få forløb" if r["value"] is None else "")
                for r in rows
            ],
            hoverinfo="text",
        )
    )
    danish_layout(
        fig,
        height=340,
        title={"text": f"Behandlingsstart efter ventetid (rød = over {guarantee} dage)", "font": {"size": 15}},
    )
    fig.update_xaxes(type="category")
    fig.update_yaxes(title="Forløb", rangemode="tozero")
    return fig
