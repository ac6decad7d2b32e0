"""`python cli.py indicators`: compute indicators and print them as JSON or CSV (already suppressed)."""

from __future__ import annotations

import argparse
import csv
import json
import sys

import duckdb

import settings
from metrics.dimensions import DIMENSIONS, dimension_values, get_dimension
from metrics.engine import compute, normalize_filters
from metrics.periods import parse_period
from metrics.registry import INDICATORS, get_indicator
from store.bootstrap import store_exists
from store.db import DatabaseLocked, connect
from store.engine import StoreError
from textsafe import safe, safe_message

COLUMNS = ("indicator", "period", "group", "numerator", "denominator", "value", "display", "suppressed")


class UsageError(ValueError):
    """A bad argument; the message is Danish and the exit code 2."""


def _filters(items: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in items or []:
        if "=" not in item:
            raise UsageError(f"Filteret '{item}' skal skrives som DIMENSION=VÆRDI, fx køn=Kvinde.")
        key, value = item.split("=", 1)
        dim = get_dimension(key.strip())
        out.setdefault(dim.id, []).append(value.strip())
    normalize_filters(out)  # the filter limit (a Danish ValueError), before anything is opened
    return out


def _check_values(con: duckdb.DuckDBPyConnection, filters: dict[str, list[str]]) -> None:
    """Refuse a filter value the dimension cannot take (a typo would otherwise give empty figures)."""
    for dim_id, values in filters.items():
        known = [*dimension_values(con, dim_id), "Uoplyst"]
        for value in values:
            if value not in known:
                con.close()
                raise UsageError(f"Ukendt værdi '{value}' for {dim_id}. Vælg en af: {', '.join(dict.fromkeys(known))}.")


def _open(db: str | None) -> duckdb.DuckDBPyConnection:
    """Open the store read-only; a missing store is an error (reading never creates one)."""
    target = db or settings.store()
    try:
        found = store_exists(target)
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    if not found:
        from demo.bootstrap import refuse_unmigrated

        try:
            refuse_unmigrated(target)  # the default store is missing beside an earlier file: say migrate
        except DatabaseLocked as exc:
            raise UsageError(str(exc)) from None
        raise UsageError(
            f"Lageret {safe(target)} findes ikke – intet er oprettet. Opret det med '.venv/bin/python cli.py demo' "
            "eller ved at importere et udtræk."
        )
    return connect(target, read_only=True)


def _strategy_ids(strategy: str | None) -> tuple[list[str] | None, object | None]:
    if not strategy:
        return None, None
    try:
        from metrics.strategies import load_strategies
    except ImportError:
        return None, None
    strategies = load_strategies()
    if strategy not in strategies:
        raise UsageError(f"Ukendt strategi '{strategy}'. Kendte strategier: {', '.join(strategies)}.")
    found = strategies[strategy]
    return [i for i in found.indicator_ids() if i in INDICATORS], found


def _goal_keys(
    con: duckdb.DuckDBPyConnection, strategy: object, rows: list[dict], year: int, filters: dict | None = None
) -> None:
    try:
        from metrics.goals import evaluate_status, expected_value, goals_for_filters, load_all_goals
    except ImportError:
        return
    all_goals = load_all_goals(con, strategy)
    for row in rows:
        # Like with like: a row of a breakdown is the filters' subgroup narrowed by its group.
        narrowed = {**(filters or {}), **{k: [str(v)] for k, v in (row.get("group") or {}).items()}}
        goal = goals_for_filters(all_goals, narrowed).get(row["indicator"])
        expected = expected_value(goal, year) if goal is not None else None
        ind = get_indicator(row["indicator"])
        status = evaluate_status(
            row["value"], expected, ind.direction, ind.unit, row.pop("_ci"), suppressed=row["suppressed"]
        )
        row["expected"] = expected
        row["status"] = status.label if status is not None else None


def run(args: argparse.Namespace) -> int:
    """Run the `indicators` sub-command and return the exit code (2 on a usage error)."""
    try:
        period = parse_period(args.period)
        by = get_dimension(args.by).id if args.by else None
        filters = _filters(args.filter)
        ids, strategy = _strategy_ids(getattr(args, "strategy", None))
        if args.indicator:
            ids = [get_indicator(i).id for i in args.indicator]
        con = _open(args.db)
        _check_values(con, filters)
    except (UsageError, ValueError, KeyError) as exc:
        sys.stderr.write(f"Fejl: {safe_message(exc.args[0] if exc.args else exc)}\n")
        return 2
    try:
        results = compute(con, ids, period, filters, by)
        rows = []
        for res in results:
            row = res.to_json()
            row["_ci"] = (res.ci_low, res.ci_high) if res.ci_low is not None else None
            rows.append(row)
        if strategy is not None:
            _goal_keys(con, strategy, rows, period.end.year, filters)
        for row in rows:
            row.pop("_ci", None)
            row["group"] = {k: safe(v) for k, v in row["group"].items()}  # stored text: shown, so made safe
    finally:
        con.close()
    if args.format == "csv":
        extra = [c for c in ("expected", "status") if rows and c in rows[0]]
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([*COLUMNS, *extra])
        for row in rows:
            group = ";".join(f"{k}={v}" for k, v in row["group"].items())
            writer.writerow([group if c == "group" else _csv(row.get(c)) for c in (*COLUMNS, *extra)])
    else:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    return 0


def _csv(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


__all__ = ["run", "DIMENSIONS"]
