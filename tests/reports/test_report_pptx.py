"""The annual report as PowerPoint, read back with python-pptx: slides, shapes, charts and their data."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from reports.pptx import to_pptx
from tests.reports import fixture


def _deck():
    return Presentation(io.BytesIO(to_pptx(fixture.report())))


FOOTER = "Årsstatus 2025 – Plads til alle · Små tal er "


def _text(slide) -> str:
    """The slide's text without its footer."""
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame and not shape.text_frame.text.startswith(FOOTER):
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def test_slides_in_order_title_summary_areas_indicators_unmeasured_explanation():
    slides = list(_deck().slides)
    # title, summary, area A + its 3 indicators, area B + its 1 indicator, unmeasured, explanation
    assert len(slides) == 10
    texts = [_text(s) for s in slides]
    assert texts[0].startswith("Årsstatus 2025 Plads til alle (Testkommune, 2022-2029)")
    assert "Syntetiske demodata" in texts[0]
    assert texts[1].startswith("Sammenfatning 1 af 3 indikatorer med mål er på sporet")
    assert texts[2].startswith("Stabile rammer 1 af 3 indikatorer med mål er på sporet")
    assert [t.split(" Stabile rammer")[0] for t in texts[3:6]] == [
        "Andel hjemløse",
        "Behandling startet inden 14 dage",
        "Egen bolig efter Housing First",
    ]
    assert texts[6].startswith("Nye borgere")
    assert texts[8].startswith("Pejlemærker, der ikke måles endnu")
    assert texts[9].startswith("Sådan læses tallene")


def test_area_table_has_value_expected_and_status_per_indicator():
    table = next(s.table for s in _deck().slides[2].shapes if s.has_table)
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows == [
        ["Indikator", "Værdi", "Forventet", "Status"],
        ["Andel hjemløse", "20,0 %", "12,0 %", "✖ Ikke på sporet"],
        ["Behandling startet inden 14 dage", "72,0 %", "75,0 %", "◐ Tæt på"],
        ["Egen bolig efter Housing First", "80,0 %", "75,0 %", "✔ På sporet"],
    ]


def test_one_native_chart_per_indicator_with_a_trend_and_no_pictures():
    deck = _deck()
    charts = [sh for s in deck.slides for sh in s.shapes if sh.has_chart]
    pictures = [sh for s in deck.slides for sh in s.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(charts) == 3 and not pictures  # Nye borgere has no trend to draw


def test_chart_data_is_what_the_pages_show_up_to_the_period():
    slide = _deck().slides[3]  # Andel hjemløse
    chart = next(sh.chart for sh in slide.shapes if sh.has_chart)
    plot = chart.plots[0]
    assert list(plot.categories) == ["2023", "2024", "2025"]  # no 2026
    value, goal = plot.series
    assert value.name == "Tal" and list(value.values) == [None, 60.0, 20.0]  # 2023 hidden: a gap, not 31
    assert goal.name == "Forventet (målsti)" and list(goal.values) == [None, None, 12.0]


def test_indicator_slide_carries_status_comment_annotation_and_action():
    text = _text(_deck().slides[3])
    assert "20,0 %" in text and "✖ Ikke på sporet" in text and "Forventet: 12,0 %" in text
    assert fixture.COMMENT in text
    assert "01.03.2024: Ny indsats fra 1.3.2024" in text and "maj 2026" not in text
    assert fixture.ACTION in text and "I gang" in text


def test_no_hidden_figure_and_nothing_after_the_period_anywhere():
    deck = _deck()
    text = " ".join(_text(s) for s in deck.slides)
    assert "14,9" not in text and "31,0" not in text and "7,0 %" not in text and " 43" not in text
    assert "<5" in text and "Tallet er mellem 1 og 4." in text
    for shape in (sh for s in deck.slides for sh in s.shapes if sh.has_chart):
        for series in shape.chart.plots[0].series:
            assert 31.0 not in series.values and 14.9 not in series.values


def test_every_content_slide_has_the_small_number_footer():
    slides = list(_deck().slides)[1:]
    assert all(any(sh.has_text_frame and sh.text_frame.text.startswith(FOOTER) for sh in s.shapes) for s in slides)


def test_unmeasured_bearing_and_explanations():
    slides = list(_deck().slides)
    assert "Borgere hjælpes til at blive boende sammen med boligforeninger – ikke målt endnu. Kræver data." in _text(
        slides[8]
    )
    last = _text(slides[9])
    assert all(w in last for w in ("Status", "Forventet", "Usikker", "diskretionering"))


def test_a_long_comment_is_cut_on_the_slide_and_whole_in_the_speaker_notes():
    from dataclasses import replace

    report = fixture.report()
    homeless = report.areas[0].indicators[0]
    long_text = "Ord " * 400  # 1.600 characters, within the 2.000 a comment may hold
    homeless.comment = replace(homeless.comment, text=long_text.strip())
    slide = Presentation(io.BytesIO(to_pptx(report))).slides[3]
    shown = _text(slide)
    assert "Ord Ord" in shown and len(shown) < 1200 and "…" in shown
    assert slide.notes_slide.notes_text_frame.text.count("Ord") == 400
