"""Goal editing glue for the Mål page: an editable table (shares in percent), saving with history."""

from __future__ import annotations

import math

import pandas as pd

import settings
from ui import data, fmt

BASE_YEAR = "Basisår"
BASE_VALUE = "Basisværdi"


SUBGROUP = "Delgruppe"
ALL = "Alle"  # the whole target group, in the editor's Delgruppe column
SUBGROUP_DIMENSIONS = ("under30", "aldersgruppe", "målgruppe", "køn")  # citizen dimensions a goal may be set for


def target_years(strategy, goals: dict) -> list[int]:
    """The target years offered as columns: the strategy's years after the start, and any year with a target.

    `goals` is {subgroup: {indicator: Goal}} (or {indicator: Goal} for the whole target group).
    """
    flat = [g for v in goals.values() for g in (v.values() if isinstance(v, dict) else [v])]
    years = {y for g in flat for y, _ in g.targets}
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


def row_key(indicator: str, subgroup: tuple) -> str:
    """The editor's row id: 'indicator' for the whole target group, 'indicator|dim=value; ...' for a subgroup."""
    from metrics.goals import subgroup_text

    return f"{indicator}|{subgroup_text(subgroup)}" if subgroup else indicator


def _split_key(key: str) -> tuple[str, str]:
    indicator, _, subgroup = str(key).partition("|")
    return indicator, subgroup


def editor_frame(strategy) -> pd.DataFrame:
    """One row per indicator (and per subgroup with a goal): name, subgroup, unit, baseline, one column per target year."""
    from metrics.goals import subgroup_label

    goals = data.all_goals(strategy.id)
    years = target_years(strategy, goals)
    rows = []
    for indicator in dict.fromkeys(strategy.indicator_ids()):
        meta = _meta(indicator)
        for subgroup in [(), *sorted(s for s in goals if s and indicator in goals[s])]:
            goal = goals.get(subgroup, {}).get(indicator)
            row = {
                "id": row_key(indicator, subgroup),
                "Indikator": meta.name,
                SUBGROUP: subgroup_label(subgroup) if subgroup else ALL,
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
    for col in frame.columns[5:]:
        frame[col] = frame[col].astype("Float64")
    frame[BASE_VALUE] = frame[BASE_VALUE].astype("Float64")
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
    user = settings.current_user()
    changes, errors = 0, []
    with data.writer() as con:
        return _save(con, strategy, before, after, user, changes, errors)


def _save(con, strategy, before, after, user, changes, errors) -> tuple[int, list[str]]:
    from metrics.goals import set_goal_value

    for key in after.index:
        indicator, subgroup = _split_key(key)
        meta = _meta(indicator)
        scale = 100 if meta.is_share else 1
        old, new = before.loc[key], after.loc[key]
        try:
            by, bv = _value(new[BASE_YEAR]), _value(new[BASE_VALUE])
            oy, ov = _value(old[BASE_YEAR]), _value(old[BASE_VALUE])
            if (by, bv) != (oy, ov):
                if by is None and bv is None and oy is not None:
                    changes += set_goal_value(con, strategy, indicator, "baseline", int(oy), None, user, subgroup)
                elif by is None or bv is None:
                    errors.append(f"{meta.name}: udfyld både Basisår og Basisværdi (eller ingen af dem).")
                else:
                    changes += set_goal_value(
                        con, strategy, indicator, "baseline", int(by), bv / scale, user, subgroup
                    )
            for col in after.columns:
                if not str(col).startswith("Mål "):
                    continue
                nv, ovv = _value(new[col]), _value(old[col])
                if nv != ovv:
                    year = int(str(col).split()[1])
                    changes += set_goal_value(
                        con, strategy, indicator, "target", year, None if nv is None else nv / scale, user, subgroup
                    )
        except ValueError as exc:
            errors.append(f"{meta.name}: {exc}")
    return changes, errors


def history_table(strategy) -> pd.DataFrame:
    """The strategy's goal changes, newest first, in Danish with shares in percent."""
    from metrics.goals import _stored_subgroup as _stored
    from metrics.goals import goal_history, subgroup_label

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
                SUBGROUP: subgroup_label(_stored(r.delgruppe)) if r.delgruppe else ALL,
                "Type": "Basis" if r.type == "baseline" else "Mål",
                "År": r.aar,
                "Før": "–" if pd.isna(r.old) else show(r.old),
                "Efter": "–" if pd.isna(r.new) else show(r.new),
            }
        )
    return pd.DataFrame(rows, columns=["Tidspunkt", "Bruger", "Indikator", SUBGROUP, "Type", "År", "Før", "Efter"])


