"""The meeting document carries the same (suppressed) figures as the pages, and never a raw small count."""

from __future__ import annotations

from datetime import date

from metrics.goals import evaluate_status
from metrics.types import Result
from ui.meeting import to_html
from ui.summary import AreaSummary, IndicatorLine


def _areas() -> list[AreaSummary]:
    shown = Result("hjemloese_andel", "2025", {}, 40, 200, 0.2, "20,0 %", False, ci_low=0.15, ci_high=0.26)
    hidden = Result("nye_borgere", "2025", {}, None, None, None, "<5", True, reason="Færre end 5 borgere")
    trend = [Result("hjemloese_andel", str(y), {}, 40, 200, 0.2, "20,0 %", False) for y in (2023, 2024, 2025)]
    status = evaluate_status(0.2, 0.12, "lower", "andel")
    return [
        AreaSummary(
            "stabile",
            "Stabile rammer & <tryghed>",
            "",
            [
                IndicatorLine("hjemloese_andel", "Andel hjemløse", "andel", "lower", shown, 0.12, status, trend),
                IndicatorLine("nye_borgere", "Nye borgere", "antal", None, hidden, None, None, []),
            ],
            [("Pårørende som ressource", "Ingen data endnu")],
        )
    ]


def test_html_document_shows_status_word_icon_and_suppressed_figures():
    html = to_html("Plads til alle – status", "2025", _areas(), demo=True, today=date(2026, 11, 23)).decode()
    assert "Syntetiske demodata" in html and "23. november 2026" in html
    assert "Stabile rammer &amp; &lt;tryghed&gt;" in html  # escaped
    assert "20,0 %" in html and "Forventet" in html and "12,0 %" in html
    assert "Ikke på sporet" in html and "✖" in html
    assert "&lt;5" in html and "Færre end 5 borgere" in html
    assert "Pårørende som ressource – ikke målt endnu. Ingen data endnu" in html


def test_html_document_lists_no_year_after_its_period():
    areas = _areas()
    line = areas[0].lines[0]
    line.trend = [*line.trend, Result("hjemloese_andel", "2026", {}, 30, 200, 0.149, "14,9 %", False)]
    html = to_html("T", "2025", areas, demo=False, today=date(2025, 12, 1), period="2025").decode()
    assert "2025: 20,0 %" in html and "2026" not in html and "14,9" not in html
