"""Cached access to the database for the pages: one connection per process, results cached per data version."""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field

import duckdb
import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

import settings
from metrics.periods import TREND_YEARS
from store import db as store_db
from store.db import data_version


@st.cache_resource(show_spinner=False)
def _open(name: str) -> duckdb.DuckDBPyConnection:
    from demo.bootstrap import open_database

    return open_database(None if name == settings.store() else name)


def connection() -> duckdb.DuckDBPyConnection:
    """The process-wide connection to the configured store (created with demo data if missing)."""
    return _open(settings.store())


def will_create_demo() -> bool:
    """True when opening the store will first build it with demo data (it is missing)."""
    from store.bootstrap import store_exists

    return not store_exists(settings.store())


def cursor() -> duckdb.DuckDBPyConnection:
    """A fresh cursor on the shared connection (one per query; safe across sessions' threads)."""
    return store_db.cursor(connection())


_WRITE_LOCK = threading.Lock()


@contextmanager
def writer() -> Iterator[duckdb.DuckDBPyConnection]:
    """The shared connection itself, for writes (imports, undo, goals), one writer at a time.

    Writes go through the parent connection rather than a cursor: DuckDB refuses the CHECKPOINT
    that imports and undo end with when the UPDATE before it ran on a cursor.
    """
    try:
        with _WRITE_LOCK:
            yield connection()
    finally:
        _forget_run_version()  # the rest of this run reads the version the write made


# The data version read at the start of each session's current run: the run's figures all belong to one
# version, and reading it once saves a catalogue query per cached call. A run is told by its context's
# `cursors` dict, which Streamlit creates anew for every run (held here, so its identity is not reused).
_RUN_VERSIONS: dict[str, tuple[object, str]] = {}


def _run_key() -> tuple[str, object] | None:
    ctx = get_script_run_ctx()
    return (ctx.session_id, ctx.cursors) if ctx is not None else None


def begin_run() -> str:
    """Read the data version once for this run of the session's script (app.py calls this first)."""
    ver = _read_version()
    if (key := _run_key()) is not None:
        _RUN_VERSIONS[key[0]] = (key[1], ver)
    return ver


def _forget_run_version() -> None:
    if (key := _run_key()) is not None:
        _RUN_VERSIONS.pop(key[0], None)


def year_tables(ver: str):
    """This process's year tables of data version `ver` when ready (metrics.yearly), else None (a build starts)."""
    from ui import yearly

    return yearly.tables(connection(), db_key(), ver)


def version() -> str:
    """The data-version token: any process's import, undo or edit changes it. Read once per run of a page
    (begin_run) and again after a write of this session; outside a run, read on every call."""
    key = _run_key()
    if key is not None and key[0] in _RUN_VERSIONS:
        run, ver = _RUN_VERSIONS[key[0]]
        if run is key[1]:
            return ver
    return _read_version()


def _read_version() -> str:
    with cursor() as cur:
        return data_version(cur)


def db_key() -> str:
    """The configured store, part of every cache key (tests switch stores)."""
    return settings.store()


# --- Filters -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """What the user looks at: strategy, period and filters (dimension id -> chosen values)."""

    strategy: str
    period: str
    filters: tuple[tuple[str, tuple[str, ...]], ...] = field(default_factory=tuple)

    def filter_dict(self) -> dict[str, list[str]]:
        """The filters as the engine wants them."""
        return {dim: list(values) for dim, values in self.filters if values}

    def is_filtered(self) -> bool:
        """True when any filter narrows the data."""
        return any(values for _, values in self.filters)


# --- Cached queries (aggregates only) ----------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=256)
def _has_data(db: str, ver: str) -> bool:
    from schemas.extracts import EXTRACTS

    with cursor() as con:
        return any(con.execute(f"SELECT count(*) > 0 FROM {e.table}").fetchone()[0] for e in EXTRACTS.values())


def has_data() -> bool:
    """True when any extract holds rows."""
    return _has_data(db_key(), version())


@st.cache_data(show_spinner=False, max_entries=64)
def _has_demo(db: str, ver: str) -> bool:
    from store.imports import has_demo_data

    with cursor() as cur:
        return bool(has_demo_data(cur))


