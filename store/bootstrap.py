"""Open the database, creating it with synthetic demo data on first start (through the real import path)."""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from datetime import date
from pathlib import Path

import duckdb

import settings
from store import db

DEMO_USER = "demo"


class DemoImportFailed(RuntimeError):
    """A demo extract was refused by the import pipeline: a bug in the generator or the intake."""


def open_database(path: Path | str | None = None, *, with_demo: bool = True) -> duckdb.DuckDBPyConnection:
    """Open the database at `path` (default: the configured one); create it with demo data if missing."""
    path = Path(path) if path is not None else settings.db_path()
    if with_demo and str(path) != ":memory:" and not path.exists():
        return create_demo_database(path)
    return db.connect(path)


def _import_demo_files(con: duckdb.DuckDBPyConnection, today: date) -> None:
    from demo.generate import write_demo_files
    from store.imports import import_file

    with tempfile.TemporaryDirectory(prefix="pejling-demo-") as tmp:
        for extract_id, file_path in write_demo_files(Path(tmp), today).items():
            result = import_file(con, file_path, file_path.name, extract=extract_id, user=DEMO_USER, today=today)
            if result.status not in ("imported", "unchanged"):
                details = "; ".join(_issue_text(e) for e in result.errors[:20])
                raise DemoImportFailed(
                    f"Demodata '{extract_id}' blev afvist ved import ({len(result.errors)} fejl): {details}"
                )


def _issue_text(issue: object) -> str:
    parts = [getattr(issue, name, None) for name in ("sheet", "row", "column", "value", "message")]
    return " | ".join(str(p) for p in parts if p not in (None, ""))


def create_demo_database(path: Path | str, today: date | None = None) -> duckdb.DuckDBPyConnection:
    """Create the database file at `path` filled with demo extracts and demo goals; return a connection.

    The database is built in `path.tmp-<pid>-<thread>` and moved into place atomically, so two processes starting
    at once never see a half-built file; if another process finished first, its file is kept and used.
    """
    from demo.story import seed_demo_story
    from metrics.goals import seed_demo_goals

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    today = today or date.today()
    tmp_path = path.with_name(f"{path.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    _remove(tmp_path)
    try:
        con = db.connect(tmp_path)
        try:
            _import_demo_files(con, today)
            seed_demo_goals(con)
            for year in (today.year - 1, today.year):  # the last full year and the current one (the default period)
                seed_demo_story(con, year)
            db.set_meta(con, "demo_created", today.isoformat())
            con.execute("CHECKPOINT")
        finally:
            con.close()
        _publish(tmp_path, path)
    except BaseException:
        _remove(tmp_path)
        raise
    return db.connect(path)


def _publish(tmp_path: Path, path: Path) -> None:
    """Move the finished file into place unless another process already did (then keep theirs)."""
    try:
        os.link(tmp_path, path)  # atomic and never overwrites: the first finisher wins
    except FileExistsError:
        pass
    except OSError:  # no hard links on this file system
        if not path.exists():
            os.replace(tmp_path, path)
    _remove(tmp_path)


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()
