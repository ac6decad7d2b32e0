"""The story behind the curve, write side: comments, annotations and action-plan items, every edit a new version.

Every function validates first and writes nothing when the input is refused: a ValueError (or a
list of errors) carries the Danish message. Reads are in `metrics.story`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime

import duckdb

from metrics.periods import parse_period
from metrics.story import ActionItem, action
from metrics.strategies import Strategy, get_strategy
from schemas.actionplan import ACTION_COLUMNS, column
from schemas.columns import Kind
from store.db import write

MAX_COMMENT = 2000
MAX_ANNOTATION = 200
_DMY = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


def _strategy(strategy: str | Strategy) -> Strategy:
    return strategy if isinstance(strategy, Strategy) else get_strategy(strategy)


def _check_indicator(strat: Strategy, indicator: str) -> None:
    if indicator not in strat.indicator_ids():
        raise ValueError(f"Ukendt indikator '{indicator}' i strategien {strat.name}.")


def _clean_text(text: object, label: str, limit: int) -> str:
    if text is None:
        return ""
    if not isinstance(text, str):
        raise ValueError(f"{label} skal være tekst.")
    cleaned = text.strip()
    if len(cleaned) > limit:
        raise ValueError(f"{label} er for lang ({len(cleaned)} tegn; højst {limit}).")
    return cleaned


def parse_date(value: object) -> date:
    """A date from a date cell or Danish/ISO text (1.3.2024, 01-03-2024, 2024-03-01); ValueError if not one."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if m := _DMY.match(text):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _ISO.match(text):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        raise ValueError(text)
    return date(year, month, day)


def _write(con: duckdb.DuckDBPyConnection, fn: Callable[[duckdb.DuckDBPyConnection], object]) -> object:
    """Run fn(con) as one write transaction (store.db.write: retried on a conflict); return its result."""
    return write(con, lambda: fn(con))


def _next_id(c: duckdb.DuckDBPyConnection, table: str) -> int:
    """The next free id of `table` (inside the write transaction, so a concurrent writer conflicts and retries)."""
    return int(c.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])


# --- comments ------------------------------------------------------------------------------------


def set_comment(
    con: duckdb.DuckDBPyConnection, strategy: str | Strategy, indicator: str, period: str, text: str, user: str
) -> bool:
    """Store a new version of an indicator's comment for a period ('' removes it); True if anything changed."""
    strat = _strategy(strategy)
    _check_indicator(strat, indicator)
    if not str(period or "").strip():
        raise ValueError("Vælg den periode kommentaren gælder.")
    period = parse_period(str(period)).label  # the label the pages and reports look comments up by
    cleaned = _clean_text(text, "Kommentaren", MAX_COMMENT)

    def go(c: duckdb.DuckDBPyConnection) -> bool:
        row = c.execute(
            "SELECT version, tekst FROM kommentar WHERE strategi = ? AND indikator = ? AND periode = ? "
            "ORDER BY version DESC LIMIT 1",
            [strat.id, indicator, period],
        ).fetchone()
        if (row[1] if row else "") == cleaned:
            return False
        c.execute(
            'INSERT INTO kommentar (strategi, indikator, periode, version, tekst, "user", changed_at) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [strat.id, indicator, period, (row[0] if row else 0) + 1, cleaned, user, datetime.now()],
        )
        return True

    return bool(_write(con, go))


# --- annotations ---------------------------------------------------------------------------------


def _annotation_values(strat: Strategy, indicator: str, when: object, text: str) -> tuple[date, str]:
    _check_indicator(strat, indicator)
    try:
        day = parse_date(when)
    except ValueError:
        raise ValueError(f"Datoen '{when}' er ikke en dato – skriv fx 1.3.2024.") from None
    cleaned = _clean_text(text, "Noten", MAX_ANNOTATION)
    if not cleaned:
        raise ValueError("Skriv en kort tekst til noten (fx 'Ny indsats fra 1.3.2024').")
    return day, cleaned


def _latest(c: duckdb.DuckDBPyConnection, table: str, item_id: int) -> tuple | None:
    return c.execute(f"SELECT * FROM {table} WHERE id = ? ORDER BY version DESC LIMIT 1", [item_id]).fetchone()


def add_annotation(
    con: duckdb.DuckDBPyConnection, strategy: str | Strategy, indicator: str, when: object, text: str, user: str
) -> int:
    """Pin a new note to a date on an indicator's trend chart; return its id."""
    strat = _strategy(strategy)
    day, cleaned = _annotation_values(strat, indicator, when, text)

    def go(c: duckdb.DuckDBPyConnection) -> int:
        new_id = _next_id(c, "annotering")
        c.execute(
            "INSERT INTO annotering VALUES (?, 1, ?, ?, ?, ?, false, ?, ?)",
            [new_id, strat.id, indicator, day, cleaned, user, datetime.now()],
        )
        return new_id

    return int(_write(con, go))


