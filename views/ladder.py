"""Indsatstrappen: citizens by step over time, moves up and down, seamless transitions, waiting times."""

import streamlit as st

from charts.ladder import flows_sankey, steps_chart, waiting_chart
from ui import components, danish, export, filters, fmt, ladder

view = filters.current_view()
st.title("Indsatstrappen")
st.caption(
    f"Indsatser ordnet fra de mindst til de mest indgribende · {fmt.md(filters.describe(view))}. "
    "Målet er, at borgerne bevæger sig ned ad trappen, og at de starter lavt."
)
if components.empty_state():
    st.stop()

cols = st.columns(len(ladder.KEY_INDICATORS))
for col, (name, result, status, expected, note) in zip(cols, ladder.key_figures(view), strict=True):
    with col, st.container(border=True):
        components.figure(name, result, status, expected, note)

steps_by_year = ladder.steps_by_year(view)
st.plotly_chart(steps_chart(steps_by_year), key="ladder_steps", config=danish.PLOTLY_CONFIG)
left, right = st.columns([3, 2])
steps, flows = ladder.flows(view)
left.plotly_chart(flows_sankey(steps, flows), key="ladder_sankey", config=danish.PLOTLY_CONFIG)
with right:
    st.markdown(
        "**Sammenhængende overgange**: en borger, der afslutter en indsats med overgang til en anden, "
        "starter den næste højst 14 dage efter. Blå bånd går ned ad trappen, orange op, grå er skift på samme trin. "
        "Overgange med for få borgere er udeladt."
    )
st.subheader("Ventetid på behandling")
median = ladder.median_wait(view)
st.markdown(f"Median ventetid i perioden: **{median}**" if median else "Median ventetid: for få data.")
waiting = ladder.waiting(view)
st.plotly_chart(waiting_chart(waiting), key="ladder_waiting", config=danish.PLOTLY_CONFIG)
st.caption("Loven garanterer start på stof- og alkoholbehandling senest 14 dage efter anmodning.")
with st.expander("Hvilke indsatser ligger på hvert trin?"):
    for step, names in ladder.step_names().items():
        st.markdown(f"**Trin {step}:** {', '.join(fmt.md(n) for n in names)}")
export.buttons(view, "Indsatstrappen", "indsatstrappen", export.ladder_tables(view, steps_by_year, flows, waiting))
