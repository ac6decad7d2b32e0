"""The annual report as PDF, read back with pypdf: the right indicators, statuses, story and no hidden figure."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from reports import pdf as report_pdf
from tests.reports import fixture


def _pages(body: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(body))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def _text(body: bytes) -> str:
    return " ".join(_pages(body))


def test_front_page_names_strategy_period_date_filters_and_demo_notice():
    pages = _pages(report_pdf.to_pdf(fixture.report(filters=["Aldersgruppe: 18-24"])))
    front = pages[0]
    for expected in (
        "Årsstatus 2025",
        "Plads til alle (Testkommune, 2022-2029)",
        "Periode: 2025",
        "Filtre: Aldersgruppe: 18-24",
        "Udskrevet 10. februar 2026",
        "Syntetiske demodata",
    ):
        assert expected in front, expected


def test_without_demo_data_there_is_no_notice_and_no_filters_reads_whole_group():
    front = _pages(report_pdf.to_pdf(fixture.report(demo=False)))[0]
    assert "Syntetiske demodata" not in front
    assert "Ingen filtre – hele målgruppen" in front


def test_summary_counts_by_hand_and_names_the_off_track_first():
    front = _pages(report_pdf.to_pdf(fixture.report()))[0]
    assert "1 af 3 indikatorer med mål er på sporet" in front
    off, close, on = (front.index(s) for s in ("Ikke på sporet (1)", "Tæt på (1)", "På sporet (1)"))
    assert off < close < on
    assert front.index("Andel hjemløse") < front.index("Behandling startet") < front.index("Egen bolig")
    assert "Stabile rammer: 1 af 3 på sporet" in front


def test_each_focus_area_holds_its_own_indicators_with_value_expected_and_status():
    pages = _pages(report_pdf.to_pdf(fixture.report()))
    area_a = " ".join(p for p in pages if "Stabile rammer" in p and "Andel hjemløse" in p and "Sammenfatning" not in p)
    area_b = next(p for p in pages[1:] if p.startswith("Årsstatus 2025 – Plads til alle Nye borgere"))
    for name, value, expected, status in (
        ("Andel hjemløse", "20,0 %", "12,0 %", "✖ Ikke på sporet"),
        ("Behandling startet inden 14 dage", "72,0 %", "75,0 %", "◐ Tæt på"),
        ("Egen bolig efter Housing First", "80,0 %", "75,0 %", "✔ På sporet"),
    ):
        assert re.search(rf"{name} {re.escape(value)} {re.escape(expected)} {status}", area_a), name
        assert name not in area_b
    assert "Nye borgere <5 – Intet mål" in area_b
    assert "Andel hjemløse" not in area_b
    # off-track first within the area, though the strategy lists it last
    assert area_a.index("Andel hjemløse 20,0 %") < area_a.index("Egen bolig efter Housing First 80,0 %")


def test_story_annotation_and_action_items_are_printed_with_their_indicator():
    text = _text(report_pdf.to_pdf(fixture.report()))
    assert "Historien bag kurven" in text
    assert fixture.COMMENT in text and "Anna Analytiker, 20.01.2026" in text
    assert "(1) 01.03.2024: Ny indsats fra 1.3.2024" in text
    assert f"I gang · {fixture.ACTION} (Socialcenteret, 01.03.2025–31.12.2025) – Halvvejs" in text
    assert f"Planlagt · {fixture.AREA_ACTION}" in text
    assert "Ny plan fra maj 2026" not in text  # pinned after the report's year


def test_nothing_after_the_period_and_no_hidden_figure():
    text = _text(report_pdf.to_pdf(fixture.report()))
    assert text.count("2026") == 2, text  # only "Udskrevet 10. februar 2026" and the comment's date
    assert "14,9" not in text and "→" not in text
    assert "31,0" not in text and "7,0 %" not in text  # values hidden results still carried
    assert not re.search(r"(?<![\d,.])43(?![\d,])", text)
    assert "skjult" in text  # the hidden 2023 point is marked in the chart


def test_bearing_not_measured_has_no_double_punctuation():
    text = _text(report_pdf.to_pdf(fixture.report()))
    assert "Borgere hjælpes til at blive boende sammen med boligforeninger – ikke målt endnu. Kræver data." in text
    assert ".:" not in text and "Ikke målt endnu. Kræver" not in text


def test_explanation_page_explains_status_uncertain_expected_and_small_numbers():
    last = _pages(report_pdf.to_pdf(fixture.report()))[-1]
    for expected in ("Sådan læses rapporten", "Status", "Forventet", "Usikker", "(usikker)", "diskretionering", "'<5'"):
        assert expected in last, expected


def test_pages_are_numbered_and_every_focus_area_starts_a_page():
    pages = _pages(report_pdf.to_pdf(fixture.report()))
    n = len(pages)
    assert all(f"Side {i} af {n}" in p for i, p in enumerate(pages, 1))
    assert pages[1].startswith("Årsstatus 2025 – Plads til alle Stabile rammer Et sted at bo. 1 af 3 indikatorer")
    assert sum(p.startswith("Årsstatus 2025 – Plads til alle Nye borgere") for p in pages) == 1


def test_charts_are_drawn_as_vector_graphics_not_images():
    reader = PdfReader(io.BytesIO(report_pdf.to_pdf(fixture.report())))
    assert sum(len(page.images) for page in reader.pages) == 0
    charts = [p.extract_text() for p in reader.pages if "Forventet (målsti)" in p.extract_text()]
    assert charts and all("95 %-interval" in t and "2024" in t and "2025" in t for t in charts)


def test_latin1_fallback_without_the_unicode_font(monkeypatch, tmp_path):
    monkeypatch.setattr(report_pdf, "FONT_DIR", tmp_path)
    text = _text(report_pdf.to_pdf(fixture.report()))
    assert "Årsstatus 2025 - Plads til alle" in text and "Ikke på sporet" in text and "<5" in text
    assert "✖" not in text


def test_a_quarter_is_a_status_not_an_annual_status_and_no_goals_reads_plainly():
    from dataclasses import replace

    report = replace(fixture.report(), period="2025-Q3", period_label="3. kvartal 2025")
    for area in report.areas:
        for ind in area.indicators:
            ind.status = None
    front = _pages(report_pdf.to_pdf(report))[0]
    assert front.startswith("Status 3. kvartal 2025") and "Årsstatus" not in front
    assert "Ingen indikatorer har et mål for perioden" in front
