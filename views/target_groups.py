"""Målgrupper og alder: an indicator across target groups × age bands, under 30 highlighted."""

import streamlit as st

from charts.breakdown import breakdown_bar, heatmap
from ui import components, danish, data, drill, export, filters, fmt

view = filters.current_view()
strategy = data.strategies()[view.strategy]
st.title("Målgrupper og alder")
st.caption(f"{fmt.md(strategy.title)} · {fmt.md(filters.describe(view))}")
if components.empty_state():
    st.stop()

st.info(
    "En borger kan være i flere målgrupper på én gang (fx både Alkohol og Sindslidelse). "
    "Derfor summerer tallene for målgrupperne **ikke** til totalen.",
    icon=":material/info:",
)
names = drill.indicator_names(strategy)
indicator = st.selectbox(
    "Indikator", list(names), format_func=names.get, key="mg_indicator", placeholder=danish.PLACEHOLDER
)
unit = drill.unit_of(indicator)
cells, groups, cols = drill.group_age_cells(view, indicator)
st.plotly_chart(
    heatmap(cells, groups, cols, unit, f"{names[indicator]} efter målgruppe og aldersgruppe", drill.UNDER_30_BANDS),
    key="mg_heatmap",
    config=danish.PLOTLY_CONFIG,
)
st.caption(
    "★ Aldersgrupper under 30 år – de unge, som strategien prioriterer. Skjulte tal er forklaret under diagrammets titel."
)

under30 = data.compute([indicator], view, by="under30")
by_age = data.compute([indicator], view, by="aldersgruppe")
left, right = st.columns(2)
left.plotly_chart(
    breakdown_bar(
        under30,
        "under30",
        unit,
        "Under 30 og 30 og derover",
        highlight={"Under 30"},
    ),
    key="mg_under30",
    config=danish.PLOTLY_CONFIG,
)
right.plotly_chart(
    breakdown_bar(by_age, "aldersgruppe", unit, "Efter aldersgruppe", highlight=drill.UNDER_30_BANDS),
    key="mg_age",
    config=danish.PLOTLY_CONFIG,
)
export.buttons(
    view,
    f"Målgrupper og alder – {names[indicator]}",
    "maalgrupper",
    export.target_group_tables(names[indicator], unit, cells, groups, cols, under30, by_age),
)
