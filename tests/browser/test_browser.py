"""Chromium against the real server: every page, filters in the URL, uploads, Mødevisning."""

from __future__ import annotations

import re
from urllib.parse import quote

import openpyxl
import pytest

from tests.app.files import bad_indsatser_xlsx, good_indsatser_xlsx
from tests.browser.conftest import shot
from tests.browser.server import settle
from ui.nav import PAGES, url_of

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_every_page_opens_in_danish_without_errors(server, page):
    for p in PAGES:
        page.goto(f"{server.url}/{url_of(p)}")
        settle(page)
        assert page.get_by_text("Page not found").count() == 0, p.title
        assert page.locator('[data-testid="stException"]').count() == 0, p.title
        assert page.locator("h1").first.inner_text().strip() != ""
        if p.url_path != "moedevisning":
            assert page.get_by_text("Syntetiske demodata").count() >= 1, p.title
        shot(page, f"side-{p.url_path}")


def test_changing_a_filter_changes_the_url(server, page):
    page.goto(f"{server.url}/")
    settle(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stMultiSelect"]').filter(has_text="Leverandør").locator("input").click()
    page.keyboard.type("Egen kommune")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"leverandoer=Egen"), timeout=30_000)
    settle(page)
    assert "leverandoer=Egen" in page.url


def test_a_shared_link_shows_that_view(server, page):
    page.goto(f"{server.url}/?periode=2024&maalgruppe={quote('Hjemløshed')}&aldersgruppe=18-24")
    settle(page)
    main = page.locator('[data-testid="stMainBlockContainer"]')
    assert "Målgruppe: Hjemløshed" in main.inner_text()
    assert "Aldersgruppe: 18-24" in main.inner_text()
    assert "periode=2024" in page.url
    shot(page, "delt-link")


def test_upload_a_good_and_a_bad_file(server, page, tmp_path):
    good = tmp_path / "nye_forloeb.xlsx"
    good.write_bytes(good_indsatser_xlsx("BROWSERNY"))
    bad = tmp_path / "fejl_forloeb.xlsx"
    bad.write_bytes(bad_indsatser_xlsx())

    page.goto(f"{server.url}/upload")
    settle(page)
    page.locator('input[type="file"]').set_input_files(str(bad))
    page.get_by_text("Filen er afvist – intet er ændret").wait_for(timeout=60_000)
    settle(page)
    found = re.search(r"Der er fundet (\d+) fejl", page.locator('[data-testid="stMainBlockContainer"]').inner_text())
    assert found and int(found.group(1)) >= 2
    shot(page, "upload-afvist")
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("Hent fejlrapport")).click()
    saved = tmp_path / "fejlrapport.xlsx"
    download.value.save_as(saved)
    report = openpyxl.load_workbook(saved, read_only=True)
    cells = " ".join(str(c) for ws in report.worksheets for row in ws.iter_rows(values_only=True) for c in row if c)
    assert "fødselsår" in cells and "startdato" in cells

    page.locator('input[type="file"]').set_input_files(str(good))
    page.get_by_text("Forhåndsvisning").wait_for(timeout=60_000)
    settle(page)
    shot(page, "upload-forhaandsvisning")
    page.get_by_role("button", name="Bekræft og importér").click()
    page.get_by_text("Importeret som kørsel").wait_for(timeout=60_000)
    shot(page, "upload-importeret")


def test_moedevisning_at_1280x720(server, page):
    page.goto(f"{server.url}/moedevisning")
    settle(page)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    first = page.locator("h1").first.inner_text()
    shot(page, "moedevisning-1")
    page.get_by_role("button", name="Næste ▶").click()
    page.wait_for_url(re.compile(r"side=2"), timeout=30_000)
    page.wait_for_function("t => document.querySelector('h1').innerText !== t", arg=first, timeout=30_000)
    settle(page)
    assert "side 2 af" in page.locator('[data-testid="stMainBlockContainer"]').inner_text()
    shot(page, "moedevisning-2")
    page.get_by_role("button", name="◀ Forrige").click()
    page.wait_for_url(re.compile(r"side=1"), timeout=30_000)
    page.wait_for_function("t => document.querySelector('h1').innerText === t", arg=first, timeout=30_000)


def test_moedevisning_on_a_tablet(server, browser, warm):
    context = browser.new_context(viewport={"width": 820, "height": 1180}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    try:
        tab.goto(f"{server.url}/moedevisning?side=99")  # past the end: the last screen
        settle(tab)
        assert re.search(r"side (\d+) af \1", tab.locator('[data-testid="stMainBlockContainer"]').inner_text())
        assert tab.get_by_role("button", name="Næste ▶").is_disabled()
        shot(tab, "moedevisning-tablet")
    finally:
        context.close()
