"""The story behind the curve on the pages: comments, chart notes and the action plan, shown and edited."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from schemas.actionplan import ACTION_COLUMNS, STATUSES
from schemas.columns import Kind
from ui import components, data, fmt, summary

STATUS_ICONS = {
    "Planlagt": ":material/event:",
    "I gang": ":material/play_circle:",
    "Gennemført": ":material/check_circle:",
    "Udskudt": ":material/schedule:",
    "Opgivet": ":material/cancel:",
}
NEW_ITEM = 0  # the selector's value for "Ny handling"
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)
_MSG = "_story_msg"


# --- reading -------------------------------------------------------------------------------------


def comment(view: data.View, indicator_id: str):
    """The comment in force on an indicator for the view's period, or None."""
    return data.comments(view.strategy, view.period).get(indicator_id)


def chart_notes(strategy_id: str, indicator_id: str) -> list[tuple[date, str]]:
    """The (date, text) notes pinned to an indicator's trend chart."""
    return [(a.date, a.text) for a in data.annotations(strategy_id).get(indicator_id, [])]


def plan_year(view: data.View) -> int | None:
    """The action-plan year that belongs to the view's period."""
    return summary.period_year(view.period)


def actions_for_indicator(view: data.View, indicator_id: str) -> list:
    """The action-plan items of the view's year that serve an indicator."""
    return [a for a in data.actions(view.strategy, plan_year(view)) if indicator_id in a.indicators]


def action_line(item, area_names: dict[str, str] | None = None) -> str:
    """One item as a line of markdown: status icon and word, title, responsible unit, deadline, note."""
    icon = STATUS_ICONS.get(item.status, "")
    parts = [f"{icon} **{fmt.md(item.status)}**: {fmt.md(item.title)}", fmt.md(item.responsible)]
    parts.append(f"{fmt.day(item.start)}–{fmt.day(item.deadline)}")
    if area_names and item.focus_area in area_names:
        parts.append(fmt.md(area_names[item.focus_area]))
    line = " · ".join(parts)
    if item.status_note:
        line += f"  \n{fmt.md(item.status_note)}"
    return line


# --- showing and editing beside an indicator (Fokusområder) --------------------------------------


def _flash() -> None:
    if msg := st.session_state.pop(_MSG, None):
        st.success(msg)
        st.toast(msg, icon=":material/check:")  # seen even when the change was made far down the page


def render_story(view: data.View, strategy, indicator_id: str, key: str) -> None:
    """The comment and action items beside an indicator, with editing for those who may edit."""
    found = comment(view, indicator_id)
    items = actions_for_indicator(view, indicator_id)
    editor = components.may_edit()
    if found is not None or editor:
        st.markdown(f"**Historien bag kurven** ({fmt.md(fmt.period_label(view.period))})")
    if found is not None:
        st.markdown(fmt.md(found.text))
        st.caption(f"{fmt.md(found.user)}, {fmt.timestamp(found.changed_at)}")
    elif editor:
        st.caption("Ingen kommentar til perioden endnu.")
    if items:
        st.markdown(f"**Handleplan {plan_year(view)}**")
        for item in items:
            st.markdown(action_line(item))
    if editor:
        _edit_popover(view, strategy, indicator_id, key, found)


def _edit_popover(view: data.View, strategy, indicator_id: str, key: str, found) -> None:
    with st.popover("Skriv kommentar og noter", icon=":material/edit_note:"):
        with st.form(f"comment_{key}"):
            text = st.text_area(
                f"Kommentar til {fmt.period_label(view.period)}",
                value=found.text if found else "",
                max_chars=2000,
                help="Hvad ligger bag tallet, hvem samarbejder vi med, hvad virker. Tom tekst fjerner kommentaren.",
                key=f"comment_text_{key}",
            )
            if st.form_submit_button("Gem kommentar", icon=":material/save:", key=f"comment_save_{key}"):
                _run(lambda con: _set_comment(con, strategy, indicator_id, view.period, text), "Kommentaren er gemt.")
        st.markdown("**Noter på grafen**")
        for note in data.annotations(strategy.id).get(indicator_id, []):
            a, b = st.columns([4, 1])
            a.markdown(f"{fmt.day(note.date)}: {fmt.md(note.text)}")
            if b.button("Slet", key=f"del_note_{key}_{note.id}", icon=":material/delete:"):
                _run(lambda con, n=note: _delete_note(con, n.id), "Noten er slettet.")
        with st.form(f"note_{key}"):
            when = st.date_input(
                "Dato", value=None, min_value=FIRST_DAY, max_value=LAST_DAY, format="DD.MM.YYYY", key=f"note_day_{key}"
            )
            label = st.text_input("Tekst", max_chars=200, placeholder="Ny indsats fra 1.3.2024", key=f"note_txt_{key}")
            if st.form_submit_button("Tilføj note", icon=":material/push_pin:", key=f"note_save_{key}"):
                _run(lambda con: _add_note(con, strategy, indicator_id, when, label), "Noten er tilføjet.")


