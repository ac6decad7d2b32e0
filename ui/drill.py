"""Drill-down glue: a focus area's indicators with trend, goal path and breakdowns."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ui import data, summary

UNDER_30_BANDS = {"16-17", "18-24", "25-29"}


@dataclass
class IndicatorDetail:
    """Everything the Fokusområder page shows for one indicator."""

    indicator: object
    line: summary.IndicatorLine
    goal_path: list[tuple[int, float]]
    baseline: tuple[int, float] | None
    by_age: list
    by_group: list


def choose_area(strategy):
    """A focus-area selector kept in the URL (`omraade=<id>`)."""
    ids = [a.id for a in strategy.areas]
    names = {a.id: a.name for a in strategy.areas}
    key = f"area_{strategy.id}"
    url = st.query_params.get("omraade")
    if url in ids and st.session_state.get("_area_url") != url:
        st.session_state[key] = url
    if st.session_state.get(key) not in ids:
        st.session_state[key] = ids[0]
    chosen = st.segmented_control("Fokusområde", ids, format_func=names.get, key=key, required=True) or ids[0]
    if st.query_params.get("omraade") != chosen:
        st.query_params["omraade"] = chosen
    st.session_state["_area_url"] = chosen
    return next(a for a in strategy.areas if a.id == chosen)


def goal_path(goal, years: list[int]) -> tuple[list[tuple[int, float]], tuple[int, float] | None]:
    """The expected values over the years a goal spans, and its baseline (year, value)."""
    from metrics.goals import expected_value

    if goal is None:
        return [], None
    points = []
    goal_years = sorted({*years, *_goal_years(goal)})
    for year in goal_years:
        value = expected_value(goal, year)
        if value is not None:
            points.append((year, value))
    base = getattr(goal, "baseline", None)
    if base is not None and not isinstance(base, tuple):
        base = (base.year, base.value) if hasattr(base, "year") else None
    return points, base


def _goal_years(goal) -> list[int]:
    years = []
    base = getattr(goal, "baseline", None)
    if base is not None:
        years.append(base[0] if isinstance(base, tuple) else base.year)
    for t in getattr(goal, "targets", []) or []:
        years.append(t[0] if isinstance(t, tuple) else t.year)
    return years


def area_detail(view: data.View, area) -> dict[str, IndicatorDetail]:
    """Details for every indicator of a focus area (computed in a few cached batches)."""
    from metrics.registry import get_indicator

    ids = list(dict.fromkeys(i for b in area.bearings for i in b.indicators))
    if not ids:
        return {}
    # The whole strategy's indicators, so that the cache of the Overblik page is reused.
    all_ids = list(dict.fromkeys(data.strategies()[view.strategy].indicator_ids()))
    results = {r.indicator: r for r in data.compute(all_ids, view) if not r.group}
    trends: dict[str, list] = {}
    for r in data.trend(all_ids, view):
        if not r.group and r.indicator in ids:
            trends.setdefault(r.indicator, []).append(r)
    by_age: dict[str, list] = {}
    for r in data.compute(ids, view, by="aldersgruppe"):
        by_age.setdefault(r.indicator, []).append(r)
    by_group: dict[str, list] = {}
    for r in data.compute(ids, view, by="målgruppe"):
        by_group.setdefault(r.indicator, []).append(r)
    goals = data.view_goals(view)
    years = data.years()
    out = {}
    for i in ids:
        line = summary.indicator_line(i, view, results, trends, goals)
        path, base = goal_path(goals.get(i), years)
        out[i] = IndicatorDetail(get_indicator(i), line, path, base, by_age.get(i, []), by_group.get(i, []))
    return out


def age_bands() -> list[str]:
    """The age bands present in the data, in order."""
    return data.dimension_values("aldersgruppe")


def group_age_cells(view: data.View, indicator_id: str) -> tuple[dict, list[str], list[str]]:
    """One indicator by target group (rows) and age band (columns), with a totals column except for counts."""
    bands = age_bands()
    cells: dict[tuple[str, str], object] = dict(data.compute_matrix(indicator_id, view))
    # The engine's order: known groups, Uoplyst last.
    by_group = [r for r in data.compute([indicator_id], view, by="målgruppe") if r.group.get("målgruppe") is not None]
    groups = list(dict.fromkeys([*(r.group["målgruppe"] for r in by_group), *(g for g, _ in cells)]))
    bands = [b for b in bands if any(col == b for _, col in cells)] or bands
    if unit_of(indicator_id) == "antal":
        # Age bands are disjoint: a row total next to the bands would reveal a hidden count by subtraction.
        return cells, groups, bands
    for r in by_group:
        cells[(r.group["målgruppe"], "Alle aldre")] = r
    return cells, groups, [*bands, "Alle aldre"]


def indicator_choices(strategy) -> list[str]:
    """The strategy's indicator ids in order (each once)."""
    return list(dict.fromkeys(strategy.indicator_ids()))


def indicator_names(strategy) -> dict[str, str]:
    """The strategy's indicators: id -> Danish name."""
    from metrics.registry import get_indicator

    return {i: get_indicator(i).name for i in indicator_choices(strategy)}


def unit_of(indicator_id: str) -> str | None:
    """The unit of an indicator."""
    from metrics.registry import get_indicator

    return get_indicator(indicator_id).unit