def update_annotation(
    con: duckdb.DuckDBPyConnection, annotation_id: int, when: object, text: str, user: str, delete: bool = False
) -> bool:
    """Store a new version of an annotation (new date/text, or deleted); True if anything changed."""

    def go(c: duckdb.DuckDBPyConnection) -> bool:
        row = _latest(c, "annotering", int(annotation_id))
        if row is None or row[6]:
            raise ValueError(f"Noten {annotation_id} findes ikke.")
        _, version, sid, indicator, old_day, old_text = row[:6]
        if delete:
            day, cleaned = old_day, old_text
        else:
            day, cleaned = _annotation_values(_strategy(sid), indicator, when, text)
            if (day, cleaned) == (old_day, old_text):
                return False
        c.execute(
            "INSERT INTO annotering VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [int(annotation_id), version + 1, sid, indicator, day, cleaned, delete, user, datetime.now()],
        )
        return True

    return bool(_write(con, go))


# --- the action plan -----------------------------------------------------------------------------

ActionValues = dict[str, object]  # field -> clean value, for every column but `id`


def _lookup(values: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Accepted spellings (id or name, any case) -> id."""
    out: dict[str, str] = {}
    for ident, name in values:
        out[ident.strip().lower()] = ident
        out[name.strip().lower()] = ident
    return out


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == ()


def validate_action(
    strategy: str | Strategy, raw: Mapping[str, object], where: str = ""
) -> tuple[int | None, ActionValues | None, list[str]]:
    """Check one item's raw values against the action-plan definition; return (id, values, Danish errors)."""
    from metrics.registry import get_indicator

    strat = _strategy(strategy)
    prefix = f"{where}, " if where else ""
    errors: list[str] = []
    out: ActionValues = {}
    areas = _lookup((a.id, a.name) for a in strat.areas)
    indicators = _lookup((i, get_indicator(i).name) for i in dict.fromkeys(strat.indicator_ids()))
    item_id: int | None = None
    for col in ACTION_COLUMNS:
        value = raw.get(col.field)
        label = f"{prefix}{col.header}"
        if _is_blank(value):
            if col.required:
                errors.append(f"{label}: skal udfyldes.")
            elif col.field != "id":
                out[col.field] = ""
            continue
        if col.kind == Kind.INTEGER:
            number = _integer(value)
            if number is None:
                errors.append(f"{label}: '{value}' er ikke et helt tal.")
            elif col.field == "year" and not 2000 <= number <= 2100:
                errors.append(f"{label}: {number} er ikke et år mellem 2000 og 2100.")
            elif col.field == "id":
                item_id = number
            else:
                out[col.field] = number
        elif col.kind == Kind.DATE:
            try:
                out[col.field] = parse_date(value)
            except ValueError:
                errors.append(f"{label}: '{value}' er ikke en dato – skriv fx 1.3.2025 eller 2025-03-01.")
        elif col.kind == Kind.CATEGORY_LIST:
            parts = list(value) if isinstance(value, list | tuple) else re.split(r"[;\n]", str(value))
            chosen: list[str] = []
            for part in (str(p).strip() for p in parts):
                if not part:
                    continue
                ident = indicators.get(part.lower())
                if ident is None:
                    errors.append(f"{label}: '{part}' er ikke en indikator i strategien {strat.name}.")
                elif ident not in chosen:
                    chosen.append(ident)
            if not chosen and not any(e.startswith(label) for e in errors):
                errors.append(f"{label}: skal udfyldes.")
            out[col.field] = tuple(chosen)
        elif col.kind == Kind.CATEGORY:
            text = str(value).strip()
            if col.field == "focus_area":
                ident = areas.get(text.lower())
                if ident is None:
                    names = ", ".join(a.name for a in strat.areas)
                    errors.append(f"{label}: '{text}' er ikke et fokusområde i strategien {strat.name} ({names}).")
                out[col.field] = ident
            else:
                match = next((s for s in col.categories if s.lower() == text.lower()), None)
                if match is None:
                    allowed = ", ".join(col.categories[:-1]) + " eller " + col.categories[-1]
                    errors.append(f"{label}: '{text}' er ikke en gyldig {col.header.lower()} – brug {allowed}.")
                out[col.field] = match
        else:
            text = str(value).strip()
            if col.max_length and len(text) > col.max_length:
                errors.append(f"{label}: teksten er for lang ({len(text)} tegn; højst {col.max_length}).")
            out[col.field] = text
    start, deadline = out.get("start"), out.get("deadline")
    if isinstance(start, date) and isinstance(deadline, date) and deadline < start:
        errors.append(
            f"{prefix}{column('deadline').header}: {deadline:%d.%m.%Y} ligger før "
            f"{column('start').header.lower()} {start:%d.%m.%Y}."
        )
    return item_id, (None if errors else out), errors


def _integer(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    m = re.fullmatch(r"([+-]?\d{1,9})(?:[.,]0+)?", str(value).strip())
    return int(m.group(1)) if m else None


def _same(item: ActionItem, values: ActionValues) -> bool:
    return all(getattr(item, f) == v for f, v in values.items())


def _write_action(
    c: duckdb.DuckDBPyConnection, sid: str, item_id: int | None, values: ActionValues, user: str, delete: bool = False
) -> int | None:
    """Insert a new version (or a new item); return its id, or None when nothing changed."""
    version = 1
    if item_id is None:
        item_id = _next_id(c, "handleplan")
    else:
        current = action(c, item_id)
        if current is None:
            raise ValueError(f"Handling nr. {item_id} findes ikke.")
        if not delete and _same(current, values):
            return None
        version = current.version + 1
    c.execute(
        "INSERT INTO handleplan (id, version, strategi, aar, titel, fokusomraade, indikatorer, ansvarlig, start, frist, "
        'status, statusnote, slettet, "user", changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
            item_id,
            version,
            sid,
            values["year"],
            values["title"],
            values["focus_area"],
            list(values["indicators"]),
            values["responsible"],
            values["start"],
            values["deadline"],
            values["status"],
            values.get("status_note") or "",
            delete,
            user,
            datetime.now(),
        ],
    )
    return item_id


def _check_owner(c: duckdb.DuckDBPyConnection, strat: Strategy, item_id: int, where: str) -> str | None:
    current = action(c, item_id)
    if current is None or current.strategy != strat.id:
        prefix = f"{where}, " if where else ""
        return f"{prefix}{column('id').header}: handling nr. {item_id} findes ikke i strategien {strat.name}."
    return None


def save_action(
    con: duckdb.DuckDBPyConnection, strategy: str | Strategy, raw: Mapping[str, object], user: str
) -> tuple[int | None, list[str]]:
    """Create (no `id`) or change one action-plan item; return (its id, Danish errors). Refused input stores nothing."""
    strat = _strategy(strategy)
    item_id, values, errors = validate_action(strat, raw)
    if item_id is not None and (owner := _check_owner(con, strat, item_id, "")):
        errors.append(owner)
    if errors or values is None:
        return None, errors
    written = _write(con, lambda c: _write_action(c, strat.id, item_id, values, user))
    return (written if written is not None else item_id), []


def delete_action(con: duckdb.DuckDBPyConnection, strategy: str | Strategy, item_id: int, user: str) -> bool:
    """Remove an item from the plan (kept in the history as a deleted version); True when it existed."""
    strat = _strategy(strategy)
    current = action(con, int(item_id))
    if current is None or current.strategy != strat.id:
        return False
    values = {f: getattr(current, f) for f in (c.field for c in ACTION_COLUMNS) if f != "id"}
    _write(con, lambda c: _write_action(c, strat.id, current.id, values, user, delete=True))
    return True


def apply_actions(
    con: duckdb.DuckDBPyConnection, strategy: str | Strategy, rows: list[tuple[str, Mapping[str, object]]], user: str
) -> tuple[int, list[str]]:
    """Validate many rows [(where, raw)] and store them all or none; return (changed items, Danish errors)."""
    strat = _strategy(strategy)
    errors: list[str] = []
    planned: list[tuple[int | None, ActionValues]] = []
    seen: dict[int, str] = {}
    for where, raw in rows:
        item_id, values, row_errors = validate_action(strat, raw, where)
        if item_id is not None:
            if item_id in seen:
                row_errors.append(
                    f"{where}, {column('id').header}: handling nr. {item_id} står også i {seen[item_id]}."
                )
            elif owner := _check_owner(con, strat, item_id, where):
                row_errors.append(owner)
            seen.setdefault(item_id, where.lower())
        errors.extend(row_errors)
        if values is not None and not row_errors:
            planned.append((item_id, values))
    if errors:
        return 0, errors

    def go(c: duckdb.DuckDBPyConnection) -> int:
        return sum(_write_action(c, strat.id, item_id, values, user) is not None for item_id, values in planned)

    return int(_write(con, go) or 0), []
