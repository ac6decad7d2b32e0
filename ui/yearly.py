"""This process's year tables (metrics.yearly): built in a background thread for each data version, handed to
the engine once ready; until then figures are computed from the stored tables (the same figures, slower).

The tables go to a DuckDB file of this process in the temporary folder (about 65 MB per million episodes),
not to memory: DuckDB compresses the file and keeps in memory only what queries read. The file is removed
when newer tables replace it and when the process ends."""

from __future__ import annotations

import atexit
import contextlib
import itertools
import logging
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

import settings
from metrics import engine, shared_aggregates, yearly
from metrics.periods import TREND_YEARS, data_years
from metrics.yearly import YearTables
from store import db as store_db

LOG = logging.getLogger("pejling")
_LOCK = threading.Lock()
_NUMBERS = itertools.count(1)
_FOLDER = Path(tempfile.mkdtemp(prefix="pejling-aar-"))
atexit.register(shutil.rmtree, _FOLDER, True)


@dataclass
class _State:
    """Per store: the connection the tables are attached to, the ready tables, the one before (queries may still
    read it) and the version being built."""

    con: duckdb.DuckDBPyConnection | None = None
    ready: YearTables | None = None
    previous: YearTables | None = None
    building: str | None = None
    failed: set[str] = field(default_factory=set)


_STATES: dict[str, _State] = {}


def tables(con: duckdb.DuckDBPyConnection, store: str, version: str) -> YearTables | None:
    """The year tables of exactly this data version, or None (then a build for it starts in the background)."""
    if not settings.year_tables():
        return None
    with _LOCK:
        state = _STATES.get(store)
        if state is None or state.con is not con:  # a new connection does not see the old one's tables
            state = _STATES[store] = _State(con)
        if state.ready is not None and state.ready.version == version:
            return state.ready
        if state.building is None and version not in state.failed:
            state.building = version
            threading.Thread(
                target=_build, args=(con, state, version), name="pejling-aarstabeller", daemon=True
            ).start()
    return None


def wait(con: duckdb.DuckDBPyConnection, store: str, version: str, timeout: float = 120.0) -> YearTables | None:
    """Start the build for this version if needed and wait for it (benchmarks and tests)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = tables(con, store, version)
        if got is not None or version in _STATES[store].failed:
            return got
        time.sleep(0.05)
    return None


def _build(con: duckdb.DuckDBPyConnection, state: _State, version: str) -> None:
    """Build in stages (the years, then each year's half-years and quarters), each stage handed out when done;
    a stage that finds newer data stops the build (the next request builds for that version)."""
    schema = f"pejling_aar_{next(_NUMBERS)}"
    cur = store_db.cursor(con)
    started = time.monotonic()
    seen: str | None = None
    done: frozenset = frozenset()
    try:
        cur.execute(f"ATTACH '{_FOLDER / schema}.duckdb' AS {schema}")
        stages: list = [None]
        while stages:
            stage = stages.pop(0)
            cur.execute("BEGIN TRANSACTION")  # one snapshot: a stage and the version it belongs to
            try:
                now = store_db.data_version(cur)
                if seen is None:
                    seen = now
                    stage, *stages = yearly.prepared_periods(data_years(cur))
                elif now != seen:
                    cur.execute("ROLLBACK")
                    break
                yearly.build(cur, schema, stage, append=bool(done))
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            first = not done
            done = done | {(p.start, p.end) for p in stage}
            _publish(cur, state, YearTables(schema, done, seen), first)
            if first:
                LOG.info(
                    "Årstabeller klar til data-version %s: %d år på %.1f s.",
                    seen,
                    len(done),
                    time.monotonic() - started,
                )
                runs = engine.keep_aggregates(cur, YearTables(schema, done, seen), stage, crossed=stage[-TREND_YEARS:])
                LOG.info("Nabotal og krydstabeller klar: %d forespørgsler på %.1f s.", runs, time.monotonic() - started)
        cur.execute(f"CHECKPOINT {schema}")  # compressed on disk, out of the write-ahead log
        LOG.info(
            "Forberedte tabeller klar til data-version %s: alle %d perioder på %.1f s.",
            seen, len(done), time.monotonic() - started,
        )  # fmt: skip
    except Exception:  # figures stay correct without the tables; the reason goes to the log only
        LOG.exception("Year tables could not be built; figures are computed from the stored tables.")
    finally:
        with _LOCK:
            state.building = None
            if not done:
                state.failed.add(version)
                _detach(cur, schema)
        with contextlib.suppress(duckdb.Error):  # the connection may be closed already (a test's store)
            cur.close()


def _publish(cur: duckdb.DuckDBPyConnection, state: _State, tables_: YearTables, first: bool) -> None:
    """Hand out the tables built so far; the first stage of a build replaces the previous build's tables."""
    with _LOCK:
        if not first:
            state.ready = tables_
            return
        stale, state.previous, state.ready = state.previous, state.ready, tables_
        if stale is not None:
            _detach(cur, stale.schema)


def _detach(cur: duckdb.DuckDBPyConnection, schema: str) -> None:
    shared_aggregates.forget(schema)
    try:
        cur.execute(f"DETACH DATABASE IF EXISTS {schema}")
    except duckdb.Error:  # still read by a query: the file goes when the process ends
        LOG.warning("Year tables %s could not be detached yet.", schema)
        return
    for path in _FOLDER.glob(f"{schema}.duckdb*"):
        path.unlink(missing_ok=True)
