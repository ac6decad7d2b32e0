"""Danish throughout, in Chromium: no English library text on any page, for any role; every asset served locally."""

from __future__ import annotations

import re

import pytest

from tests.app.files import bad_indsatser_xlsx
from tests.browser.conftest import shot
from tests.browser.english import ROLES, find_english, scan, sign_in
from tests.browser.server import settle
from ui.nav import PAGES, url_of

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture(params=ROLES, ids=lambda r: r or "uden-login")
def role(request):
    """Each role the product has (today only: no sign-in)."""
    return request.param


def _local(url: str, base: str) -> bool:
    return url.startswith((base, "data:", "blob:", "about:"))


@pytest.mark.parametrize("target", PAGES, ids=lambda p: p.url_path)
def test_no_english_library_text_and_nothing_from_the_internet(server, page, role, target):
    external: list[str] = []
    page.on("request", lambda r: external.append(r.url) if not _local(r.url, server.url) else None)
    sign_in(page, server.url, role)
    page.goto(f"{server.url}/{url_of(target)}")
    settle(page)
    found = scan(page)
    assert found == {}, f"{target.title}: {found}"
    assert external == [], f"{target.title} fetched from outside the server: {external}"


def test_the_uploader_speaks_danish_with_a_file_chosen(server, page, role, tmp_path):
    bad = tmp_path / "fejl.xlsx"
    bad.write_bytes(bad_indsatser_xlsx())
    sign_in(page, server.url, role)
    page.goto(f"{server.url}/upload")
    settle(page)
    button = page.locator('[data-testid="stFileUploaderDropzone"] button').first
    assert "Vælg fil" in button.evaluate("b => getComputedStyle(b.querySelector('p'), '::after').content")
    assert "Højst 50 MB · .xlsx eller .csv" in page.locator('[data-testid="stMainBlockContainer"]').inner_text()
    page.locator('input[type="file"]').set_input_files(str(bad))
    page.get_by_text("Filen er afvist – intet er ændret").wait_for(timeout=60_000)
    settle(page)
    assert scan(page) == {}
    # The error table shows every message whole: wrapped, no cell clipped.
    table = page.locator('[data-testid="stTable"]')
    assert "Værdien er ikke en gyldig dato (brug fx" in table.inner_text()
    clipped = table.evaluate(
        "t => [...t.querySelectorAll('td')].filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.innerText)"
    )
    assert clipped == []
    shot(page, "upload-afvist-dansk")


def test_the_scan_finds_english_when_it_is_there(server, page):
    # The scan must be able to fail: put Streamlit's and Plotly's English on the page and look.
    page.goto(f"{server.url}/om-tallene")
    settle(page)
    page.evaluate(
        """() => {
        const p = document.createElement('p'); p.textContent = 'Choose an option';
        document.querySelector('[data-testid="stMainBlockContainer"]').appendChild(p);
        const b = document.createElement('a'); b.setAttribute('data-title', 'Download plot as a PNG'); b.textContent = '·';
        document.querySelector('[data-testid="stMainBlockContainer"]').appendChild(b);
      }"""
    )
    assert set(find_english(page)) >= {"Choose an option", "Download plot as a PNG", "Download plot"}


def test_labels_are_whole_on_cards_and_in_the_om_tallene_tables(server, page):
    page.set_viewport_size({"width": 1280, "height": 2400})
    page.goto(f"{server.url}/")
    settle(page)
    page.locator('[data-testid="stMetricLabel"]').first.wait_for(timeout=60_000)
    settle(page)
    labels = page.locator('[data-testid="stMetricLabel"]')
    assert labels.count() > 5
    cut = labels.evaluate_all(
        "els => els.filter(e => [e, ...e.querySelectorAll('*')].some(x => x.scrollWidth > x.clientWidth + 1))"
        ".map(e => e.innerText)"
    )
    assert cut == []
    main = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
    assert "ikke målt endnu. Ikke målt endnu" not in main.replace("\n", " ")
    spark = page.locator("svg.pejling-spark").first
    spark.wait_for(timeout=60_000)
    assert len(re.findall(r">(20\d\d)</text>", spark.inner_html())) >= 2  # years written under the sparkline

    page.goto(f"{server.url}/om-tallene")
    settle(page)
    page.locator('[data-testid="stTable"]').nth(1).wait_for(timeout=60_000)
    tables = page.locator('[data-testid="stTable"]')
    assert tables.count() == 2
    overflowing = tables.evaluate_all("ts => ts.filter(t => t.scrollWidth > t.clientWidth + 1).length")
    assert overflowing == 0
    assert "Datakilde" in tables.nth(1).inner_text()  # the last column is on screen
