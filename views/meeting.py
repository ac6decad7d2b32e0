"""Mødevisning: one focus area per screen, every indicator with a large status, for a projector or a tablet."""

from functools import partial

import streamlit as st

from reports.export import to_xlsx
from reports.pdf import to_pdf
from reports.pptx import to_pptx
from ui import components, data, export, filters, fmt, meeting, report, summary

st.html(
    "<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl']{display:none}"
    "[data-testid='stHeader']{display:none}"
    "[data-testid='stMainBlockContainer']{padding-top:1.2rem;padding-bottom:0.5rem}"
    "[data-testid='stMainBlockContainer'] h1{font-size:2rem;padding:0;line-height:1.2}"
    "</style>"
)
view = filters.current_view()
strategy = data.strategies()[view.strategy]
if components.empty_state():
    st.stop()

areas = summary.build(view)
screens = meeting.screens(areas)
total = len(screens)
try:
    side = min(max(int(st.query_params.get("side", "1")), 1), total)
except ValueError:
    side = 1
screen = screens[side - 1]

head, prev_col, pos, next_col = st.columns([4.6, 1.2, 1.1, 1.2], vertical_alignment="center")
head.title(screen.title)
if prev_col.button("◀ Forrige", disabled=side <= 1, width="stretch", key="m_prev", help="Pil venstre / Page Up"):
    st.query_params["side"] = str(side - 1)
    st.rerun()
pos.markdown(f"**side {side} af {total}**")
if next_col.button("Næste ▶", disabled=side >= total, width="stretch", key="m_next", help="Pil højre / Page Down"):
    st.query_params["side"] = str(side + 1)
    st.rerun()
st.html(meeting.KEYBOARD_JS, unsafe_allow_javascript=True)
st.markdown(
    f"**{meeting.on_track_text(screen.area.lines)}** · {screen.range_text} (ikke på sporet først) · "
    f"{fmt.md(strategy.name)} · {fmt.md(filters.describe(view))}"
)
st.markdown(meeting.cards_html(screen.lines, report.one_line_stories(view)), unsafe_allow_html=True)

model = report.build(view)
name = f"pejling-aarsstatus-{view.strategy}-{view.period}"
back, dl_pdf, dl_pptx, dl_xlsx, dl_html = st.columns([1.6, 1.3, 1.3, 1.1, 1.1])
back.page_link("views/overview.py", label="Overblik", icon=":material/arrow_back:")
# The documents are written on click (fonts, layout and charts take a second), not on every rerun.
dl_pdf.download_button(
    "PDF-rapport",
    partial(to_pdf, model),
    file_name=f"{name}.pdf",
    mime="application/pdf",
    icon=":material/picture_as_pdf:",
    type="primary",
    width="stretch",
    on_click="ignore",  # no rerun: the other buttons' files stay valid for the next click
    help="Årsstatus som PDF: sammenfatning, alle indikatorer med kurver, historien bag og handleplanen.",
)
dl_pptx.download_button(
    "PowerPoint",
    partial(to_pptx, model),
    file_name=f"{name}.pptx",
    mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    icon=":material/slideshow:",
    width="stretch",
    on_click="ignore",  # no rerun: the other buttons' files stay valid for the next click
    help="Årsstatus som PowerPoint med redigerbare diagrammer.",
)
dl_xlsx.download_button(
    "Excel",
    partial(to_xlsx, export.overview_tables(areas, summary.trends(view)), export.header(view, "Mødevisning")),
    file_name=f"pejling-{view.strategy}-{view.period}.xlsx",
    mime=export.XLSX,
    icon=":material/table:",
    width="stretch",
    on_click="ignore",  # no rerun: the other buttons' files stay valid for the next click
    help="Alle indikatorer som tal (ikke tekst) med danske talformater.",
)
dl_html.download_button(
    "Udskriv",
    partial(
        meeting.to_html, f"{strategy.name} – status", filters.describe(view), areas, data.has_demo(), period=view.period
    ),
    file_name=f"pejling-{view.strategy}-{view.period}.html",
    mime="text/html",
    icon=":material/print:",
    width="stretch",
    on_click="ignore",  # no rerun: the other buttons' files stay valid for the next click
    help="Mødedokument som HTML til udskrift.",
)
