"""The PDF meeting document: Danish text, suppressed figures with their reason, never a raw small count."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from metrics.goals import evaluate_status
from metrics.types import Result
from tests.app.conftest import new_app
from ui import meeting
from ui.summary import AreaSummary, IndicatorLine

HIDDEN = (3, 7)  # the raw numerator and denominator behind `<5`: must never reach the document


def _areas() -> list[AreaSummary]:
    shown = Result("hjemloese_andel", "2025", {}, 40, 200, 0.2, "20,0 %", False, ci_low=0.15, ci_high=0.26)
    hidden = Result("nye_borgere", "2025", {}, *HIDDEN, None, "<5", True, reason="Færre end 5 borgere – skjult")
    trend = [Result("hjemloese_andel", str(y), {}, 40, 200, 0.2, "20,0 %", False) for y in range(2020, 2026)]
    status = evaluate_status(0.2, 0.12, "lower", "andel")
    return [
        AreaSummary(
            "stabile",
            "Stabile rammer & tryghed",
            "Borgerne har et sted at bo.",
            [
                IndicatorLine("hjemloese_andel", "Andel hjemløse", "andel", "lower", shown, 0.12, status, trend),
                IndicatorLine("nye_borgere", "Nye borgere i året", "antal", None, hidden, None, None, []),
            ],
            [("Pårørende som ressource", "Ingen data endnu")],
        ),
        AreaSummary("livskvalitet", "Øget livskvalitet", "", [], [("Ensomhed blandt borgerne", "")]),
    ]


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())  # wrapped lines joined


def test_pdf_carries_the_danish_titles_the_suppressed_figure_and_the_status_word():
    pdf = meeting.to_pdf("Plads til alle – status", "2025 · hele kommunen", _areas(), True, date(2026, 11, 23))
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    for expected in (
        "Plads til alle – status",
        "Udskrevet 23. november 2026",
        "Syntetiske demodata – tallene er opdigtede",
        "Stabile rammer & tryghed",
        "Øget livskvalitet",
        "Indikator",
        "Værdi",
        "Forventet",
        "Udvikling",
        "Andel hjemløse",
        "20,0 %",
        "12,0 %",
        "Ikke på sporet",
        "✖",
        "<5",
        "Færre end 5 borgere",
        "Intet mål",
        "Pårørende som ressource: ikke målt endnu",
        "Ensomhed blandt borgerne: ikke målt endnu",
        "diskretionering",
        "Side 1 af",
    ):
        assert expected in text, expected
    assert "2022: 20,0 %" in text and "2021:" not in text  # the last four trend points only
    assert not [n for n in HIDDEN if re.search(rf"(?<![\d,±]){n}(?![\d,])", text)], text


def test_pdf_without_demo_data_has_no_banner():
    text = _text(meeting.to_pdf("T", "2025", _areas(), False))
    assert "Syntetiske demodata" not in text
    assert "<5" in text


def test_pdf_numbers_its_pages_and_starts_a_focus_area_on_a_new_page_when_it_does_not_fit():
    big = _areas()[0]
    areas = [AreaSummary(f"a{i}", f"Område {i}", "", big.lines * 6, []) for i in range(3)]
    reader = PdfReader(io.BytesIO(meeting.to_pdf("T", "2025", areas, False)))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == 3
    assert [f"Side {n} af 3" in p for n, p in enumerate(pages, 1)] == [True, True, True]
    assert ["Område 0" in pages[0], "Område 1" in pages[1], "Område 2" in pages[2]] == [True, True, True]


def test_pdf_falls_back_to_latin1_helvetica_without_the_unicode_font(monkeypatch, tmp_path):
    monkeypatch.setattr(meeting, "FONT_DIR", tmp_path)
    pdf = meeting.to_pdf("Plads til alle – status", "2025", _areas(), True, date(2026, 11, 23))
    text = _text(pdf)
    assert "Plads til alle - status" in text and "Syntetiske demodata - tallene er opdigtede" in text
    assert "Ikke på sporet" in text and "Øget livskvalitet" in text and "<5" in text
    assert "✖" not in text and "2024: 20,0 % -> 2025" in text


@pytest.mark.usefixtures("demo_db")
def test_moedevisning_offers_the_pdf_first():
    at = new_app().run()
    at.switch_page("views/meeting.py").run()
    assert not at.exception
    labels = [b.label for b in at.download_button]
    assert labels[0] == "Hent mødedokument (PDF)"
    assert "Hent mødedokument (HTML)" in labels and "Hent som Excel" in labels
