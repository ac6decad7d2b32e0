"""The story behind the curve, read side: comments, chart annotations and the action plan.

This is the public API other parts (pages, reports, exports) read; writes live in `metrics.story_write`.
Every edit is stored as a new version (tables `kommentar`, `annotering`, `handleplan` in
`store.db`); these functions return the versions in force, or the full history.

- `comments_for(con, strategy_id, period)` -> {indicator id: Comment} for one period label
  (`2025`, `2025-Q3`, `2025-01-01..2025-06-30`, exactly as the view's period).
- `annotations_for(con, strategy_id, indicator_id)` -> [Annotation] by date (pins on trend charts).
- `actions_for(con, strategy_id, year=None, focus_area=None, indicator=None)` -> [ActionItem].
- `actions_by_indicator(con, strategy_id, year)` -> {indicator id: [ActionItem]}.
- `comment_history`, `annotation_history`, `action_history` -> every version, newest first.

The texts are the administration's own words, never figures computed from the data, so they
carry nothing the small-number protection would hide.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from schemas.actionplan import STATUSES

__all__ = [
    "STATUSES",
    "ActionItem",
    "Annotation",
    "Comment",
    "actions_by_indicator",
    "action_history",
    "actions_for",
    "annotation_history",
    "annotations_for",
    "comment_history",
    "comments_for",
]


@dataclass(frozen=True)
class Comment:
    """The administration's comment on one indicator in one period (one version of it)."""

    strategy: str
    indicator: str
    period: str
    text: str  # '' in a history row = the comment was removed
    user: str
    changed_at: datetime
    version: int


@dataclass(frozen=True)
class Annotation:
    """A short note pinned to a date on an indicator's trend chart (one version of it)."""

    id: int
    strategy: str
    indicator: str
    date: date
    text: str
    user: str
    changed_at: datetime
    version: int
    deleted: bool = False


@dataclass(frozen=True)
class ActionItem:
    """One initiative of a strategy's action plan (one version of it)."""

    id: int
    strategy: str
    year: int
    title: str
    focus_area: str  # focus-area id of the strategy
    indicators: tuple[str, ...]  # indicator ids it serves
    responsible: str
    start: date
    deadline: date
    status: str  # one of STATUSES
    status_note: str
    user: str
    changed_at: datetime
    version: int
    deleted: bool = False

    @property
    def is_open(self) -> bool:
        """True while the item is planned, running or postponed."""
        return self.status not in ("Gennemført", "Opgivet")


def _has(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """False for a store from before the story tables, opened read-only (nothing written yet)."""
    return bool(
        con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]).fetchone()[0]
    )


# --- comments ------------------------------------------------------------------------------------

_COMMENT_COLS = 'strategi, indikator, periode, tekst, "user", changed_at, version'


def _comment(row: tuple) -> Comment:
    return Comment(row[0], row[1], row[2], row[3], row[4], row[5], int(row[6]))


def comments_for(con: duckdb.DuckDBPyConnection, strategy_id: str, period: str) -> dict[str, Comment]:
    """The comments in force for a strategy and period, by indicator id (removed comments are absent)."""
    if not _has(con, "kommentar"):
        return {}
    rows = con.execute(
        f"""SELECT {_COMMENT_COLS} FROM kommentar WHERE strategi = ? AND periode = ?
            QUALIFY row_number() OVER (PARTITION BY indikator ORDER BY version DESC) = 1
            ORDER BY indikator""",
        [strategy_id, str(period)],
    ).fetchall()
    return {r[1]: _comment(r) for r in rows if r[3]}


def comment_for(con: duckdb.DuckDBPyConnection, strategy_id: str, indicator: str, period: str) -> Comment | None:
    """The comment in force on one indicator in one period, or None."""
    return comments_for(con, strategy_id, period).get(indicator)


def comment_history(
    con: duckdb.DuckDBPyConnection, strategy_id: str, indicator: str | None = None, period: str | None = None
) -> list[Comment]:
    """Every version of the strategy's comments (optionally one indicator and/or period), newest first."""
    if not _has(con, "kommentar"):
        return []
    sql = f"SELECT {_COMMENT_COLS} FROM kommentar WHERE strategi = ?"
    params: list = [strategy_id]
    if indicator is not None:
        sql += " AND indikator = ?"
        params.append(indicator)
    if period is not None:
        sql += " AND periode = ?"
        params.append(str(period))
    sql += " ORDER BY changed_at DESC, version DESC, indikator, periode"
    return [_comment(r) for r in con.execute(sql, params).fetchall()]


# --- annotations ---------------------------------------------------------------------------------

_ANNOTATION_COLS = 'id, strategi, indikator, dato, tekst, "user", changed_at, version, slettet'


