"""Unit queries of the survey indicators (Borgeroplevelse extract): one row per counted answer."""

from __future__ import annotations

_WHO5 = " AND ".join(f"who5_{i} IS NOT NULL" for i in range(1, 6))
_WHO5_SCORE = "4 * (" + " + ".join(f"who5_{i}" for i in range(1, 6)) + ")"
_ENSOM = " AND ".join(f"ensom_{i} IS NOT NULL" for i in range(1, 4))
_ENSOM_SUM = "(" + " + ".join(f"ensom_{i}" for i in range(1, 4)) + ")"


def agree(column: str) -> str:
    """Answers with a non-missing Likert item; numerator: agree (4 or 5)."""
    return (
        f"SELECT *, {column} >= 4 AS num, NULL::DOUBLE AS val, NULL::DOUBLE AS wait FROM ans WHERE {column} IS NOT NULL"
    )


WHO5_MEAN = f"SELECT *, NULL::BOOLEAN AS num, {_WHO5_SCORE}::DOUBLE AS val, NULL::DOUBLE AS wait FROM ans WHERE {_WHO5}"
LAV_TRIVSEL = f"SELECT *, {_WHO5_SCORE} <= 50 AS num, NULL::DOUBLE AS val, NULL::DOUBLE AS wait FROM ans WHERE {_WHO5}"
ENSOMHED = f"SELECT *, {_ENSOM_SUM} >= 7 AS num, NULL::DOUBLE AS val, NULL::DOUBLE AS wait FROM ans WHERE {_ENSOM}"
WHO5_SCORE = _WHO5_SCORE
WHO5_COMPLETE = _WHO5
