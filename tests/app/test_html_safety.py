"""Stored text (names, periods, reasons) never reaches an HTML sink unescaped."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from charts.spark import sparkline_svg
from metrics.types import Result
from ui.meeting import to_html
from ui.summary import AreaSummary, IndicatorLine

EVIL = "<img src=x onerror=alert(1)>"
EVIL_ATTR = "\"'><script>alert(1)</script>"


def _trend() -> list[Result]:
    return [
        Result(EVIL, EVIL_ATTR, {}, 40, 200, 0.2, EVIL, False),
        Result(EVIL, "2024", {}, None, None, None, "<5", True, reason=EVIL),
        Result(EVIL, EVIL, {}, 40, 200, 0.3, "30,0 %", False),
    ]


def _assert_escaped(text: str) -> None:
    assert "<img" not in text and "<script" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text


def test_sparkline_escapes_periods_displays_and_reasons():
    svg = sparkline_svg(_trend(), "andel")
    _assert_escaped(svg)
    assert "&quot;&#x27;&gt;&lt;script&gt;" in svg  # the aria-label attribute cannot be closed


def test_meeting_html_escapes_every_stored_value():
    trend = _trend()
    hidden = Result(EVIL, "2025", {}, None, None, None, EVIL, True, reason=EVIL)
    status = SimpleNamespace(label=EVIL, icon=EVIL, uncertain=False, colour=EVIL_ATTR)
    areas = [
        AreaSummary(
            EVIL,
            EVIL,
            EVIL,
            [
                IndicatorLine(EVIL, EVIL, "andel", "lower", trend[0], 0.1, status, trend),
                IndicatorLine(EVIL, EVIL, "antal", None, hidden, None, None, []),
            ],
            [(EVIL, EVIL)],
        )
    ]
    doc = to_html(EVIL, EVIL, areas, demo=False, today=date(2026, 11, 24)).decode()
    _assert_escaped(doc)
    assert "style='color:&quot;&#x27;&gt;" in doc  # the colour cannot leave its attribute


def test_markdown_escape_makes_links_images_and_directives_literal():
    from ui.fmt import md

    text = md("![x](http://e/a.png) :red[hi] $x$ <b>")
    assert "![" not in text and "](" not in text and ":red[" not in text and "$x$" not in text
    assert text.replace("\\", "") == "![x](http://e/a.png) :red[hi] $x$ <b>"


def test_a_link_cannot_put_a_markdown_link_or_image_into_the_warnings(demo_db):
    from tests.app.conftest import new_app

    at = new_app()
    at.query_params["maalgruppe"] = ["![x](https://example.invalid/a.png)", "[klik](https://example.invalid)"]
    at.run()
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "findes ikke" in warnings
    assert "](" not in warnings and "![" not in warnings
