"""The engine's CPU cost per indicator, and of what Overblik computes for a new filter combination.

    .venv/bin/python bench/bench_families.py [--repeat 3] [--period 2024] [--db PATH]

Runs on the UI benchmark's database (`bench/out/ui.duckdb`, built by `bench/bench_ui.py` when missing).
Figures are process CPU seconds (DuckDB's worker threads included), the best of --repeat runs: CPU time
hardly moves when other jobs share the machine, where wall-clock time does. The floor is the cheapest
episode indicator (`aktive_borgere`: the shared CTEs and one count); each indicator's figure includes it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from metrics.engine import compute  # noqa: E402
from metrics.registry import INDICATORS  # noqa: E402
from metrics.strategies import load_strategies  # noqa: E402

DB = ROOT / "bench" / "out" / "ui.duckdb"
FILTER_SETS = ({}, {"målgruppe": ["Alkohol"]}, {"leverandør": ["Egen kommune"], "aldersgruppe": ["25-29"]})


def cpu(fn, repeat: int) -> float:
    """The least process CPU time of `repeat` calls of fn, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    """Print CPU seconds per indicator and for an Overblik-sized batch (period + trend years)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--period", default="2024")
    parser.add_argument("--db", type=Path, default=DB, help="a copy of the database (one a server holds is locked)")
    args = parser.parse_args(argv)
    if not args.db.exists():
        from bench.bench_ui import build_db

        build_db(args.db, 1_000_000)
    import duckdb

    from metrics.periods import TREND_YEARS, data_years

    con = duckdb.connect(str(args.db), read_only=True)
    ids = list(dict.fromkeys(load_strategies()["plads_til_alle"].indicator_ids()))
    years = [str(y) for y in data_years(con)][-TREND_YEARS:]
    episodes = con.execute("SELECT count(*) FROM indsatser").fetchone()[0]
    print(f"{episodes:,} episodes; period {args.period}; CPU seconds, best of {args.repeat}")
    for flt in FILTER_SETS:
        label = ", ".join(f"{k}={'/'.join(v)}" for k, v in flt.items()) or "no filter"
        floor = cpu(lambda f=flt: compute(con, ["aktive_borgere"], args.period, f), args.repeat)
        whole = cpu(lambda f=flt: compute(con, ids, args.period, f), args.repeat)
        trend = cpu(lambda f=flt: [compute(con, ids, y, f) for y in years], 1)
        print(f"\n[{label}] floor (aktive_borgere) {floor:.3f} s")
        print(f"  the strategy's {len(ids)} indicators in one compute: {whole:.3f} s ({whole / floor:.1f} x floor)")
        print(f"  Overblik's trend, {len(years)} years ({years[0]}-{years[-1]}): {trend:.3f} s")
        costs = {i: cpu(lambda i=i, f=flt: compute(con, [i], args.period, f), args.repeat) for i in ids}
        for ind_id, t in sorted(costs.items(), key=lambda kv: -kv[1]):
            ind = INDICATORS[ind_id]
            family = "+".join(ind.needs) or ind.level
            print(f"  {ind_id:<28} {family:<24} {t:.3f} s ({t / floor:4.1f} x floor)")
    con.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
