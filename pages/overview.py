"""Overblik: each focus area of the chosen strategy with its indicators, status and trend."""

import streamlit as st

from charts.spark import sparkline_svg
from ui import components, data, filters, summary

view = filters.current_view()
strategy = data.strategies()[view.strategy]
st.title("Overblik")
st.caption(f"{strategy.title} · {filters.describe(view)}")
if components.empty_state():
    st.stop()

for area in summary.build(view):
    st.subheader(area.name)
    if area.description:
        st.caption(area.description)
    cols = st.columns(3)
    for i, line in enumerate(area.lines):
        with cols[i % 3], st.container(border=True):
            components.figure(line.name, line.result, line.status, line.expected_text)
            if line.trend:
                st.markdown(sparkline_svg(line.trend, line.unit), unsafe_allow_html=True)
    for text, note in area.unmeasured:
        st.caption(f":material/pending: **{text}** – ikke målt endnu. {note}")
