"""Dated notes on the trend chart sit at the date's place in its year; the demo story is valid input."""

from __future__ import annotations

from datetime import date

import pytest

from charts.trend import trend_chart, year_position
from demo.story import seed_demo_story
from metrics.story import actions_for, annotations_for, comments_for
from metrics.types import Result
from store.db import connect


def _result(year: int, numerator: int, denominator: int) -> Result:
    return Result("x", str(year), {}, numerator, denominator, numerator / denominator, "", False)


def test_a_date_lies_at_its_share_of_the_year():
    assert year_position(date(2024, 1, 1)) == 2024
    assert year_position(date(2024, 3, 1)) == pytest.approx(2024 + 60 / 366)  # 31 + 29 days gone in a leap year
    assert year_position(date(2025, 7, 2)) == pytest.approx(2025 + 182 / 365)


def test_notes_inside_the_years_shown_are_drawn_and_others_left_out():
    results = [_result(y, n, 20) for y, n in ((2022, 8), (2023, 10), (2024, 12))]
    notes = [(date(2024, 3, 1), "Ny indsats <b>nu</b>"), (date(2019, 5, 1), "For gammel")]
    fig = trend_chart(results, "andel", "Andel", annotations=notes)
    texts = [a.text for a in fig.layout.annotations]
    assert texts == ["1.3.2024: Ny indsats &lt;b&gt;nu&lt;/b&gt;"]  # escaped: stored text is never markup
    (line,) = [s for s in fig.layout.shapes if s.type == "line"]
    assert line.x0 == pytest.approx(2024 + 60 / 366)


def test_the_demo_story_is_valid_input(tmp_path):
    con = connect(tmp_path / "d.duckdb")
    try:
        assert seed_demo_story(con, 2025) == 3
        assert set(comments_for(con, "plads_til_alle", "2025")) == {"hjemloese_andel", "unge_job_uddannelse"}
        assert [a.date for a in annotations_for(con, "plads_til_alle", "hjemloese_andel")] == [date(2025, 3, 1)]
        assert sorted(a.status for a in actions_for(con, "plads_til_alle", 2025)) == ["Gennemført", "I gang", "Udskudt"]
    finally:
        con.close()
