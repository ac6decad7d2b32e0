"""From uploaded bytes to validated, typed rows: detect, read, locate, validate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from intake.locate import Located, locate, match_score, missing_columns_refusal
from intake.read import RawSheet, Workbook, read_csv
from intake.result import ImportIssue, Refused
from intake.sniff import detect_format
from intake.validate import validate
from schemas.columns import Extract, normalize_header

Progress = Callable[[float, str], None]


@dataclass
class Prepared:
    """A read and validated upload."""

    located: Located
    typed: pd.DataFrame
    errors: list[ImportIssue]
    format: str
    warnings: list[str] = field(default_factory=list)


def _choose(
    fmt: str, data: bytes, filename: str, candidates: tuple[Extract, ...], wanted: Extract | None
) -> tuple[RawSheet, Extract]:
    """Pick the sheet and the extract: by sheet name, the single sheet, or the columns."""
    if fmt == "csv":
        raw = read_csv(data, name=filename.rsplit("/", 1)[-1] or "CSV")
        return raw, wanted or _by_columns(raw, candidates)
    book = Workbook(data)
    names = {normalize_header(n): n for n in book.sheet_names}
    if wanted is not None:
        sheet = names.get(normalize_header(wanted.sheet))
        if sheet is None and len(book.sheet_names) == 1:
            sheet = book.sheet_names[0]
        if sheet is None:
            sheet = _sheet_by_columns(book, [wanted])
        if sheet is None:
            found = ", ".join(f"'{n}'" for n in book.sheet_names)
            raise Refused(f"Arket '{wanted.sheet}' findes ikke i filen. Fundne ark: {found}.")
        return book.read(sheet), wanted
    by_name = [(names[normalize_header(e.sheet)], e) for e in candidates if normalize_header(e.sheet) in names]
    if len(by_name) > 1:  # e.g. the full template: take the extract sheets that hold data rows
        with_data = [(s, e) for s, e in by_name if _has_rows(book.read(s, n_rows=60), e)]
        by_name = with_data if with_data else by_name[:1]
        if len(by_name) > 1:
            shown = ", ".join(f"'{s}'" for s, _ in by_name)
            raise Refused(f"Filen har data i flere ark ({shown}). Upload ét udtræk ad gangen, eller vælg udtrækstype.")
    if by_name:
        sheet, extract = by_name[0]
        return book.read(sheet), extract
    if len(book.sheet_names) == 1:
        raw = book.read(book.sheet_names[0])
        return raw, _by_columns(raw, candidates)
    sheet = _sheet_by_columns(book, list(candidates))
    if sheet is None:
        found = ", ".join(f"'{n}'" for n in book.sheet_names)
        wanted_names = ", ".join(f"'{e.sheet}'" for e in candidates)
        raise Refused(f"Ingen ark i filen ligner et udtræk ({wanted_names}). Fundne ark: {found}.")
    raw = book.read(sheet)
    return raw, _by_columns(raw, candidates)


def _has_rows(raw: RawSheet, extract: Extract) -> bool:
    from intake.locate import find_header

    i = find_header(raw.frame, extract)
    return i is not None and bool(raw.frame.iloc[i + 1 :].notna().any(axis=1).any())


def _sheet_by_columns(book: Workbook, extracts: list[Extract]) -> str | None:
    hits = [n for n in book.sheet_names if any(match_score(book.read(n, n_rows=60).frame, e)[0] for e in extracts)]
    return hits[0] if len(hits) == 1 else None


def _by_columns(raw: RawSheet, candidates: tuple[Extract, ...]) -> Extract:
    scores = [(match_score(raw.frame, e), -i, e) for i, e in enumerate(candidates)]
    (complete, _), _, best = max(scores, key=lambda t: (t[0], t[1]))
    if not complete:
        refusal = missing_columns_refusal(raw, best)
        refusal.extract = best.id
        raise refusal
    return best


def prepare(
    data: bytes,
    filename: str,
    candidates: tuple[Extract, ...],
    wanted: Extract | None,
    today: dt.date,
    catalogue: tuple[str, ...] | None = None,
    con: duckdb.DuckDBPyConnection | None = None,
    progress: Progress | None = None,
) -> Prepared:
    """Read and validate an upload; raise Refused when the file as a whole cannot be taken."""
    report = progress or (lambda _f, _t: None)
    report(0.05, "Kontrollerer filen")
    fmt = detect_format(data, filename)
    report(0.15, "Læser filen")
    raw, extract = _choose(fmt, data, filename, candidates, wanted)
    report(0.4, "Finder kolonner og kontrollerer for CPR-numre")
    try:
        located = locate(raw, extract)
    except Refused as refusal:
        refusal.extract = extract.id
        raise
    report(0.55, "Validerer rækkerne")
    typed, errors = validate(located, today, catalogue, con)
    if located.cpr_issues:  # every error in one round: the masked CPR cells first in their rows, the file refused
        cpr_cells = {(e.row, e.column) for e in located.cpr_issues}
        rest = [e for e in errors if (e.row, e.column) not in cpr_cells]
        errors = sorted([*located.cpr_issues, *rest], key=lambda e: (e.row or 0, e not in located.cpr_issues))
    return Prepared(located, typed, errors, fmt, list(located.warnings))
