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
from store.record_keys import KEY_DDL, refresh_record_keys

# 2: record keys and the installation secret (cell-key perturbation); goals for a subgroup (maal.delgruppe),
# comments, annotations, action plan. 3: the same, for stores created while those two were separate.
# 4: the DuckLake layout (no keys or sequences; store_version), which also opens stores of versions 1-3.
SCHEMA_VERSION = "4"
DEMO_USER = "demo"  # the user recorded on the synthetic demo imports
WRITE_RETRY_SECONDS = 120.0  # how long a write keeps retrying while other processes commit first

T = TypeVar("T")


class DatabaseLocked(RuntimeError):
    """Another process holds the database file, or the store cannot be opened (the message is Danish)."""


class WriteConflict(DatabaseLocked):
    """A write kept losing against other processes' commits until its retry time ran out; nothing was saved."""


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


# A goal applies to the whole target group (delgruppe '') or to a named subgroup such as
# 'aldersgruppe=18-24' or 'målgruppe=Hjemløshed; under30=Under 30' (see metrics.goals.Subgroup).
MAAL_DDL = """CREATE TABLE IF NOT EXISTS maal (
  strategi VARCHAR NOT NULL,
  indikator VARCHAR NOT NULL,
  delgruppe VARCHAR NOT NULL DEFAULT '',
  type VARCHAR NOT NULL,  -- 'baseline' or 'target'
  aar INTEGER NOT NULL,
  vaerdi DOUBLE NOT NULL
)"""  # key (strategi, indikator, delgruppe, type, aar), kept by metrics.goals (delete, then insert)

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
    MAAL_DDL,
    """CREATE TABLE IF NOT EXISTS maal_historik (
  changed_at TIMESTAMP NOT NULL, "user" VARCHAR NOT NULL, strategi VARCHAR NOT NULL, indikator VARCHAR NOT NULL,
  type VARCHAR NOT NULL, aar INTEGER NOT NULL, old DOUBLE, new DOUBLE, delgruppe VARCHAR NOT NULL DEFAULT ''
)""",
    # The story behind the curve: every edit is a new version; the newest version is in force and
    # an empty text (comments) or `slettet` (annotations, action items) removes it.
    """CREATE TABLE IF NOT EXISTS kommentar (
  strategi VARCHAR NOT NULL, indikator VARCHAR NOT NULL, periode VARCHAR NOT NULL, version INTEGER NOT NULL,
  tekst VARCHAR NOT NULL, "user" VARCHAR NOT NULL, changed_at TIMESTAMP NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS annotering (
  id INTEGER NOT NULL, version INTEGER NOT NULL, strategi VARCHAR NOT NULL, indikator VARCHAR NOT NULL,
  dato DATE NOT NULL, tekst VARCHAR NOT NULL, slettet BOOLEAN NOT NULL, "user" VARCHAR NOT NULL,
  changed_at TIMESTAMP NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS handleplan (
  id INTEGER NOT NULL, version INTEGER NOT NULL, strategi VARCHAR NOT NULL, aar INTEGER NOT NULL,
  titel VARCHAR NOT NULL, fokusomraade VARCHAR NOT NULL, indikatorer VARCHAR[] NOT NULL, ansvarlig VARCHAR NOT NULL,
  start DATE NOT NULL, frist DATE NOT NULL, status VARCHAR NOT NULL, statusnote VARCHAR NOT NULL,
  slettet BOOLEAN NOT NULL, "user" VARCHAR NOT NULL, changed_at TIMESTAMP NOT NULL
)""",
]


def all_ddl() -> list[str]:
    """Every statement that creates the database layout."""
    ddl = list(BASE_DDL) + list(KEY_DDL)
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
        _migrate(con)
        for stmt in all_ddl():
            con.execute(stmt)
        if con.execute("SELECT count(*) FROM store_version").fetchone()[0] == 0:
            con.execute("INSERT INTO store_version VALUES (0)")
        set_meta(con, "schema_version", SCHEMA_VERSION)
        if con.execute("SELECT count(*) FROM katalog").fetchone()[0] == 0:
            insert_catalogue_rows(con, DEFAULT_CATALOGUE)
        refresh_record_keys(con)  # creates the secret with the database; keys for data from an older layout

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


def _columns_of(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND table_catalog = current_database()",
            [table],
        ).fetchall()
    ]


def _migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Bring tables of a store created by an earlier version to today's layout, keeping their rows.

    Runs inside ensure_schema's write transaction, so a failure leaves the store as it was.
    """
    maal = _columns_of(con, "maal")
    if maal and "delgruppe" not in maal:
        # Version 1 kept goals for the whole target group only; the key gains the subgroup ('' = everyone).
        # A new table (not ADD COLUMN) so that the column order, and an old file's primary key, follow MAAL_DDL.
        con.execute("ALTER TABLE maal RENAME TO maal_v1")
        con.execute(MAAL_DDL)
        con.execute(
            "INSERT INTO maal (strategi, indikator, delgruppe, type, aar, vaerdi) "
            "SELECT strategi, indikator, '', type, aar, vaerdi FROM maal_v1"
        )
        con.execute("DROP TABLE maal_v1")
    history = _columns_of(con, "maal_historik")
    if history and "delgruppe" not in history:
        con.execute("ALTER TABLE maal_historik ADD COLUMN delgruppe VARCHAR DEFAULT ''")
        con.execute("UPDATE maal_historik SET delgruppe = '' WHERE delgruppe IS NULL")


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
            if not engine.is_conflict(exc):
                raise
            if time.monotonic() + pause > deadline:
                raise WriteConflict(
                    "Ændringen er ikke gemt: andre var i gang med at gemme i lageret hele tiden, mens den blev "
                    "forsøgt. Intet er ændret. Prøv igen om lidt."
                ) from exc
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
