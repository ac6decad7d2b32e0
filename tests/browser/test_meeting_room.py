"""Mødevisning in the room: every indicator on some screen at 1280×720 without scrolling, keys page through,
large status chips, buttons readable at 1024×768, and the PDF, PowerPoint and Excel downloads open."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from pptx import Presentation
from pypdf import PdfReader

from metrics.strategies import load_strategies
from tests.browser.conftest import shot
from tests.browser.server import settle

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
MAIN = '[data-testid="stMainBlockContainer"]'


def _position(page) -> tuple[int, int]:
    found = re.search(r"side (\d+) af (\d+)", page.locator(MAIN).inner_text())
    return int(found.group(1)), int(found.group(2))


def _go(page, key: str, side: int) -> None:
    page.keyboard.press(key)
    page.wait_for_url(re.compile(rf"side={side}(&|$)"), timeout=30_000)
    page.wait_for_function(f"() => document.body.innerText.includes('side {side} af')", timeout=30_000)
    settle(page)


def _fits(page) -> None:
    """Every card, the buttons and the heading lie inside the 1280×720 viewport; nothing scrolls."""
    height = page.viewport_size["height"]
    page.locator(".pj-card").first.wait_for(timeout=60_000)  # the cards are drawn after the script settles
    boxes = [page.locator(".pj-card").nth(i).bounding_box() for i in range(page.locator(".pj-card").count())]
    buttons = page.locator('[data-testid="stDownloadButton"]')
    boxes += [buttons.nth(i).bounding_box() for i in range(buttons.count())]
    assert boxes and all(b is not None and b["y"] >= 0 and b["y"] + b["height"] <= height for b in boxes), boxes
    overflow = page.evaluate(
        '() => [...document.querySelectorAll(\'[data-testid="stMain"], [data-testid="stAppViewContainer"]\')]'
        ".map(e => e.scrollHeight - e.clientHeight)"
    )
    assert all(o <= 1 for o in overflow), overflow


def test_every_indicator_reaches_the_screen_without_scrolling_and_keys_page_through(server, page):
    strategy = load_strategies()["plads_til_alle"]
    expected = {a.name: set(a.indicator_ids()) for a in strategy.areas}
    page.goto(f"{server.url}/moedevisning?periode=2025")
    settle(page)
    side, total = _position(page)
    assert side == 1 and total > len(strategy.areas)  # the 8-indicator area takes two screens
    seen: dict[str, set[str]] = {}
    while True:
        _fits(page)
        title = re.sub(r" \(del \d+ af \d+\)$", "", page.locator("h1").first.inner_text().strip())
        ids = page.locator(".pj-card").evaluate_all("cards => cards.map(c => c.dataset.indicator)")
        seen.setdefault(title, set()).update(ids)
        assert re.search(r"\d+ af \d+ på sporet", page.locator(MAIN).inner_text())
        shot(page, f"moedevisning-rum-{side}")
        if side == total:
            break
        _go(page, "ArrowRight" if side % 2 else "PageDown", side + 1)
        side = _position(page)[0]
    assert seen == expected
    _go(page, "PageUp", total - 1)
    _go(page, "ArrowLeft", total - 2)
    assert _position(page)[0] == total - 2


def test_status_chips_are_large_and_the_demo_notice_is_one_line(server, page):
    page.goto(f"{server.url}/moedevisning?periode=2025")
    settle(page)
    sizes = page.locator(".pj-chip").evaluate_all("cs => cs.map(c => parseFloat(getComputedStyle(c).fontSize))")
    assert sizes and min(sizes) >= 26  # twice the ~13 px of the old badges
    notice = page.get_by_text("Syntetiske demodata").first.bounding_box()
    assert notice is not None and notice["height"] <= 30


def test_document_buttons_are_distinct_and_not_cut_at_1024x768(server, browser, warm):
    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="da-DK")
    tab = context.new_page()
    try:
        tab.goto(f"{server.url}/moedevisning")
        settle(tab)
        tab.wait_for_selector('[data-testid="stDownloadButton"]', timeout=60_000)
        # Each download button's first label (Streamlit keeps a second copy for its tooltip layout).
        labels = tab.evaluate(
            """() => [...document.querySelectorAll('[data-testid="stDownloadButton"]')].map(d => {
                const box = d.querySelector('[data-testid="stMarkdownContainer"]');
                const p = box.querySelector('p');
                return [p.innerText.trim(), p.scrollWidth > box.clientWidth + 1 || box.scrollWidth > box.clientWidth + 1];
            })"""
        )
        assert [text for text, _ in labels] == ["PDF-rapport", "PowerPoint", "Excel", "Udskriv"]
        assert not any(cut for _, cut in labels), labels
        shot(tab, "moedevisning-1024")
    finally:
        context.close()


def test_download_the_report_as_powerpoint_and_pdf_and_the_excel(server, page, tmp_path):
    page.goto(f"{server.url}/moedevisning?periode=2025")
    settle(page)
    with page.expect_download(timeout=120_000) as got:
        page.get_by_role("button", name=re.compile("PowerPoint")).first.click()
    deck_file = tmp_path / got.value.suggested_filename
    got.value.save_as(deck_file)
    assert deck_file.suffix == ".pptx"
    deck = Presentation(io.BytesIO(deck_file.read_bytes()))
    first = " ".join(sh.text_frame.text for sh in deck.slides[0].shapes if sh.has_text_frame)
    assert "Årsstatus 2025" in first and "Syntetiske demodata" in first
    assert any(sh.has_chart for s in deck.slides for sh in s.shapes)

    with page.expect_download(timeout=120_000) as got:
        page.get_by_role("button", name=re.compile("PDF-rapport")).first.click()
    pdf_file = tmp_path / got.value.suggested_filename
    got.value.save_as(pdf_file)
    text = " ".join(p.extract_text() for p in PdfReader(pdf_file).pages)
    assert "Årsstatus 2025" in text and "indikatorer med mål er på sporet" in text

    with page.expect_download(timeout=120_000) as got:
        page.get_by_role("button", name=re.compile("Excel")).first.click()
    book = openpyxl.load_workbook(io.BytesIO(got.value.path().read_bytes()))
    values = [c for row in book["Indikatorer"].iter_rows() for c in row]
    assert any(c.data_type == "n" and c.number_format == "0.0 %" for c in values)


def _view_workbook(page, url: str):
    """Open a page, click its `Hent som Excel` and read the downloaded workbook."""
    page.goto(url)
    settle(page)
    with page.expect_download(timeout=120_000) as got:
        page.get_by_role("button", name=re.compile("Hent som Excel")).first.click()
    return openpyxl.load_workbook(io.BytesIO(got.value.path().read_bytes()))


def test_download_a_view_as_excel_from_the_overview(server, page, tmp_path):
    book = _view_workbook(page, f"{server.url}/?periode=2025")
    assert book.sheetnames == ["Indikatorer", "Udvikling", "Skjulte tal"]
    head = {r[0]: r[1] for r in book["Indikatorer"].iter_rows(min_row=2, max_row=8, values_only=True) if r[0]}
    assert head["Periode"] == "2025"


def test_download_fokusomraader_as_excel_computes_its_breakdowns_on_click(server, page, tmp_path):
    # The page no longer computes the export's breakdowns on every run; the file must still hold them.
    book = _view_workbook(page, f"{server.url}/fokusomraader?periode=2025")
    assert {"Indikatorer", "Udvikling og målsti", "Efter aldersgruppe", "Efter målgruppe"} <= set(book.sheetnames)
    bands = [r[1] for r in book["Efter aldersgruppe"].iter_rows(values_only=True)]
    assert "30-39" in bands and "18-24" in bands
