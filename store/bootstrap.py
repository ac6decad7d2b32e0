"""Open the store, building it first with given content when it is missing (safe when two processes race)."""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import duckdb

from store import db, engine

Fill = Callable[[duckdb.DuckDBPyConnection], None]


def store_exists(path: Path | str) -> bool:
    """True when the store named by `path` has been created."""
    return engine.exists(engine.parse(path))


def open_store(path: Path | str, fill: Fill | None = None) -> duckdb.DuckDBPyConnection:
    """Open the store at `path`; if it is a missing local store and `fill` is given, build it with `fill` first."""
    loc = engine.parse(path)
    if fill is not None and loc.kind in ("sqlite", "duckdb") and not engine.exists(loc):
        return build_store(Path(loc.target), fill, kind=loc.kind)
    return db.connect(path)


def build_store(path: Path, fill: Fill, *, kind: str = "sqlite") -> duckdb.DuckDBPyConnection:
    """Build a local store at `path` filled by `fill`, then return a connection on it.

    It is built at `path.tmp-<pid>-<thread>` and moved into place in one rename, so two processes starting at
    once never see a half-built store; if another process finished first, its store is kept and used.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = path.with_name(f"{path.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    _remove(tmp_path)
    try:
        con = db.connect(tmp_path, engine_kind="duckdb" if kind == "duckdb" else None)
        try:
            fill(con)
            db.checkpoint(con)
        finally:
            con.close()
        _publish(tmp_path, path)
    except BaseException:
        _remove(tmp_path)
        raise
    return db.connect(path)


def _publish(tmp_path: Path, path: Path) -> None:
    """Move the finished store into place unless another process already did (then keep theirs)."""
    if tmp_path.is_dir():
        try:
            os.rename(tmp_path, path)  # atomic; fails when the target exists and is not empty
        except OSError:
            pass
        _remove(tmp_path)
        return
    try:
        os.link(tmp_path, path)  # atomic and never overwrites: the first finisher wins
    except FileExistsError:
        pass
    except OSError:  # no hard links on this file system
        if not path.exists():
            os.replace(tmp_path, path)
    _remove(tmp_path)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
        return
    for candidate in (path, path.with_name(path.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()
