"""Drill-down glue: a focus area's indicators (each once) with trend, goal path and breakdowns on demand."""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from ui import data, filters, fmt, summary

UNDER_30_BANDS = {"16-17", "18-24", "25-29"}
AREA_PARAM = "omraade"  # URL parameter of the chosen focus area
INDICATOR_PARAM = "indikator"  # URL parameter of the indicator a drill-through lands on
UNMEASURED_ANCHOR = "ikke-maalt-endnu"

# The breakdowns Fokusområder offers (engine dimension id -> Danish label), in the order shown.
BREAKDOWNS: dict[str, str] = {
    "aldersgruppe": "Aldersgruppe",
    "målgruppe": "Målgruppe",
    "indsats": "Indsatstype",
    "leverandør": "Leverandør",
    "køn": "Køn",
}
NO_BREAKDOWN = "Ingen"


@dataclass
class IndicatorDetail:
    """Everything the Fokusområder page shows for one indicator (breakdowns are computed on demand)."""

    indicator: object
    line: summary.IndicatorLine
    goal_path: list[tuple[int, float]]
    baseline: tuple[int, float] | None
    bearings: list[str] = field(default_factory=list)  # the texts of the bearings the indicator serves


def area_indicators(area) -> dict[str, list[str]]:
    """The area's indicators, each once in order of first mention -> the texts of the bearings it serves."""
    out: dict[str, list[str]] = {}
    for bearing in area.bearings:
        for ind_id in bearing.indicators:
            out.setdefault(ind_id, []).append(bearing.text)
    return out


def unmeasured(area) -> list[tuple[str, str]]:
    """The area's bearings without indicators: (text, note)."""
    return [(b.text, b.note or "") for b in area.bearings if not b.indicators]


def anchor(indicator_id: str) -> str:
    """The HTML anchor of an indicator's section on Fokusområder (for the contents list)."""
    return f"indikator-{indicator_id.replace('_', '-')}"


def drill_link(area_id: str, indicator_id: str) -> None:
    """A link from a card on Overblik to that indicator on Fokusområder, keeping the view's filters."""
    st.page_link(
        "views/focus_areas.py",
        label="Se hvorfor",
        icon=":material/troubleshoot:",
        help="Åbn indikatoren på Fokusområder med de samme filtre: udvikling mod målet og opdelinger.",
        query_params=filters.link_params(**{AREA_PARAM: area_id, INDICATOR_PARAM: indicator_id}),
    )


def area_of(strategy, indicator_id: str | None) -> str | None:
    """The id of the first focus area that holds the indicator, or None."""
    return next((a.id for a in strategy.areas if indicator_id in a.indicator_ids()), None)


def landed_indicator(area) -> str | None:
    """The indicator named in the URL (a drill-through from Overblik) when the area holds it; a Danish
    warning (and the whole area) when it does not."""
    wanted = st.query_params.get(INDICATOR_PARAM)
    if wanted is None or wanted in area.indicator_ids():
        return wanted
    st.warning(
        f"Indikatoren «{fmt.md(wanted)}» findes ikke i fokusområdet «{fmt.md(area.name)}». "
        "Linket viser hele fokusområdet.",
        icon=":material/link_off:",
    )
    return None


def breakdown_options(indicator) -> list[str]:
    """The breakdowns that make sense for an indicator (survey answers carry no provider)."""
    return [d for d in BREAKDOWNS if not (d == "leverandør" and indicator.level == "answer")]


def breakdown(view: data.View, indicator_id: str, dimension: str) -> list:
    """One indicator's results per group of a dimension (suppressed; cached per data version)."""
    return [r for r in data.compute([indicator_id], view, by=dimension) if dimension in r.group]


def breakdown_title(dimension: str, results: list) -> str:
    """The chart title of a breakdown; says so when one citizen can count in several groups."""
    title = f"Efter {BREAKDOWNS[dimension].lower()}"
    if any(getattr(r, "multi_membership", False) for r in results):
        title += " (en borger kan tælle i flere)"
    return title


def choose_area(strategy):
    """A focus-area selector kept in the URL (`omraade=<id>`); a drill-through's `indikator` picks its area."""
    ids = [a.id for a in strategy.areas]
    names = {a.id: a.name for a in strategy.areas}
    key = f"area_{strategy.id}"
    url = st.query_params.get(AREA_PARAM) or area_of(strategy, st.query_params.get(INDICATOR_PARAM))
    if url in ids and st.session_state.get("_area_url") != url:
        st.session_state[key] = url
    if st.session_state.get(key) not in ids:
        st.session_state[key] = ids[0]
    chosen = st.segmented_control("Fokusområde", ids, format_func=names.get, key=key, required=True) or ids[0]
    if st.query_params.get(AREA_PARAM) != chosen:
        if st.query_params.get(AREA_PARAM) is not None:
            # The user chose another area: the indicator a drill-through landed on belongs to the old one.
            st.query_params.pop(INDICATOR_PARAM, None)
        st.query_params[AREA_PARAM] = chosen
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
    """Details for every indicator of a focus area, each once (the same cached computations as Overblik)."""
    from metrics.registry import get_indicator

    served = area_indicators(area)
    if not served:
        return {}
    # The whole strategy's indicators, so that the cache of the Overblik page is reused.
    all_ids = list(dict.fromkeys(data.strategies()[view.strategy].indicator_ids()))
    collect = data.start_trend(all_ids, view)  # the trend years run beside the period's figures
    results = {r.indicator: r for r in data.compute(all_ids, view) if not r.group}
    trends: dict[str, list] = {}
    for r in collect():
        if not r.group and r.indicator in served:
            trends.setdefault(r.indicator, []).append(r)
    goals = data.view_goals(view)
    years = data.years()
    out = {}
    for i, bearings in served.items():
        line = summary.indicator_line(i, view, results, trends, goals)
        path, base = goal_path(goals.get(i), years)
        out[i] = IndicatorDetail(get_indicator(i), line, path, base, bearings)
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
