"""Reports and exports add no figure to what the attacker harness already sees: every number in them is a
figure `metrics.engine.compute` publishes for the same indicator, period and filters (issue 7: "everything
else the product adds must rest on the protected figures"). The routes over compute's figures are scored
by test_grid.py and test_routes.py; this file closes the gap between those and the documents."""

from __future__ import annotations

import pytest

from metrics.engine import compute, trend
from metrics.strategies import default_strategy_id
from reports.source import from_connection
from reports.tables import Hidden, value_cell

CASES = [("2025", None), ("2025", {"aldersgruppe": ["16-17"]}), ("2025-Q2", {"aldersgruppe": ["18-24", "25-29"]})]


@pytest.mark.parametrize(("period", "filters"), CASES)
def test_every_figure_of_the_report_is_one_the_engine_publishes(tiny, period, filters):
    con, _ = tiny
    report = from_connection(con, default_strategy_id(), period, filters)
    entries = report.indicators
    assert entries, "the report lists indicators"
    published = {r.indicator: r for r in compute(con, [e.id for e in entries], period, filters)}
    hidden = 0
    for entry in entries:
        res = published[entry.id]
        assert (entry.display, entry.value) == (res.display, res.value), entry.id
        hidden += res.suppressed
        years = [p.year for p in entry.points]
        by_year = {int(r.period): r for r in trend(con, [entry.id], filters, years=years)}
        for point in entry.points:
            assert (point.display, point.value) == (by_year[point.year].display, by_year[point.year].value)
    assert hidden > 0, "the case shows hidden figures (otherwise it proves little)"


def test_an_export_cell_of_a_hidden_figure_is_its_text_never_a_number(tiny):
    con, _ = tiny
    results = compute(con, ["aktive_borgere", "trivsel_who5"], "2025", None, "aldersgruppe")
    cells = [value_cell(r, None) for r in results]
    for res, cell in zip(results, cells, strict=True):
        if res.suppressed:
            assert isinstance(cell, Hidden) and str(cell) == res.display
        else:
            assert float(cell.value) == pytest.approx(round(res.value, 1))
