"""How a staged file compares with a stored table (by natural key), shared by the import and its preview."""

from __future__ import annotations

from schemas.columns import Extract, Kind


def stage_expr(extract: Extract) -> str:
    """SELECT list casting the registered staging frame to the table's types."""
    out = []
    for c in extract.columns:
        name = c.sql
        if c.kind == Kind.DATE:
            out.append(f"CAST({name} AS DATE) AS {name}")
        elif c.kind == Kind.CATEGORY_LIST:
            # A required list column may be empty ([]); an optional one left blank is unknown (NULL).
            blank = "[]::VARCHAR[]" if c.required else "NULL::VARCHAR[]"
            out.append(
                f"CASE WHEN {name} IS NULL THEN {blank} WHEN {name} = '' THEN []::VARCHAR[] "
                f"ELSE string_split({name}, ';') END AS {name}"
            )
        else:
            out.append(f"CAST({name} AS {c.sql_type}) AS {name}")
    return ", ".join(out)


def key_on(extract: Extract, left: str, right: str) -> str:
    """SQL condition joining two aliases on the extract's natural key."""
    return " AND ".join(f"{left}.{k} = {right}.{k}" for k in extract.key_sql)


def differs(extract: Extract, left: str, right: str) -> str:
    """SQL condition true when two aliases' rows differ in any column outside the key."""
    cols = [c.sql for c in extract.columns if c.sql not in extract.key_sql]
    if not cols:
        return "false"
    return "NOT (" + " AND ".join(f"{left}.{c} IS NOT DISTINCT FROM {right}.{c}" for c in cols) + ")"
