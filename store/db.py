"""DuckDB connection and the table layout, generated from the extract definitions."""

from __future__ import annotations

from pathlib import Path

import duckdb

from schemas.catalogue import KATALOG
from schemas.columns import Extract
from schemas.extracts import EXTRACTS
from store.record_keys import KEY_DDL, refresh_record_keys

# 2: record keys and the installation secret (cell-key perturbation); goals for a subgroup (maal.delgruppe),
# comments, annotations, action plan. 3: the same, for stores created while those two were separate.
SCHEMA_VERSION = "3"


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


# A goal applies to the whole target group (delgruppe '') or to a named subgroup such as
# 'aldersgruppe=18-24' or 'målgruppe=Hjemløshed; under30=Under 30' (see metrics.goals.Subgroup).
MAAL_DDL = """CREATE TABLE IF NOT EXISTS maal (
  strategi VARCHAR NOT NULL,
  indikator VARCHAR NOT NULL,
  delgruppe VARCHAR NOT NULL DEFAULT '',
  type VARCHAR NOT NULL,  -- 'baseline' or 'target'
  aar INTEGER NOT NULL,
  vaerdi DOUBLE NOT NULL,
  PRIMARY KEY (strategi, indikator, delgruppe, type, aar)
)"""

BASE_DDL = [
    """CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    """CREATE SEQUENCE IF NOT EXISTS batch_seq START 1""",
    """CREATE TABLE IF NOT EXISTS imports (
  batch INTEGER PRIMARY KEY,
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
  {_columns_ddl(KATALOG)},
  PRIMARY KEY (indsats)
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
  tekst VARCHAR NOT NULL, "user" VARCHAR NOT NULL, changed_at TIMESTAMP NOT NULL,
  PRIMARY KEY (strategi, indikator, periode, version)
)""",
    """CREATE SEQUENCE IF NOT EXISTS annotering_seq START 1""",
    """CREATE TABLE IF NOT EXISTS annotering (
  id INTEGER NOT NULL, version INTEGER NOT NULL, strategi VARCHAR NOT NULL, indikator VARCHAR NOT NULL,
  dato DATE NOT NULL, tekst VARCHAR NOT NULL, slettet BOOLEAN NOT NULL, "user" VARCHAR NOT NULL,
  changed_at TIMESTAMP NOT NULL, PRIMARY KEY (id, version)
)""",
    """CREATE SEQUENCE IF NOT EXISTS handleplan_seq START 1""",
    """CREATE TABLE IF NOT EXISTS handleplan (
  id INTEGER NOT NULL, version INTEGER NOT NULL, strategi VARCHAR NOT NULL, aar INTEGER NOT NULL,
  titel VARCHAR NOT NULL, fokusomraade VARCHAR NOT NULL, indikatorer VARCHAR[] NOT NULL, ansvarlig VARCHAR NOT NULL,
  start DATE NOT NULL, frist DATE NOT NULL, status VARCHAR NOT NULL, statusnote VARCHAR NOT NULL,
  slettet BOOLEAN NOT NULL, "user" VARCHAR NOT NULL, changed_at TIMESTAMP NOT NULL, PRIMARY KEY (id, version)
)""",
]


def all_ddl() -> list[str]:
    """Every statement that creates the database layout."""
    ddl = list(BASE_DDL) + list(KEY_DDL)
    for extract in EXTRACTS.values():
        ddl.extend(data_table_ddl(extract))
    return ddl


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database, creating its layout if new; raise DatabaseLocked with a Danish message if held."""
    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseLocked(
                f"Databasen {path.name} er i brug af et andet program (fx dashboardet eller en anden import). "
                "Prøv igen om lidt, eller brug dashboardets upload-side."
            ) from None
        raise
    if not read_only:
        ensure_schema(con)
    return con


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables and seed the default catalogue (only DDL path; never run during an import)."""
    existing = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() if _has_meta(con) else None
    if existing and existing[0] == SCHEMA_VERSION:
        return
    _migrate(con)
    for stmt in all_ddl():
        con.execute(stmt)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
    if con.execute("SELECT count(*) FROM katalog").fetchone()[0] == 0:
        from store.catalogue import seed_default_catalogue

        seed_default_catalogue(con)
    refresh_record_keys(con)  # creates the secret with the database; keys for data from an older layout
    con.execute("CHECKPOINT")


def _columns_of(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()]


def _migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Bring tables of a store created by an earlier version to today's layout, keeping their rows."""
    maal = _columns_of(con, "maal")
    if maal and "delgruppe" not in maal:
        # Version 1 kept goals for the whole target group only; the key gains the subgroup ('' = everyone).
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("ALTER TABLE maal RENAME TO maal_v1")
            con.execute(MAAL_DDL)
            con.execute(
                "INSERT INTO maal (strategi, indikator, delgruppe, type, aar, vaerdi) "
                "SELECT strategi, indikator, '', type, aar, vaerdi FROM maal_v1"
            )
            con.execute("DROP TABLE maal_v1")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    history = _columns_of(con, "maal_historik")
    if history and "delgruppe" not in history:
        con.execute("ALTER TABLE maal_historik ADD COLUMN delgruppe VARCHAR NOT NULL DEFAULT ''")


def _has_meta(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'").fetchone()[0])


def is_empty(con: duckdb.DuckDBPyConnection) -> bool:
    """True when no import has ever been recorded."""
    return con.execute("SELECT count(*) FROM imports").fetchone()[0] == 0


def get_meta(con: duckdb.DuckDBPyConnection, key: str, default: str | None = None) -> str | None:
    """Read a value from the meta table."""
    row = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    """Write a value to the meta table."""
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    """A token that changes after every import, undo, catalogue or goal change (for result caches)."""
    row = con.execute(
        """SELECT coalesce(max(batch), 0)::VARCHAR || '-' || count(*)::VARCHAR || '-' ||
                  coalesce(max(undone_at)::VARCHAR, '') FROM imports"""
    ).fetchone()
    extra = get_meta(con, "version_bump", "0")
    return f"{row[0]}-{extra}"


def bump_version(con: duckdb.DuckDBPyConnection) -> None:
    """Change the data-version token (after catalogue or goal edits)."""
    current = int(get_meta(con, "version_bump", "0") or 0)
    set_meta(con, "version_bump", str(current + 1))


def checkpoint(con: duckdb.DuckDBPyConnection) -> None:
    """Fold the WAL into the file after a commit; the data is already committed, so a busy database only postpones this."""
    try:
        con.execute("CHECKPOINT")
    except duckdb.Error:
        pass
