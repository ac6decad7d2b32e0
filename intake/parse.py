"""Turn text columns into typed columns, vectorised over unique values; report cells that cannot be read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from schemas.columns import Column, Kind
from schemas.extracts import LIKERT_MISSING, LIKERT_TEXT

YES = {"ja", "j", "1", "x", "true", "sand", "yes", "y"}
NO = {"nej", "n", "0", "false", "falsk", "no"}

_INT = r"[+-]?\d{1,9}(?:[.,]0+)?"
_ISO = r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DMY = r"(\d{1,2})([-./])(\d{1,2})([-./])(\d{4})"


@dataclass
class Parsed:
    """A typed column and the positions whose text could not be read, with the Danish reason."""

    values: pd.Series
    bad: np.ndarray  # boolean, by position
    reason: str = ""


def _by_unique(s: pd.Series, fn: Callable[[pd.Series], tuple[pd.Series, np.ndarray]], dtype: str) -> Parsed:
    """Parse the distinct values once and spread the result back over the rows."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    uniq = pd.Series(np.asarray(uniques, dtype=object), dtype="str")
    if len(uniq):
        vals, bad = fn(uniq)
        vals = pd.Series(vals).astype(dtype).reset_index(drop=True)
    else:
        vals, bad = pd.Series([], dtype=dtype), np.zeros(0, dtype=bool)
    missing = codes < 0
    take = np.where(missing, 0, codes)
    if len(uniq):
        out = vals.take(take).reset_index(drop=True)
        out[missing] = pd.NA
        bad_rows = np.asarray(bad, dtype=bool)[take] & ~missing
    else:
        out = pd.Series(pd.array([pd.NA] * len(s), dtype=dtype))
        bad_rows = np.zeros(len(s), dtype=bool)
    out.index = s.index
    return Parsed(out, bad_rows)


def _integers(u: pd.Series) -> tuple[pd.Series, np.ndarray]:
    ok = u.str.fullmatch(_INT).fillna(False).to_numpy(dtype=bool)
    num = u.where(ok).str.replace(r"[.,]0+$", "", regex=True).str.lstrip("+")
    return pd.to_numeric(num, errors="coerce").astype("Int64"), ~ok


def _dates(u: pd.Series) -> tuple[pd.Series, np.ndarray]:
    iso = u.str.extract(f"^{_ISO}$")
    dmy = u.str.extract(f"^{_DMY}$")
    same_sep = dmy[1] == dmy[3]
    year = iso[0].fillna(dmy[4].where(same_sep))
    month = iso[1].fillna(dmy[2].where(same_sep))
    day = iso[2].fillna(dmy[0].where(same_sep))
    parts = pd.DataFrame(
        {
            "year": pd.to_numeric(year, errors="coerce"),
            "month": pd.to_numeric(month, errors="coerce"),
            "day": pd.to_numeric(day, errors="coerce"),
        }
    )
    dates = pd.to_datetime(parts, errors="coerce")
    return dates, dates.isna().to_numpy()


def _yes_no(u: pd.Series) -> tuple[pd.Series, np.ndarray]:
    low = u.str.lower().str.replace(r"\.0+$", "", regex=True)
    yes = low.isin(YES).to_numpy()
    known = yes | low.isin(NO).to_numpy()
    return pd.Series(yes, dtype="boolean").where(known), ~known


def _likert(u: pd.Series) -> tuple[pd.Series, np.ndarray]:
    low = u.str.lower().str.strip()
    num = pd.to_numeric(low.where(low.str.fullmatch(r"[1-5](?:[.,]0+)?")).str.slice(0, 1), errors="coerce")
    text = low.map(LIKERT_TEXT)
    vals = num.fillna(text)
    missing = low.isin(LIKERT_MISSING).to_numpy()
    bad = vals.isna().to_numpy() & ~missing
    return vals.astype("Int64"), bad


def category_lookup(column: Column, names: tuple[str, ...] | None = None) -> dict[str, str]:
    """Map lower-cased names and aliases of a category column to the canonical name."""
    cats = names if names is not None else column.categories
    lookup = {c.strip().lower(): c for c in cats}
    for alias, target in column.alias_map:
        lookup[alias.strip().lower()] = target
    return lookup


def _category(u: pd.Series, lookup: dict[str, str]) -> tuple[pd.Series, np.ndarray]:
    low = u.str.lower().str.split().str.join(" ")
    mapped = low.map(lookup)
    # Unknown values stay as written: the Pandera schema reports them with a suggestion.
    return mapped.fillna(u), np.zeros(len(u), dtype=bool)


def _category_list(u: pd.Series, lookup: dict[str, str], order: dict[str, int]) -> tuple[pd.Series, np.ndarray]:
    out = []
    for cell in u:
        parts = [p.strip() for p in str(cell).split(";") if p.strip()]
        canon = [lookup.get(" ".join(p.lower().split()), p) for p in parts]
        canon = sorted(dict.fromkeys(canon), key=lambda c: order.get(c, len(order)))
        out.append(";".join(canon))
    return pd.Series(out, dtype="str"), np.zeros(len(u), dtype=bool)


def parse_column(s: pd.Series, column: Column, names: tuple[str, ...] | None = None) -> Parsed:
    """Parse one text column by its kind; `names` overrides the categories (the stored catalogue)."""
    kind = column.kind
    if kind == Kind.INTEGER:
        p = _by_unique(s, _integers, "Int64")
        p.reason = "er ikke et heltal"
    elif kind == Kind.DATE:
        p = _by_unique(s, _dates, "datetime64[ns]")
        p.reason = "er ikke en gyldig dato (brug fx 23.11.2026 eller 2026-11-23)"
    elif kind == Kind.YES_NO:
        present = s.dropna().str.lower()
        x_style = len(present) > 0 and bool(present.isin({"x"}).all())
        p = _by_unique(s, _yes_no, "boolean")
        if x_style:  # a column of crosses: an empty cell means no
            p.values = p.values.fillna(False)
        p.reason = "skal være Ja eller Nej (eller J/N, 1/0, x/tom)"
    elif kind == Kind.LIKERT:
        p = _by_unique(s, _likert, "Int64")
        p.reason = "skal være 1-5 eller Helt uenig, Uenig, Hverken enig eller uenig, Enig, Helt enig (tom eller Ved ikke = ikke besvaret)"
    elif kind == Kind.CATEGORY:
        lookup = category_lookup(column, names)
        p = _by_unique(s, lambda u: _category(u, lookup), "str")
    elif kind == Kind.CATEGORY_LIST:
        lookup = category_lookup(column, names)
        order = {c: i for i, c in enumerate(names if names is not None else column.categories)}
        p = _by_unique(s, lambda u: _category_list(u, lookup, order), "str")
        if column.required:
            p.values = p.values.fillna("")
    else:
        p = Parsed(s.astype("str"), np.zeros(len(s), dtype=bool))
    return p
