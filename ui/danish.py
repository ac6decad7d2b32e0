"""Danish throughout: the library texts Streamlit and Plotly would show in English, translated or hidden.

What the libraries allow is set by options (Plotly's config, widget placeholders, `select_all`);
what they do not is handled by `CSS` below, which the frame injects on every page (`ui/style.py`):

- the file uploader's "Upload" button reads "Vælg fil" and its English size line is hidden
  (`file_uploader` below writes the limit in Danish under it);
- an empty drop-down list says "Ingen resultater" instead of "No results";
- Plotly's toolbar ("Download plot as a PNG", "Zoom", "Autoscale" …) and Streamlit's element toolbar
  (tooltips "Fullscreen", "Download as CSV", "Search") are hidden: they cannot be translated and
  the pages offer their own Danish downloads;
- the app menu ("Made with Streamlit") is not shown: `client.toolbarMode = "minimal"` hides it when
  the page sets no menu items.

`tests/browser/test_danish.py` scans every page in Chromium for the English texts in
`tests/browser/english.py`; the README lists what remains English.
"""

from __future__ import annotations

import streamlit as st

PLACEHOLDER = "Vælg"  # an empty selectbox (Streamlit's default: "Choose an option")
PLACEHOLDER_ALL = "Alle"  # an empty filter multiselect means "all"
NO_RESULTS = "Ingen resultater"
UPLOAD_BUTTON = "Vælg fil"

# Plotly's config for every chart: no mode bar (its tooltips are English and cannot be translated here).
PLOTLY_CONFIG: dict = {"displayModeBar": False, "displaylogo": False}

CSS = f"""
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{ font-size: 0; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: "{UPLOAD_BUTTON}"; font-size: 1rem;
}}
[data-testid="stFileUploaderDropzoneInstructions"] {{ display: none; }}
[role="listbox"] > [role="option"][style*="display: contents"] > span {{ font-size: 0; }}
[role="listbox"] > [role="option"][style*="display: contents"] > span::after {{
  content: "{NO_RESULTS}"; font-size: 0.875rem;
}}
.modebar-container, .modebar {{ display: none !important; }}
[data-testid="stElementToolbar"] {{ display: none !important; }}
"""


def file_uploader(label: str, types: list[str], key: str, max_mb: int | None = None, help: str | None = None):
    """`st.file_uploader` with a Danish line about size and file types (the library's own line is English)."""
    upload = st.file_uploader(label, type=types, key=key, max_upload_size=max_mb, help=help)
    kinds = " eller ".join(f".{t}" for t in types)
    limit = f"Højst {max_mb} MB · " if max_mb else ""
    st.caption(f"{limit}{kinds}. Træk filen hertil, eller klik på «{UPLOAD_BUTTON}».")
    return upload
