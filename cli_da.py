"""A Danish argparse: the library's own messages (usage, help, errors) translated for the command line.

argparse looks its texts up through the module-level `_` and `ngettext` (gettext). `DanishParser`
swaps in a Danish catalogue while it builds itself, parses and formats, so every message a user
sees is Danish. A text missing from the catalogue falls back to English; `tests/intake/test_cli.py`
checks the messages users meet.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator

# argparse's msgids (Python 3.11-3.13) -> Danish.
CATALOGUE: dict[str, str] = {
    "usage: ": "brug: ",
    "positional arguments": "argumenter",
    "options": "tilvalg",
    "subcommands": "kommandoer",
    "show this help message and exit": "vis denne hjælp og afslut",
    "show program's version number and exit": "vis programmets version og afslut",
    " (default: %(default)s)": " (standard: %(default)s)",
    "%(heading)s:": "%(heading)s:",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fejl: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: advarsel: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumentet %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "tvetydigt tilvalg: %(option)s kan betyde %(matches)s",
    "expected one argument": "forventede én værdi",
    "expected at most one argument": "forventede højst én værdi",
    "expected at least one argument": "forventede mindst én værdi",
    "ignored explicit argument %r": "værdien %r ignoreres",
    "invalid %(type)s value: %(value)r": "ugyldig værdi: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "ugyldigt valg: %(value)r (vælg en af %(choices)s)",
    "not allowed with argument %s": "kan ikke bruges sammen med %s",
    "one of the arguments %s is required": "et af argumenterne %s skal angives",
    "the following arguments are required: %s": "følgende argumenter mangler: %s",
    "unrecognized arguments: %s": "ukendte argumenter: %s",
    "unexpected option string: %s": "uventet tilvalg: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "ukendt kommando %(parser_name)r (vælg en af %(choices)s)",
    "can't open '%(filename)s': %(error)s": "kan ikke åbne '%(filename)s': %(error)s",
    "option '%(option)s' is deprecated": "tilvalget '%(option)s' udgår",
    "argument '%(argument_name)s' is deprecated": "argumentet '%(argument_name)s' udgår",
    "command '%(parser_name)s' is deprecated": "kommandoen '%(parser_name)s' udgår",
}
PLURALS: dict[str, tuple[str, str]] = {
    "expected %s argument": ("forventede %s værdi", "forventede %s værdier"),
}


def gettext_da(message: str) -> str:
    """The Danish text of an argparse message (the English one when it is not in the catalogue)."""
    return CATALOGUE.get(message, message)


def ngettext_da(singular: str, plural: str, n: int) -> str:
    """The Danish singular or plural of an argparse message."""
    one, many = PLURALS.get(singular, (singular, plural))
    return one if n == 1 else many


@contextlib.contextmanager
def danish() -> Iterator[None]:
    """Let argparse speak Danish inside the block (restores the originals afterwards)."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = gettext_da, ngettext_da
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


class DanishParser(argparse.ArgumentParser):
    """An ArgumentParser whose own texts are Danish; usage errors print usage and a Danish line and exit 2."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: D107
        with danish():
            super().__init__(*args, **kwargs)

    def parse_args(self, args=None, namespace=None):  # noqa: D102
        with danish():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args=None, namespace=None):  # noqa: D102
        with danish():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:  # noqa: D102
        with danish():
            return super().format_usage()

    def format_help(self) -> str:  # noqa: D102
        with danish():
            return super().format_help()

    def error(self, message: str) -> None:  # noqa: D102
        self.print_usage(sys.stderr)
        sys.stderr.write(f"Fejl i kommandoen: {message}\n")
        sys.exit(2)


def add_store_argument(parser: argparse.ArgumentParser) -> None:
    """The --db option every command that uses the store shares (one Danish help text)."""
    import settings

    parser.add_argument(
        "--db",
        default=None,
        metavar="LAGER",
        help="Lageret: en mappe (et lokalt lager) eller en databasefil i det tidligere "
        f"format (standard: $PEJLING_DB, ellers $PEJLING_STORE; nu {settings.store()})",
    )
