"""Fixtures for the indicator engine: an empty database and helpers inserting hand-made rows (batch 1)."""

from __future__ import annotations

from datetime import date

import pytest

from metrics.engine import compute
from store.db import connect


@pytest.fixture
def con(tmp_path):
    """A fresh single-file store with the default catalogue and no data (the indicator SQL is the same on a lake:
    tests/store/test_lake.py computes every indicator on both and compares)."""
    connection = connect(tmp_path / "t.duckdb", engine_kind="duckdb")
    yield connection
    connection.close()


def _d(value):
    return date.fromisoformat(value) if isinstance(value, str) else value


def add_episode(con, borger, foedselsaar, indsats, start, slut=None, **cols):
    """Insert one episode; extra columns by their SQL names (maalgrupper as a list)."""
    row = {
        "borger_id": borger,
        "foedselsaar": foedselsaar,
        "indsats": indsats,
        "startdato": _d(start),
        "slutdato": _d(slut),
        "maalgrupper": cols.pop("maalgrupper", []),
        **{k: _d(v) if k == "henvisningsdato" else v for k, v in cols.items()},
    }
    if row["slutdato"] is not None and "afslutningsaarsag" not in row:
        row["afslutningsaarsag"] = "Mål nået"
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    con.execute(f"INSERT INTO indsatser ({names}, batch) VALUES ({marks}, 1)", list(row.values()))


def add_answer(con, answer_id, dato, **cols):
    """Insert one survey answer; columns by their SQL names."""
    row = {"besvarelse_id": answer_id, "dato": _d(dato), **cols}
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    con.execute(f"INSERT INTO borgeroplevelse ({names}, batch) VALUES ({marks}, 1)", list(row.values()))


def add_measure(con, borger, maaledato, domaene, score):
    """Insert one progression measurement."""
    con.execute("INSERT INTO progression VALUES (?, ?, ?, ?, 1)", [borger, _d(maaledato), domaene, score])


def set_keys(con, keys: dict[str, int], answers: bool = False, rk2: int = 0) -> None:
    """Give citizens (or survey answers) hand-picked record keys.

    Rows inserted by these helpers have no key, which counts as 0: a cell key is the sum of the chosen keys
    of its contributors mod 256, so expected published figures can be worked out by hand from the p-table."""
    table, col = ("besvarelse_keys", "besvarelse_id") if answers else ("borger_keys", "borger_id")
    for id_, rk in keys.items():
        con.execute(f"DELETE FROM {table} WHERE {col} = ?", [id_])
        con.execute(f"INSERT INTO {table} VALUES (?, ?, ?)", [id_, rk, rk2])


def figure(con, indicator, period="2025", filters=None, min_n=None):
    """The total Result of one indicator: exact figures, or protected ones when min_n is given."""
    (res,) = compute(con, [indicator], period, filters, None, min_n, protect=min_n is not None)
    return res


def groups(con, indicator, by, period="2025", filters=None, min_n=None):
    """{group value: Result} of one indicator broken down by a dimension."""
    return {r.group[by]: r for r in compute(con, [indicator], period, filters, by, min_n, protect=min_n is not None)}
