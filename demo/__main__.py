"""`.venv/bin/python -m demo OUT_DIR [--today YYYY-MM-DD]` writes the three synthetic demo extracts as .xlsx files."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from cli_da import DanishParser
from demo.generate import write_demo_files


def main(argv: list[str] | None = None) -> int:
    """Write the demo files and list them; return the exit code."""
    parser = DanishParser(prog=".venv/bin/python -m demo", description="Skriv syntetiske demoudtræk som Excel-filer.")
    parser.add_argument("out_dir", metavar="MAPPE", help="Mappe, filerne skrives i")
    parser.add_argument(
        "--today", default=None, metavar="ÅÅÅÅ-MM-DD", help="Dato for udtrækket (ÅÅÅÅ-MM-DD); standard er i dag"
    )
    args = parser.parse_args(argv)
    today = date.fromisoformat(args.today) if args.today else None
    paths = write_demo_files(Path(args.out_dir), today)
    for extract_id, path in paths.items():
        sys.stdout.write(f"{extract_id}: {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
