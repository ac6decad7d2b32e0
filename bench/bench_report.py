"""Benchmark of the annual status report on synthetic data generated in DuckDB (as bench_indicators.py).

    python bench/bench_report.py --sizes 1000000

For each size: the report model for one strategy and year (the period's figures, five trend years,
goals and story, all through the engine), the PDF and the PowerPoint written from it, and the total
against the floor: the engine computing the strategy's indicators for the year once, the least any
report needs. Times are the best of --repeat runs, in seconds. Goal: total ≤ 10 s at ~1M episodes.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_indicators import GENERATE, GENERATE_PROGRESSION, GENERATE_SURVEY  # noqa: E402
from metrics.engine import compute  # noqa: E402
from store.db import connect  # noqa: E402

GOAL_SECONDS = 10.0


def _best(fn, repeat: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> int:
    """Run the benchmark and print a table."""
    from streamlit.logger import set_log_level

    set_log_level(logging.ERROR)  # the report's shared ui helpers import Streamlit
    from metrics.goals import seed_demo_goals
    from metrics.strategies import load_strategies
    from reports.pdf import to_pdf
    from reports.pptx import to_pptx
    from reports.source import from_connection

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--strategy", default="plads_til_alle")
    parser.add_argument("--period", default="2025")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    ids = list(load_strategies()[args.strategy].indicator_ids())
    print(f"Annual report: {args.strategy}, {args.period}, {len(ids)} indicators, 5 trend years; seconds")
    print(
        f"{'episodes':>10} {'gen':>6} {'model':>6} {'pdf':>6} {'pptx':>6} {'total':>6} {'floor':>6} {'ratio':>6} goal"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            con = connect(Path(tmp) / f"bench_{n}.duckdb")
            t0 = time.perf_counter()
            con.execute("CREATE OR REPLACE TEMP MACRO h(a, b) AS (hash(a, b) % 1000003)::BIGINT")
            con.execute(GENERATE, {"n": n})
            con.execute(GENERATE_SURVEY, {"n": max(100, n // 20)})
            con.execute(GENERATE_PROGRESSION, {"n": n // 2})
            seed_demo_goals(con, "bench")
            gen = time.perf_counter() - t0
            floor, _ = _best(lambda c=con: compute(c, ids, args.period), args.repeat)
            model_s, report = _best(lambda c=con: from_connection(c, args.strategy, args.period), args.repeat)
            pdf_s, _ = _best(lambda r=report: to_pdf(r), args.repeat)
            pptx_s, _ = _best(lambda r=report: to_pptx(r), args.repeat)
            total = model_s + max(pdf_s, pptx_s)
            print(
                f"{n:>10} {gen:>6.1f} {model_s:>6.2f} {pdf_s:>6.2f} {pptx_s:>6.2f} {total:>6.2f} {floor:>6.2f} "
                f"{total / floor:>6.1f} {'ok' if total <= GOAL_SECONDS else 'OVER'} (≤ {GOAL_SECONDS:.0f} s)"
            )
            con.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
