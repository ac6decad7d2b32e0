"""Pejling: the Streamlit frame (sign-in gate, navigation by role, strategy selector, filters, demo banner)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from store.db import DatabaseLocked  # noqa: E402
from ui import auth, components, data, filters, guard, style  # noqa: E402
from ui.nav import DEFAULT_URL_PATH, PAGES, pages_for  # noqa: E402

guard.setup_log()
guard.neutralise_clear_cache()
guard.guard_uncaught_errors()

# The icon is an emoji drawn by the browser: a ":material/…:" page icon makes the browser fetch the
# favicon from an internet font server, which an intranet does not have. No menu items: with
# client.toolbarMode = "minimal" the app menu (English, "Made with Streamlit") is then not shown.
st.set_page_config(page_title="Pejling", page_icon="🧭", layout="wide", initial_sidebar_state="expanded")
style.inject()

# Who is here, before anything else: without access, one Danish page is shown and the run stops.
identity = auth.gate()

# The menu lists the pages of the person's role. The other pages' URLs lead to a Danish refusal
# (hidden from the menu) instead of Streamlit's English "page not found"; their files never run.
allowed = pages_for(identity.role)
sections: dict[str, list] = {"": []}
for p in PAGES:
    if p in allowed:
        sections.setdefault(p.section, []).append(
            st.Page(p.file, title=p.title, icon=p.icon, url_path=p.url_path, default=p.url_path == DEFAULT_URL_PATH)
        )
    else:
        sections[""].append(auth.refusal_page(p))
refused = sections.pop("") if not sections[""] else sections[""]
page = st.navigation(sections)
auth.hide_refused(refused)
# The sidebar offers only the controls that change what the chosen page shows (none on a refusal).
page_def = next(p for p in PAGES if p.title == page.title)
controls = page_def.controls if page_def in allowed else frozenset()


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
    data.year_tables(data.begin_run())  # ready tables, or their build starts now in the background

    with st.sidebar:
        st.markdown("### :material/explore: Pejling")
    auth.sidebar(identity)
    filters.render_sidebar(controls)
    with st.sidebar:
        components.source_caption()
    if data.has_demo():
        components.demo_banner(compact=page.url_path == "moedevisning")
    guard.run_guarded(run_page)


def run_page() -> None:
    """The chosen page; a write refused on the server (forged rerun, expired session) says so in Danish."""
    try:
        page.run()
    except auth.Forbidden as refusal:
        st.error(str(refusal), icon=":material/lock:")
    except DatabaseLocked as exc:  # e.g. a write that kept losing against other processes (Danish, nothing saved)
        st.error(str(exc), icon=":material/error:")


guard.run_guarded(frame_and_page)
