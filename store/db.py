"""The store's table layout (generated from the extract definitions), opening it, and write transactions."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb

from schemas.catalogue import DEFAULT_CATALOGUE, KATALOG
from schemas.columns import Extract
from schemas.extracts import EXTRACTS
from store import engine

SCHEMA_VERSION = "2"
DEMO_USER = "demo"  # the user recorded on the synthetic demo imports
WRITE_RETRY_SECONDS = 120.0  # how long a write keeps retrying while other processes commit first

T = TypeVar("T")


class DatabaseLocked(RuntimeError):
    """Another process holds the database file."""


def _columns_ddl(extract: Extract) -> str:
    return ",\n  ".join(f"{c.sql} {c.sql_type}" for c in extract.columns)


def data_table_ddl(extract: Extract) -> list[str]:
    """DDL for an extract's table (rows + the batch that last wrote them) and its history table."""
    cols = _columns_ddl(extract)
    return [
        f"CREATE TABLE IF NOT EXISTS {extract.table} (\n  {cols},\n  batch INTEGER NOT NULL\n)",
        # Previous versions of rows a batch replaced, so that undo restores them exactly.
        f"CREATE TABLE IF NOT EXISTS {extract.table}_history (\n  {cols},\n  batch INTEGER NOT NULL,\n"
        f"  replaced_by INTEGER NOT NULL\n)",
    ]


BASE_DDL = [
    # No PRIMARY KEY, UNIQUE or SEQUENCE: DuckLake has none. Keys are kept by the code that writes (delete, then
    # insert, in one transaction) and batch numbers come from the imports table inside the import's transaction.
    """CREATE TABLE IF NOT EXISTS meta (key VARCHAR NOT NULL, value VARCHAR)""",
    # One row; every write transaction increments it. It is the data-version token the caches key on, and the
    # row every writer updates makes two concurrent writers conflict (the loser retries) instead of interleaving.
    """CREATE TABLE IF NOT EXISTS store_version (version BIGINT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS imports (
  batch INTEGER NOT NULL,
  imported_at TIMESTAMP NOT NULL,
  "user" VARCHAR NOT NULL,
  file VARCHAR NOT NULL,
  sha256 VARCHAR NOT NULL,
  extract VARCHAR NOT NULL,
  rows_read INTEGER NOT NULL,
  inserted INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  unchanged INTEGER NOT NULL,
  status VARCHAR NOT NULL,
  undone_at TIMESTAMP,
  undone_by VARCHAR
)""",
    f"""CREATE TABLE IF NOT EXISTS katalog (
  {_columns_ddl(KATALOG)}
)""",
    """CREATE TABLE IF NOT EXISTS katalog_historik (
  changed_at TIMESTAMP NOT NULL, "user" VARCHAR NOT NULL, action VARCHAR NOT NULL, indsats VARCHAR, old VARCHAR, new VARCHAR
)""",
    """CREATE TABLE IF NOT EXISTS maal (
  strategi VARCHAR NOT NULL,
  indikator VARCHAR NOT NULL,
  type VARCHAR NOT NULL,  -- 'baseline' or 'target'
  aar INTEGER NOT NULL,
  vaerdi DOUBLE NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS maal_historik (
  changed_at TIMESTAMP NOT NULL, "user" VARCHAR NOT NULL, strategi VARCHAR NOT NULL, indikator VARCHAR NOT NULL,
  type VARCHAR NOT NULL, aar INTEGER NOT NULL, old DOUBLE, new DOUBLE
)""",
]


def all_ddl() -> list[str]:
    """Every statement that creates the database layout."""
    ddl = list(BASE_DDL)
    for extract in EXTRACTS.values():
        ddl.extend(data_table_ddl(extract))
    return ddl


def connect(path: str | Path, read_only: bool = False, *, engine_kind: str | None = None) -> duckdb.DuckDBPyConnection:
    """Open the store named by `path` (see store.engine), creating its layout if new.

    Raise DatabaseLocked with a Danish message when a single-file store is held by another process.
    engine_kind='duckdb' creates a single-file DuckDB store at a new path (benchmarks, migration tests).
    """
    try:
        loc = engine.parse(path, engine=engine_kind)
    except engine.StoreError as exc:
        raise DatabaseLocked(str(exc)) from None
    try:
        con = engine.open_connection(loc, read_only=read_only)
    except duckdb.Error as exc:
        if loc.kind == "duckdb" and isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower():
            raise DatabaseLocked(
                f"Databasen {Path(loc.target).name} er i brug af et andet program (fx dashboardet eller en anden "
                "import). Prøv igen om lidt, eller brug dashboardets upload-side."
            ) from None
        if loc.is_lake:  # the message may carry the connection string: never show it
            raise DatabaseLocked(
                f"Lageret {loc.describe()} kan ikke åbnes ({type(exc).__name__}). Kontrollér PEJLING_STORE, "
                "adgangskoden og at databaseserveren kører."
            ) from None
        raise
    if not read_only:
        ensure_schema(con)
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A new cursor on `con` whose table names resolve in the store (safe to use from another thread)."""
    return engine.use_store(con.cursor())


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables and seed the default catalogue (only DDL path; never run during an import)."""
    existing = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() if _has_meta(con) else None
    if existing and existing[0] == SCHEMA_VERSION:
        return

    def create() -> None:
        for stmt in all_ddl():
            con.execute(stmt)
        if con.execute("SELECT count(*) FROM store_version").fetchone()[0] == 0:
            con.execute("INSERT INTO store_version VALUES (0)")
        set_meta(con, "schema_version", SCHEMA_VERSION)
        if con.execute("SELECT count(*) FROM katalog").fetchone()[0] == 0:
            insert_catalogue_rows(con, DEFAULT_CATALOGUE)

    write(con, create)
    checkpoint(con)


