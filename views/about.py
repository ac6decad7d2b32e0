"""Om tallene: every indicator's definition and source, the small-number rule, the strategies and data sources."""

import streamlit as st

import settings
from ui import about, data

st.title("Om tallene")
st.markdown(
    "Alle tal i Pejling beregnes af de udtræk, forvaltningen uploader. Her står, hvordan hvert tal er "
    "defineret, hvilken datakilde det bygger på, og hvordan små tal beskyttes."
)

st.header("Hvilke datakilder?")
st.table(about.as_table(about.sources_table()), hide_index=True)

st.header("Små tal (diskretionering)")
n = settings.min_n()
st.markdown(about.suppression_text(n))

st.header("Mål for delgrupper")
st.markdown(about.subgroup_goal_text())

st.header("Indikatorer")
st.table(about.as_table(about.indicator_table()), hide_index=True)
for ind in about.indicators():
    with st.expander(ind.name):
        st.markdown(about.indicator_markdown(ind))

st.header("Strategiernes opbygning")
for strategy in data.strategies().values():
    with st.expander(strategy.title):
        st.markdown(about.strategy_markdown(strategy))
