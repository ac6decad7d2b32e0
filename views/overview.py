"""Overblik: each focus area of the chosen strategy with its indicators, status and trend."""

import streamlit as st

from charts.spark import sparkline_svg
from ui import components, data, drill, export, filters, fmt, summary

view = filters.current_view()
strategy = data.strategies()[view.strategy]
st.title("Overblik")
st.caption(f"{fmt.md(strategy.title)} · {fmt.md(filters.describe(view))}")
if components.empty_state():
    st.stop()

downloads = st.container()
# The period's figures first, the trend lines after: on a large database the numbers show at once.
spots = []
started = summary.start_trends(view)  # the trend years run beside the period's figures
areas = summary.build(view, with_trend=False)
for area in areas:
    st.subheader(area.name)
    if area.description:
        st.caption(area.description)
    cols = st.columns(3)
    for i, line in enumerate(area.lines):
        with cols[i % 3], st.container(border=True):
            components.figure(line.name, line.result, line.status, line.expected_text, line.goal_note)
            spots.append((line, st.empty()))
            drill.drill_link(area.id, line.id)
    for text, note in area.unmeasured:
        st.caption(f":material/pending: **{text}** – ikke målt endnu." + (f" {note}" if note else ""))

trends = summary.trends(view, started)
for line, spot in spots:
    if trends.get(line.id):
        spot.markdown(sparkline_svg(trends[line.id], line.unit), unsafe_allow_html=True)

with downloads:
    export.buttons(view, "Overblik", "overblik", export.overview_tables(areas, trends))
