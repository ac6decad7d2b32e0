"""Mødevisning for the room: every indicator reaches a screen, off-track first, with the summary line."""

from __future__ import annotations

import re

import pytest

from metrics.goals import evaluate_status
from metrics.strategies import load_strategies
from metrics.types import Result
from tests.app.conftest import new_app, texts
from ui import meeting
from ui.summary import AreaSummary, IndicatorLine


def _line(i: int, value: float | None, expected: float | None) -> IndicatorLine:
    result = Result(f"i{i}", "2025", {}, None, None, value, f"{i}", False)
    status = evaluate_status(value, expected, "higher", "andel") if expected is not None else None
    return IndicatorLine(f"i{i}", f"Indikator {i}", "andel", "higher", result, expected, status, [])


def test_an_area_with_eight_indicators_fills_two_screens_off_track_first():
    # i0-i4 on track (0.9 vs 0.8), i5 close (0.77 vs 0.8), i6 and i7 off track (0.5 vs 0.8)
    lines = [_line(i, 0.9, 0.8) for i in range(5)] + [_line(5, 0.77, 0.8), _line(6, 0.5, 0.8), _line(7, 0.5, 0.8)]
    area = AreaSummary("a", "Område", "", lines, [])
    one, two = meeting.screens([area])
    assert [x.id for x in one.lines] == ["i6", "i7", "i5", "i0", "i1", "i2"]
    assert [x.id for x in two.lines] == ["i3", "i4"]
    assert (one.title, two.title) == ("Område (del 1 af 2)", "Område (del 2 af 2)")
    assert (one.range_text, two.range_text) == ("Indikator 1–6 af 8", "Indikator 7–8 af 8")
    assert meeting.on_track_text(lines) == "5 af 8 på sporet"


def test_an_area_that_fits_is_one_screen_and_indicators_without_goal_do_not_count():
    lines = [_line(0, 0.9, 0.8), _line(1, 0.5, None)]
    (only,) = meeting.screens([AreaSummary("a", "Område", "", lines, [])])
    assert only.title == "Område" and only.range_text == "2 indikatorer"
    assert meeting.on_track_text(lines) == "1 af 1 på sporet"
    assert meeting.on_track_text([_line(1, 0.5, None)]) == "Ingen mål"


def test_cards_escape_text_and_show_the_story_line():
    line = _line(0, 0.9, 0.8)
    line.name = "<b>Navn</b>"
    html = meeting.cards_html([line], {"i0": "Ny <indsats> fra marts"})
    assert "&lt;b&gt;Navn&lt;/b&gt;" in html and "Ny &lt;indsats&gt; fra marts" in html
    assert "✔ På sporet" in html and "font-size:1.75rem" in meeting.CARD_CSS


@pytest.mark.usefixtures("demo_db")
def test_every_indicator_of_every_focus_area_reaches_a_screen():
    strategy = load_strategies()["plads_til_alle"]
    expected = {a.name: set(a.indicator_ids()) for a in strategy.areas}
    at = new_app().run()
    at.switch_page("views/meeting.py").run()
    seen: dict[str, set[str]] = {}
    while True:
        assert not at.exception
        shown = texts(at)
        assert re.search(r"\d+ af \d+ på sporet", shown)
        area = re.sub(r" \(del \d+ af \d+\)$", "", at.title[0].value)
        seen.setdefault(area, set()).update(re.findall(r'data-indicator="([a-z0-9_]+)"', shown))
        if at.button(key="m_next").disabled:
            break
        at.button(key="m_next").click().run()
    assert seen == expected
    assert "Syntetiske demodata" in shown


@pytest.mark.usefixtures("demo_db")
def test_meeting_offers_the_report_as_pdf_and_powerpoint_first():
    at = new_app().run()
    at.switch_page("views/meeting.py").run()
    assert [b.label for b in at.download_button] == ["PDF-rapport", "PowerPoint", "Excel", "Udskriv"]
