"""Mødevisning: one focus area per screen, few large numbers with status, for a projector or a tablet."""

from functools import partial

import streamlit as st

from charts.spark import sparkline_svg
from ui import components, data, filters, fmt, meeting, summary

st.html(
    "<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl']{display:none}"
    "[data-testid='stMetricValue']{font-size:3rem}[data-testid='stMetricLabel'] p{font-size:1.25rem}"
    "[data-testid='stMainBlockContainer']{padding-top:4rem}</style>"
)
view = filters.current_view()
strategy = data.strategies()[view.strategy]
if components.empty_state():
    st.stop()

areas = summary.build(view)
total = len(areas)
try:
    side = min(max(int(st.query_params.get("side", "1")), 1), total)
except ValueError:
    side = 1
area = areas[side - 1]

st.caption(f"{fmt.md(strategy.title)} · {fmt.md(filters.describe(view))}")
head, prev_col, pos, next_col = st.columns([4, 1.3, 1, 1.3], vertical_alignment="center")
head.title(area.name)
if prev_col.button("◀ Forrige", disabled=side <= 1, width="stretch", key="m_prev"):
    st.query_params["side"] = str(side - 1)
    st.rerun()
pos.markdown(f"**side {side} af {total}**")
if next_col.button("Næste ▶", disabled=side >= total, width="stretch", key="m_next"):
    st.query_params["side"] = str(side + 1)
    st.rerun()

lines = area.lines[:6]
cols = st.columns(min(3, max(1, len(lines))))
for i, line in enumerate(lines):
    with cols[i % len(cols)], st.container(border=True):
        components.figure(line.name, line.result, line.status, line.expected_text)
        if line.trend:
            st.markdown(sparkline_svg(line.trend, line.unit), unsafe_allow_html=True)
if len(area.lines) > len(lines):
    st.caption(f"Flere indikatorer på siden Fokusområder ({len(area.lines) - len(lines)} mere).")

title = f"{strategy.name} – status"
subtitle = filters.describe(view)
demo = data.has_demo()
name = f"pejling-{view.strategy}-{view.period}"
back, dl_pdf, dl_html, dl_xlsx = st.columns([2, 2, 2, 2])
back.page_link("views/overview.py", label="Tilbage til Overblik", icon=":material/arrow_back:")
# Each document is built on click (the PDF's fonts and layout take ~0.4 s), not on every rerun of the page.
downloads = (
    (dl_pdf, "Hent mødedokument (PDF)", meeting.to_pdf, "pdf", "application/pdf", ":material/picture_as_pdf:"),
    (dl_html, "Hent mødedokument (HTML)", meeting.to_html, "html", "text/html", ":material/description:"),
    (
        dl_xlsx,
        "Hent som Excel",
        meeting.to_xlsx,
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ":material/table:",
    ),
)
for col, label, build, ext, mime, icon in downloads:
    col.download_button(
        label,
        partial(build, title, subtitle, areas, demo),
        file_name=f"{name}.{ext}",
        mime=mime,
        icon=icon,
        type="primary" if ext == "pdf" else "secondary",
        width="stretch",
    )
