"""Synthetic databases for the attacker harness, filled through the real import path (store.imports)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

import duckdb
import pandas as pd

from store.db import connect
from store.imports import import_file

TODAY = dt.date(2026, 11, 23)
# A fixed installation secret for the test databases (when the product has one): the published noise, and so
# the grid test's outcome, is then the same on every run. One arbitrary installation, not a chosen one.
FIXED_SECRET = hashlib.sha256(b"pejling attacker harness test installation").digest()


def fix_secret(con: duckdb.DuckDBPyConnection) -> None:
    """Give a new, empty test database the fixed installation secret (no-op without record keys)."""
    try:
        con.execute("DELETE FROM installation_secret")
    except duckdb.CatalogException:
        return
    con.execute("INSERT INTO installation_secret VALUES (?)", [FIXED_SECRET])


def _csv(frame: pd.DataFrame) -> bytes:
    """A frame as the semicolon CSV an analyst would upload (dates as dd.mm.yyyy)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, dt.date)).any():
            out[col] = out[col].map(lambda v: v.strftime("%d.%m.%Y") if isinstance(v, dt.date) else "")
    buf = io.StringIO()
    out.to_csv(buf, sep=";", index=False)
    return buf.getvalue().encode("utf-8")


def import_frame(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, extract: str, name: str, today=TODAY):
    """Import a frame with the contract's column names through the real import path; the ImportResult."""
    result = import_file(con, _csv(frame), f"{name}.csv", extract=extract, user="harness", today=today)
    if result.status not in ("imported", "unchanged"):
        details = "; ".join(f"{e.row} {e.column} {e.value} {e.message}" for e in result.errors[:5])
        raise RuntimeError(f"fixture import of {name} refused: {details}")
    return result


def small_demo_db(path: Path, every: int = 4, answers_every: int = 3) -> duckdb.DuckDBPyConnection:
    """A small database from the demo generator: every `every`-th citizen (their episodes and
    measurements) and every `answers_every`-th survey answer, imported as CSV files."""
    from demo.generate import generate_frames

    frames = generate_frames(TODAY)
    ids = sorted(frames["indsatser"]["borger_id"].unique())[::every]
    con = connect(path)
    fix_secret(con)
    import_frame(con, frames["indsatser"][frames["indsatser"]["borger_id"].isin(ids)], "indsatser", "indsatser")
    prog = frames["progression"]
    import_frame(con, prog[prog["borger_id"].isin(ids)], "progression", "progression")
    import_frame(con, frames["borgeroplevelse"].iloc[::answers_every], "borgeroplevelse", "borgeroplevelse")
    return con
