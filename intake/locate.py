"""Find the extract's sheet and header row, map headers to contract columns, refuse identifiers and CPR numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from intake import limits
from intake.cpr import cpr_mask_series, mask_cpr
from intake.limits import HEADER_SCAN_ROWS
from intake.read import RawSheet, column_letter
from intake.result import ImportIssue, Refused
from schemas.columns import Extract, normalize_header
from textsafe import safe

__all__ = ["HEADER_SCAN_ROWS", "Located", "find_header", "header_lookup", "locate", "match_score"]
IDENTIFIER_WORDS = {
    "cpr",
    "cprnr",
    "cprnummer",
    "personnummer",
    "personnr",
    "navn",
    "fornavn",
    "efternavn",
    "adresse",
    "telefon",
    "telefonnummer",
    "tlf",
    "mobil",
    "email",
    "mail",
}
CPR_MESSAGE = "Cellen ligner et CPR-nummer. Filer med CPR-numre afvises; brug borgerens pseudonym (borger_id)."


@dataclass
class Located:
    """The extract's rows as text: contract-named columns, Excel row numbers, warnings."""

    extract: Extract
    sheet: str
    frame: pd.DataFrame  # contract names; every contract column present (NA when absent from the file)
    rows: np.ndarray
    present: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    columns_in_file: dict[str, int] = field(default_factory=dict)  # contract name → positional column
    header_row: int = 1
    cpr_issues: list[ImportIssue] = field(default_factory=list)  # masked CPR-like cells: the file is refused


def header_keys(name: str) -> set[str]:
    """Normalised spellings accepted for a contract column's header (also without æ/ø/å)."""
    plain = name.replace("ø", "o").replace("å", "a").replace("Ø", "O").replace("Å", "A")
    return {normalize_header(name), normalize_header(plain)}


def header_lookup(extract: Extract) -> dict[str, str]:
    """Map every accepted normalised header spelling to its contract column name."""
    out: dict[str, str] = {}
    for col in extract.columns:
        for key in header_keys(col.name):
            out[key] = col.name
    return out


_HEADER_CHARS = 200  # a header longer than this names no contract column; never normalise a megabyte


def _row_headers(frame: pd.DataFrame, i: int) -> list[tuple[int, str]]:
    """The non-empty cells of row i as (position, text), read from the row's values in one go."""
    values = frame.iloc[i].to_numpy(dtype=object, na_value=None)
    return [(int(frame.columns[j]), str(values[j])) for j in np.flatnonzero(pd.notna(values))]


def _header_rows(frame: pd.DataFrame, lookup: dict[str, str], first: int = 0, last: int | None = None) -> list[set[str]]:
    """The contract columns named in each of rows first..last-1 (default: the header rows searched).

    One pass over the block's cells; each distinct text is normalised once, so the cost is linear in cells.
    """
    last = min(HEADER_SCAN_ROWS if last is None else last, len(frame))
    if last <= first:
        return []
    block = frame.iloc[first:last].to_numpy(dtype=object, na_value=None)
    names: dict[object, str | None] = {}
    out: list[set[str]] = []
    for row in block:
        found: set[str] = set()
        for v in row[pd.notna(row)]:
            if v not in names:
                names[v] = lookup.get(normalize_header(str(v)[:_HEADER_CHARS]))
            if names[v] is not None:
                found.add(names[v])
        out.append(found)
    return out


def find_header(frame: pd.DataFrame, extract: Extract) -> int | None:
    """Index of the first row (within the first rows) that holds every required column, or None."""
    needed = {c.name for c in extract.required_columns}
    return next((i for i, found in enumerate(_header_rows(frame, header_lookup(extract))) if needed <= found), None)


def match_score(frame: pd.DataFrame, extract: Extract) -> tuple[bool, int]:
    """(all required columns found, number of contract columns found) for the best header candidate."""
    needed = {c.name for c in extract.required_columns}
    return max(((needed <= f, len(f)) for f in _header_rows(frame, header_lookup(extract))), default=(False, 0))


