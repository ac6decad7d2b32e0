"""Validate an extract's rows: parse text to types, run the Pandera schema lazily, then the cross-row rules."""

from __future__ import annotations

import datetime as dt
import difflib
from functools import lru_cache

import duckdb
import numpy as np
import pandas as pd
import pandera.pandas as pa

from intake.cpr import mask_cpr
from intake.locate import Located
from intake.parse import parse_column
from intake.result import ImportIssue
from schemas.columns import Column, Extract
from schemas.pandera_schemas import MSG_CATEGORY, MSG_CATEGORY_LIST, MSG_NOT_AFTER_UPLOAD, build_schema, column_names
from textsafe import safe


def _fmt(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, pd.Timestamp | dt.date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def suggest(value: str, allowed: tuple[str, ...]) -> str | None:
    """The allowed value closest to a near miss, or None."""
    low = {a.lower(): a for a in allowed}
    hit = difflib.get_close_matches(value.strip().lower(), list(low), n=1, cutoff=0.5)
    return low[hit[0]] if hit else None


@lru_cache(maxsize=4096)
def category_message(value: str, allowed: tuple[str, ...]) -> str:
    """Danish message for an unknown category, with a suggestion when there is a near miss."""
    value = safe(value, 80)  # the cell is quoted in the message: never more than a short, safe excerpt
    guess = suggest(value, allowed)
    if guess:
        return f'"{value}" findes ikke – mente du "{guess}"?'
    if len(allowed) <= 8:
        return f'"{value}" findes ikke. Tilladte værdier: ' + ", ".join(allowed) + "."
    return f'"{value}" findes ikke. Se de tilladte værdier i skabelonens ark Vejledning.'


class _Collector:
    """Issues keyed by (position, column), the first reason per cell wins; row-level rules may add more."""

    def __init__(self, located: Located) -> None:
        self.located = located
        self.by_cell: dict[tuple[int, str], ImportIssue] = {}
        self.extra: list[tuple[int, str, ImportIssue]] = []
        self._values: dict[str, object] = {}

    def raw(self, pos: int, column: str) -> str:
        values = self._values.get(column)
        if values is None:
            if column not in self.located.frame:
                return ""
            values = self._values[column] = self.located.frame[column].to_numpy(dtype=object, na_value=None)
        cell = values[pos]
        return "" if cell is None else mask_cpr(_fmt(cell))

    def add(self, pos: int, column: str, message: str, value: str | None = None, extra: bool = False) -> None:
        issue = ImportIssue(
            self.located.sheet,
            int(self.located.rows[pos]),
            column,
            self.raw(pos, column) if value is None else mask_cpr(value),
            message,
        )
        if extra:
            self.extra.append((pos, column, issue))
        elif (pos, column) not in self.by_cell:
            self.by_cell[(pos, column)] = issue

    def issues(self) -> list[ImportIssue]:
        order = {c.name: i for i, c in enumerate(self.located.extract.columns)}
        items = [(p, c, i) for (p, c), i in self.by_cell.items()] + self.extra
        items.sort(key=lambda t: (t[0], order.get(t[1].split(",")[0], 99)))
        seen: set[tuple] = set()
        out = []
        for _, _, issue in items:
            key = (issue.row, issue.column, issue.message)
            if key not in seen:
                seen.add(key)
                out.append(issue)
        return out


def _pandera_message(column: Column, check: str, value: str, catalogue: tuple[str, ...] | None, today: dt.date) -> str:
    if check == "not_nullable":
        return f"'{column.name}' skal udfyldes"
    if check == MSG_CATEGORY:
        return category_message(value, column_names(column, catalogue))
    if check == MSG_CATEGORY_LIST:
        allowed = column_names(column, catalogue)
        low = {a.lower() for a in allowed}
        bad = [p.strip() for p in value.split(";") if p.strip() and " ".join(p.lower().split()) not in low]
        return " ".join(category_message(b, allowed) for b in bad) or check
    if check == MSG_NOT_AFTER_UPLOAD:
        return f"Datoen ligger efter uploaddatoen ({today.strftime('%d.%m.%Y')})"
    return f"Værdien {check}"


def validate(
    located: Located,
    today: dt.date,
    catalogue: tuple[str, ...] | None = None,
    con: duckdb.DuckDBPyConnection | None = None,
) -> tuple[pd.DataFrame, list[ImportIssue]]:
    """Return the typed rows (contract names) and every issue found, in row order."""
    extract = located.extract
    collector = _Collector(located)
    typed: dict[str, pd.Series] = {}
    for column in extract.columns:
        parsed = parse_column(located.frame[column.name], column, column_names(column, catalogue))
        typed[column.name] = parsed.values.reset_index(drop=True)
        for pos in np.flatnonzero(parsed.bad):
            collector.add(int(pos), column.name, f"Værdien {parsed.reason}")
    frame = pd.DataFrame(typed)
    schema = build_schema(extract, today, catalogue)
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        for col_name, check in zip(*(cases.loc[cases["index"].isna(), k] for k in ("column", "check")), strict=True):
            # A column-level failure means the typed frame is not what the schema expects: refuse, never ignore.
            collector.extra.append(
                (
                    -1,
                    str(col_name),
                    ImportIssue(located.sheet, None, str(col_name), None, f"Kolonnen fejlede kontrollen {check}"),
                )
            )
        cases = cases[cases["index"].notna()]
        for col_name, check, idx in zip(cases["column"], cases["check"], cases["index"], strict=True):
            pos = int(idx)
            column = extract.column(str(col_name))
            if (pos, column.name) in collector.by_cell:
                continue
            value = collector.raw(pos, column.name)
            collector.add(pos, column.name, _pandera_message(column, str(check), value, catalogue, today))
    _cross_row(frame, located, collector)
    if con is not None:
        _against_stored(frame, located, collector, con)
    return frame, collector.issues()


def _cross_row(frame: pd.DataFrame, located: Located, collector: _Collector) -> None:
    extract = located.extract
    names = {c.name for c in extract.columns}
    rows = located.rows
    _duplicate_keys(frame, extract, rows, collector)
    if {"borger_id", "fødselsår"} <= names:
        _one_value_per_citizen(frame, "fødselsår", rows, collector)
    if {"borger_id", "køn"} <= names and "borger_id" in extract.key:
        _one_value_per_citizen(frame, "køn", rows, collector)
    if {"henvisningsdato", "startdato"} <= names:
        bad = frame["henvisningsdato"] > frame["startdato"]
        for pos in np.flatnonzero(bad.fillna(False).to_numpy()):
            start = _fmt(frame["startdato"].iat[pos])
            collector.add(
                int(pos), "henvisningsdato", f"Henvisningsdatoen ligger efter startdatoen ({start})", extra=True
            )
    if {"slutdato", "startdato"} <= names:
        bad = frame["slutdato"] < frame["startdato"]
        for pos in np.flatnonzero(bad.fillna(False).to_numpy()):
            start = _fmt(frame["startdato"].iat[pos])
            collector.add(int(pos), "slutdato", f"Slutdatoen ligger før startdatoen ({start})", extra=True)
    if {"slutdato", "afslutningsårsag"} <= names:
        ended = frame["slutdato"].notna() & frame["afslutningsårsag"].isna()
        for pos in np.flatnonzero(ended.to_numpy()):
            if (int(pos), "slutdato") in collector.by_cell:
                continue
            collector.add(int(pos), "afslutningsårsag", "Afslutningsårsag skal udfyldes, når slutdato er udfyldt")


def _duplicate_keys(frame: pd.DataFrame, extract: Extract, rows: np.ndarray, collector: _Collector) -> None:
    key = list(extract.key)
    complete = frame[key].notna().all(axis=1)
    sub = frame.loc[complete, key]
    dup = sub.duplicated(keep=False)
    if not dup.any():
        return
    sub = sub[dup]
    groups = sub.groupby(key, sort=False).groups
    label = ", ".join(key)
    for members in groups.values():
        members = sorted(members)
        first = int(rows[members[0]])
        for pos in members[1:]:
            value = " / ".join(_fmt(frame[k].iat[pos]) for k in key)
            collector.add(
                int(pos),
                label,
                f"Nøglen ({label}) forekommer også i række {first}; hver nøgle må kun forekomme én gang",
                value=value,
                extra=True,
            )


def _one_value_per_citizen(frame: pd.DataFrame, column: str, rows: np.ndarray, collector: _Collector) -> None:
    sub = pd.DataFrame({"b": frame["borger_id"], "v": frame[column], "pos": np.arange(len(frame))}).dropna()
    if sub.empty:
        return
    first_v = sub.groupby("b", sort=False)["v"].transform("first")
    first_pos = sub.groupby("b", sort=False)["pos"].transform("first")
    bad = sub[(sub["v"] != first_v).to_numpy()]
    for pos, citizen, v0, p0 in zip(bad["pos"], bad["b"], first_v[bad.index], first_pos[bad.index], strict=True):
        collector.add(
            int(pos),
            column,
            f"{column} {_fmt(frame[column].iat[pos])} passer ikke med {_fmt(v0)} for borger_id "
            f"'{safe(mask_cpr(citizen), 60)}' (række {int(rows[pos])} og række {int(rows[p0])}); "
            f"en borger har ét {column}",
            extra=True,
        )


def _against_stored(
    frame: pd.DataFrame, located: Located, collector: _Collector, con: duckdb.DuckDBPyConnection
) -> None:
    """One fødselsår and køn per borger_id against rows stored by earlier imports (not replaced by this file)."""
    extract = located.extract
    names = {c.name for c in extract.columns}
    if "borger_id" not in extract.key or not ({"fødselsår", "køn"} & names):
        return
    checked = [c for c in ("fødselsår", "køn") if c in names]
    key = list(extract.key)
    cols = {extract.column(c).sql: frame[c] for c in dict.fromkeys(key + checked)}
    cols["_pos"] = pd.Series(np.arange(len(frame)))
    view = pd.DataFrame(cols)
    table = extract.table
    key_join = " AND ".join(f"k.{extract.column(k).sql} = t.{extract.column(k).sql}" for k in key)
    name = "_pejling_check_file"
    con.register(name, view)
    try:
        for column in checked:
            c = extract.column(column).sql
            rows = con.execute(
                f"""SELECT f._pos, any_value(t.{c})::VARCHAR, min(t.batch), any_value(f.borger_id)
                    FROM {name} f JOIN {table} t ON t.borger_id = f.borger_id
                    WHERE f.{c} IS NOT NULL AND t.{c} IS NOT NULL AND t.{c}::VARCHAR <> f.{c}::VARCHAR
                      AND NOT EXISTS (SELECT 1 FROM {name} k WHERE {key_join})
                    GROUP BY f._pos ORDER BY f._pos"""
            ).fetchall()
            for pos, stored, batch, citizen in rows:
                collector.add(
                    int(pos),
                    column,
                    f"{column} {_fmt(frame[column].iat[pos])} passer ikke med {stored} for borger_id "
                    f"'{safe(mask_cpr(citizen), 60)}' "
                    f"(række {int(located.rows[pos])} og allerede gemt fra import {batch}); en borger har ét {column}",
                    extra=True,
                )
    finally:
        con.unregister(name)
