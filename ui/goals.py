"""Goal editing glue for the Mål page: an editable table (shares in percent), saving with history."""

from __future__ import annotations

import math

import pandas as pd

from ui import auth, data, fmt
from ui.roles import Role

BASE_YEAR = "Basisår"
BASE_VALUE = "Basisværdi"


def target_years(strategy, goals: dict) -> list[int]:
    """The target years offered as columns: the strategy's years after the start, and any year with a target."""
    years = {y for g in goals.values() for y, _ in g.targets}
    if strategy.years:
        years.update(range(strategy.years[0] + 1, strategy.years[1] + 1))
    return sorted(years)


def _meta(indicator_id: str):
    from metrics.goals import indicator_meta

    return indicator_meta(indicator_id)


def _shown(value: float | None, share: bool) -> float | None:
    if value is None:
        return None
    return round(value * 100, 2) if share else value


def editor_frame(strategy) -> pd.DataFrame:
    """One row per indicator of the strategy: name, unit, baseline year and value, one column per target year."""
    goals = data.goals(strategy.id)
    years = target_years(strategy, goals)
    rows = []
    for indicator in strategy.indicator_ids():
        meta = _meta(indicator)
        goal = goals.get(indicator)
        row = {
            "id": indicator,
            "Indikator": meta.name,
            "Enhed": "%" if meta.is_share else meta.unit,
            BASE_YEAR: goal.baseline[0] if goal and goal.baseline else None,
            BASE_VALUE: _shown(goal.baseline[1], meta.is_share) if goal and goal.baseline else None,
        }
        targets = dict(goal.targets) if goal else {}
        for year in years:
            row[f"Mål {year}"] = _shown(targets.get(year), meta.is_share)
        rows.append(row)
    frame = pd.DataFrame(rows).set_index("id")
    frame[BASE_YEAR] = frame[BASE_YEAR].astype("Int64")
    for col in frame.columns[3:]:
        frame[col] = frame[col].astype("Float64")
    return frame


def column_config(frame: pd.DataFrame) -> dict:
    """Editor columns: whole years for the baseline year, Danish-formatted numbers (0-100 for shares) for values."""
    import streamlit as st

    config = {
        BASE_YEAR: st.column_config.NumberColumn(BASE_YEAR, min_value=2000, max_value=2100, step=1, format="%d"),
        "Indikator": st.column_config.TextColumn("Indikator", width="medium"),
    }
    for col in frame.columns:
        if col == BASE_VALUE or str(col).startswith("Mål "):
            config[col] = st.column_config.NumberColumn(col, min_value=0, format="localized", help="Andele i procent")
    return config


def _value(cell) -> float | None:
    if cell is None or cell is pd.NA:
        return None
    try:
        number = float(cell)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def save(strategy, before: pd.DataFrame, after: pd.DataFrame) -> tuple[int, list[str]]:
    """Write every changed cell (shares from percent), recording who/when/old/new; return (changes, errors)."""
    user = auth.require(Role.ADMINISTRATOR, "ændre mål").user
    changes, errors = 0, []
    with data.writer() as con:
        return _save(con, strategy, before, after, user, changes, errors)


def _save(con, strategy, before, after, user, changes, errors) -> tuple[int, list[str]]:
    from metrics.goals import set_goal_value

    for indicator in after.index:
        meta = _meta(indicator)
        scale = 100 if meta.is_share else 1
        old, new = before.loc[indicator], after.loc[indicator]
        try:
            by, bv = _value(new[BASE_YEAR]), _value(new[BASE_VALUE])
            oy, ov = _value(old[BASE_YEAR]), _value(old[BASE_VALUE])
            if (by, bv) != (oy, ov):
                if by is None and bv is None and oy is not None:
                    changes += set_goal_value(con, strategy, indicator, "baseline", int(oy), None, user)
                elif by is None or bv is None:
                    errors.append(f"{meta.name}: udfyld både Basisår og Basisværdi (eller ingen af dem).")
                else:
                    changes += set_goal_value(con, strategy, indicator, "baseline", int(by), bv / scale, user)
            for col in after.columns:
                if not str(col).startswith("Mål "):
                    continue
                nv, ovv = _value(new[col]), _value(old[col])
                if nv != ovv:
                    year = int(str(col).split()[1])
                    changes += set_goal_value(
                        con, strategy, indicator, "target", year, None if nv is None else nv / scale, user
                    )
        except ValueError as exc:
            errors.append(f"{meta.name}: {exc}")
    return changes, errors


def history_table(strategy) -> pd.DataFrame:
    """The strategy's goal changes, newest first, in Danish with shares in percent."""
    from metrics.goals import goal_history

    with data.cursor() as cur:
        frame = goal_history(cur, strategy)
    rows = []
    for r in frame.itertuples(index=False):
        meta = _meta(r.indikator)
        show = (lambda v: fmt.percent(v)) if meta.is_share else (lambda v: fmt.number(v, 1))
        rows.append(
            {
                "Tidspunkt": fmt.timestamp(r.changed_at),
                "Bruger": r.user,
                "Indikator": meta.name,
                "Type": "Basis" if r.type == "baseline" else "Mål",
                "År": r.aar,
                "Før": "–" if pd.isna(r.old) else show(r.old),
                "Efter": "–" if pd.isna(r.new) else show(r.new),
            }
        )
    return pd.DataFrame(rows, columns=["Tidspunkt", "Bruger", "Indikator", "Type", "År", "Før", "Efter"])


def to_xlsx(strategy) -> bytes:
    """The strategy's goals as an Excel workbook to edit and upload again."""
    from metrics.goals import goals_to_xlsx

    with data.cursor() as cur:
        return goals_to_xlsx(cur, strategy)


def from_xlsx(strategy, content: bytes) -> tuple[int, list[str]]:
    """Apply an uploaded goals workbook all-or-nothing; return (changes, Danish errors)."""
    from metrics.goals import goals_from_xlsx

    user = auth.require(Role.ADMINISTRATOR, "indlæse mål").user
    with data.writer() as cur:
        return goals_from_xlsx(cur, content, strategy, user)
