"""Year tables (metrics.yearly, ui.yearly): a year's figures read from them are exactly those computed from the
stored tables, for every indicator, breakdown and kind of filter; and a process only uses tables of the data
version it reads."""

from __future__ import annotations

import pytest

from metrics import engine
from metrics.dimensions import DIMENSIONS
from metrics.periods import parse_period, year_period
from metrics.registry import INDICATORS
from metrics.yearly import YearTables, build
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
    """The demo store with year tables for every year with data, attached as `aar_test`."""
    from demo.bootstrap import open_database
    from metrics.periods import data_years

    folder = tmp_path_factory.mktemp("yearly")
    con = open_database(folder / "lager", with_demo=True)
    con.execute(f"ATTACH '{folder / 'aar.duckdb'}' AS aar_test")
    tables = build(con, "aar_test", data_years(con))
    yield con, tables
    con.close()


def _raws(con, inds, per, flt, dim, tables=None):
    """Totals and groups (groups in a fixed order: SQL returns them in any order)."""
    totals, groups = engine._raws(con, inds, per, flt, dim, keys=True, years=tables)
    return totals, {i: sorted(rs, key=lambda r: sorted(r.group.items())) for i, rs in groups.items()}


def _years(tables: YearTables) -> list[int]:
    return sorted(tables.years)[-4:]


def test_the_demo_data_exercises_what_the_tables_hold(demo):
    # Not a test of the tables: it makes sure the comparisons below compare more than zeros.
    con, tables = demo
    year = year_period(_years(tables)[-2])
    totals, _ = engine._raws(con, list(INDICATORS.values()), year, {}, None, years=tables)
    assert all(totals[i].n > 0 for i in ("hjemloese_andel", "tidlig_rette_indsats", "progression", "trappe_ned"))
    assert all(totals[i].n > 0 for i in ("sammenhaengende_overgange", "egen_bolig_efter_hf", "behandling_inden_14_dage"))


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: "+".join(f) or "ingen")
def test_every_indicator_and_breakdown_gives_the_same_aggregates_and_cell_keys(demo, flt):
    con, tables = demo
    inds = list(INDICATORS.values())
    for year in _years(tables):
        per = year_period(year)
        for by in (None, *DIMENSIONS):
            dim = DIMENSIONS[by] if by else None
            live = _raws(con, inds, per, flt, dim)
            from_tables = _raws(con, inds, per, flt, dim, tables)
            assert from_tables == live, (year, by)


def test_one_indicator_at_a_time_gives_the_same_aggregates(demo):
    # A lone indicator's query may use fewer parameters than the live one (none of $start, $end).
    con, tables = demo
    per = year_period(_years(tables)[-2])
    for ind in INDICATORS.values():
        assert _raws(con, [ind], per, {}, None, tables) == _raws(con, [ind], per, {}, None)


@pytest.mark.parametrize("by", [None, "aldersgruppe", "målgruppe", "indsats"])
def test_protected_figures_and_trends_are_the_same_with_and_without_tables(demo, by):
    con, tables = demo
    flt = {"målgruppe": ["Alkohol"], "leverandør": ["Egen kommune"]}
    years = _years(tables)
    live = engine.trend(con, None, flt, by, years=years, min_n=5)
    fast = engine.trend(con, None, flt, by, years=years, min_n=5, years_tables=tables)
    assert fast == live


def test_the_cross_table_is_the_same_with_and_without_tables(demo):
    con, tables = demo
    per = str(_years(tables)[-2])
    args = ("aktive_borgere", per, {"leverandør": ["Egen kommune"]}, "målgruppe", "aldersgruppe", 5)
    assert engine.compute_matrix(con, *args, years=tables) == engine.compute_matrix(con, *args)


def test_only_whole_calendar_years_that_were_built_read_the_tables():
    tables = YearTables("x", frozenset({2024}), "1")
    assert tables.covers(parse_period("2024"))
    assert not tables.covers(parse_period("2024-Q2"))
    assert not tables.covers(parse_period("2024-H1"))
    assert not tables.covers(parse_period("2023"))


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
