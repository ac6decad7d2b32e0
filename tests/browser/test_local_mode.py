"""Without sign-in configured, the dashboard says on screen that it runs in local mode, with every page."""

from __future__ import annotations

import pytest

from tests.browser.server import settle
from tests.browser.test_sign_in import sidebar_pages
from ui.nav import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_local_mode_says_so_on_screen(page, warm):
    page.goto(warm.url + "/")
    settle(page)
    assert "Lokal tilstand uden login" in page.locator('[data-testid="stSidebar"]').inner_text()
    assert {p.title for p in PAGES} == sidebar_pages(page), "the person at this machine has every role"
