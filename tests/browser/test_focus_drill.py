"""Chromium against the real server: drill-through from Overblik to Fokusområder, its contents list and
a breakdown loaded on demand."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.browser.server import settle

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
MAIN = '[data-testid="stMainBlockContainer"]'


def _in_viewport(page, selector: str) -> bool:
    return page.evaluate(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                      return r.top >= 0 && r.top < window.innerHeight; }""",
        selector,
    )


def test_a_card_on_overblik_drills_through_to_the_indicator_with_the_same_filters(server, page):
    page.goto(f"{server.url}/?periode=2024&maalgruppe={quote('Hjemløshed')}&leverandoer={quote('Egen kommune')}")
    settle(page)
    # The indicator's card in "At have stabile rammer om livet" (it also serves a bearing of another area).
    link = page.locator('a[href*="omraade=stabile_rammer"][href*="indikator=stabil_kontaktperson"]').filter(
        visible=True
    )
    expect(link).to_have_count(1)
    expect(link).to_contain_text("Se hvorfor")
    link.click()
    page.wait_for_url(re.compile(r"/fokusomraader\?"), timeout=30_000)
    settle(page)
    main = page.locator(MAIN)
    # The indicator it lands on is the first section, marked as chosen on Overblik.
    expect(main.locator("h3").first).to_have_text("Stabil kontaktperson", timeout=60_000)
    params = parse_qs(urlparse(page.url).query)
    assert params["periode"] == ["2024"]
    assert params["maalgruppe"] == ["Hjemløshed"]
    assert params["leverandoer"] == ["Egen kommune"]
    assert params["indikator"] == ["stabil_kontaktperson"]
    assert main.locator("h1").first.inner_text().strip() == "Fokusområder"
    assert "Målgruppe: Hjemløshed · Leverandør: Egen kommune" in main.inner_text()
    expect(page.get_by_text("Valgt fra Overblik med de samme filtre.")).to_have_count(1)
    shot(page, "fokusomraader-fra-overblik")


def test_the_contents_list_scrolls_to_the_indicator(server, page):
    page.goto(f"{server.url}/fokusomraader?omraade=stabile_rammer")
    settle(page)
    target = "#indikator-oplevet-stabile-rammer"
    expect(page.locator(target)).to_have_count(1, timeout=60_000)
    assert not _in_viewport(page, target), "the last section starts below the first screen"
    # The contents list's link (the heading carries its own anchor link too, labelled "Link to heading").
    page.locator(f'{MAIN} [data-testid="stMarkdown"] a[href="{target}"]').click()
    page.wait_for_function(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                      return r.top >= 0 && r.top < window.innerHeight; }""",
        arg=target,
        timeout=10_000,
    )


def test_a_breakdown_is_drawn_only_when_asked_for(server, page):
    page.goto(f"{server.url}/fokusomraader?omraade=stabile_rammer")
    settle(page)
    charts = page.locator(f'{MAIN} [data-testid="stPlotlyChart"]')
    # One trend chart per indicator of the area, no breakdown yet.
    expect(charts).to_have_count(8, timeout=60_000)
    first = page.locator(f'{MAIN} [data-testid="stButtonGroup"]').nth(1)  # [0] is the focus-area choice
    first.get_by_text("Leverandør", exact=True).click()
    expect(charts).to_have_count(9, timeout=60_000)
    settle(page)
    expect(page.locator(f"{MAIN} .js-plotly-plot").get_by_text("Egen kommune").first).to_be_visible()
    shot(page, "fokusomraader-opdeling-leverandoer")
