"""Pejling command line: demo, import, history, undo, template, indicators, report, migrate.

Exit codes: 0 success (imported or unchanged), 1 refused or failed, 2 usage error.
Messages for people are Danish; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import sys

import settings
from cli_da import DanishParser, add_store_argument

PROG = ".venv/bin/python cli.py"
EXTRACT_TYPES = ["indsatser", "progression", "borgeroplevelse"]


def _indicators_epilog() -> str:
    """The values each dimension accepts, for `indicators --help` (generated from metrics.dimensions)."""
    from metrics.dimensions import documented_values

    lines = ["Dimensioner til --by og --filter og de værdier, de kan have:"]
    for dim_id, (values, note) in documented_values().items():
        lines.append(f"  {dim_id}: {', '.join(values)}{note}")
    lines += [
        "Alle dimensioner kan også have værdien Uoplyst.",
        "",
        "Uden --strategy beregnes indikatorerne uden mål: 'expected' og 'status' kommer kun med --strategy,",
        "fordi mål og forventede værdier hører til en strategi.",
    ]
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser for every sub-command (argparse's own texts in Danish)."""
    parser = DanishParser(prog=PROG, description="Pejling – opfølgning på strategier mod social udsathed.")
    sub = parser.add_subparsers(dest="command", parser_class=DanishParser, title="kommandoer", metavar="KOMMANDO")

    db_arg = add_store_argument

    def json_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--json", action="store_true", help="Skriv resultatet som JSON")

    p = sub.add_parser("demo", help="Opret lageret med syntetiske demodata")
    db_arg(p)

    p = sub.add_parser("import", help="Importér et udtræk (.xlsx eller .csv)")
    p.add_argument("file", metavar="FIL", help="Udtrækket, der skal importeres")
    p.add_argument(
        "--type",
        choices=EXTRACT_TYPES,
        default=None,
        help="Udtrækkets type (standard: genkendes ud fra arkets navn eller kolonnerne)",
    )
    db_arg(p)
    p.add_argument("--user", default=None, metavar="NAVN", help="Bruger, der registreres på importen")
    json_arg(p)

    p = sub.add_parser("history", help="Vis importhistorikken")
    db_arg(p)
    json_arg(p)

    p = sub.add_parser("undo", help="Fortryd en import")
    p.add_argument("batch", type=int, metavar="KØRSEL", help="Nummeret på den import (kørsel), der skal fortrydes")
    db_arg(p)
    p.add_argument("--user", default=None, metavar="NAVN", help="Bruger, der registreres på fortrydelsen")
    json_arg(p)

    p = sub.add_parser("template", help="Skriv Excel-skabelonen")
    p.add_argument("--out", required=True, metavar="FIL", help="Hvor skabelonen skrives (.xlsx)")

    p = sub.add_parser(
        "indicators",
        help="Beregn indikatorer",
        epilog=_indicators_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    db_arg(p)
    p.add_argument("--strategy", default=None, metavar="ID", help="Strategi; giver også 'expected' og 'status'")
    p.add_argument(
        "--period", default=None, metavar="PERIODE", help="2025, 2025-H1, 2025-Q3 eller 2025-03 (standard: i år)"
    )
    p.add_argument("--by", default=None, metavar="DIMENSION", help="Opdel efter en dimension (se nedenfor)")
    p.add_argument("--indicator", nargs="+", default=None, metavar="ID", help="Kun disse indikatorer")
    p.add_argument(
        "--filter", action="append", default=[], metavar="DIMENSION=VÆRDI", help="Filtrér, fx køn=Kvinde (kan gentages)"
    )
    p.add_argument("--format", choices=["json", "csv"], default="json", help="Uddataformat (standard: json)")

    from reports.commands import add_parser as add_report

    add_report(sub)

    p = sub.add_parser("migrate", help="Flyt en database i det tidligere format (én DuckDB-fil) til lageret")
    p.add_argument(
        "--from", dest="source", default=None, metavar="FIL", help=f"Den gamle databasefil (standard: {settings.LEGACY_DB})"
    )
    p.add_argument(
        "--to", default=None, metavar="LAGER", help=f"Lageret, der flyttes til (standard: $PEJLING_STORE; nu {settings.store()})"
    )
    json_arg(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        if args.command in {"demo", "import", "history", "undo", "template", "migrate"}:
            from intake import commands as intake_commands

            return intake_commands.run(args)
        if args.command == "report":
            from reports import commands as report_commands

            return report_commands.run(args)
        from metrics import commands as metric_commands

        return metric_commands.run(args)
    except KeyboardInterrupt:
        sys.stderr.write("Afbrudt.\n")
        return 1
    except BrokenPipeError:
        # Output piped into e.g. `head`, which stopped reading: not an error for the user.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # the last guard: no traceback reaches a user
        from settings import SettingError
        from store.db import DatabaseLocked

        if isinstance(exc, SettingError):
            sys.stderr.write(f"Fejl: {exc}\n")
            return 2
        if isinstance(exc, DatabaseLocked):
            sys.stderr.write(f"{exc}\n")
        else:
            sys.stderr.write(f"Uventet fejl ({type(exc).__name__}). Intet er ændret i databasen.\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