def to_xlsx(strategy) -> bytes:
    """The strategy's goals as an Excel workbook to edit and upload again."""
    from metrics.goals import goals_to_xlsx

    with data.cursor() as cur:
        return goals_to_xlsx(cur, strategy)


def from_xlsx(strategy, content: bytes) -> tuple[int, list[str]]:
    """Apply an uploaded goals workbook all-or-nothing; return (changes, Danish errors)."""
    from metrics.goals import goals_from_xlsx

    with data.writer() as cur:
        return goals_from_xlsx(cur, content, strategy, settings.current_user())


def subgroup_form(strategy) -> None:
    """Add a goal for a named subgroup (an age band, under 30, a target group, a sex) of one indicator."""
    import streamlit as st

    from metrics.dimensions import DIMENSIONS
    from metrics.goals import subgroup_label
    from ui import fmt

    names = {i: _meta(i).name for i in dict.fromkeys(strategy.indicator_ids())}
    indicator = st.selectbox("Indikator", list(names), format_func=names.get, key="sub_indicator")
    st.caption("Vælg delgruppen: én eller flere dimensioner (fx aldersgruppe 18-24 og målgruppe Hjemløshed).")
    chosen = {}
    for col, dim in zip(st.columns(len(SUBGROUP_DIMENSIONS)), SUBGROUP_DIMENSIONS, strict=True):
        value = col.selectbox(
            DIMENSIONS[dim].label_da, data.dimension_values(dim), index=None, placeholder="Alle", key=f"sub_{dim}"
        )
        if value is not None:
            chosen[dim] = value
    share = _meta(indicator).is_share
    unit = " (%)" if share else ""
    c, d, e, f = st.columns(4)
    base_year = c.number_input("Basisår", 2000, 2100, value=None, step=1, key="sub_base_year")
    base_value = d.number_input(f"Basisværdi{unit}", min_value=0.0, value=None, key="sub_base_value")
    target_year = e.number_input("Målår", 2000, 2100, value=None, step=1, key="sub_target_year")
    target_value = f.number_input(f"Mål{unit}", min_value=0.0, value=None, key="sub_target_value")
    if not st.button("Tilføj mål for delgruppen", icon=":material/group_add:", key="sub_save"):
        return
    errors = []
    if not chosen:
        errors.append("Vælg mindst én delgruppe – mål for alle borgere skrives i tabellen ovenfor.")
    if target_year is None or target_value is None:
        errors.append("Udfyld både målår og mål.")
    if (base_year is None) != (base_value is None):
        errors.append("Udfyld både basisår og basisværdi (eller ingen af dem).")
    if errors:
        for error in errors:
            st.error(error)
        return
    scale = 100 if share else 1
    subgroup = tuple(sorted(chosen.items()))
    try:
        with data.writer() as con:
            _add_subgroup_goal(con, strategy, indicator, subgroup, base_year, base_value, target_year, target_value, scale)
    except ValueError as exc:
        st.error(fmt.md(exc))
        return
    label = subgroup_label(subgroup)
    st.session_state["_goal_msg"] = f"Mål for {fmt.md(names[indicator])} ({fmt.md(label)}) er gemt."
    st.session_state.pop(f"goal_editor_{strategy.id}", None)
    st.rerun()


def _add_subgroup_goal(con, strategy, indicator, subgroup, base_year, base_value, target_year, target_value, scale):
    """Write the baseline and target of a subgroup goal in one transaction (all or nothing)."""
    from metrics.goals import set_goal_values

    values = [("target", int(target_year), target_value / scale)]
    if base_year is not None:
        values.insert(0, ("baseline", int(base_year), base_value / scale))
    set_goal_values(con, strategy, indicator, values, settings.current_user(), subgroup)
