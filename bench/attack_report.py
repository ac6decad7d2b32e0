"""Attacker harness on the demo database: routes tried, hidden cells, certain recoveries, routes needed vs offered.

Runs tests/privacy (the attacker sees only published outputs; the truth is used only to score) over the grid
of issue 7: 24 indicators × 6 periods × 8 breakdowns, complement filters on six dimensions, the target-group ×
age matrix, the dashboard views, half-years and months, binary splits of other dimensions (averaging), day
ranges and a few CLI calls.

    .venv/bin/python bench/attack_report.py [--db PATH] [--quick]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    """Print the harness's figures for the demo database."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None, help="demo database (created with `python cli.py demo` if missing)")
    parser.add_argument("--quick", action="store_true", help="two periods, fewer filters (a smoke run)")
    parser.add_argument("--examples", type=int, default=8)
    args = parser.parse_args()

    from store.db import connect
    from tests.privacy.grid import GridSpec, run_grid
    from tests.privacy.knowledge import load_knowledge

    with tempfile.TemporaryDirectory(prefix="pejling-attack-") as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "demo.duckdb"
        if not db.exists():
            subprocess.run([sys.executable, "cli.py", "demo", "--db", str(db)], cwd=ROOT, check=True)
        spec = GridSpec()
        if args.quick:
            spec = GridSpec(periods=("2025", "2025-Q2"), complement_periods=("2025",), split_dims={"køn": 3})
        con = connect(db, read_only=True)
        started = time.perf_counter()
        try:
            rep, col = run_grid(con, spec, load_knowledge(), db)
        finally:
            con.close()
        seconds = time.perf_counter() - started
    n_ind = len(spec.indicators) if spec.indicators else 24
    print(
        f"Attacker harness on the demo database: {n_ind} indicators × {len(spec.periods)} periods × "
        f"{len(spec.breakdowns)} breakdowns (+ complement filters, matrix, views, sub-periods, splits, day ranges, CLI)"
    )
    for line in rep.lines():
        print(line)
    if rep.dayrange.get("message"):
        print(f"  day range refused with: {rep.dayrange['message']}")
    for ex in rep.dayrange.get("examples", []):
        print(f"  day-range recovery: {ex}")
    if rep.examples:
        print("examples of certain recoveries:")
        for ex in rep.examples[: args.examples]:
            print("  " + ex.describe(col.store))
    for key, n, mean in rep.mean_recoveries[:3]:
        print(f"  WHO-5 mean recovered: {key.label()} n={n} mean={mean:.1f}")
    if rep.invalid_routes or rep.violations:
        from collections import Counter

        kinds = Counter((",".join(sorted(r.kinds)), r.target.family) for r in rep.invalid_routes)
        print(f"harness diagnostics: invalid routes by (kind, family): {kinds.most_common(6)}")
        for r in rep.invalid_routes[:2]:
            terms = [(s, k.label(), col.oracle.truth.get(k)) for s, k in r.terms][:6]
            print(f"  invalid: {r.target.label()} = {col.oracle.truth.get(r.target)} vs {terms}")
        for key, truth, cands in rep.violations[:3]:
            print(f"  violation: {key.label()} true {truth}, attacker's candidates {cands!r}, from {sorted(col.store.cells[key].tags)}")
    print(f"time: {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
