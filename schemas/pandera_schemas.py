"""Pandera schemas generated from the extract definitions; they validate the typed rows of an upload."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import numpy as np
import pandas as pd
import pandera.pandas as pa

from schemas.catalogue import KATALOG
from schemas.columns import Column, Extract, Kind
from schemas.extracts import EXTRACTS

ID_PATTERN = r"^[0-9A-Za-zÆØÅæøå_-]{4,64}$"
MSG_REQUIRED = "skal udfyldes"
MSG_ID = "skal være 4-64 tegn: bogstaver, tal, - og _"
MSG_CATEGORY = "findes ikke blandt de tilladte værdier"
MSG_CATEGORY_LIST = "indeholder en værdi, der ikke findes blandt de tilladte"
MSG_NOT_AFTER_UPLOAD = "ligger efter uploaddatoen"

_DTYPES = {Kind.INTEGER: "Int64", Kind.LIKERT: "Int64", Kind.DATE: "datetime64[ns]", Kind.YES_NO: "boolean"}


def _danish_date(value: dt.date) -> str:
    return value.strftime("%d.%m.%Y")


def column_names(column: Column, catalogue: tuple[str, ...] | None) -> tuple[str, ...]:
    """The allowed values of a category column (`indsats` takes the stored catalogue when given)."""
    if column.name == "indsats" and catalogue is not None:
        return catalogue
    return column.categories


def _list_check(allowed: frozenset[str]) -> pa.Check:
    def _ok(s: pd.Series) -> pd.Series:
        codes, uniques = pd.factorize(s)
        good = np.array([all(p in allowed for p in str(u).split(";") if p) for u in uniques] + [True], dtype=bool)
        return pd.Series(good[codes], index=s.index)

    return pa.Check(_ok, error=MSG_CATEGORY_LIST, ignore_na=True)


def _checks(column: Column, today: dt.date, catalogue: tuple[str, ...] | None) -> list[pa.Check]:
    checks: list[pa.Check] = []
    if column.kind == Kind.ID:
        checks.append(pa.Check.str_matches(ID_PATTERN, error=MSG_ID))
    if column.kind == Kind.INTEGER:
        low = column.min_value
        high = column.max_value
        if column.max_value_from_year is not None:
            high = today.year - column.max_value_from_year
        if low is not None and high is not None:
            checks.append(pa.Check.in_range(low, high, error=f"skal ligge mellem {low} og {high}"))
        elif low is not None:
            checks.append(pa.Check.ge(low, error=f"skal være mindst {low}"))
        elif high is not None:
            checks.append(pa.Check.le(high, error=f"må højst være {high}"))
    if column.kind == Kind.LIKERT:
        checks.append(pa.Check.in_range(1, 5, error="skal ligge mellem 1 og 5"))
    if column.kind == Kind.DATE:
        if column.min_date:
            first = dt.date.fromisoformat(column.min_date)
            checks.append(pa.Check.ge(pd.Timestamp(first), error=f"må ikke ligge før {_danish_date(first)}"))
        if column.not_after_upload:
            checks.append(pa.Check.le(pd.Timestamp(today), error=MSG_NOT_AFTER_UPLOAD))
    if column.kind == Kind.CATEGORY:
        checks.append(pa.Check.isin(list(column_names(column, catalogue)), error=MSG_CATEGORY))
    if column.kind == Kind.CATEGORY_LIST:
        checks.append(_list_check(frozenset(column_names(column, catalogue))))
    return checks


def build_schema(
    extract: Extract, today: dt.date | None = None, catalogue: tuple[str, ...] | None = None
) -> pa.DataFrameSchema:
    """The Pandera schema of an extract's typed rows (columns named as in the contract)."""
    return _build(extract.id, today or dt.date.today(), catalogue)


@lru_cache(maxsize=32)
def _build(extract_id: str, today: dt.date, catalogue: tuple[str, ...] | None) -> pa.DataFrameSchema:
    extract = KATALOG if extract_id == KATALOG.id else EXTRACTS[extract_id]
    columns = {
        c.name: pa.Column(
            _DTYPES.get(c.kind),
            checks=_checks(c, today, catalogue),
            nullable=not (c.required and c.kind != Kind.CATEGORY_LIST),
            required=True,
        )
        for c in extract.columns
    }
    return pa.DataFrameSchema(columns, name=extract.sheet, strict=False, coerce=False)


SCHEMAS: dict[str, pa.DataFrameSchema] = {e.id: build_schema(e) for e in (*EXTRACTS.values(), KATALOG)}
