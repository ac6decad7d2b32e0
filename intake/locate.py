"""Find the extract's sheet and header row, map headers to contract columns, refuse identifiers and CPR numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

import settings
from intake.cpr import cpr_mask_series, mask_cpr
from intake.read import RawSheet, column_letter
from intake.result import ImportIssue, Refused
from schemas.columns import Extract, normalize_header

HEADER_SCAN_ROWS = 50
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


def _row_headers(frame: pd.DataFrame, i: int) -> list[tuple[int, str]]:
    row = frame.iloc[i]
    return [(int(pos), str(v)) for pos, v in row.items() if pd.notna(v)]


def _found(frame: pd.DataFrame, i: int, lookup: dict[str, str]) -> set[str]:
    """The contract columns whose headers stand in row i."""
    return {lookup[k] for _, v in _row_headers(frame, i) if (k := normalize_header(v)) in lookup}


def find_header(frame: pd.DataFrame, extract: Extract) -> int | None:
    """Index of the first row (within the first rows) that holds every required column, or None."""
    lookup = header_lookup(extract)
    needed = {c.name for c in extract.required_columns}
    for i in range(min(HEADER_SCAN_ROWS, len(frame))):
        if needed <= _found(frame, i, lookup):
            return i
    return None


def match_score(frame: pd.DataFrame, extract: Extract) -> tuple[bool, int]:
    """(all required columns found, number of contract columns found) for the best header candidate."""
    lookup = header_lookup(extract)
    needed = {c.name for c in extract.required_columns}
    best = (False, 0)
    for i in range(min(HEADER_SCAN_ROWS, len(frame))):
        found = _found(frame, i, lookup)
        best = max(best, (needed <= found, len(found)))
    return best


def _best_header_row(frame: pd.DataFrame, extract: Extract) -> int:
    lookup = header_lookup(extract)
    scores = [(len(_found(frame, i, lookup)), -i) for i in range(min(HEADER_SCAN_ROWS, len(frame)))]
    if not scores:
        return 0
    best = max(scores)
    if best[0] == 0:  # nothing matched: show the first non-empty row
        return next((i for i in range(len(scores)) if frame.iloc[i].notna().any()), 0)
    return -best[1]


def missing_columns_refusal(raw: RawSheet, extract: Extract) -> Refused:
    """The refusal for a sheet without the required columns: names them and lists the headers found."""
    lookup = header_lookup(extract)
    i = _best_header_row(raw.frame, extract) if len(raw.frame) else 0
    found_cells = _row_headers(raw.frame, i) if len(raw.frame) else []
    found = {lookup.get(normalize_header(v)) for _, v in found_cells}
    missing = [c.name for c in extract.required_columns if c.name not in found]
    shown = ", ".join(f"'{mask_cpr(v)}'" for _, v in found_cells) or "(ingen)"
    noun = "Kolonnen" if len(missing) == 1 else "Kolonnerne"
    verb = "mangler" if len(missing) == 1 else "mangler"
    names = ", ".join(f"'{m}'" for m in missing)
    return Refused(
        f"{noun} {names} {verb} i arket '{raw.name}' ({extract.title}). Fundne overskrifter: {shown}.", sheet=raw.name
    )


def _identifier_header(text: str) -> bool:
    words = [normalize_header(w) for w in re.split(r"[^0-9A-Za-zÆØÅæøåÉéÜü]+", text) if w]
    return any(w in IDENTIFIER_WORDS for w in words) or normalize_header(text) in IDENTIFIER_WORDS


def scan_cpr(raw: RawSheet, names: dict[int, str], header_i: int | None) -> list[ImportIssue]:
    """Every cell in the sheet holding a CPR-like number, masked (title rows and unknown columns too)."""
    issues: list[ImportIssue] = []
    for pos in raw.frame.columns:
        hits = cpr_mask_series(raw.frame[pos])
        if not hits.any():
            continue
        for idx in np.flatnonzero(hits.to_numpy()):
            in_data = header_i is not None and idx > header_i
            column = names.get(pos) if in_data else None
            column = column or column_letter(raw.first_col + int(pos))
            issues.append(
                ImportIssue(raw.name, int(raw.rows[idx]), column, mask_cpr(raw.frame[pos].iloc[idx]), CPR_MESSAGE)
            )
    issues.sort(key=lambda e: (e.row or 0, e.column or ""))
    return issues


def locate(raw: RawSheet, extract: Extract) -> Located:
    """Cut the sheet to its data rows under contract names; raise Refused on CPR, identifiers or missing columns."""
    frame = raw.frame
    header_i = find_header(frame, extract) if len(frame) else None
    header_names: dict[int, str] = {}
    if header_i is not None:
        header_names = {pos: v for pos, v in _row_headers(frame, header_i)}
    cpr_issues = scan_cpr(raw, header_names, header_i)
    if cpr_issues:
        n = len(cpr_issues)
        raise Refused(
            f"Filen afvises: {n} celle{'r' if n != 1 else ''} ligner CPR-numre. Fjern dem, og brug pseudonymer.",
            cpr_issues,
        )
    if header_i is None:
        raise missing_columns_refusal(raw, extract)
    identifiers = [v for v in header_names.values() if _identifier_header(v)]
    if identifiers:
        shown = ", ".join(f"'{v}'" for v in identifiers)
        raise Refused(
            f"Filen afvises: kolonnen {shown} ser ud til at indeholde direkte personoplysninger "
            "(CPR, navn, adresse, telefon eller e-mail). Slet kolonnen, og upload filen igen.",
            sheet=raw.name,
        )
    lookup = header_lookup(extract)
    mapping: dict[str, int] = {}
    warnings: list[str] = []
    for pos, text in header_names.items():
        name = lookup.get(normalize_header(text))
        if name is None:
            warnings.append(f"Kolonnen '{text}' i arket '{raw.name}' kendes ikke og bliver ikke gemt.")
        elif name in mapping:
            first = column_letter(raw.first_col + mapping[name])
            raise Refused(
                f"Kolonnen '{name}' findes to gange i arket '{raw.name}' "
                f"(kolonne {first} og {column_letter(raw.first_col + pos)}). Slet den ene.",
                sheet=raw.name,
            )
        else:
            mapping[name] = pos
    body = frame.iloc[header_i + 1 :]
    rows = raw.rows[header_i + 1 :]
    keep = body.notna().any(axis=1).to_numpy()
    if not keep.all():  # avoid copying every column when there are no blank rows
        body, rows = body[keep], rows[keep]
    for pos in body.columns[body.notna().any(axis=0).to_numpy()]:
        if pos not in header_names:
            letter = column_letter(raw.first_col + int(pos))
            warnings.append(
                f"Kolonne {letter} i arket '{raw.name}' har data, men ingen overskrift, og bliver ikke gemt."
            )
    if len(body) == 0:
        raise Refused(f"Arket '{raw.name}' har ingen datarækker under overskrifterne.", sheet=raw.name)
    max_rows = int(settings.get("max_rows"))
    if len(body) > max_rows:
        raise Refused(
            f"Filen har {len(body)} rækker; højst {max_rows} er tilladt pr. fil. Del filen op.", sheet=raw.name
        )
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
    )