def _set_comment(con, strategy, indicator_id, period, text) -> None:
    from metrics.story_write import set_comment

    set_comment(con, strategy, indicator_id, period, text, _writer())


def _add_note(con, strategy, indicator_id, when, label) -> None:
    from metrics.story_write import add_annotation

    if when is None:
        raise ValueError("Vælg en dato til noten.")
    add_annotation(con, strategy, indicator_id, when, label, _writer())


def _delete_note(con, note_id: int) -> None:
    from metrics.story_write import update_annotation

    update_annotation(con, note_id, None, "", _writer(), delete=True)


def _run(write, done: str) -> None:
    """Run one write; refused input shows its Danish message and changes nothing; success reruns the page."""
    try:
        with data.writer() as con:
            write(con)
    except ValueError as exc:
        st.error(fmt.md(exc))
        return
    st.session_state[_MSG] = done
    st.rerun()


# --- the Handleplan page -------------------------------------------------------------------------


def flash() -> None:
    """Show the message a save left before the rerun."""
    _flash()


def plan_years(strategy, view: data.View) -> list[int]:
    """Years to choose on the Handleplan page: the strategy's years, years with items and the view's year."""
    years = {a.year for a in data.actions(strategy.id)}
    if strategy.years:
        years.update(range(strategy.years[0], strategy.years[1] + 1))
    if (y := plan_year(view)) is not None:
        years.add(y)
    return sorted(years)


def plan_table(strategy, year: int) -> pd.DataFrame:
    """The year's items with the definition's Danish headers (focus areas and indicators by name)."""
    from metrics.registry import get_indicator

    areas = {a.id: a.name for a in strategy.areas}
    rows = []
    for item in data.actions(strategy.id, year):
        row = {}
        for col in ACTION_COLUMNS:
            value = getattr(item, col.field)
            if col.field == "focus_area":
                value = areas.get(value, value)
            elif col.field == "indicators":
                value = ", ".join(get_indicator(i).name for i in value)
            elif col.kind == Kind.DATE:
                value = fmt.day(value)
            row[col.header] = value
        rows.append(row)
    return pd.DataFrame(rows, columns=[c.header for c in ACTION_COLUMNS])


def item_choices(strategy) -> dict[int, str]:
    """The selector's options: 'Ny handling' and every item in force, newest year first."""
    items = sorted(data.actions(strategy.id), key=lambda a: (-a.year, a.id))
    return {NEW_ITEM: "Ny handling", **{a.id: f"{a.year} · nr. {a.id}: {a.title}" for a in items}}


def _item(strategy, item_id: int):
    return next((a for a in data.actions(strategy.id) if a.id == item_id), None)


def item_form(strategy, item_id: int, default_year: int | None) -> dict | None:
    """The form for one item, one widget per column of the definition; the raw values when submitted."""
    from metrics.registry import get_indicator

    item = _item(strategy, item_id) if item_id != NEW_ITEM else None
    areas = {a.id: a.name for a in strategy.areas}
    names = {i: get_indicator(i).name for i in dict.fromkeys(strategy.indicator_ids())}
    raw: dict[str, object] = {}
    with st.form(f"plan_item_{item_id}"):
        for col in ACTION_COLUMNS:
            current = getattr(item, col.field) if item is not None else None
            key = f"plan_{item_id}_{col.field}"
            label = f"{col.header}{' *' if col.required else ''}"
            if col.field == "id":
                continue
            if col.field == "year":
                raw[col.field] = st.number_input(
                    label, 2000, 2100, value=current or default_year or date.today().year, step=1, key=key
                )
            elif col.field == "focus_area":
                ids = list(areas)
                raw[col.field] = st.selectbox(
                    label,
                    ids,
                    index=ids.index(current) if current in ids else None,
                    format_func=areas.get,
                    placeholder="Vælg et fokusområde",
                    key=key,
                )
            elif col.field == "indicators":
                raw[col.field] = st.multiselect(
                    label,
                    list(names),
                    default=list(current or []),
                    format_func=names.get,
                    placeholder="Vælg en eller flere indikatorer",
                    select_all=False,  # "Select all" cannot be translated
                    key=key,
                )
            elif col.field == "status":
                raw[col.field] = st.selectbox(
                    label,
                    STATUSES,
                    index=STATUSES.index(current) if current in STATUSES else 0,
                    placeholder="Vælg",
                    key=key,
                )
            elif col.kind == Kind.DATE:
                raw[col.field] = st.date_input(
                    label, value=current, min_value=FIRST_DAY, max_value=LAST_DAY, format="DD.MM.YYYY", key=key
                )
            elif col.field == "status_note":
                raw[col.field] = st.text_area(label, value=current or "", max_chars=col.max_length, key=key)
            else:
                raw[col.field] = st.text_input(label, value=current or "", max_chars=col.max_length, key=key)
        submitted = st.form_submit_button("Gem handling", type="primary", icon=":material/save:", key="plan_save")
    if not submitted:
        return None
    if item is not None:
        raw["id"] = item.id
    return raw


