"""The indicator engine: periods, dimensions, the registry, compute/trend, views and Danish formatting."""

from metrics.dimensions import DIMENSIONS, Dimension, dimension_values
from metrics.engine import compute, trend
from metrics.format import format_count, format_days, format_number, format_share
from metrics.periods import current_period_label, data_years, parse_period, year_period
from metrics.registry import INDICATORS, Indicator, get_indicator
from metrics.types import Period, Result
from metrics.views import citizens_by_step, data_quality, step_flows, waiting_times, who5_distribution

__all__ = [
    "DIMENSIONS",
    "INDICATORS",
    "Dimension",
    "Indicator",
    "Period",
    "Result",
    "citizens_by_step",
    "compute",
    "current_period_label",
    "data_quality",
    "data_years",
    "dimension_values",
    "format_count",
    "format_days",
    "format_number",
    "format_share",
    "get_indicator",
    "parse_period",
    "step_flows",
    "trend",
    "waiting_times",
    "who5_distribution",
    "year_period",
]
