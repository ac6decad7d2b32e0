"""The demo store: synthetic extracts through the real import path, and demo goals, built on first start."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import duckdb

import settings
from store import db
from store.bootstrap import build_store, open_store, store_exists

DEMO_USER = db.DEMO_USER


class DemoImportFailed(RuntimeError):
    """A demo extract was refused by the import pipeline: a bug in the generator or the intake."""


def open_database(path: Path | str | None = None, *, with_demo: bool = True) -> duckdb.DuckDBPyConnection:
    """Open the store at `path` (default: the configured one); create it with demo data if it is a missing local one."""
    target = path if path is not None else settings.store()
    if path is None:
        refuse_unmigrated(target)
    if not with_demo or str(target) == ":memory:":
        return db.connect(target)
    return open_store(target, lambda con: fill_demo(con, date.today()))


def refuse_unmigrated(target: str) -> None:
    """Do not hide an earlier installation's data behind a new store: raise DatabaseLocked asking for the migration."""
    default = settings.SETTINGS["store"].default
    if target == default and not store_exists(target) and settings.LEGACY_DB.is_file():
        raise db.DatabaseLocked(
            f"Der findes en database i det tidligere format ({settings.LEGACY_DB}). Flyt den til det nye lager "
            "med kommandoen: .venv/bin/python cli.py migrate"
        )


def create_demo_database(
    path: Path | str, today: date | None = None, *, engine_kind: str = "sqlite"
) -> duckdb.DuckDBPyConnection:
    """Create a local store at `path` filled with demo extracts and demo goals; return a connection."""
    day = today or date.today()
    return build_store(Path(path), lambda con: fill_demo(con, day), kind=engine_kind)


def fill_demo(con: duckdb.DuckDBPyConnection, today: date) -> None:
    """Import the three demo extracts, seed the demo goals and mark the store as demo."""
    from demo.story import seed_demo_story
    from metrics.goals import seed_demo_goals

    _import_demo_files(con, today)
    seed_demo_goals(con)
    for year in (today.year - 1, today.year):  # the last full year and the current one (the default period)
        seed_demo_story(con, year)
    db.write(con, lambda: db.set_meta(con, "demo_created", today.isoformat()))


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
