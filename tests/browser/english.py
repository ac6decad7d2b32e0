"""The library texts (Streamlit, Plotly) a user must not meet in English, and a scan of a page for them.

One list for every browser scan. `scan(page)` collects what a person can see on the page (visible
text, placeholders, tooltips from `title`/`data-title`) after opening the first drop-downs, hovering
the first chart and table and opening the app menu, and returns the English texts found.
Screen-reader labels (`aria-label`) are not scanned: Streamlit writes them in English and the README
lists them among what remains English.

Roles: `ROLES` and `sign_in` are the hook for sign-in. Today there is one role (no sign-in); when
sign-in lands, list the roles and let `sign_in` log the tab in, and the scan runs for every role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class LibraryText:
    """An English text from a library; `scope` limits the search to elements matching a CSS selector."""

    text: str
    scope: str | None = None


ENGLISH: tuple[LibraryText, ...] = (
    # Streamlit's file uploader
    LibraryText("Upload", '[data-testid="stFileUploader"]'),
    LibraryText("Browse files"),
    LibraryText("Drag and drop file here"),
    LibraryText("per file"),
    LibraryText("Remove file"),
    # Streamlit's selectbox and multiselect
    LibraryText("Choose an option"),
    LibraryText("Choose options"),
    LibraryText("Select all"),
    LibraryText("No results"),
    LibraryText("Add an option"),
    # Streamlit's app menu, toolbar and status
    LibraryText("Made with Streamlit"),
    LibraryText("Deploy"),
    LibraryText("Rerun"),
    LibraryText("Settings"),
    LibraryText("Print"),
    LibraryText("Record a screencast"),
    LibraryText("Clear cache"),
    LibraryText("About"),
    LibraryText("Running..."),
    LibraryText("Stop"),
    LibraryText("Connecting"),
    LibraryText("Page not found"),
    LibraryText("View more"),
    LibraryText("View less"),
    # Streamlit's element toolbar (charts and tables)
    LibraryText("Fullscreen"),
    LibraryText("Close fullscreen"),
    LibraryText("Download as CSV"),
    LibraryText("Search"),
    LibraryText("Show/hide columns"),
    LibraryText("Add row"),
    LibraryText("Delete row"),
    LibraryText("Press Enter to apply"),
    # Plotly's mode bar and tooltips
    LibraryText("Download plot as a PNG"),
    LibraryText("Download plot"),
    LibraryText("Zoom"),
    LibraryText("Zoom in"),
    LibraryText("Zoom out"),
    LibraryText("Pan"),
    LibraryText("Autoscale"),
    LibraryText("Reset axes"),
    LibraryText("Reset view"),
    LibraryText("Box Select"),
    LibraryText("Lasso Select"),
    LibraryText("Produced with Plotly"),
    LibraryText("Toggle Spike Lines"),
    LibraryText("Show closest data on hover"),
    LibraryText("Compare data on hover"),
    LibraryText("Double-click to zoom back out"),
)

ROLES: tuple[str | None, ...] = (None,)  # None: no sign-in (today's only role)


def sign_in(page, base_url: str, role: str | None) -> None:
    """Log the tab in as `role` (nothing to do while the product has no sign-in)."""
    if role is None:
        return
    raise NotImplementedError(f"sign-in for role {role!r} is not wired yet")


# Text a person can see: text nodes of rendered elements with a non-zero font size, outside icon
# ligatures, and the placeholder/title/data-title of rendered elements (shown in the field or on hover).
_COLLECT = """
(scope) => {
  const roots = scope ? [...document.querySelectorAll(scope)] : [document.body];
  const out = [];
  const seen = (el) => el && el.checkVisibility({visibilityProperty: true, opacityProperty: false})
        && parseFloat(getComputedStyle(el).fontSize) > 0
        && !el.closest('[data-testid="stIconMaterial"]');
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = n.textContent.trim();
      if (t && seen(n.parentElement)) out.push(t);
    }
    for (const el of root.querySelectorAll('[placeholder],[title],[data-title]')) {
      if (!el.checkVisibility()) continue;
      for (const a of ['placeholder', 'title', 'data-title']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
  }
  return out;
}
"""


def _pattern(text: str) -> re.Pattern:
    start = r"\b" if text[0].isalnum() else ""
    end = r"\b" if text[-1].isalnum() else ""
    return re.compile(start + re.escape(text) + end)


def find_english(page) -> list[str]:
    """The English library texts visible on the page as it is now."""
    found: list[str] = []
    cache: dict[str | None, str] = {}
    for item in ENGLISH:
        if item.scope not in cache:
            cache[item.scope] = "\n".join(page.evaluate(_COLLECT, item.scope))
        if _pattern(item.text).search(cache[item.scope]):
            found.append(item.text)
    return found


def _hover(page, selector: str) -> None:
    target = page.locator(selector).first
    if target.count() and target.is_visible():
        target.hover()
        page.wait_for_timeout(300)


def scan(page) -> dict[str, list[str]]:
    """Look at the page as a person would and return the English texts found, per situation."""
    found: dict[str, list[str]] = {}

    def look(situation: str) -> None:
        hits = find_english(page)
        if hits:
            found[situation] = hits

    look("siden")
    for kind in ("stMultiSelect", "stSelectbox"):
        box = page.locator(f'[data-testid="{kind}"] input').first
        if box.count() and box.is_visible() and box.is_enabled():
            box.click()
            page.wait_for_timeout(300)
            look(f"{kind} åben")
            page.keyboard.type("qqqxyz")  # matches nothing: the empty list's text
            page.wait_for_timeout(300)
            look(f"{kind} uden resultater")
            page.keyboard.press("Control+A")
            page.keyboard.press("Backspace")
            page.keyboard.press("Escape")
            page.wait_for_timeout(200)
    _hover(page, '[data-testid="stPlotlyChart"]')
    look("mus over diagram")
    _hover(page, '[data-testid="stDataFrame"]')
    look("mus over tabel")
    menu = page.locator('[data-testid="stMainMenu"]')
    if menu.count() and menu.first.is_visible():
        menu.first.click()
        page.wait_for_timeout(300)
        look("menuen")
        page.keyboard.press("Escape")
    return found
