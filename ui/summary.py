"""A strategy's figures for a view: per focus area, each indicator's value, expected value, status and trend."""

from __future__ import annotations

from dataclasses import dataclass, field

from ui import data, fmt


@dataclass
class IndicatorLine:
    """One indicator in the summary."""

    id: str
    name: str
    unit: str | None
    direction: str | None
    result: object | None
    expected: float | None
    status: object | None
    trend: list = field(default_factory=list)
    goal_note: str | None = None  # e.g. 'Målet gælder alle borgere i målgruppen' when no goal fits the filters

    @property
    def expected_text(self) -> str | None:
        """The expected value as Danish text, or None without a goal."""
        return format_value(self.expected, self.unit) if self.expected is not None else None


@dataclass
class AreaSummary:
    """One focus area with its bearings' indicators (each indicator once) and unmeasured bearings."""

    id: str
    name: str
    description: str
    lines: list[IndicatorLine]
    unmeasured: list[tuple[str, str]]  # (bearing text, note)


def format_value(value: float | None, unit: str | None) -> str:
    """A raw value in the indicator's unit as Danish text."""
    if value is None:
        return "–"
    if unit == "andel":
        return fmt.percent(value)
    if unit == "dage":
        return f"{fmt.number(value, 1)} dage"
    if unit == "antal":
        return fmt.number(value)
    return fmt.number(value, 1)


def period_year(period: str) -> int | None:
    """The calendar year a period ends in (for goals)."""
    try:
        return int(str(period).split("..")[-1][:4])
    except ValueError:
        return None


def _status(ind, result, expected):
    from metrics.goals import evaluate_status

    value = None if result is None or result.suppressed else result.value
    ci = None
    if result is not None and result.ci_low is not None and result.ci_high is not None:
        ci = (result.ci_low, result.ci_high)
    suppressed = result is None or result.suppressed
    if expected is None and not suppressed:
        return None
    return evaluate_status(value, expected, ind.direction, ind.unit, ci=ci, suppressed=suppressed)


def indicator_line(indicator_id: str, view: data.View, results: dict, trends: dict, goals) -> IndicatorLine:
    """Assemble one indicator's line from computed results, trends and goals (a dict or a GoalSelection)."""
    from metrics.goals import expected_value
    from metrics.registry import get_indicator

    ind = get_indicator(indicator_id)
    result = results.get(indicator_id)
    goal = goals.get(indicator_id)
    year = period_year(view.period)
    expected = expected_value(goal, year) if goal is not None and year is not None else None
    return IndicatorLine(
        id=ind.id,
        name=ind.name,
        unit=ind.unit,
        direction=ind.direction,
        result=result,
        expected=expected,
        status=_status(ind, result, expected),
        trend=trends.get(indicator_id, []),
        goal_note=goals.note(indicator_id) if hasattr(goals, "note") else None,
    )


def trends(view: data.View, started=None) -> dict[str, list]:
    """The strategy's indicators' yearly results for trend lines (cached), by indicator id; `started` is what
    start_trends returned (the years computed meanwhile)."""
    ids = list(dict.fromkeys(data.strategies()[view.strategy].indicator_ids()))
    out: dict[str, list] = {}
    for r in (started or (lambda: data.trend(ids, view)))() if ids else []:
        if not r.group:
            out.setdefault(r.indicator, []).append(r)
    return out


def start_trends(view: data.View):
    """Start the strategy's trend years in the background; pass the result to `trends`."""
    ids = list(dict.fromkeys(data.strategies()[view.strategy].indicator_ids()))
    return data.start_trend(ids, view) if ids else None


def build(view: data.View, with_trend: bool = True) -> list[AreaSummary]:
    """The summary of the view's strategy: one entry per focus area."""
    strategy = data.strategies()[view.strategy]
    ids = list(dict.fromkeys(strategy.indicator_ids()))
    yearly = trends(view) if with_trend else {}
    # A whole year inside the trend is already computed: reuse it instead of a second query.
    same_year = {i: next((r for r in rs if r.period == view.period), None) for i, rs in yearly.items()}
    if ids and all(same_year.get(i) is not None for i in ids):
        results = same_year
    else:
        results = {r.indicator: r for r in data.compute(ids, view) if not r.group}
    return assemble(strategy, view, results, yearly, data.view_goals(view))


def assemble(strategy, view: data.View, results: dict, yearly: dict, goals) -> list[AreaSummary]:
    """The summary from computed results, yearly trends and the view's goals (no caching; the CLI's report too)."""
    areas = []
    for area in strategy.areas:
        seen: list[str] = []
        unmeasured = []
        for bearing in area.bearings:
            if not bearing.indicators:
                unmeasured.append((bearing.text, bearing.detail))
            seen.extend(i for i in bearing.indicators if i not in seen)
        lines = [indicator_line(i, view, results, yearly, goals) for i in seen]
        areas.append(AreaSummary(area.id, area.name, area.description or "", lines, unmeasured))
    return areas
