"""The real server prepares its period tables in the background (ui/yearly.py) and then serves pages from them."""

from __future__ import annotations

import time

from tests.browser.server import settle


def test_the_server_prepares_every_period_and_pages_still_show_their_figures(warm, page):
    deadline = time.monotonic() + 180
    while "Forberedte tabeller klar" not in warm.stderr() and time.monotonic() < deadline:
        time.sleep(0.5)
    log = warm.stderr()
    assert "Årstabeller klar" in log and "Forberedte tabeller klar" in log
    assert "could not be built" not in log
    page.goto(warm.url + "/?periode=2025&maalgruppe=Alkohol")
    settle(page)
    assert page.locator('[data-testid="stMetric"]').count() >= 10
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Der skete en uventet fejl" not in page.inner_text("body")
