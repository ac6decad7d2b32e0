"""What an import would change, shown before it happens: sample new rows, changed cells (old → new), affected years.

Runs inside `import_file(dry_run=True)` while the file's rows are registered as the staging table.
Values are the analyst's own rows (pseudonyms, dates, categories), shown on the login-guarded
Upload page; no figure is computed here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb

from schemas.columns import Extract
from store.compare import differs as _differs
from store.compare import key_on as _key_on
from store.compare import stage_expr as _stage_expr  # the import's own comparison, not a copy

SAMPLE = 5  # rows shown of each kind

# When a row counts, by the contract: an episode from its referral or start to its end (ongoing: today),
# a measurement or an answer on its date. The years between are the years whose figures can change.
_SPAN = {
    "indsatser": ("least(coalesce({henvisningsdato}, {startdato}), {startdato})", "coalesce({slutdato}, $today)"),
    "progression": ("{måledato}", "{måledato}"),
    "borgeroplevelse": ("{dato}", "{dato}"),
}


@dataclass
class CellChange:
    """One changed cell: column (contract name), stored value and the file's value, as Danish text."""

    column: str
    old: str
    new: str


@dataclass
class ChangedRow:
    """A row the file changes: its key as text and the cells that differ."""

    key: str
    cells: list[CellChange]


@dataclass
class ChangePreview:
    """Samples of the new and changed rows and the years whose figures the import can change."""

    new_rows: list[dict[str, str]] = field(default_factory=list)
    changed_rows: list[ChangedRow] = field(default_factory=list)
    years: list[int] = field(default_factory=list)


def text(value: object) -> str:
    """A stored or uploaded value as the analyst wrote it: dates dd.mm.åååå, lists with '; ', empty as '(tom)'."""
    if value is None or (isinstance(value, list) and not value):
        return "(tom)"
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    return str(value)


def _span_sql(extract: Extract, alias: str) -> tuple[str, str]:
    names = {c.name: f"{alias}.{c.sql}" for c in extract.columns}
    start, end = _SPAN[extract.id]
    return start.format(**names), end.format(**names)


def describe(con: duckdb.DuckDBPyConnection, extract: Extract, stage: str, today: dt.date) -> ChangePreview:
    """Samples and affected years for the staged file against the stored table (reads only)."""
    t = extract.table
    k0 = extract.key_sql[0]
    cols = [c.sql for c in extract.columns]
    order = ", ".join(f"s.{k}" for k in extract.key_sql)
    with_stage = f"WITH s AS (SELECT {_stage_expr(extract)} FROM {stage})"
    new = con.execute(
        f"""{with_stage} SELECT {", ".join("s." + c for c in cols)} FROM s LEFT JOIN {t} t ON {_key_on(extract, "t", "s")}
            WHERE t.{k0} IS NULL ORDER BY {order} LIMIT {SAMPLE}"""
    ).fetchall()
    changed = con.execute(
        f"""{with_stage} SELECT {", ".join("s." + c for c in cols)}, {", ".join("t." + c for c in cols)}
            FROM s JOIN {t} t ON {_key_on(extract, "t", "s")} WHERE {_differs(extract, "t", "s")}
            ORDER BY {order} LIMIT {SAMPLE}"""
    ).fetchall()
    s_from, s_to = _span_sql(extract, "s")
    t_from, t_to = _span_sql(extract, "t")
    span = con.execute(
        f"""{with_stage}
            SELECT min(y0), max(y1) FROM (
              SELECT year({s_from}) AS y0, year({s_to}) AS y1 FROM s LEFT JOIN {t} t ON {_key_on(extract, "t", "s")}
              WHERE t.{k0} IS NULL OR {_differs(extract, "t", "s")}
              UNION ALL
              SELECT year({t_from}), year({t_to}) FROM s JOIN {t} t ON {_key_on(extract, "t", "s")}
              WHERE {_differs(extract, "t", "s")})""",
        {"today": today},
    ).fetchall()[0]
    names = [c.name for c in extract.columns]
    keys = [c.name for c in extract.columns if c.sql in extract.key_sql]
    out = ChangePreview()
    out.new_rows = [{n: text(v) for n, v in zip(names, row, strict=True)} for row in new]
    for row in changed:
        file_values, stored = row[: len(cols)], row[len(cols) :]
        by_name = dict(zip(names, file_values, strict=True))
        cells = [
            CellChange(n, text(old), text(newv))
            for n, newv, old in zip(names, file_values, stored, strict=True)
            if n not in keys and text(old) != text(newv)
        ]
        out.changed_rows.append(ChangedRow(" · ".join(text(by_name[k]) for k in keys), cells))
    if span and span[0] is not None:
        out.years = list(range(int(span[0]), int(span[1]) + 1))
    return out
