"""The attacker harness on a small demo-generated database: every route over a grid of indicators ×
periods × breakdowns × filters. It fails if any route (or the intersection of all routes to one cell)
recovers a hidden figure of 1..N-1 persons with certainty. The bigger grid is bench/attack_report.py."""

from __future__ import annotations

import pytest

from tests.privacy.grid import GridSpec, run_grid

SPEC = GridSpec(
    periods=("2025", "2025-Q2"),
    complement_periods=("2025",),
    complement_dims=("aldersgruppe", "køn", "leverandør"),
    filtered_values=3,
    sub_period_labels=("2025-H1", "2025-04", "2025-05", "2025-06"),
    matrix_indicators=("aktive_borgere",),
    view_periods=("2025",),
    view_filter_dims=("køn",),
    split_dims={"køn": 3},
    cli_cases=1,
)


@pytest.fixture(scope="module")
def grid(tmp_path_factory):
    """The harness's report and attacker state on a small demo database (300 citizens, 500 answers)."""
    from store.db import connect
    from tests.privacy.data import small_demo_db

    path = tmp_path_factory.mktemp("grid") / "small.duckdb"
    small_demo_db(path).close()
    con = connect(path, read_only=True)
    try:
        yield run_grid(con, SPEC, db_path=path)
    finally:
        con.close()


def test_the_harness_models_the_product_correctly(grid):
    """The attacker's candidate sets hold the truth, its identities hold on the truth, and it found targets
    (otherwise the next test would pass for the wrong reason)."""
    rep, col = grid
    assert not rep.unknown_displays, f"published texts the attacker cannot interpret: {rep.unknown_displays}"
    assert not rep.conflicts, [(k.label(), a, b) for k, a, b in rep.conflicts[:5]]
    assert not rep.violations, [(k.label(), t, c) for k, t, c in rep.violations[:5]]
    assert not rep.invalid_routes, [r.target.label() for r in rep.invalid_routes[:5]]
    assert not rep.wrong
    assert not rep.zero_rule_breaks, [(k.label(), nb.label(), t) for k, nb, t in rep.zero_rule_breaks[:5]]
    assert rep.hidden_small > 50
    assert sum(rep.routes_tried.values()) > 1000
    for kind in ("complement", "breakdown", "linked", "cross", "matrix", "views", "periods", "splits"):
        assert rep.routes_tried[kind] > 0, f"no {kind} route was tried"


def test_no_route_recovers_a_hidden_small_figure_with_certainty(grid):
    """No route, nor the intersection of all routes to a cell, pins a hidden 1..N-1 figure."""
    rep, col = grid
    examples = "\n".join(e.describe(col.store) for e in rep.examples[:6])
    assert rep.certain_total() == 0, "\n".join(rep.lines()) + "\nexamples:\n" + examples
    assert not rep.mean_recoveries, [(k.label(), n, m) for k, n, m in rep.mean_recoveries[:5]]
    assert rep.dayrange["certain"] == 0, rep.dayrange
