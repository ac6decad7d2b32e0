"""The indicator SQL runs unchanged over the lake's tables: every indicator of every strategy, total and
broken down, gives the same results on a DuckLake store as on a single DuckDB file with the same imports
(and the same installation secret, so that the cell-key perturbation adds the same adjustments)."""

from __future__ import annotations

from datetime import date

import pytest

from demo.bootstrap import create_demo_database
from metrics.engine import compute
from metrics.strategies import load_strategies
from store.db import write
from store.record_keys import refresh_record_keys

TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lake-vs-file")
    lake = create_demo_database(folder / "lager", TODAY)
    single = create_demo_database(folder / "fil.duckdb", TODAY, engine_kind="duckdb")
    secret = lake.execute("SELECT secret FROM installation_secret").fetchone()[0]

    def same_secret() -> None:
        for table in ("installation_secret", "borger_keys", "besvarelse_keys"):
            single.execute(f"DELETE FROM {table}")
        single.execute("INSERT INTO installation_secret VALUES (?)", [secret])
        refresh_record_keys(single)

    write(single, same_secret)
    yield lake, single
    lake.close()
    single.close()


def test_the_lake_is_a_lake_and_the_file_is_a_file(both):
    lake, single = both
    assert lake.execute("SELECT current_database()").fetchone()[0] == "pejling"
    assert single.execute("SELECT current_database()").fetchone()[0] == "fil"


@pytest.mark.parametrize("by", [None, "målgruppe", "aldersgruppe"])
def test_every_indicator_is_the_same_on_the_lake_and_on_the_file(both, by):
    lake, single = both
    ids = sorted({i for s in load_strategies().values() for i in s.indicator_ids()})
    on_lake = compute(lake, ids, "2025", None, by, 5)
    on_file = compute(single, ids, "2025", None, by, 5)
    assert len(on_lake) >= len(ids)
    assert on_lake == on_file