def has_demo() -> bool:
    """True when the synthetic demo data is loaded."""
    return _has_demo(db_key(), version())


@st.cache_data(show_spinner=False, max_entries=64)
def _latest_import(db: str, ver: str) -> tuple | None:
    with cursor() as con:
        row = con.execute(
            "SELECT imported_at, file, extract FROM imports WHERE status = 'imported' AND undone_at IS NULL "
            "ORDER BY imported_at DESC, batch DESC LIMIT 1"
        ).fetchone()
    return tuple(row) if row else None


def latest_import() -> tuple | None:
    """(when, file, extract) of the latest import still in force, or None."""
    return _latest_import(db_key(), version())


@st.cache_data(show_spinner=False, max_entries=64)
def _years(db: str, ver: str) -> list[int]:
    from metrics.periods import data_years

    with cursor() as cur:
        return [int(y) for y in data_years(cur)]


def years() -> list[int]:
    """Years that hold data, ascending."""
    return _years(db_key(), version())


@st.cache_data(show_spinner=False, max_entries=64)
def _dimension_values(db: str, ver: str, dimension: str) -> list[str]:
    from metrics.dimensions import dimension_values

    with cursor() as cur:
        return [str(v) for v in dimension_values(cur, dimension)]


def dimension_values(dimension: str) -> list[str]:
    """The values a dimension can take in the data (for filter options)."""
    return _dimension_values(db_key(), version(), dimension)


@st.cache_data(show_spinner=False, max_entries=512)
def _compute(db, ver, indicators, period, filters, by, min_n):
    from metrics.engine import compute as engine_compute

    with cursor() as cur:
        return engine_compute(
            cur,
            indicators=list(indicators) if indicators else None,
            period=period,
            filters=dict((k, list(v)) for k, v in filters) or None,
            by=by,
            min_n=min_n,
            years=year_tables(ver),
        )


def compute(indicators, view: View, by: str | None = None, extra_filters: dict | None = None) -> list:
    """Results of the indicators for the view's period and filters (cached per data version)."""
    filters = dict(view.filter_dict())
    for k, v in (extra_filters or {}).items():
        filters[k] = list(v)
    key = tuple(sorted((k, tuple(v)) for k, v in filters.items()))
    return _compute(
        db_key(), version(), tuple(indicators) if indicators else None, view.period, key, by, settings.min_n()
    )


@st.cache_data(show_spinner=False, max_entries=128)
def _matrix(db, ver, indicator, period, filters, rows, cols, min_n):
    from metrics.engine import compute_matrix as engine_matrix

    with cursor() as cur:
        flt = dict((k, list(v)) for k, v in filters) or None
        return engine_matrix(cur, indicator, period, flt, rows, cols, min_n, years=year_tables(ver))


def compute_matrix(indicator: str, view: View, rows: str = "målgruppe", cols: str = "aldersgruppe") -> dict:
    """One indicator as a cross table, suppressed along rows and columns (cached per data version)."""
    key = tuple(sorted((k, tuple(v)) for k, v in view.filter_dict().items()))
    return _matrix(db_key(), version(), indicator, view.period, key, rows, cols, settings.min_n())


def trend(indicators, view: View, by: str | None = None) -> list:
    """One result per indicator for each of the last TREND_YEARS years with data, for the view's filters.

    Each year is one cached `compute` call (what `metrics.engine.trend` does per year), so the
    period's own year is shared with the page's figures and with every other page.
    """
    return start_trend(indicators, view, by)()


def start_trend(indicators, view: View, by: str | None = None) -> Callable[[], list]:
    """Start computing the trend's years in two background threads and return the function that collects
    them (`trend`), so a page computes its period's figures meanwhile. The period's own year is left to the
    page: it would otherwise be computed twice at once (the cache does not wait for a running call)."""
    views = [View(view.strategy, str(year), view.filters) for year in years()[-TREND_YEARS:]]
    ctx = get_script_run_ctx()

    def one(v: View) -> list:
        if ctx is not None:
            add_script_run_ctx(threading.current_thread(), ctx)
        return compute(indicators, v, by=by)

    # Two workers: uncached years are computed side by side (DuckDB releases the GIL).
    pool = ThreadPoolExecutor(max_workers=2)
    started = {v.period: pool.submit(one, v) for v in views if v.period != view.period}

    def collect() -> list:
        try:
            return [r for v in views for r in (started[v.period].result() if v.period in started else one(v))]
        finally:
            pool.shutdown(wait=False)

    return collect