def _annotation(row: tuple) -> Annotation:
    return Annotation(int(row[0]), row[1], row[2], row[3], row[4], row[5], row[6], int(row[7]), bool(row[8]))


def _current(table: str, cols: str, where: str) -> str:
    return f"""SELECT {cols} FROM {table} WHERE {where}
               QUALIFY row_number() OVER (PARTITION BY id ORDER BY version DESC) = 1"""


def annotations_for(con: duckdb.DuckDBPyConnection, strategy_id: str, indicator: str | None = None) -> list[Annotation]:
    """The annotations in force on an indicator's trend chart (all indicators without one), by date."""
    if not _has(con, "annotering"):
        return []
    where, params = "strategi = ?", [strategy_id]
    if indicator is not None:
        where += " AND indikator = ?"
        params.append(indicator)
    rows = con.execute(
        f"SELECT * FROM ({_current('annotering', _ANNOTATION_COLS, where)}) WHERE NOT slettet ORDER BY dato, id",
        params,
    ).fetchall()
    return [_annotation(r) for r in rows]


def annotation_history(
    con: duckdb.DuckDBPyConnection, strategy_id: str, indicator: str | None = None
) -> list[Annotation]:
    """Every version of the strategy's annotations (optionally one indicator), newest first."""
    if not _has(con, "annotering"):
        return []
    sql = f"SELECT {_ANNOTATION_COLS} FROM annotering WHERE strategi = ?"
    params: list = [strategy_id]
    if indicator is not None:
        sql += " AND indikator = ?"
        params.append(indicator)
    sql += " ORDER BY changed_at DESC, id DESC, version DESC"
    return [_annotation(r) for r in con.execute(sql, params).fetchall()]


# --- the action plan -----------------------------------------------------------------------------

_ACTION_COLS = (
    'id, strategi, aar, titel, fokusomraade, indikatorer, ansvarlig, start, frist, status, statusnote, "user", '
    "changed_at, version, slettet"
)


def _action(row: tuple) -> ActionItem:
    return ActionItem(
        id=int(row[0]),
        strategy=row[1],
        year=int(row[2]),
        title=row[3],
        focus_area=row[4],
        indicators=tuple(row[5] or ()),
        responsible=row[6],
        start=row[7],
        deadline=row[8],
        status=row[9],
        status_note=row[10],
        user=row[11],
        changed_at=row[12],
        version=int(row[13]),
        deleted=bool(row[14]),
    )


def actions_for(
    con: duckdb.DuckDBPyConnection,
    strategy_id: str,
    year: int | None = None,
    focus_area: str | None = None,
    indicator: str | None = None,
) -> list[ActionItem]:
    """The action-plan items in force for a strategy (optionally one year, focus area or indicator)."""
    if not _has(con, "handleplan"):
        return []
    rows = con.execute(
        f"""SELECT * FROM ({_current("handleplan", _ACTION_COLS, "strategi = ?")})
            WHERE NOT slettet
              AND (?::INTEGER IS NULL OR aar = ?::INTEGER)
              AND (?::VARCHAR IS NULL OR fokusomraade = ?::VARCHAR)
              AND (?::VARCHAR IS NULL OR list_contains(indikatorer, ?::VARCHAR))
            ORDER BY aar, frist, id""",
        [strategy_id, year, year, focus_area, focus_area, indicator, indicator],
    ).fetchall()
    return [_action(r) for r in rows]


def action(con: duckdb.DuckDBPyConnection, item_id: int) -> ActionItem | None:
    """The version in force of one item (None when unknown or deleted)."""
    row = con.execute(
        f"SELECT * FROM ({_current('handleplan', _ACTION_COLS, 'id = ?')}) WHERE NOT slettet", [int(item_id)]
    ).fetchone()
    return _action(row) if row else None


def actions_by_indicator(
    con: duckdb.DuckDBPyConnection, strategy_id: str, year: int | None = None
) -> dict[str, list[ActionItem]]:
    """The items in force by the indicator ids they serve (an item serving two indicators is under both)."""
    out: dict[str, list[ActionItem]] = {}
    for item in actions_for(con, strategy_id, year):
        for indicator in item.indicators:
            out.setdefault(indicator, []).append(item)
    return out


def action_history(con: duckdb.DuckDBPyConnection, strategy_id: str, item_id: int | None = None) -> list[ActionItem]:
    """Every version of the strategy's action-plan items (optionally one item), newest first."""
    if not _has(con, "handleplan"):
        return []
    sql = f"SELECT {_ACTION_COLS} FROM handleplan WHERE strategi = ?"
    params: list = [strategy_id]
    if item_id is not None:
        sql += " AND id = ?"
        params.append(int(item_id))
    sql += " ORDER BY changed_at DESC, id DESC, version DESC"
    return [_action(r) for r in con.execute(sql, params).fetchall()]
