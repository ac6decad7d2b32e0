"""Where a report's figures come from: the engine's suppressed results per year, the goals and the story.

One assembly (`assemble`) serves both callers: the pages pass the cached `ui.data.compute`, the command
line and the benchmark pass `metrics.engine.compute` on an open connection.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import duckdb

from metrics.periods import TREND_YEARS
from reports.model import Report, Story, build_report, period_end_year

Compute = Callable[[list[str], str], list]  # (ids, period) -> suppressed results; called from two threads


def filter_labels(filters: dict[str, list[str]]) -> list[str]:
    """`Aldersgruppe: 18-24` for each filter, with the sidebar's Danish labels."""
    from ui.filters import FILTERS

    labels = {f.dimension: f.label for f in FILTERS} | {"under30": "Alder"}
    return [f"{labels.get(dim, dim)}: {', '.join(values)}" for dim, values in filters.items() if values]


def assemble(
    strategy,
    period: str,
    filters: dict[str, list[str]],
    compute: Compute,
    goals: dict,
    data_years: list[int],
    demo: bool,
    story: Story | None = None,
    min_n: int = 5,
    today: date | None = None,
) -> Report:
    """The report from a compute function: the period's totals, yearly trends up to the period, goal paths."""
    from ui.data import View
    from ui.drill import goal_path
    from ui.summary import assemble as assemble_summary

    ids = list(dict.fromkeys(strategy.indicator_ids()))
    last = period_end_year(period)
    years = [y for y in data_years if last is None or y <= last][-TREND_YEARS:]
    yearly: dict[str, list] = {}
    # The years side by side on two workers (DuckDB releases the GIL; the machine has two cores).
    with ThreadPoolExecutor(max_workers=2) as pool:
        for part in pool.map(lambda year: compute(ids, str(year)), years):
            for r in part:
                if not r.group:
                    yearly.setdefault(r.indicator, []).append(r)
    same = {i: next((r for r in rs if r.period == period), None) for i, rs in yearly.items()}
    if ids and all(same.get(i) is not None for i in ids):
        results = same
    else:
        results = {r.indicator: r for r in compute(ids, period) if not r.group}
    view = View(strategy.id, period, tuple((k, tuple(v)) for k, v in filters.items() if v))
    areas = assemble_summary(strategy, view, results, yearly, goals)
    paths = {i: goal_path(goals.get(i), years)[0] for i in ids}
    return build_report(strategy, period, filter_labels(filters), areas, paths, story, demo, min_n, today)


def story_for(con: duckdb.DuckDBPyConnection, strategy_id: str, period: str) -> Story:
    """The comments, annotations and action items stored for the strategy and period (empty when none)."""
    from reports.story import load_story

    return load_story(con, strategy_id, period)


def from_connection(
    con: duckdb.DuckDBPyConnection,
    strategy_id: str,
    period: str,
    filters: dict[str, list[str]] | None = None,
    min_n: int | None = None,
    today: date | None = None,
) -> Report:
    """The report computed on an open connection (command line, benchmark)."""
    from metrics.engine import compute, normalize_filters, resolve_min_n
    from metrics.goals import goals_for_filters, load_all_goals
    from metrics.periods import data_years, parse_period
    from metrics.strategies import load_strategies
    from store.db import cursor
    from store.imports import has_demo_data

    strategy = load_strategies()[strategy_id]
    label = parse_period(period).label
    flt = normalize_filters(filters)
    n_min = resolve_min_n(min_n)

    def run(ids: list[str], per: str) -> list:
        with cursor(con) as cur:  # one cursor per call (in the store): the years run on two threads
            return compute(cur, ids, per, flt, None, n_min)

    return assemble(
        strategy,
        label,
        flt,
        run,
        goals_for_filters(load_all_goals(con, strategy), flt),
        [int(y) for y in data_years(con)],
        bool(has_demo_data(con)),
        story_for(con, strategy_id, label),
        n_min,
        today,
    )