def insert_catalogue_rows(con: duckdb.DuckDBPyConnection, rows: list[dict] | tuple[dict, ...]) -> None:
    """Insert or replace catalogue rows by their `indsats` (inside the caller's transaction)."""
    for row in rows:
        con.execute("DELETE FROM katalog WHERE indsats = ?", [row["indsats"]])
        con.execute(
            "INSERT INTO katalog VALUES (?, ?, ?, ?, ?, ?)",
            [row["indsats"], row["lovgrundlag"], row["trin"], row["fokusområder"], row["metode"], row["behandling"]],
        )


def _has_meta(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(
        con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'meta' AND database_name = current_database()"
        ).fetchone()[0]
    )


def is_empty(con: duckdb.DuckDBPyConnection) -> bool:
    """True when no import has ever been recorded."""
    return con.execute("SELECT count(*) FROM imports").fetchone()[0] == 0


def get_meta(con: duckdb.DuckDBPyConnection, key: str, default: str | None = None) -> str | None:
    """Read a value from the meta table."""
    row = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    """Write a value to the meta table (inside the caller's transaction, or on its own)."""
    con.execute("DELETE FROM meta WHERE key = ?", [key])
    con.execute("INSERT INTO meta VALUES (?, ?)", [key, value])


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    """A token that changes after every write by any process (import, undo, catalogue or goal change)."""
    row = con.execute("SELECT max(version) FROM store_version").fetchone()
    return str(row[0] if row and row[0] is not None else 0)


def bump_version(con: duckdb.DuckDBPyConnection) -> None:
    """Change the data-version token (inside the caller's transaction; write() does it for you)."""
    con.execute("UPDATE store_version SET version = version + 1")


def write(con: duckdb.DuckDBPyConnection, body: Callable[[], T], *, retry_seconds: float | None = None) -> T:
    """Run `body` as one all-or-nothing transaction that also bumps the data version; return its result.

    In a DuckLake store other processes may commit first: then the commit fails as a conflict, nothing of
    this attempt is kept, and `body` runs again from the start on the newer data (so it must read what it
    needs inside), with a growing random pause, until `retry_seconds` (default WRITE_RETRY_SECONDS) have passed.
    """
    deadline = time.monotonic() + (WRITE_RETRY_SECONDS if retry_seconds is None else retry_seconds)
    pause = 0.05
    while True:
        con.execute("BEGIN TRANSACTION")
        try:
            result = body()
            bump_version(con)
            con.execute("COMMIT")
            return result
        except BaseException as exc:
            _rollback(con)
            if not engine.is_conflict(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause * (0.5 + random.random()))
        pause = min(pause * 2, 2.0)


def describe_commit(con: duckdb.DuckDBPyConnection, author: str, message: str) -> None:
    """Label the snapshot this transaction will become (a lake keeps who and what per snapshot; a file ignores it)."""
    if engine.is_lake(con):
        con.execute(f"CALL {engine.LAKE}.set_commit_message(?, ?)", [author, message])


def snapshots(con: duckdb.DuckDBPyConnection) -> list[tuple[int, str | None, str | None]]:
    """The lake's snapshots, oldest first, as (id, author, message); empty for a single-file store."""
    if not engine.is_lake(con):
        return []
    rows = con.execute(
        f"SELECT snapshot_id, author, commit_message FROM {engine.LAKE}.snapshots() ORDER BY snapshot_id"
    ).fetchall()
    return [(int(r[0]), r[1], r[2]) for r in rows]


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass  # a failed COMMIT has already rolled back


def checkpoint(con: duckdb.DuckDBPyConnection) -> None:
    """Fold a single-file store's WAL into the file after a commit (a lake commits straight to its catalogue)."""
    if engine.is_lake(con):
        return
    try:
        con.execute("CHECKPOINT")
    except duckdb.Error:
        pass
