"""The attack grid: which published outputs the harness collects (shared by the test and bench/attack_report.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from tests.privacy.harness import AGE, Collector
from tests.privacy.knowledge import Knowledge, load_knowledge
from tests.privacy.oracle import Oracle
from tests.privacy.score import Report, chunks, collect_splits, dayrange_attack, score, score_splits

BREAKDOWNS = (None, "aldersgruppe", "under30", "målgruppe", "fokusområde", "indsats", "leverandør", "køn")
COMPLEMENT_DIMS = ("aldersgruppe", "køn", "leverandør", "indsats", "fokusområde", "målgruppe")


@dataclass
class GridSpec:
    """What to collect: periods, breakdowns, complement filters, matrices, views, sub-periods, splits."""

    periods: tuple[str, ...] = ("2024", "2025", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4")
    indicators: list[str] | None = None
    breakdowns: tuple = BREAKDOWNS
    complement_dims: tuple[str, ...] = COMPLEMENT_DIMS
    complement_periods: tuple[str, ...] | None = None  # default: all periods
    matrix_indicators: tuple[str, ...] = ("aktive_borgere", "andel_unge", "trivsel_who5")
    matrix_periods: tuple[str, ...] = ("2025",)
    view_periods: tuple[str, ...] = ("2025", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4")
    view_filter_dims: tuple[str, ...] = ("aldersgruppe", "køn")
    sub_period_year: int | None = 2025  # halves and months of this year (as the product accepts them)
    filtered_breakdowns: tuple[tuple[str, str], ...] = (("målgruppe", "aldersgruppe"),)
    filtered_values: int = 99  # how many values of the filter dimension
    sub_period_labels: tuple[str, ...] | None = None  # default: both halves and all months
    split_dims: dict = field(default_factory=lambda: {"køn": 7, "leverandør": 15, "indsats": 24})
    split_values: tuple[str, ...] = ("16-17",)
    split_period: str = "2025"
    dayrange_days: tuple[dt.date, ...] = (dt.date(2025, 1, 16), dt.date(2025, 3, 3), dt.date(2025, 6, 10))
    cli_cases: int = 2


def sub_period_labels(collector: Collector, year: int, wanted: tuple[str, ...] | None = None) -> list[str]:
    """Half-years and months of a year (or the `wanted` ones, e.g. '2025-H1', '2025-04') in whatever syntax
    the product accepts: the new labels, else date ranges."""
    out = []
    halves = [(f"{year}-H1", (1, 6)), (f"{year}-H2", (7, 12))]
    months = [(f"{year}-{m:02d}", (m, m)) for m in range(1, 13)]
    for label, (m1, m2) in halves + months:
        if wanted is not None and label not in wanted:
            continue
        end = (dt.date(year + (m2 == 12), m2 % 12 + 1, 1) - dt.timedelta(days=1)).isoformat()
        for candidate in (label, f"{year}-{m1:02d}-01..{end}"):
            if collector.period(candidate) is not None:
                out.append(candidate)
                break
    return out


def collect(collector: Collector, spec: GridSpec) -> None:
    """Call every published output of the grid (the attacker's whole view)."""
    inds = spec.indicators
    for period in spec.periods:
        for by in spec.breakdowns:
            collector.compute(inds, period, None, by)
    for period in spec.complement_periods or spec.periods:
        for dim in spec.complement_dims:
            values = sorted(collector.domains.values[dim])
            asked: set[frozenset] = set()
            for v in values:
                rest = [x for x in values if x != v]
                collector.compute(inds, period, {dim: rest}, None, tag="complement")  # refused past the limit
                for chunk in chunks(rest):  # the complement as the product allows it: a few filtered totals
                    if frozenset(chunk) not in asked:
                        asked.add(frozenset(chunk))
                        collector.compute(inds, period, {dim: chunk}, None, tag="complement")
    for period in spec.periods[:2]:
        for fdim, by in spec.filtered_breakdowns:
            for v in sorted(collector.domains.values[fdim])[: spec.filtered_values]:
                collector.compute(inds, period, {fdim: [v]}, by, tag="filtered")
    if spec.sub_period_year is not None:
        for label in sub_period_labels(collector, spec.sub_period_year, spec.sub_period_labels):
            collector.compute(inds, label, None, None)
            collector.compute(inds, label, None, AGE)
    for period in spec.matrix_periods:
        for ind in spec.matrix_indicators:
            collector.matrix(ind, period)
    for period in spec.view_periods:
        collector.views(period)
        for dim in spec.view_filter_dims:
            for v in sorted(collector.domains.values[dim]):
                collector.views(period, {dim: [v]})
    collector.trend(["aktive_borgere", "trivsel_who5"], None, AGE, years=[2024, 2025])


def run_grid(
    con, spec: GridSpec, know: Knowledge | None = None, db_path: Path | None = None, years=None
) -> tuple[Report, Collector]:
    """Collect the grid, score every route, add the split family, day ranges and a few CLI cases; with `years`
    (prepared tables, metrics.yearly) the outputs are read as the dashboard reads them."""
    know = know or load_knowledge()
    oracle = Oracle(con)
    collector = Collector(con, know, oracle, db_path, years)
    collect(collector, spec)
    if db_path is not None and spec.cli_cases:
        inds = ["aktive_borgere", "trivsel_who5", "behandling_inden_14_dage"]
        ages = sorted(collector.domains.values[AGE])
        for v in ages[: spec.cli_cases]:
            collector.cli(inds, spec.periods[1], {AGE: [x for x in ages if x != v]})
            collector.cli(inds, spec.periods[1], None, AGE)
    for value in spec.split_values:
        collect_splits(collector, spec.indicators, spec.split_period, value, spec.split_dims)
    rep = score(collector, oracle)
    if spec.split_dims:
        score_splits(collector, oracle, rep, spec.split_dims)
    dayrange_attack(
        collector, oracle, rep, ["aktive_borgere", "behandling_inden_14_dage", "nye_borgere"], list(spec.dayrange_days)
    )
    rep.calls = collector.calls
    rep.conflicts = list(oracle.conflicts)
    return rep, collector
