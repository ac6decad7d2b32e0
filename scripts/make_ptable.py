"""Write the versioned p-table `metrics/data/ptable.csv` for the configured (or given) parameters."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import settings  # noqa: E402
from metrics.ptable import PTABLE_FILE, build_ptable, write_ptable  # noqa: E402


def main() -> None:
    """Build the table and write it."""
    parser = argparse.ArgumentParser(description="Skriv perturbationstabellen (p-tabellen).")
    parser.add_argument("--min-n", type=int, default=settings.min_n())
    parser.add_argument("--max-dev", type=int, default=settings.max_deviation())
    parser.add_argument("--variance", type=float, default=settings.noise_variance())
    parser.add_argument("--out", type=Path, default=PTABLE_FILE)
    args = parser.parse_args()
    table = build_ptable(args.min_n, args.max_dev, args.variance)
    write_ptable(table, args.out)
    print(f"Skrev {args.out} (N={table.min_n}, D={table.max_dev}, V={table.variance}).")


if __name__ == "__main__":
    main()
