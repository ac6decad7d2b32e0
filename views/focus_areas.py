"""Fokusområder: per focus area, each indicator once in depth (trend vs goal, bearings, breakdowns on demand)."""

from functools import partial

import streamlit as st

from ui import components, data, drill, export, filters, fmt, focus, story

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
# The export's breakdowns (by age and target group for every indicator) are computed when a file is asked for.
export.buttons(
    view,
    f"Fokusområder – {area.name}",
    f"fokusomraade-{area.id}",
    partial(export.focus_area_tables, view, area, detail),
)
landed = drill.landed_indicator(area)
unmeasured = drill.unmeasured(area)
focus.contents(detail, landed, len(unmeasured))
# A drill-through from Overblik lands on its indicator: drawn first, the others after in contents order.
for ind_id in sorted(detail, key=lambda i: i != landed):
    focus.indicator_section(view, area.id, detail[ind_id], landed=ind_id == landed)
focus.unmeasured_bearings(unmeasured)
