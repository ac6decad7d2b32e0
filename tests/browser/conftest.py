"""A real Streamlit server on a demo database and a real Chromium, shared by the browser tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, ROOT, Server

SHOTS = ROOT / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The dashboard on a fresh demo database, started like the README says and stopped at the end."""
    from demo.bootstrap import open_database

    db = tmp_path_factory.mktemp("browser") / "demo.duckdb"
    open_database(db, with_demo=True).close()
    # Local mode whatever secrets.toml this machine has: point Streamlit at a file that does not exist.
    # With prepared period tables, as the dashboard runs by default (tests/conftest.py turns them off elsewhere).
    srv = Server(
        db,
        extra_args=["--secrets.files", str(db.with_name("ingen-secrets.toml"))],
        extra_env={"PEJLING_YEAR_TABLES": "1"},
    )
    try:
        srv.wait()
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (scripts/test.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def warm(server, browser):
    """Open the root once: right after a server start, the first visit to a non-default page shows a
    spurious "Page not found" modal over the right page (streamlit/streamlit#9992)."""
    from tests.browser.server import settle

    context = browser.new_context()
    tab = context.new_page()
    tab.goto(server.url + "/")
    settle(tab)
    context.close()
    return server


@pytest.fixture
def page(browser, warm):
    """A fresh browser tab at 1280×720 on a warmed-up server."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="da-DK")
    tab = context.new_page()
    yield tab
    context.close()


def shot(page, name: str) -> None:
    """Save a full-page screenshot under test-artifacts/screenshots/."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
