"""Year tables (metrics.yearly, ui.yearly): a year's figures read from them are exactly those computed from the
stored tables, for every indicator, breakdown and kind of filter; and a process only uses tables of the data
version it reads."""

from __future__ import annotations

import time

import pytest

from metrics import engine, shared_aggregates
from metrics.dimensions import DIMENSIONS, get_dimension
from metrics.periods import parse_period, year_period
from metrics.registry import INDICATORS
from metrics.yearly import YearTables, build, prepared_periods
from store.db import data_version, write
from tests.metrics.conftest import add_episode

# Filters of each kind the year tables must apply as the live CTEs do: citizen (age, sex, target group incl. the
# derived groups and 'Uoplyst'), episode (focus area, intervention, provider), several at once.
FILTERS = (
    {},
    {"aldersgruppe": ["18-24", "30-39"]},
    {"køn": ["Kvinde"]},
    {"målgruppe": ["Hjemløshed"]},
    {"målgruppe": ["Dobbeltdiagnose"]},
    {"målgruppe": ["Uoplyst", "Alkohol"]},
    {"fokusområde": ["At have stabile rammer om livet"]},
    {"indsats": ["Bostøtte (SEL §85)", "Mentor"]},
    {"leverandør": ["Egen kommune"], "under30": ["Under 30"]},
    {"målgruppe": ["Stoffer"], "indsats": ["Mentor"], "leverandør": ["Region"]},
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo store with prepared tables of the periods the tests compare (_periods), attached as `aar_test`."""
    from demo.bootstrap import open_database
    from metrics.periods import data_years

    folder = tmp_path_factory.mktemp("yearly")
    con = open_database(folder / "lager", with_demo=True)
    con.execute(f"ATTACH '{folder / 'aar.duckdb'}' AS aar_test")
    tables = build(con, "aar_test", _periods(data_years(con)))
    yield con, tables
    con.close()


def _raws(con, inds, per, flt, dim, tables=None):
    """Totals and groups (groups in a fixed order: SQL returns them in any order)."""
    totals, groups = engine._raws(con, inds, per, flt, dim, keys=True, years=tables)
    return totals, {i: sorted(rs, key=lambda r: sorted(r.group.items())) for i, rs in groups.items()}


def _periods(tables: YearTables | list[int]) -> list:
    """The last three years and, in the year before the last, a half-year and two quarters."""
    years = sorted(tables) if isinstance(tables, list) else sorted({start.year for start, _ in tables.periods})
    year = years[-2]
    return [year_period(y) for y in years[-3:]] + [parse_period(f"{year}-H2"), parse_period(f"{year}-Q1"),
                                                    parse_period(f"{year}-Q4")]  # fmt: skip


def test_the_demo_data_exercises_what_the_tables_hold(demo):
    # Not a test of the tables: it makes sure the comparisons below compare more than zeros.
    con, tables = demo
    year = _periods(tables)[1]
    totals, _ = engine._raws(con, list(INDICATORS.values()), year, {}, None, years=tables)
    assert all(totals[i].n > 0 for i in ("hjemloese_andel", "tidlig_rette_indsats", "progression", "trappe_ned"))
    assert all(
        totals[i].n > 0 for i in ("sammenhaengende_overgange", "egen_bolig_efter_hf", "behandling_inden_14_dage")
    )


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: "+".join(f) or "ingen")
def test_every_indicator_and_breakdown_gives_the_same_aggregates_and_cell_keys(demo, flt):
    con, tables = demo
    inds = list(INDICATORS.values())
    periods = _periods(tables)
    for per in periods:
        assert tables.covers(per)
        # Every breakdown in one year; the total and the two list dimensions in every kind of period.
        for by in (None, *DIMENSIONS) if per is periods[1] else (None, "målgruppe", "fokusområde"):
            dim = DIMENSIONS[by] if by else None
            live = _raws(con, inds, per, flt, dim)
            from_tables = _raws(con, inds, per, flt, dim, tables)
            assert from_tables == live, (per.label, by)


def test_one_indicator_at_a_time_gives_the_same_aggregates(demo):
    # A lone indicator's query may use fewer parameters than the live one (none of $start, $end).
    con, tables = demo
    per = _periods(tables)[1]
    for ind in INDICATORS.values():
        assert _raws(con, [ind], per, {}, None, tables) == _raws(con, [ind], per, {}, None)


@pytest.mark.parametrize("by", [None, "aldersgruppe", "målgruppe", "indsats"])
def test_protected_figures_and_trends_are_the_same_with_and_without_tables(demo, by):
    con, tables = demo
    flt = {"målgruppe": ["Alkohol"], "leverandør": ["Egen kommune"]}
    years = sorted({p.start.year for p in _periods(tables)})
    live = engine.trend(con, None, flt, by, years=years, min_n=5)
    fast = engine.trend(con, None, flt, by, years=years, min_n=5, years_tables=tables)
    assert fast == live


def test_the_cross_table_is_the_same_with_and_without_tables(demo):
    con, tables = demo
    per = _periods(tables)[4].label  # a quarter: its zero rule reads the half-year and the year too
    args = ("aktive_borgere", per, {"leverandør": ["Egen kommune"]}, "målgruppe", "aldersgruppe", 5)
    assert engine.compute_matrix(con, *args, years=tables) == engine.compute_matrix(con, *args)


def test_years_come_first_then_each_years_half_years_and_quarters_newest_first():
    stages = [[p.label for p in stage] for stage in prepared_periods([2023, 2024])]
    assert stages == [
        ["2023", "2024"],
        ["2024-H1", "2024-H2", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"],
        ["2023-H1", "2023-H2", "2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"],
    ]
    tables = YearTables("x", frozenset((p.start, p.end) for p in prepared_periods([2023, 2024])[1]), "1")
    assert tables.covers(parse_period("2024-Q2")) and not tables.covers(parse_period("2023-Q2"))
    assert not tables.covers(parse_period("2024-05"))  # months are computed from the stored tables


def test_a_process_uses_tables_of_the_version_it_reads_and_rebuilds_after_a_change(tmp_path, monkeypatch):
    from store.db import connect
    from ui import yearly as ui_yearly

    monkeypatch.setenv("PEJLING_YEAR_TABLES", "1")
    con = connect(tmp_path / "lager")
    write(con, lambda: add_episode(con, "A1", 1990, "Mentor", "2024-02-01"))
    first = data_version(con)
    got = ui_yearly.wait(con, "test-lager", first)
    assert got is not None and got.version == first
    per = year_period(2024)
    assert engine._raws(con, [INDICATORS["aktive_borgere"]], per, {}, None, years=got)[0]["aktive_borgere"].n == 1
    while ui_yearly._STATES["test-lager"].building is not None:  # the half-years and quarters follow the years
        time.sleep(0.05)
    complete = ui_yearly.tables(con, "test-lager", first)
    assert complete.schema == got.schema and complete.covers(parse_period("2024-Q1"))
    # The build also kept each year's breakdowns (the zero rule's common neighbours) and the trend years' cross
    # tables (metrics.shared_aggregates).
    by_group = engine._Fetcher._key(per, {}, get_dimension("målgruppe"))
    assert shared_aggregates.get(got.schema, by_group, "aktive_borgere") is not None
    crossed = shared_aggregates.get_grid(got.schema, engine.grid_key(per, "køn", "indsats"), "aktive_borgere")
    assert [(r.group, r.n) for r in crossed] == [({"indsats": "Mentor", "køn": "Uoplyst"}, 1)]
    q1 = engine._raws(con, [INDICATORS["aktive_borgere"]], parse_period("2024-Q1"), {}, None, years=complete)
    assert q1[0]["aktive_borgere"].n == 1

    write(con, lambda: add_episode(con, "A2", 1991, "Mentor", "2024-03-01"))
    second = data_version(con)
    assert second != first
    assert ui_yearly.tables(con, "test-lager", second) is None  # the old tables are not handed out for new data
    fresh = ui_yearly.wait(con, "test-lager", second)
    assert fresh is not None and fresh.version == second and fresh.schema != got.schema
    assert engine._raws(con, [INDICATORS["aktive_borgere"]], per, {}, None, years=fresh)[0]["aktive_borgere"].n == 2
    con.close()


def test_switched_off_no_tables_are_built(tmp_path, monkeypatch):
    from store.db import connect
    from ui import yearly as ui_yearly

    monkeypatch.setenv("PEJLING_YEAR_TABLES", "0")
    con = connect(tmp_path / "lager")
    assert ui_yearly.tables(con, "slukket", data_version(con)) is None
    assert "slukket" not in ui_yearly._STATES
    con.close()


GRIDS = (
    ("aldersgruppe", "målgruppe", {}),
    ("målgruppe", "indsats", {"leverandør": ["Egen kommune"]}),
    ("leverandør", "fokusområde", {"aldersgruppe": ["30-39"]}),
    ("indsats", "leverandør", {"målgruppe": ["Alkohol", "Stoffer"]}),
    ("fokusområde", "køn", {"indsats": ["Mentor"]}),
    ("aldersgruppe", "under30", {"fokusområde": ["Stabile rammer"]}),
)


@pytest.mark.parametrize("rows,cols,flt", GRIDS, ids=lambda x: x if isinstance(x, str) else None)
def test_a_cross_table_query_counts_what_one_filtered_breakdown_per_row_value_counts(demo, rows, cols, flt):
    # The zero rule reads its neighbours from one cross table instead of one query per value; each cell must hold
    # what a filter on the row value and a breakdown by the column give (units n and numerator k).
    con, tables = demo
    inds = list(INDICATORS.values())
    row_dim, col_dim = DIMENSIONS[rows], DIMENSIONS[cols]
    per = _periods(tables)[1]
    for years in (None, tables):
        grid = engine._grid_raws(con, inds, per, flt, row_dim, col_dim, years)
        assert any(grid.values())
        for value in engine.dimension_values(con, rows) + ["Uoplyst"]:
            _, by_col = engine._raws(con, inds, per, {**flt, rows: [value]}, col_dim, keys=False, years=years)
            for ind in inds:
                expected = {r.group[cols]: (r.n, r.k) for r in by_col[ind.id] if r.n}
                got = {g: (r.n, r.k) for (a, g), r in grid[ind.id].items() if a == value}
                assert got == expected, (ind.id, value, years is not None)


@pytest.mark.parametrize(
    "flt", [{}, {"leverandør": ["Region"]}, {"aldersgruppe": ["18-24", "25-29"], "indsats": ["Mentor"]}]
)
def test_the_cross_table_reads_its_columns_neighbours_from_one_query_with_the_same_result(demo, monkeypatch, flt):
    # compute_matrix answers each column's zero-rule neighbours from cross tables of all columns; shown the
    # same as when every column asks its own queries.
    con, tables = demo
    per = _periods(tables)[4].label
    plain = engine._Fetcher.__init__

    def without_spread(self, con, years=None, spread=None):
        plain(self, con, years)

    for indicator in ("aktive_borgere", "hjemloese_andel", "sammenhaengende_overgange"):
        fast = engine.compute_matrix(con, indicator, per, flt, "målgruppe", "aldersgruppe", 5, years=tables)
        with monkeypatch.context() as m:
            m.setattr(engine._Fetcher, "__init__", without_spread)
            slow = engine.compute_matrix(con, indicator, per, flt, "målgruppe", "aldersgruppe", 5, years=tables)
        assert fast == slow
        assert any(r.suppressed for r in fast.values())  # the rule had something to do


@pytest.mark.parametrize("flt", [{}, {"målgruppe": ["Hjemløshed"], "leverandør": ["Egen kommune"]}])
def test_the_pages_other_figures_are_the_same_with_and_without_tables(demo, flt):
    from metrics import views

    con, tables = demo
    per = _periods(tables)[1].label
    years = sorted({p.start.year for p in _periods(tables)})
    for name, kwargs in (("citizens_by_step", {"years": years}), ("step_flows", {}), ("waiting_times", {}),
                         ("who5_distribution", {})):  # fmt: skip
        fn = getattr(views, name)
        live = fn(con, period=per, filters=flt, min_n=5, **kwargs)
        fast = fn(con, period=per, filters=flt, min_n=5, prepared=tables, **kwargs)
        assert fast.equals(live), name
        assert len(live)


@pytest.mark.parametrize(
    "flt",
    [{"aldersgruppe": ["18-24", "25-29"]}, {"målgruppe": ["Hash", "Ensomhed"]}, {"indsats": ["Mentor", "Gruppeforløb"]}],
    ids=lambda f: "+".join(f),
)  # fmt: skip
def test_shared_neighbours_give_the_same_figures_and_spare_the_zero_rules_queries(demo, monkeypatch, flt):
    # Filters a kept breakdown cannot answer (several values): each year runs its own query, and no more.
    con, tables = demo
    years = [p for p in _periods(tables) if p.label.isdigit()]
    queries = _count_queries(monkeypatch)
    live = [engine.compute(con, None, per, flt, min_n=5) for per in years]
    unshared = len(queries)
    shared_aggregates.clear()
    engine.keep_aggregates(con, tables, years)
    queries.clear()
    fast = [engine.compute(con, None, per, flt, min_n=5, years=tables) for per in years]
    assert fast == live
    assert unshared > len(years)  # without them, the zero rule queried neighbours of some year
    assert queries == [per.label for per in years]  # with them, each year needs only its own query


def _count_queries(monkeypatch) -> list[str]:
    """The periods of every aggregate query the engine runs from now on (engine._raws, its cross tables'
    engine._grid_raws), in order."""
    queries: list[str] = []
    for name in ("_raws", "_grid_raws"):
        plain = getattr(engine, name)

        def counted(*args, plain=plain, **kwargs):
            queries.append(args[2].label)
            return plain(*args, **kwargs)

        monkeypatch.setattr(engine, name, counted)
    return queries


def test_a_years_totals_under_any_one_filter_value_are_read_from_its_kept_breakdowns(demo, monkeypatch):
    # Every value of every dimension (and 'Uoplyst' and a value nobody has): the totals read from the kept
    # breakdown are the filtered query's, cell keys included, and the published figures are the live path's.
    from metrics.dimensions import dimension_values

    con, tables = demo
    years = [p for p in _periods(tables) if p.label.isdigit()]
    inds = list(INDICATORS.values())
    engine.keep_aggregates(con, tables, years)
    queries = _count_queries(monkeypatch)
    compared = 0
    for dim_id in DIMENSIONS:
        for value in dict.fromkeys([*dimension_values(con, dim_id), "Uoplyst", "Ingen sådan værdi"]):
            flt = {dim_id: [value]}
            for per in years:
                kept, _ = engine._served(inds, per, flt, None, tables)
                queried, _ = _raws(con, inds, per, flt, None, tables)
                assert kept == queried, (dim_id, value, per.label)
                compared += sum(r.n > 0 for r in kept.values())
    assert compared > 1000  # most of them are figures, not zeros
    queries.clear()
    for flt in (
        {"målgruppe": ["Hjemløshed"]},
        {"fokusområde": ["At have stabile rammer om livet"]},
        {"under30": ["Under 30"]},
    ):
        fast = [engine.compute(con, None, per, flt, min_n=5, years=tables) for per in years]
        assert queries == []  # neither the figures nor the zero rule's neighbours ran a query
        assert fast == [engine.compute(con, None, per, flt, min_n=5) for per in years]
        queries.clear()


def test_neighbours_kept_for_tables_go_with_the_tables(demo):
    from ui import yearly as ui_yearly

    con, _ = demo
    totals, groups = engine._raws(con, [INDICATORS["aktive_borgere"]], year_period(2024), {}, None)
    cell = ("a cell",)
    for schema in ("aar_igen", "aar_vaek", "aar_bliver"):
        shared_aggregates.put(schema, cell, totals, groups)
    build(con, "aar_igen", [])  # tables built anew under the same name
    ui_yearly._detach(con, "aar_vaek")  # tables detached
    assert shared_aggregates.get("aar_igen", cell, "aktive_borgere") is None
    assert shared_aggregates.get("aar_vaek", cell, "aktive_borgere") is None
    assert shared_aggregates.get("aar_bliver", cell, "aktive_borgere") == (totals["aktive_borgere"], [])


def test_a_years_figures_under_values_on_two_dimensions_are_read_from_its_kept_cross_tables(demo, monkeypatch):
    # Every pair of dimensions, with values drawn from each (and 'Uoplyst'): the total under a value on each,
    # and the breakdown by one under a value of the other, read from the kept cross table, are the filtered
    # query's aggregates with their cell keys; and the published figures are the live path's, with no query.
    import random

    from metrics.dimensions import dimension_values

    con, tables = demo
    per = [p for p in _periods(tables) if p.label.isdigit()][1]
    inds = list(INDICATORS.values())
    engine.keep_aggregates(con, tables, [per], crossed=[per])
    compared = 0
    for i, (a, b) in enumerate(engine.crossed_pairs()):
        pick = random.Random(i)
        for fixed, other in ((a, b), (b, a)):
            values = [*pick.sample(dimension_values(con, fixed.id), 2), "Uoplyst"]
            for value in values:
                kept = engine._served(inds, per, {fixed.id: [value]}, other, tables)
                queried = _raws(con, inds, per, {fixed.id: [value]}, other, tables)
                assert (kept[0], {k: sorted(v, key=lambda r: sorted(r.group.items())) for k, v in kept[1].items()}) == (
                    queried
                ), (fixed.id, value, other.id)
                for other_value in pick.sample(dimension_values(con, other.id), 2):
                    flt = {fixed.id: [value], other.id: [other_value]}
                    kept_t, _ = engine._served(inds, per, flt, None, tables)
                    queried_t, _ = _raws(con, inds, per, flt, None, tables)
                    assert kept_t == queried_t, flt
                    compared += sum(r.n > 0 for r in kept_t.values())
    assert compared > 1000  # most of them are figures, not zeros
    queries = _count_queries(monkeypatch)
    for flt, by in (({"leverandør": ["Egen kommune"], "aldersgruppe": ["25-29"]}, None),
                    ({"fokusområde": ["At have stabile rammer om livet"], "målgruppe": ["Hjemløshed"]}, None),
                    ({"indsats": ["Mentor"]}, "køn"), ({"målgruppe": ["Stoffer"]}, "fokusområde")):  # fmt: skip
        fast = engine.compute(con, None, per, flt, by, min_n=5, years=tables)
        assert queries == []  # neither the figures nor the zero rule's neighbours ran a query
        assert fast == engine.compute(con, None, per, flt, by, min_n=5)
        queries.clear()


# One indicator of each family: citizens (count, share with a past), episodes (share with a median), transitions,
# answers (share, mean).
FAMILIES = ("aktive_borgere", "tidlig_rette_indsats", "behandling_inden_14_dage", "sammenhaengende_overgange",
            "princip_ressourcer", "trivsel_who5")  # fmt: skip


@pytest.mark.parametrize(
    "rows, cols, flt",
    [("målgruppe", "aldersgruppe", {}),
     ("målgruppe", "aldersgruppe", {"leverandør": ["Egen kommune"], "aldersgruppe": ["18-24", "60+"]}),
     ("indsats", "fokusområde", {"køn": ["Kvinde"]}),
     ("fokusområde", "målgruppe", {"indsats": ["Mentor", "Bostøtte (SEL §85)"]})],
    ids=lambda v: v if isinstance(v, str) else "+".join(v) or "ingen",
)  # fmt: skip
def test_a_cross_tables_columns_read_from_one_query_are_each_columns_own_breakdown(demo, rows, cols, flt):
    # compute_matrix reads its columns from one cross table and the breakdown by the column dimension: each
    # column must be the breakdown a query under that column's value gives, cell keys included, in a year and a
    # quarter, with and without the prepared tables.
    from metrics.dimensions import dimension_values

    con, tables = demo
    row_dim, col_dim = get_dimension(rows), get_dimension(cols)
    values = flt.get(cols) or dimension_values(con, cols)
    compared = 0
    for per in (_periods(tables)[1], _periods(tables)[4]):
        for years in (None, tables):
            for ind in FAMILIES:
                got = engine._columns(con, INDICATORS[ind], per, flt, row_dim, col_dim, values, years)
                assert list(got) == values
                for col, (col_flt, totals, groups) in got.items():
                    assert col_flt == {**flt, cols: [col]}
                    by_key = sorted(groups[ind], key=lambda r: sorted(r.group.items()))
                    assert (totals, {ind: by_key}) == _raws(con, [INDICATORS[ind]], per, col_flt, row_dim, years)
                    compared += totals[ind].n > 0
    assert compared > 20
