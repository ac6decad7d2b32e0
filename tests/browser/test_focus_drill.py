"""Chromium against the real server: drill-through from Overblik to Fokusområder, its contents list and
a breakdown loaded on demand."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlparse

import pytest

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
    link = page.locator('a[href*="indikator=stabil_kontaktperson"]')
    assert link.count() == 1
    assert link.inner_text().strip().endswith("Se hvorfor")
    link.click()
    page.wait_for_url(re.compile(r"/fokusomraader\?"), timeout=30_000)
    settle(page)
    params = parse_qs(urlparse(page.url).query)
    assert params["periode"] == ["2024"]
    assert params["maalgruppe"] == ["Hjemløshed"]
    assert params["leverandoer"] == ["Egen kommune"]
    assert params["indikator"] == ["stabil_kontaktperson"]
    main = page.locator(MAIN)
    assert main.locator("h1").first.inner_text().strip() == "Fokusområder"
    assert "Målgruppe: Hjemløshed · Leverandør: Egen kommune" in main.inner_text()
    # The indicator it lands on is the first section, marked as chosen on Overblik.
    assert main.locator("h3").first.inner_text().strip() == "Stabil kontaktperson"
    assert page.get_by_text("Valgt fra Overblik med de samme filtre.").count() == 1
    shot(page, "fokusomraader-fra-overblik")


def test_the_contents_list_scrolls_to_the_indicator(server, page):
    page.goto(f"{server.url}/fokusomraader?omraade=stabile_rammer")
    settle(page)
    target = "#indikator-oplevet-stabile-rammer"
    assert page.locator(target).count() == 1
    assert not _in_viewport(page, target), "the last section starts below the first screen"
    page.locator(f'{MAIN} a[href="{target}"]').click()
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
    before = charts.count()
    assert before == 8, "one trend chart per indicator of the area, no breakdown yet"
    first = page.locator(f'{MAIN} [data-testid="stButtonGroup"]').nth(1)  # [0] is the focus-area choice
    first.get_by_text("Leverandør", exact=True).click()
    page.wait_for_function(f"() => document.querySelectorAll('{MAIN} [data-testid=\"stPlotlyChart\"]').length > 8")
    settle(page)
    assert charts.count() == before + 1
    assert page.locator(f"{MAIN} .js-plotly-plot").get_by_text("Egen kommune").count() >= 1
    shot(page, "fokusomraader-opdeling-leverandoer")
