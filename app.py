"""Pejling: the Streamlit frame (navigation, strategy selector, shared filters, demo banner)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from store.db import DatabaseLocked  # noqa: E402
from ui import components, data, filters, guard, style  # noqa: E402
from ui.nav import DEFAULT_URL_PATH, PAGES  # noqa: E402

guard.neutralise_clear_cache()
guard.guard_uncaught_errors()

# The icon is an emoji drawn by the browser: a ":material/…:" page icon makes the browser fetch the
# favicon from an internet font server, which an intranet does not have. No menu items: with
# client.toolbarMode = "minimal" the app menu (English, "Made with Streamlit") is then not shown.
st.set_page_config(page_title="Pejling", page_icon="🧭", layout="wide", initial_sidebar_state="expanded")
style.inject()

sections: dict[str, list] = {}
for p in PAGES:
    sections.setdefault(p.section, []).append(
        st.Page(p.file, title=p.title, icon=p.icon, url_path=p.url_path, default=p.url_path == DEFAULT_URL_PATH)
    )
page = st.navigation(sections)
page_def = {p.title: p for p in PAGES}[page.title]


def frame_and_page() -> None:
    """Open the database, draw the sidebar and run the chosen page."""
    try:
        if data.will_create_demo():
            with st.spinner("Opretter databasen med syntetiske demodata første gang (ca. 20 sekunder) …"):
                data.connection()
        else:
            data.connection()
    except DatabaseLocked as exc:
        st.error(str(exc))
        st.stop()

    with st.sidebar:
        st.markdown("### :material/explore: Pejling")
    filters.render_sidebar(page_def.controls)
    with st.sidebar:
        components.source_caption()
    if data.has_demo():
        components.demo_banner()
    guard.run_guarded(page.run)


guard.run_guarded(frame_and_page)
