"""`python cli.py report`: write the annual status report as PDF or PowerPoint (exit 0, 1 failed, 2 usage)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from cli_da import add_store_argument

FORMATS = ("pdf", "pptx")


def add_parser(sub) -> None:
    """Declare the `report` sub-command."""
    p = sub.add_parser("report", help="Skriv årsstatus for en strategi som PDF eller PowerPoint")
    add_store_argument(p)
    p.add_argument("--strategy", default=None, metavar="ID", help="Strategiens id (standard: plads_til_alle)")
    p.add_argument(
        "--period", required=True, metavar="PERIODE", help="Periode: 2025, 2025-H1, 2025-Q3 eller 2025-03"
    )
    p.add_argument("--format", choices=FORMATS, default=None, help="pdf eller pptx (standard: filens endelse)")
    p.add_argument("--out", required=True, metavar="FIL", help="Filen, rapporten skrives til")
    p.add_argument(
        "--filter", action="append", default=[], metavar="DIMENSION=VÆRDI", help="Filtrér, fx køn=Kvinde (kan gentages)"
    )


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    suffix = Path(args.out).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise ValueError("Angiv --format pdf eller --format pptx (eller en fil, der ender på .pdf eller .pptx).")


def run(args: argparse.Namespace) -> int:
    """Build the report on the database and write it to --out."""
    from streamlit.logger import set_log_level

    set_log_level(logging.ERROR)  # the shared ui helpers import Streamlit; its cache notices are not for users
    from metrics.commands import UsageError, _check_values, _filters, _open
    from metrics.periods import parse_period
    from metrics.strategies import default_strategy_id, load_strategies

    try:
        fmt = _format(args)
        period = parse_period(args.period)
        strategy = args.strategy or default_strategy_id()
        known = load_strategies()
        if strategy not in known:
            raise UsageError(f"Ukendt strategi '{strategy}'. Kendte strategier: {', '.join(known)}.")
        filters = _filters(args.filter)
        out = Path(args.out)
        if not out.parent.is_dir():
            raise UsageError(f"Mappen {out.parent} findes ikke.")
        con = _open(args.db)
        _check_values(con, filters)
    except (UsageError, ValueError, KeyError) as exc:
        sys.stderr.write(f"Fejl: {exc.args[0] if exc.args else exc}\n")
        return 2
    try:
        from reports.source import from_connection

        report = from_connection(con, strategy, period.label, filters)
    finally:
        con.close()
    if fmt == "pdf":
        from reports.pdf import to_pdf

        body = to_pdf(report)
    else:
        from reports.pptx import to_pptx

        body = to_pptx(report)
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        tmp.write_bytes(body)
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        sys.stderr.write(f"Fejl: rapporten kunne ikke skrives til {out} ({exc.strerror or exc}).\n")
        return 1
    print(f"{report.heading} for {report.strategy_name} er skrevet til {out} ({fmt.upper()}).")
    return 0
