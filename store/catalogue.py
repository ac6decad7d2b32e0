"""The editable intervention catalogue in the store."""

from __future__ import annotations

import duckdb
import pandas as pd

from schemas.catalogue import DEFAULT_CATALOGUE, HOUSING_FIRST_PREFIX
from store.db import checkpoint, insert_catalogue_rows, write


def seed_default_catalogue(con: duckdb.DuckDBPyConnection) -> None:
    """Fill the catalogue with the default from the data contract (one transaction)."""
    write(con, lambda: insert_catalogue_rows(con, DEFAULT_CATALOGUE))


def load_catalogue(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return the catalogue as a DataFrame (one row per intervention type)."""
    return con.execute(
        "SELECT indsats, lovgrundlag, trin, fokusomraader, metode, behandling, "
        f"coalesce(starts_with(lower(trim(metode)), '{HOUSING_FIRST_PREFIX.lower()}'), false) AS housing_first "
        "FROM katalog ORDER BY trin, indsats"
    ).df()


def catalogue_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Return the intervention names in the catalogue."""
    return [r[0] for r in con.execute("SELECT indsats FROM katalog ORDER BY trin, indsats").fetchall()]


def _catalogue_rows(con: duckdb.DuckDBPyConnection) -> list[dict]:
    rows = con.execute(
        "SELECT indsats, lovgrundlag, trin, fokusomraader, metode, behandling FROM katalog ORDER BY trin, indsats"
    ).fetchall()
    keys = ("indsats", "lovgrundlag", "trin", "fokusområder", "metode", "behandling")
    out = [dict(zip(keys, r, strict=True)) for r in rows]
    for rec in out:  # an empty text cell reads back as missing: compare them alike
        rec["lovgrundlag"] = rec["lovgrundlag"] or None
        rec["metode"] = rec["metode"] or None
        rec["fokusområder"] = list(rec["fokusområder"] or [])
    return out


def export_catalogue_xlsx(con: duckdb.DuckDBPyConnection) -> bytes:
    """The stored catalogue as an .xlsx (sheet Indsatskatalog) that import_catalogue reads back."""
    import io

    import xlsxwriter

    from schemas.template import write_catalogue_sheet

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    fmt = {
        "head": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1}),
        "head_req": wb.add_format({"bold": True, "bg_color": "#F8CBAD", "border": 1}),
    }
    write_catalogue_sheet(wb, fmt, _catalogue_rows(con))
    wb.close()
    return buf.getvalue()


def import_catalogue(
    con: duckdb.DuckDBPyConnection,
    data: bytes,
    filename: str,
    user: str | None = None,
    dry_run: bool = False,
    today=None,
):
    """Replace the catalogue with an uploaded one (same reading and validation as extracts); log every change."""
    import datetime as dt
    import hashlib
    import json

    import settings
    from intake.pipeline import prepare
    from intake.result import ImportIssue, ImportResult, Refused
    from schemas.catalogue import KATALOG

    user = user or settings.current_user()
    sha = hashlib.sha256(data).hexdigest()
    try:
        prepared = prepare(data, filename, (KATALOG,), KATALOG, today or dt.date.today())
    except Refused as refusal:
        return ImportResult("refused", KATALOG.id, sha256=sha, errors=refusal.issues)
    located, typed = prepared.located, prepared.typed
    result = ImportResult("refused", KATALOG.id, rows=len(typed), warnings=prepared.warnings, sha256=sha)
    result.sheet = located.sheet
    errors = list(prepared.errors)
    new = {}
    if not errors:
        for rec in typed.to_dict("records"):
            new[rec["indsats"]] = {
                "indsats": rec["indsats"],
                "lovgrundlag": rec["lovgrundlag"]
                if isinstance(rec["lovgrundlag"], str) and rec["lovgrundlag"]
                else None,
                "trin": int(rec["trin"]),
                "fokusområder": [p for p in str(rec["fokusområder"] or "").split(";") if p],
                "metode": rec["metode"] if isinstance(rec["metode"], str) and rec["metode"] else None,
                "behandling": None if rec["behandling"] is pd.NA else bool(rec["behandling"]),
            }
    old = {r["indsats"]: r for r in _catalogue_rows(con)}
    removed = [name for name in old if name not in new] if not errors else []
    if removed:
        used = {
            r[0]
            for r in con.execute(
                "SELECT DISTINCT indsats FROM indsatser UNION SELECT DISTINCT indsats FROM borgeroplevelse"
            ).fetchall()
        }
        for name in removed:
            if name in used:
                errors.append(
                    ImportIssue(
                        located.sheet,
                        None,
                        "indsats",
                        name,
                        f"Indsatsen '{name}' bruges i gemte data og kan ikke fjernes fra kataloget.",
                    )
                )
    if errors:
        result.errors = errors
        return result
    changed = [n for n, rec in new.items() if old.get(n) != rec]
    result.inserted = sum(1 for n in changed if n not in old)
    result.updated = len(changed) - result.inserted
    result.unchanged = len(new) - len(changed)
    if dry_run:
        result.status = "preview"
        return result
    if not changed and not removed:
        result.status = "unchanged"
        return result
    def apply() -> None:
        for name in removed:
            con.execute("DELETE FROM katalog WHERE indsats = ?", [name])
            con.execute(
                "INSERT INTO katalog_historik VALUES (now()::TIMESTAMP, ?, 'slettet', ?, ?, NULL)",
                [user, name, json.dumps(old[name], ensure_ascii=False)],
            )
        for name in changed:
            rec = new[name]
            insert_catalogue_rows(con, [rec])
            con.execute(
                "INSERT INTO katalog_historik VALUES (now()::TIMESTAMP, ?, ?, ?, ?, ?)",
                [
                    user,
                    "ændret" if name in old else "tilføjet",
                    name,
                    json.dumps(old[name], ensure_ascii=False) if name in old else None,
                    json.dumps(rec, ensure_ascii=False),
                ],
            )

    write(con, apply)
    checkpoint(con)
    result.status = "imported"
    result.warnings += [f"Indsatsen '{n}' er fjernet fra kataloget." for n in removed]
    return result
