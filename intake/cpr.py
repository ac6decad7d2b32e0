"""Detect values that look like Danish CPR numbers (DDMMYY-SSSS / DDMMYYSSSS on a valid date) and mask them."""

from __future__ import annotations

import calendar
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

_CPR = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})-?(\d{4})(?!\d)")
# RE2 (pyarrow) has no look-behind: a coarse prefilter (any 10-digit shape), confirmed by `_CPR` on the few hits.
_PREFILTER = r"[0-9]{6}-?[0-9]{4}"


def _valid_date(dd: int, mm: int, yy: int) -> bool:
    if not 1 <= mm <= 12 or dd < 1:
        return False
    # Either century counts: 29 Feb is valid if 19YY or 20YY is a leap year.
    days = max(calendar.monthrange(1900 + yy, mm)[1], calendar.monthrange(2000 + yy, mm)[1])
    return dd <= days


def find_cpr(text: object) -> list[str]:
    """Return the CPR-like numbers in a text (as written)."""
    if text is None:
        return []
    out = []
    for m in _CPR.finditer(str(text)):
        if _valid_date(int(m.group(1)), int(m.group(2)), int(m.group(3))):
            out.append(m.group(0))
    return out


def looks_like_cpr(text: object) -> bool:
    """True when the text contains a CPR-like number."""
    return bool(find_cpr(text))


def mask_cpr(text: object) -> str:
    """Replace every CPR-like number in a text by `DDMMYY-****`."""

    def _mask(m: re.Match) -> str:
        if _valid_date(int(m.group(1)), int(m.group(2)), int(m.group(3))):
            return f"{m.group(1)}{m.group(2)}{m.group(3)}-****"
        return m.group(0)

    return _CPR.sub(_mask, "" if text is None else str(text))


def cpr_mask_series(values: pd.Series) -> pd.Series:
    """Vectorised: a boolean Series, True where the cell holds a CPR-like number (each distinct value checked once)."""
    codes, uniques = pd.factorize(values)
    if len(uniques) == 0:
        return pd.Series(False, index=values.index)
    arr = pa.array(np.asarray(uniques, dtype=object), type=pa.large_string(), from_pandas=True)
    coarse = pc.fill_null(pc.match_substring_regex(arr, _PREFILTER), False).to_numpy(zero_copy_only=False)
    hit = np.zeros(len(uniques) + 1, dtype=bool)  # the extra slot is for missing cells (code -1)
    for i in np.flatnonzero(coarse):
        hit[i] = looks_like_cpr(uniques[i])
    return pd.Series(hit[codes], index=values.index)
