"""The frame's one style sheet: the Danish library texts (ui/danish.py) and labels that wrap instead of being cut."""

from __future__ import annotations

import streamlit as st

from ui import danish

# Streamlit cuts a metric's label at one line ("Bevægelse ned ad indsatstr…"): let it wrap, so that two
# indicators whose names start alike can be told apart.
WRAP_CSS = """
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  height: auto !important; max-height: none !important;
}
"""


def inject() -> None:
    """Add the style sheet to the page (a style-only `st.html` renders no element)."""
    st.html(f"<style>{danish.CSS}{WRAP_CSS}</style>")
