"""Store validated extracts in DuckDB: one transaction per import, updates by natural key, history and undo."""

from __future__ import annotations

import datetime as dt
import hashlib
import pathlib
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa

import settings
from intake.pipeline import prepare
from intake.result import ImportIssue, ImportResult, Refused
from schemas.columns import Extract
from schemas.extracts import EXTRACTS, get_extract
from store.catalogue import catalogue_names
from store.compare import differs as _differs
from store.compare import key_on as _key_on
from store.compare import stage_expr as _stage_expr
from store.db import DEMO_USER, checkpoint, describe_commit, write
from store.record_keys import refresh_record_keys

__all__ = ["ImportIssue", "ImportResult", "UndoResult", "has_demo_data", "history", "import_file", "undo"]

_STAGE = "_pejling_stage"


@dataclass
class UndoResult:
    """What an undo did."""

    status: str  # "undone" | "refused"
    batch: int
    extract: str | None = None
    deleted: int = 0
    restored: int = 0
    message: str = ""

    def to_json(self) -> dict:
        """Return the result as a JSON-ready dict."""
        return {
            "status": self.status,
            "batch": self.batch,
            "extract": self.extract,
            "deleted": self.deleted,
            "restored": self.restored,
            "message": self.message,
        }


def _stage_table(typed: pd.DataFrame, extract: Extract) -> pa.Table:
    frame = pd.DataFrame({c.sql: typed[c.name] for c in extract.columns})
    return pa.Table.from_pandas(frame, preserve_index=False)


def _counts(con: duckdb.DuckDBPyConnection, extract: Extract) -> tuple[int, int, int]:
    t = extract.table
    k0 = extract.key_sql[0]
    row = con.execute(
        f"""WITH s AS (SELECT {_stage_expr(extract)} FROM {_STAGE})
            SELECT count(*) FILTER (WHERE t.{k0} IS NULL),
                   count(*) FILTER (WHERE t.{k0} IS NOT NULL AND {_differs(extract, "t", "s")}),
                   count(*) FILTER (WHERE t.{k0} IS NOT NULL AND NOT {_differs(extract, "t", "s")})
            FROM s LEFT JOIN {t} t ON {_key_on(extract, "t", "s")}"""
    ).fetchall()[0]
    return int(row[0]), int(row[1]), int(row[2])


def _write(con: duckdb.DuckDBPyConnection, extract: Extract, batch: int) -> None:
    t = extract.table
    cols = ", ".join(c.sql for c in extract.columns)
    stage = f"(SELECT {_stage_expr(extract)} FROM {_STAGE})"
    con.execute(
        f"""INSERT INTO {t}_history ({cols}, batch, replaced_by)
            SELECT {", ".join("t." + c.sql for c in extract.columns)}, t.batch, {batch}
            FROM {t} t JOIN {stage} s ON {_key_on(extract, "t", "s")} WHERE {_differs(extract, "t", "s")}"""
    )
    sets = ", ".join(f"{c.sql} = s.{c.sql}" for c in extract.columns if c.sql not in extract.key_sql)
    if sets:
        con.execute(
            f"""UPDATE {t} SET {sets}, batch = {batch} FROM {stage} s
                WHERE {_key_on(extract, t, "s")} AND {_differs(extract, t, "s")}"""
        )
    con.execute(
        f"""INSERT INTO {t} ({cols}, batch)
            SELECT {cols}, {batch} FROM {stage} s
            WHERE NOT EXISTS (SELECT 1 FROM {t} t WHERE {_key_on(extract, "t", "s")})"""
    )


def _rows_da(n: int) -> str:
    return f"{n} række" if n == 1 else f"{n} rækker"


