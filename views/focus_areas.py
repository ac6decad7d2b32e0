"""Fokusområder: per focus area and bearing, each indicator in depth (trend vs goal, breakdowns, definition)."""

import streamlit as st

from charts.breakdown import breakdown_bar
from charts.trend import trend_chart
from ui import about, components, data, drill, filters, fmt, story

view = filters.current_view()
strategy = data.strategies()[view.strategy]
st.title("Fokusområder")
st.caption(f"{fmt.md(strategy.title)} · {fmt.md(filters.describe(view))}")
if components.empty_state():
    st.stop()

area = drill.choose_area(strategy)
story.flash()
st.header(area.name)
if area.description:
    st.markdown(area.description)

detail = drill.area_detail(view, area)
for bearing in area.bearings:
    st.subheader(f":material/flag: {bearing.text}")
    if not bearing.indicators:
        st.info(f"Ikke målt endnu. {bearing.detail}".rstrip(), icon=":material/pending:")
        continue
    for ind_id in bearing.indicators:
        d = detail[ind_id]
        with st.container(border=True):
            left, right = st.columns([1, 2])
            with left:
                components.figure(d.line.name, d.line.result, d.line.status, d.line.expected_text, d.line.goal_note)
                with st.popover("Definition og datakilde", icon=":material/info:"):
                    st.markdown(about.indicator_markdown(d.indicator))
                story.render_story(view, strategy, ind_id, key=f"{area.id}_{bearing.id}_{ind_id}")
            with right:
                st.plotly_chart(
                    trend_chart(
                        d.line.trend,
                        d.line.unit,
                        d.line.name,
                        d.goal_path,
                        d.baseline,
                        annotations=story.chart_notes(strategy.id, ind_id),
                    ),
                    key=f"trend_{area.id}_{bearing.id}_{ind_id}",
                )
            a, b = st.columns(2)
            a.plotly_chart(
                breakdown_bar(
                    d.by_age, "aldersgruppe", d.line.unit, "Efter aldersgruppe", highlight=drill.UNDER_30_BANDS
                ),
                key=f"age_{area.id}_{bearing.id}_{ind_id}",
            )
            b.plotly_chart(
                breakdown_bar(d.by_group, "målgruppe", d.line.unit, "Efter målgruppe (en borger kan tælle i flere)"),
                key=f"grp_{area.id}_{bearing.id}_{ind_id}",
            )
