"""Move a DuckDB file of the earlier layout into a store (every table, counts checked), in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from store import db, engine
from store.record_keys import refresh_record_keys

_SOURCE = "pejling_old"
_KEEP_IN_TARGET = {"store_version"}  # the target's own data-version row
_TARGET_META_KEYS = ("schema_version",)  # meta values that describe the target, not the data


class MigrationRefused(RuntimeError):
    """The migration cannot run (Danish message); nothing was changed."""


@dataclass(frozen=True)
class TableCount:
    """Rows of one table in the old file and in the new store after the move."""

    table: str
    source: int
    target: int

    @property
    def ok(self) -> bool:
        """True when every row arrived."""
        return self.source == self.target


def _tables(con: duckdb.DuckDBPyConnection, database: str) -> list[str]:
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = ? AND schema_name = 'main' ORDER BY 1",
        [database],
    ).fetchall()
    return [r[0] for r in rows]


def _columns(con: duckdb.DuckDBPyConnection, database: str, table: str) -> list[str]:
    rows = con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = ? AND schema_name = 'main' "
        "AND table_name = ? ORDER BY column_index",
        [database, table],
    ).fetchall()
    return [r[0] for r in rows]


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _has_data(con: duckdb.DuckDBPyConnection, database: str) -> bool:
    for table in ("imports", "maal", "maal_historik", "katalog_historik"):
        if con.execute(f"SELECT count(*) FROM {_q(database)}.main.{table}").fetchone()[0]:
            return True
    return False


def migrate(source: Path, target: str | Path) -> list[TableCount]:
    """Copy every table of the DuckDB file `source` into the (new or empty) store `target`; return the counts.

    Tables the store does not have yet (e.g. ones a later version added) are created with the old columns and
    types. Raise MigrationRefused when the source is not an old-layout file or the target already holds data.
    """
    source = Path(source).resolve()
    if not engine.is_duckdb_file(source):
        raise MigrationRefused(f"{source} er ikke en DuckDB-database i det tidligere format.")
    loc = engine.parse(target)
    if loc.kind == "duckdb" and Path(loc.target) == source:
        raise MigrationRefused("Kilden og målet er den samme fil.")
    con = db.connect(target)
    try:
        con.execute(f"ATTACH '{str(source).replace(chr(39), chr(39) * 2)}' AS {_SOURCE} (READ_ONLY)")
        store = con.execute("SELECT current_database()").fetchone()[0]
        if _has_data(con, store):
            raise MigrationRefused("Lageret indeholder allerede data; flyt kun ind i et nyt, tomt lager.")
        tables = [t for t in _tables(con, _SOURCE) if t not in _KEEP_IN_TARGET]
        db.write(con, lambda: _copy(con, store, tables))
        counts = [
            TableCount(
                t,
                con.execute(f"SELECT count(*) FROM {_SOURCE}.main.{_q(t)}").fetchone()[0],
                con.execute(f"SELECT count(*) FROM {_q(store)}.main.{_q(t)}").fetchone()[0],
            )
            for t in tables
            if t != "meta"
        ]
        con.execute(f"DETACH {_SOURCE}")
    finally:
        con.close()
    return counts


def _copy(con: duckdb.DuckDBPyConnection, store: str, tables: list[str]) -> None:
    existing = set(_tables(con, store))
    for table in tables:
        src = f"{_SOURCE}.main.{_q(table)}"
        dst = f"{_q(store)}.main.{_q(table)}"
        if table not in existing:
            con.execute(f"CREATE TABLE {dst} AS SELECT * FROM {src}")
            continue
        old_cols = set(_columns(con, _SOURCE, table))
        # Columns the old file lacks are left out, so they take their default (e.g. maal.delgruppe = '').
        new_cols = [c for c in _columns(con, store, table) if c in old_cols]
        select = ", ".join(_q(c) for c in new_cols)
        where = ""
        if table == "meta":
            keys = ", ".join(f"'{k}'" for k in _TARGET_META_KEYS)
            where = f" WHERE key NOT IN ({keys})"
            con.execute(f"DELETE FROM {dst}{where}")
        else:
            con.execute(f"DELETE FROM {dst}")
        cols = ", ".join(_q(c) for c in new_cols)
        con.execute(f"INSERT INTO {dst} ({cols}) SELECT {select} FROM {src}{where}")
    refresh_record_keys(con)  # an old file without record keys: give the moved citizens and answers theirs