def _record(con: duckdb.DuckDBPyConnection, batch: int, user: str, filename: str, result: ImportResult) -> None:
    con.execute(
        """INSERT INTO imports (batch, imported_at, "user", file, sha256, extract, rows_read, inserted, updated,
                                unchanged, status) VALUES (?, now()::TIMESTAMP, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            batch,
            user,
            filename,
            result.sha256,
            result.extract,
            result.rows,
            result.inserted,
            result.updated,
            result.unchanged,
            result.status,
        ],
    )


def import_file(
    con: duckdb.DuckDBPyConnection,
    data: bytes | pathlib.Path,
    filename: str,
    extract: str | None = None,
    user: str | None = None,
    dry_run: bool = False,
    progress: Callable[[float, str], None] | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Validate an extract and store it all-or-nothing (or, with dry_run, only report what would change)."""
    report = progress or (lambda _f, _t: None)
    if isinstance(data, pathlib.Path):
        data = data.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    today = today or dt.date.today()
    user = user or settings.current_user()
    try:
        wanted = get_extract(extract) if extract else None
    except KeyError:
        return ImportResult(
            "refused",
            extract,
            sha256=sha,
            errors=[ImportIssue(None, None, None, None, f"Ukendt udtrækstype '{extract}'.")],
        )
    try:
        prepared = prepare(
            data,
            filename,
            tuple(EXTRACTS.values()),
            wanted,
            today,
            tuple(catalogue_names(con)),
            con,
            report,
        )
    except Refused as refusal:
        extract_id = refusal.extract or (wanted.id if wanted else None)
        return ImportResult("refused", extract_id, sha256=sha, errors=refusal.issues)
    located = prepared.located
    ext = located.extract
    result = ImportResult(
        "refused", ext.id, rows=len(prepared.typed), warnings=prepared.warnings, sha256=sha, sheet=located.sheet
    )
    if prepared.errors:
        result.errors = prepared.errors
        return result
    report(0.75, "Sammenligner med gemte data")
    con.register(_STAGE, _stage_table(prepared.typed, ext))
    try:
        if dry_run:
            result.inserted, result.updated, result.unchanged = _counts(con, ext)
            result.status = "preview"
            from store.preview import describe

            result.changes = describe(con, ext, _STAGE, today)
            return result
        report(0.85, "Gemmer")

        def store() -> None:
            result.inserted, result.updated, result.unchanged = _counts(con, ext)
            batch = int(con.execute("SELECT coalesce(max(batch), 0) + 1 FROM imports").fetchall()[0][0])
            result.batch = batch
            if result.inserted or result.updated:
                _write(con, ext, batch)
                refresh_record_keys(con)
                result.status = "imported"
            else:
                result.status = "unchanged"
            _record(con, batch, user, filename, result)
            describe_commit(con, user, f"import {batch}: {filename} ({ext.id}, {result.status})")

        write(con, store)
    finally:
        con.unregister(_STAGE)
    checkpoint(con)
    report(1.0, "Færdig")
    return result


def undo(con: duckdb.DuckDBPyConnection, batch: int, user: str | None = None) -> UndoResult:
    """Restore the state before a batch: delete the rows it inserted, restore the versions it replaced."""
    user = user or settings.current_user()
    outcome = write(con, lambda: _undo_in_transaction(con, batch, user))
    if outcome.status == "undone":
        checkpoint(con)
    return outcome


def _undo_in_transaction(con: duckdb.DuckDBPyConnection, batch: int, user: str) -> UndoResult:
    """Undo inside the caller's transaction (checks and changes see the same snapshot)."""
    found = con.execute("SELECT extract, status FROM imports WHERE batch = ?", [batch]).fetchall()
    if not found:
        return UndoResult("refused", batch, message=f"Import {batch} findes ikke.")
    extract_id, status = found[0]
    if status == "undone":
        return UndoResult("refused", batch, extract_id, message=f"Import {batch} er allerede fortrudt.")
    if status != "imported":
        return UndoResult(
            "refused", batch, extract_id, message=f"Import {batch} ændrede ingen data og kan ikke fortrydes."
        )
    extract = get_extract(extract_id)
    t = extract.table
    later = [
        r[0]
        for r in con.execute(
            f"""SELECT DISTINCT h.replaced_by FROM {t}_history h JOIN imports i ON i.batch = h.replaced_by
                WHERE h.batch = ? AND i.status = 'imported' ORDER BY 1 DESC""",
            [batch],
        ).fetchall()
    ]
    if later:
        first = later[0]
        listed = ", ".join(str(b) for b in later)
        return UndoResult(
            "refused",
            batch,
            extract_id,
            message=f"Import {batch} kan ikke fortrydes, fordi en senere import ({listed}) har ændret de samme rækker: "
            f"fortryd import {first} først.",
        )
    cols = ", ".join(c.sql for c in extract.columns)
    deleted = con.execute(f"DELETE FROM {t} WHERE batch = ?", [batch]).fetchall()[0][0]
    restored = con.execute(
        f"INSERT INTO {t} ({cols}, batch) SELECT {cols}, batch FROM {t}_history WHERE replaced_by = ?", [batch]
    ).fetchall()[0][0]
    con.execute(f"DELETE FROM {t}_history WHERE replaced_by = ?", [batch])
    con.execute(
        """UPDATE imports SET status = 'undone', undone_at = now()::TIMESTAMP, undone_by = ? WHERE batch = ?""",
        [user, batch],
    )
    describe_commit(con, user, f"fortryd import {batch}")
    return UndoResult(
        "undone",
        batch,
        extract_id,
        int(deleted),
        int(restored),
        f"Import {batch} er fortrudt: {_rows_da(int(deleted) - int(restored))} fjernet, "
        f"{_rows_da(int(restored))} gendannet til den tidligere version.",
    )


def history(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every recorded import, newest first."""
    rows = con.execute(
        """SELECT batch, status, extract, file, sha256, "user", imported_at, rows_read, inserted, updated, unchanged,
                  undone_at, undone_by
           FROM imports ORDER BY batch DESC"""
    ).fetchall()
    keys = [
        "batch",
        "status",
        "extract",
        "file",
        "sha256",
        "user",
        "at",
        "rows",
        "inserted",
        "updated",
        "unchanged",
        "undone_at",
        "undone_by",
    ]
    out = []
    for r in rows:
        item = dict(zip(keys, r, strict=True))
        item["at"] = item["at"].isoformat(timespec="seconds") if item["at"] else None
        item["undone_at"] = item["undone_at"].isoformat(timespec="seconds") if item["undone_at"] else None
        out.append(item)
    return out


def latest_for_file(con: duckdb.DuckDBPyConnection, sha256: str) -> dict | None:
    """The latest recorded import of a file with these bytes (batch, status, counts, time), or None."""
    row = con.execute(
        """SELECT batch, status, inserted, updated, imported_at FROM imports WHERE sha256 = ?
           ORDER BY batch DESC LIMIT 1""",
        [sha256],
    ).fetchone()
    if row is None:
        return None
    return dict(zip(("batch", "status", "inserted", "updated", "at"), row, strict=True))


def has_demo_data(con: duckdb.DuckDBPyConnection) -> bool:
    """True when an active batch imported by the demo user exists."""
    n = con.execute(
        """SELECT count(*) FROM imports WHERE "user" = ? AND status = 'imported'""", [DEMO_USER]
    ).fetchall()[0][0]
    return n > 0