def _best_header_row(frame: pd.DataFrame, extract: Extract) -> int:
    scores = [(len(f), -i) for i, f in enumerate(_header_rows(frame, header_lookup(extract)))]
    if not scores:
        return 0
    best = max(scores)
    if best[0] == 0:  # nothing matched: show the first non-empty row
        return next((i for i in range(len(scores)) if frame.iloc[i].notna().any()), 0)
    return -best[1]


HEADER_SEARCH_BEYOND = 2_000  # rows searched past the limit, only to tell where a misplaced header stands


def _header_below_limit(frame: pd.DataFrame, extract: Extract) -> int | None:
    """The row index of a complete header standing below the rows searched (for the message), or None."""
    needed = {c.name for c in extract.required_columns}
    rows = _header_rows(frame, header_lookup(extract), HEADER_SCAN_ROWS, HEADER_SCAN_ROWS + HEADER_SEARCH_BEYOND)
    return next((HEADER_SCAN_ROWS + i for i, found in enumerate(rows) if needed <= found), None)


def _shown_list(values: list[str], limit: int = 5) -> str:
    """At most `limit` quoted, safe values, then how many more: `'a', 'b' og 3 flere`."""
    shown = ", ".join(f"'{safe(mask_cpr(v), 60)}'" for v in values[:limit])
    return f"{shown} og {len(values) - limit} flere" if len(values) > limit else shown


def missing_columns_refusal(raw: RawSheet, extract: Extract, extra: list[ImportIssue] | None = None) -> Refused:
    """The refusal for a sheet without the required columns: names them, lists the headers found, says where."""
    lookup = header_lookup(extract)
    i = _best_header_row(raw.frame, extract) if len(raw.frame) else 0
    found_cells = _row_headers(raw.frame, i) if len(raw.frame) else []
    found = {lookup.get(normalize_header(v[:_HEADER_CHARS])) for _, v in found_cells}
    missing = [c.name for c in extract.required_columns if c.name not in found]
    shown = _shown_list([v for _, v in found_cells], 10) or "(ingen)"
    noun = "Kolonnen" if len(missing) == 1 else "Kolonnerne"
    names = ", ".join(f"'{m}'" for m in missing)
    sheet = safe(raw.name, 60)
    where = f"Overskriftsrækken skal stå i en af de første {HEADER_SCAN_ROWS} rækker."
    below = _header_below_limit(raw.frame, extract) if len(raw.frame) > HEADER_SCAN_ROWS else None
    if below is not None:
        row = int(raw.rows[below])
        message = (
            f"Overskrifterne står i række {row}, men {where[0].lower()}{where[1:]} "
            f"Slet rækkerne over overskrifterne i arket '{sheet}', og upload filen igen."
        )
    else:
        message = (
            f"{noun} {names} mangler i arket '{sheet}' ({extract.title}). Fundne overskrifter: {shown}. {where}"
        )
    return Refused(message, sheet=raw.name, before=extra)


def _identifier_header(text: str) -> bool:
    words = [normalize_header(w) for w in re.split(r"[^0-9A-Za-zÆØÅæøåÉéÜü]+", text) if w]
    return any(w in IDENTIFIER_WORDS for w in words) or normalize_header(text) in IDENTIFIER_WORDS


def scan_cpr(raw: RawSheet, names: dict[int, str], header_i: int | None) -> list[ImportIssue]:
    """Every cell in the sheet holding a CPR-like number, masked (title rows and unknown columns too).

    The cells are masked in `raw.frame` as well, so that the number goes no further than this function.
    """
    issues: list[ImportIssue] = []
    for pos in raw.frame.columns:
        col = raw.frame[pos]
        hits = cpr_mask_series(col)
        if not hits.any():
            continue
        masked = col[hits].map(mask_cpr)
        raw.frame[pos] = col.mask(hits, masked)
        for idx in np.flatnonzero(hits.to_numpy()):
            in_data = header_i is not None and idx > header_i
            column = names.get(pos) if in_data else None
            column = column or column_letter(raw.first_col + int(pos))
            issues.append(ImportIssue(raw.name, int(raw.rows[idx]), column, safe(masked.loc[idx]), CPR_MESSAGE))
    issues.sort(key=lambda e: (e.row or 0, e.column or ""))
    return issues