def save_item(strategy, raw: dict) -> list[str]:
    """Store a submitted item; the Danish errors when refused (nothing stored), else [] and a rerun."""
    from metrics.story_write import save_action

    with data.writer() as con:
        _, errors = save_action(con, strategy, raw, _writer())
    if not errors:
        for key in [k for k in st.session_state if str(k).startswith(f"plan_{NEW_ITEM}_")]:
            del st.session_state[key]  # an empty form for the next new item
        st.session_state[_MSG] = "Handlingen er gemt."
        st.rerun()
    return errors


def delete_item(strategy, item_id: int) -> None:
    """Remove an item (kept in the history) and rerun."""
    from metrics.story_write import delete_action

    with data.writer() as con:
        delete_action(con, strategy, item_id, _writer())
    st.session_state[_MSG] = "Handlingen er fjernet fra handleplanen."
    st.rerun()


def to_xlsx(strategy, year: int | None) -> bytes:
    """The plan (one year, or all with None) as an Excel workbook; with no items it is the empty template."""
    from metrics.actionplan_xlsx import actionplan_to_xlsx

    with data.cursor() as cur:
        return actionplan_to_xlsx(cur, strategy, year)


def from_xlsx(strategy, content: bytes) -> tuple[int, list[str]]:
    """Apply an uploaded action-plan workbook all-or-nothing; return (changed items, Danish errors)."""
    from metrics.actionplan_xlsx import actionplan_from_xlsx

    with data.writer() as con:
        return actionplan_from_xlsx(con, content, strategy, _writer())


def history_table(strategy) -> pd.DataFrame:
    """Every version of the plan's items, the comments and the chart notes, newest first, in Danish."""
    from metrics.registry import get_indicator
    from metrics.story import action_history, annotation_history, comment_history

    with data.cursor() as cur:
        actions = action_history(cur, strategy.id)
        comments = comment_history(cur, strategy.id)
        notes = annotation_history(cur, strategy.id)
    rows = [
        {
            "Tidspunkt": a.changed_at,
            "Bruger": a.user,
            "Hvad": f"Handling nr. {a.id} (version {a.version})",
            "Ændring": "Fjernet" if a.deleted else f"{a.title} · {a.status} · frist {fmt.day(a.deadline)}",
        }
        for a in actions
    ]
    rows += [
        {
            "Tidspunkt": c.changed_at,
            "Bruger": c.user,
            "Hvad": f"Kommentar {get_indicator(c.indicator).name}, {fmt.period_label(c.period)} (version {c.version})",
            "Ændring": c.text or "Fjernet",
        }
        for c in comments
    ]
    rows += [
        {
            "Tidspunkt": n.changed_at,
            "Bruger": n.user,
            "Hvad": f"Note på grafen {get_indicator(n.indicator).name} (version {n.version})",
            "Ændring": "Fjernet" if n.deleted else f"{fmt.day(n.date)}: {n.text}",
        }
        for n in notes
    ]
    rows.sort(key=lambda r: r["Tidspunkt"], reverse=True)
    for r in rows:
        r["Tidspunkt"] = fmt.timestamp(r["Tidspunkt"])
    return pd.DataFrame(rows, columns=["Tidspunkt", "Bruger", "Hvad", "Ændring"])


def _writer() -> str:
    """The signed-in name to record; only administrators write the story and the action plan (checked here)."""
    from ui import auth
    from ui.roles import Role

    return auth.require(Role.ADMINISTRATOR, "skrive kommentarer, noter og handleplanen").user
