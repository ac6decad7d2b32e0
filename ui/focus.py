"""Fokusområder's sections: the contents list, one indicator in depth, and its breakdown on demand."""

from __future__ import annotations

import streamlit as st

from charts.breakdown import breakdown_bar
from charts.trend import trend_chart
from ui import about, components, danish, data, drill, fmt, story

BREAKDOWN_HINT = "Vælg en opdeling for at se, hvor tallet kommer fra. Den beregnes først, når du vælger den."


def contents(detail: dict[str, drill.IndicatorDetail], landed: str | None, unmeasured: int) -> None:
    """A contents list at the top: one link per indicator to its section, with the bearings it serves."""
    lines = []
    for ind_id, d in detail.items():
        mark = " · *valgt fra Overblik*" if ind_id == landed else ""
        count = len(d.bearings)
        served = f"{count} pejlemærker" if count > 1 else "1 pejlemærke"
        lines.append(f"- [{fmt.md(d.line.name)}](#{drill.anchor(ind_id)}) ({served}){mark}")
    if unmeasured:
        lines.append(f"- [Ikke målt endnu](#{drill.UNMEASURED_ANCHOR}) ({unmeasured} pejlemærker)")
    st.markdown("**Indhold**\n\n" + "\n".join(lines))


def indicator_section(view: data.View, area_id: str, d: drill.IndicatorDetail, landed: bool = False) -> None:
    """One indicator once: figure, status, trend against the goal path, the bearings it serves, breakdown."""
    ind_id = d.indicator.id
    with st.container(border=True):
        st.subheader(d.line.name, anchor=drill.anchor(ind_id))
        if landed:
            st.caption(":material/my_location: Valgt fra Overblik med de samme filtre.")
        served = "\n".join(f"- {fmt.md(text)}" for text in d.bearings)
        label = "Pejlemærker" if len(d.bearings) > 1 else "Pejlemærke"
        st.markdown(f":material/flag: **{label}:**\n{served}")
        left, right = st.columns([1, 2])
        with left:
            components.figure(d.line.name, d.line.result, d.line.status, d.line.expected_text, d.line.goal_note)
            with st.popover("Definition og datakilde", icon=":material/info:"):
                st.markdown(about.indicator_markdown(d.indicator))
            story.render_story(view, data.strategies()[view.strategy], ind_id, key=f"{area_id}_{ind_id}")
        with right:
            st.plotly_chart(
                trend_chart(
                    d.line.trend,
                    d.line.unit,
                    d.line.name,
                    d.goal_path,
                    d.baseline,
                    annotations=story.chart_notes(view.strategy, ind_id),
                ),
                key=f"trend_{area_id}_{ind_id}",
                config=danish.PLOTLY_CONFIG,
            )
        breakdown_on_demand(view, area_id, d)


def breakdown_on_demand(view: data.View, area_id: str, d: drill.IndicatorDetail) -> None:
    """A choice of breakdown; the chosen one is computed (cached) and drawn, none until one is chosen."""
    ind_id = d.indicator.id
    options = drill.breakdown_options(d.indicator)
    dimension = st.segmented_control(
        "Opdel efter",
        options,
        format_func=drill.BREAKDOWNS.get,
        key=f"bd_{area_id}_{ind_id}",
        help="Se tallet opdelt, fx på indsatstype eller leverandør, for at finde ud af hvorfor det ser sådan ud.",
    )
    if dimension is None:
        st.caption(BREAKDOWN_HINT)
        return
    results = drill.breakdown(view, ind_id, dimension)
    highlight = drill.UNDER_30_BANDS if dimension == "aldersgruppe" else None
    st.plotly_chart(
        breakdown_bar(results, dimension, d.line.unit, drill.breakdown_title(dimension, results), highlight=highlight),
        key=f"bdchart_{area_id}_{ind_id}",
        config=danish.PLOTLY_CONFIG,
    )


def unmeasured_bearings(bearings: list[tuple[str, str]]) -> None:
    """The area's bearings without data, each with its note."""
    if not bearings:
        return
    st.subheader("Ikke målt endnu", anchor=drill.UNMEASURED_ANCHOR)
    for text, note in bearings:
        st.info(f"**{fmt.md(text)}** {fmt.md(note)}".strip(), icon=":material/pending:")