def cpr_summary(n: int) -> str:
    """The one-line summary of a refusal for CPR numbers."""
    return f"Filen afvises: {n} celle{'r' if n != 1 else ''} ligner CPR-numre. Fjern dem, og brug pseudonymer."


def locate(raw: RawSheet, extract: Extract) -> Located:
    """Cut the sheet to its data rows under contract names; raise Refused on identifiers or missing columns.

    CPR-like cells are masked and returned as issues (`Located.cpr_issues`) beside the other errors, so the
    analyst sees every error in one round; a file with any of them is refused all the same.
    """
    frame = raw.frame
    header_i = find_header(frame, extract) if len(frame) else None
    header_names: dict[int, str] = {}
    lookup = header_lookup(extract)
    if header_i is not None:
        header_names = {pos: v for pos, v in _row_headers(frame, header_i)}
    contract_names = {p: lookup.get(normalize_header(v[:_HEADER_CHARS])) or v for p, v in header_names.items()}
    cpr_issues = scan_cpr(raw, contract_names, header_i)
    frame = raw.frame
    if header_i is None:
        raise missing_columns_refusal(raw, extract, cpr_issues)
    header_names = {pos: v for pos, v in _row_headers(frame, header_i)}  # masked, if a header held a CPR number
    identifiers = [v for v in header_names.values() if _identifier_header(v[:_HEADER_CHARS])]
    if identifiers:
        raise Refused(
            f"Filen afvises: kolonnen {_shown_list(identifiers)} ser ud til at indeholde direkte personoplysninger "
            "(CPR, navn, adresse, telefon eller e-mail). Slet kolonnen, og upload filen igen.",
            sheet=raw.name,
            before=cpr_issues,
        )
    mapping: dict[str, int] = {}
    warnings: list[str] = []
    sheet = safe(raw.name, 60)
    unknown: list[str] = []
    for pos, text in header_names.items():
        name = lookup.get(normalize_header(text[:_HEADER_CHARS]))
        if name is None:
            unknown.append(text)
        elif name in mapping:
            first = column_letter(raw.first_col + mapping[name])
            raise Refused(
                f"Kolonnen '{name}' findes to gange i arket '{sheet}' "
                f"(kolonne {first} og {column_letter(raw.first_col + pos)}). Slet den ene.",
                sheet=raw.name,
                before=cpr_issues,
            )
        else:
            mapping[name] = pos
    if unknown:
        noun = "Kolonnen" if len(unknown) == 1 else f"{len(unknown)} kolonner"
        verb = "kendes" if len(unknown) == 1 else "kendes"
        warnings.append(f"{noun} {_shown_list(unknown)} i arket '{sheet}' {verb} ikke og bliver ikke gemt.")
    body = frame.iloc[header_i + 1 :]
    rows = raw.rows[header_i + 1 :]
    keep = body.notna().any(axis=1).to_numpy()
    if not keep.all():  # avoid copying every column when there are no blank rows
        body, rows = body[keep], rows[keep]
    unnamed = [
        column_letter(raw.first_col + int(pos))
        for pos in body.columns[body.notna().any(axis=0).to_numpy()]
        if pos not in header_names
    ]
    if unnamed:
        what = f"Kolonne {unnamed[0]}" if len(unnamed) == 1 else f"{len(unnamed)} kolonner ({_shown_list(unnamed)})"
        verb = "har" if len(unnamed) == 1 else "har"
        warnings.append(f"{what} i arket '{sheet}' {verb} data, men ingen overskrift, og bliver ikke gemt.")
    if len(body) == 0:
        raise Refused(
            f"Arket '{sheet}' har ingen datarækker under overskrifterne.",
            sheet=raw.name,
            before=cpr_issues,
        )
    if len(body) > limits.max_rows():
        raise limits.too_many_rows(len(body))
    data = {}
    for col in extract.columns:
        if col.name in mapping:
            data[col.name] = body[mapping[col.name]].reset_index(drop=True)
        else:
            data[col.name] = pd.Series(pd.NA, index=range(len(body)), dtype="str")
    located = pd.DataFrame(data)
    return Located(
        extract,
        raw.name,
        located,
        rows,
        set(mapping),
        warnings,
        mapping,
        int(raw.rows[header_i]) if len(raw.rows) else 1,
        cpr_issues,
    )
