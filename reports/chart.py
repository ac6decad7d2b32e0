"""What a report's trend chart shows, independent of the drawing library: years, series and a y axis."""

from __future__ import annotations

import math
from dataclasses import dataclass

from reports.model import IndicatorEntry


@dataclass
class ChartData:
    """Aligned series over the chart's years; values already on the axis scale (shares in percent)."""

    years: list[int]
    values: list[float | None]
    lows: list[float | None]
    highs: list[float | None]
    expected: list[float | None]
    hidden: list[bool]  # a year whose figure is hidden (drawn as a gap)
    y_max: float
    step: float
    suffix: str

    @property
    def ticks(self) -> list[float]:
        """Tick values from 0 to the top of the axis."""
        n = int(round(self.y_max / self.step))
        return [i * self.step for i in range(n + 1)]


def scale(value: float | None, unit: str | None) -> float | None:
    """A value on the chart's axis, rounded as the pages show it: shares in percent with one decimal,
    counts whole, the rest with one decimal (a chart's embedded data never holds more precision)."""
    if value is None:
        return None
    if unit == "andel":
        return round(value * 100, 1)
    return float(round(value)) if unit == "antal" else round(value, 1)


def suffix(unit: str | None) -> str:
    """The unit after a tick label."""
    return " %" if unit == "andel" else (" dage" if unit == "dage" else "")


def nice_axis(top: float) -> tuple[float, float]:
    """(axis maximum, tick step) giving 3-6 round ticks from 0 to at least `top`."""
    if top <= 0:
        return 1.0, 0.25
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return step * math.ceil(top / step - 1e-9), step


def chart_data(entry: IndicatorEntry) -> ChartData | None:
    """The chart of an indicator, or None when it has no year to show."""
    years = sorted({p.year for p in entry.points} | {y for y, _ in entry.goal_path if entry.points})
    if not entry.points:
        return None
    years = [y for y in years if y >= entry.points[0].year]
    by_year = {p.year: p for p in entry.points}
    path = dict(entry.goal_path)
    values = [scale(by_year[y].value, entry.unit) if y in by_year else None for y in years]
    lows = [scale(by_year[y].ci_low, entry.unit) if y in by_year else None for y in years]
    highs = [scale(by_year[y].ci_high, entry.unit) if y in by_year else None for y in years]
    expected = [scale(path.get(y), entry.unit) for y in years]
    hidden = [y in by_year and by_year[y].value is None for y in years]
    top = max([v for v in (*values, *highs, *expected) if v is not None] or [0.0])
    y_max, step = nice_axis(top * 1.05)
    if entry.unit == "andel":
        y_max = min(y_max, 100.0) if top <= 100 else y_max
    return ChartData(years, values, lows, highs, expected, hidden, y_max, step, suffix(entry.unit))


def tick_label(value: float, step: float) -> str:
    """A tick as Danish text (decimals only when the step needs them)."""
    from metrics.format import format_number

    decimals = 0 if float(step).is_integer() else (1 if float(step * 10).is_integer() else 2)
    return format_number(value, decimals)
