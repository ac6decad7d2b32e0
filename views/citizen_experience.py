"""Borgeroplevelse: the four principles, the Plads til alle items, WHO-5 well-being and loneliness."""

import streamlit as st

from charts.breakdown import breakdown_bar
from charts.survey import who5_histogram
from ui import components, danish, data, export, filters, fmt, survey

view = filters.current_view()
st.title("Borgeroplevelse")
st.caption(f"Spørgeskemaer besvaret i perioden · {fmt.md(filters.describe(view))}")
if components.empty_state():
    st.stop()

for title, ids in survey.GROUPS:
    st.subheader(title)
    results = survey.totals(view, ids)
    cols = st.columns(len(ids))
    for col, ind_id in zip(cols, ids, strict=True):
        with col, st.container(border=True):
            components.figure(
                survey.name(ind_id),
                results.get(ind_id),
                survey.status(view, ind_id, results.get(ind_id)),
                note=survey.goal_note(view, ind_id),
            )

st.subheader("Trivsel (WHO-5)")
left, right = st.columns(2)
who5 = survey.who5(view)
left.plotly_chart(who5_histogram(who5), key="who5_hist", config=danish.PLOTLY_CONFIG)
right.plotly_chart(
    breakdown_bar(
        data.compute(["lav_trivsel"], view, by="aldersgruppe"),
        "aldersgruppe",
        "andel",
        "Lav trivsel (WHO-5 ≤ 50) efter aldersgruppe",
    ),
    key="who5_age",
    config=danish.PLOTLY_CONFIG,
)

st.subheader("Opdelt på alder og målgruppe")
names = {i: survey.name(i) for _, ids in survey.GROUPS for i in ids}
chosen = st.selectbox(
    "Spørgsmål", list(names), format_func=names.get, key="bo_indicator", placeholder=danish.PLACEHOLDER
)
a, b = st.columns(2)
a.plotly_chart(
    breakdown_bar(
        data.compute([chosen], view, by="aldersgruppe"), "aldersgruppe", survey.unit(chosen), "Efter aldersgruppe"
    ),
    key="bo_age",
    config=danish.PLOTLY_CONFIG,
)
b.plotly_chart(
    breakdown_bar(
        data.compute([chosen], view, by="målgruppe"),
        "målgruppe",
        survey.unit(chosen),
        "Efter målgruppe (en borger kan tælle i flere)",
    ),
    key="bo_group",
    config=danish.PLOTLY_CONFIG,
)
export.buttons(view, "Borgeroplevelse", "borgeroplevelse", export.survey_tables(view, who5, chosen))
