"""The target population: age at period end, the pension-age table and the age bands (INDICATORS.md)."""

from __future__ import annotations

# State pension age by birth year: (last birth year of the row, pension age); the last row covers every later year.
PENSION_AGE: tuple[tuple[int, int], ...] = (
    (1953, 65),
    (1954, 66),
    (1962, 67),
    (1966, 68),
    (1970, 69),
    (9999, 70),
)
MIN_AGE = 16

AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("16-17", 16, 17),
    ("18-24", 18, 24),
    ("25-29", 25, 29),
    ("30-39", 30, 39),
    ("40-49", 40, 49),
    ("50-59", 50, 59),
    ("60+", 60, None),
)
UNDER30 = ("Under 30", "30 og derover")
UNKNOWN = "Uoplyst"


def pension_age(birth_year: int) -> int:
    """Return the state pension age for a birth year."""
    for last_year, age in PENSION_AGE:
        if birth_year <= last_year:
            return age
    return PENSION_AGE[-1][1]


def pension_age_sql(birth_col: str) -> str:
    """SQL CASE expression giving the pension age for the birth-year column."""
    whens = " ".join(f"WHEN {birth_col} <= {last} THEN {age}" for last, age in PENSION_AGE[:-1])
    return f"(CASE {whens} ELSE {PENSION_AGE[-1][1]} END)"


def in_range_sql(birth_col: str, age_col: str) -> str:
    """SQL predicate: the age is in the target range (16 up to, not including, the pension age)."""
    return f"({age_col} >= {MIN_AGE} AND {age_col} < {pension_age_sql(birth_col)})"


def bucket_whens_sql(expr: str, buckets: tuple[tuple[str, int, int | None], ...]) -> str:
    """The WHEN clauses mapping a number to the label of its (label, low, high) bucket; high None = open."""
    return " ".join(
        f"WHEN {expr} <= {hi} THEN '{label}'" if hi is not None else f"WHEN {expr} >= {lo} THEN '{label}'"
        for label, lo, hi in buckets
    )


def age_band_sql(age_col: str) -> str:
    """SQL expression mapping an age to its band label (NULL age gives 'Uoplyst')."""
    return f"(CASE WHEN {age_col} IS NULL THEN '{UNKNOWN}' {bucket_whens_sql(age_col, AGE_BANDS)} ELSE '{UNKNOWN}' END)"


def under30_sql(age_col: str) -> str:
    """SQL expression mapping an age to 'Under 30' or '30 og derover' (NULL age gives 'Uoplyst')."""
    return (
        f"(CASE WHEN {age_col} IS NULL THEN '{UNKNOWN}' WHEN {age_col} < 30 THEN '{UNDER30[0]}' "
        f"ELSE '{UNDER30[1]}' END)"
    )
