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


@pytest.fixture(scope="module", params=["lager", "forberedte-tabeller"])
def grid(request, tmp_path_factory):
    """The harness's report and attacker state on a small demo database (300 citizens, 500 answers): read from
    the stored tables, and as the dashboard reads it once its tables are prepared, with every aggregate the
    build keeps (figures served from kept breakdowns and cross tables must protect as the query path does)."""
    from dataclasses import replace

    from metrics import engine
    from metrics.engine import keep_aggregates
    from metrics.periods import TREND_YEARS, data_years
    from metrics.yearly import build, prepared_periods
    from store.db import connect
    from tests.privacy.data import small_demo_db

    folder = tmp_path_factory.mktemp("grid")
    path = folder / "small.duckdb"
    small_demo_db(path).close()
    if request.param == "lager":
        con = connect(path, read_only=True)
        try:
            yield run_grid(con, SPEC, db_path=path)
        finally:
            con.close()
        return
    con = connect(path)  # writable, to attach the prepared tables; so the CLI (the stored tables) cannot open it
    try:
        con.execute(f"ATTACH '{folder / 'aar.duckdb'}' AS aar_grid")
        years = data_years(con)
        tables = build(con, "aar_grid", [p for stage in prepared_periods(years) for p in stage])
        year_periods = [p for p in prepared_periods(years)[0]]
        keep_aggregates(con, tables, year_periods, crossed=year_periods[-TREND_YEARS:])
        served: list[bool] = []
        plain = engine._served

        def counted(*args, **kwargs):
            got = plain(*args, **kwargs)
            served.append(got is not None)
            return got

        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(engine, "_served", counted)
            rep, col = run_grid(con, replace(SPEC, cli_cases=0), db_path=path, years=tables)
        col.served = sum(served)
        yield rep, col
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


def test_the_prepared_run_reads_figures_from_the_kept_aggregates(grid):
    """The second run is not the first again: many of its figures and neighbours were read from kept aggregates."""
    rep, col = grid
    if col.years is None:
        pytest.skip("the stored tables' run computes every figure by query")
    assert col.served > 200
