"""Charts of the indsatstrappe: citizens by step over time, flows between steps, waiting times."""

from __future__ import annotations

import plotly.graph_objects as go

from charts.common import DOWN, MUTED, PRIMARY, UP, danish_layout, empty_figure, split_bars

SAME_STEP = "rgba(138,154,166,0.45)"  # grey: a move to another intervention on the same step
FLOWS_TITLE = "Overgange mellem trin"


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    return f"rgba({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha})"


def _stack(values: list[float], pad: float) -> list[float]:
    """Centre positions (0 = top) of nodes stacked in order, heights in proportion to their values."""
    total = sum(values) or 1.0
    usable = 1.0 - pad * (len(values) - 1)
    out, y = [], 0.0
    for v in values:
        h = usable * v / total
        out.append(min(max(y + h / 2, 0.001), 0.999))
        y += h + pad
    return out


STEP_COLOURS = ["#cfe3ec", "#9cc6d8", "#69a8c4", "#3d8bb0", "#1f6e93", "#0f5475", "#08384f"]


def steps_chart(rows: list[dict]) -> go.Figure:
    """Active citizens per step (stacked bars per year); rows: year, step, value, display, reason."""
    if not rows or all(r["value"] is None for r in rows):
        return empty_figure(
            "Ingen data at vise." if not rows else "Ingen data at vise: alle tal er skjult for at beskytte borgerne.",
            "Aktive borgere pr. trin",
        )
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
        return empty_figure("Ingen overgange at vise, eller for få til at vise.", FLOWS_TITLE)
    # Only steps with a shown flow get a node; the labels sit in the margins beside the nodes
    # (Plotly would draw them over the bands between the columns).
    left_steps = [s for s in steps if any(f["source"] == s for f in shown)]
    right_steps = [s for s in steps if any(f["target"] == s for f in shown)]
    li = {s: i for i, s in enumerate(left_steps)}
    ri = {s: len(left_steps) + i for i, s in enumerate(right_steps)}
    order = {s: i for i, s in enumerate(steps)}
    out_of = [sum(f["value"] for f in shown if f["source"] == s) for s in left_steps]
    into = [sum(f["value"] for f in shown if f["target"] == s) for s in right_steps]
    pad = 0.04
    ys = _stack(out_of, pad) + _stack(into, pad)
    fig = go.Figure(
        go.Sankey(
            arrangement="fixed",
            node={
                "label": [""] * (len(left_steps) + len(right_steps)),
                "customdata": [f"{s} (før)" for s in left_steps] + [f"{s} (efter)" for s in right_steps],
                "hovertemplate": "%{customdata}<extra></extra>",
                "color": [PRIMARY] * len(left_steps) + [MUTED] * len(right_steps),
                "x": [0.001] * len(left_steps) + [0.999] * len(right_steps),
                "y": ys,
                "pad": 14,
                "thickness": 18,
            },
            link={
                "source": [li[f["source"]] for f in shown],
                "target": [ri[f["target"]] for f in shown],
                "value": [f["value"] for f in shown],
                "customdata": [f["display"] for f in shown],
                "color": [
                    _rgba(DOWN, 0.5)
                    if order[f["target"]] < order[f["source"]]
                    else (_rgba(UP, 0.5) if order[f["target"]] > order[f["source"]] else SAME_STEP)
                    for f in shown
                ],
                "hovertemplate": "%{source.customdata} → %{target.customdata}<br>%{customdata} overgange<extra></extra>",
            },
            valueformat=",d",
            domain={"x": [0.16, 0.84]},
        )
    )
    for step, y in zip(left_steps, ys[: len(left_steps)], strict=True):
        fig.add_annotation(
            text=step, x=0.11, y=1 - y, xref="paper", yref="paper", xanchor="right", showarrow=False, align="right"
        )
    for step, y in zip(right_steps, ys[len(left_steps) :], strict=True):
        fig.add_annotation(
            text=step, x=0.89, y=1 - y, xref="paper", yref="paper", xanchor="left", showarrow=False, align="left"
        )
    for text, x, anchor in (("<b>Før</b>", 0.11, "right"), ("<b>Efter</b>", 0.89, "left")):
        fig.add_annotation(
            text=text, x=x, y=1.0, xref="paper", yref="paper", xanchor=anchor, yanchor="bottom", showarrow=False
        )
    danish_layout(fig, height=420, title={"text": FLOWS_TITLE, "font": {"size": 15}})
    fig.update_layout(margin={"t": 70})
    return fig


def waiting_chart(rows: list[dict], guarantee: int = 14) -> go.Figure:
    """Treatment starts by waiting-time band; a legend names the colour of bands beyond the guarantee.

    rows: label, value, display, over.
    """
    title = "Behandlingsstart efter ventetid"
    if not rows:
        return empty_figure("Ingen behandlingsforløb startet i perioden.", title)
    fig = go.Figure()
    series = ((False, f"Inden for {guarantee} dage", PRIMARY), (True, f"Over {guarantee} dage", UP))
    split_bars(
        fig,
        rows,
        "over",
        series,
        lambda r: (
            f"Ventetid {r['label']}: {r['display']} forløb"
            + ("<br>Skjult: for få forløb" if r["value"] is None else "")
        ),
    )
    danish_layout(fig, height=340, title={"text": title, "font": {"size": 15}}, showlegend=True)
    fig.update_xaxes(categoryorder="array", categoryarray=[r["label"] for r in rows])
    fig.update_xaxes(type="category")
    fig.update_yaxes(title="Forløb", rangemode="tozero")
    return fig