@st.cache_data(show_spinner=False, max_entries=256)
def _view_call(db, ver, name, period, filters, min_n, kwargs):
    from metrics import views

    fn = getattr(views, name)
    extra = dict(kwargs)
    if "prepared" in inspect.signature(fn).parameters:
        extra["prepared"] = year_tables(ver)
    with cursor() as cur:
        return fn(cur, period=period, filters=dict((k, list(v)) for k, v in filters) or None, min_n=min_n, **extra)


def view_figures(name: str, view: View, **kwargs):
    """A named function from `metrics.views` (aggregates, already suppressed) for the view (cached)."""
    key = tuple(sorted((k, tuple(v)) for k, v in view.filter_dict().items()))
    return _view_call(db_key(), version(), name, view.period, key, settings.min_n(), tuple(sorted(kwargs.items())))


@st.cache_data(show_spinner=False, max_entries=32)
def _strategies(db: str) -> dict:
    from metrics.strategies import load_strategies

    return load_strategies()


def strategies() -> dict:
    """All configured strategies by id."""
    return _strategies(db_key())


@st.cache_data(show_spinner=False, max_entries=64)
def _goals(db: str, ver: str, strategy_id: str) -> dict:
    from metrics.goals import load_goals

    with cursor() as cur:
        return load_goals(cur, strategies()[strategy_id])


def goals(strategy_id: str) -> dict:
    """The goals of a strategy by indicator id (cached)."""
    return _goals(db_key(), version(), strategy_id)


@st.cache_data(show_spinner=False, max_entries=64)
def _all_goals(db: str, ver: str, strategy_id: str) -> dict:
    from metrics.goals import load_all_goals

    with cursor() as cur:
        return load_all_goals(cur, strategies()[strategy_id])


def all_goals(strategy_id: str) -> dict:
    """Every goal of a strategy: subgroup (() = whole target group) -> indicator id -> Goal (cached)."""
    return _all_goals(db_key(), version(), strategy_id)


def view_goals(view: View):
    """The goals that apply to the view's filters (like with like), as a `metrics.goals.GoalSelection`."""
    from metrics.goals import goals_for_filters

    return goals_for_filters(all_goals(view.strategy), view.filter_dict())


# --- The story behind the curve (texts written by the administration) ----------------------------


@st.cache_data(show_spinner=False, max_entries=64)
def _comments(db: str, ver: str, strategy_id: str, period: str) -> dict:
    from metrics.story import comments_for

    with cursor() as cur:
        return comments_for(cur, strategy_id, period)


def comments(strategy_id: str, period: str) -> dict:
    """The comments in force for a strategy and period, by indicator id (cached)."""
    return _comments(db_key(), version(), strategy_id, period)


@st.cache_data(show_spinner=False, max_entries=64)
def _annotations(db: str, ver: str, strategy_id: str) -> dict:
    from metrics.story import annotations_for

    out: dict[str, list] = {}
    with cursor() as cur:
        for a in annotations_for(cur, strategy_id):
            out.setdefault(a.indicator, []).append(a)
    return out


def annotations(strategy_id: str) -> dict:
    """The annotations in force for a strategy's trend charts, by indicator id (cached)."""
    return _annotations(db_key(), version(), strategy_id)


@st.cache_data(show_spinner=False, max_entries=64)
def _actions(db: str, ver: str, strategy_id: str, year: int | None) -> list:
    from metrics.story import actions_for

    with cursor() as cur:
        return actions_for(cur, strategy_id, year)


def actions(strategy_id: str, year: int | None = None) -> list:
    """The action-plan items in force for a strategy (optionally one year), cached."""
    return _actions(db_key(), version(), strategy_id, year)
