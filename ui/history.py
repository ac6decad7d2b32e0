"""Import history and undo for the Importhistorik page."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from schemas.extracts import EXTRACTS
from textsafe import safe
from ui import auth, data, fmt
from ui.roles import Role

STATUS_DA = {"imported": "Importeret", "unchanged": "Uændret", "refused": "Afvist", "undone": "Fortrudt"}


def batches() -> list[dict]:
    """The import batches, newest first, as plain dicts (analysts and up)."""
    from store.imports import history

    auth.require(Role.ANALYTIKER, "se importhistorikken")
    with data.cursor() as cur:
        return history(cur)


def batches_table(rows: list[dict]) -> pd.DataFrame:
    """The batches as a Danish table."""
    out = []
    for r in rows:
        status = "undone" if r.get("undone_at") else r.get("status")
        out.append(
            {
                "Kørsel": r.get("batch"),
                "Tidspunkt": _when(r.get("at")),
                "Bruger": safe(r.get("user")),
                "Fil": safe(r.get("file")),
                "Udtræk": EXTRACTS[r["extract"]].title if r.get("extract") in EXTRACTS else r.get("extract"),
                "Rækker": _count(r.get("rows")),
                "Nye": _count(r.get("inserted")),
                "Ændrede": _count(r.get("updated")),
                "Status": STATUS_DA.get(status, status),
                "Fortrudt": f"{_when(r.get('undone_at'))} af {r.get('undone_by')}" if r.get("undone_at") else "",
            }
        )
    return pd.DataFrame(out, columns=list(BATCH_COLUMNS))


BATCH_COLUMNS = ("Kørsel", "Tidspunkt", "Bruger", "Fil", "Udtræk", "Rækker", "Nye", "Ændrede", "Status", "Fortrudt")
NUMBER_COLUMNS = ("Rækker", "Nye", "Ændrede")


def _count(value: int | None) -> str:
    """A batch's row count as Danish text with thousands separators (`15.028`): it counts rows in a file."""
    return "" if value is None else fmt.number(value)


def batches_column_config() -> dict:
    """Right-align the counts (they are text so that they carry Danish thousands separators)."""
    return {c: st.column_config.TextColumn(c, alignment="right") for c in NUMBER_COLUMNS}


def _when(iso: str | None) -> str:
    """An ISO timestamp from the history as Danish text."""
    return fmt.timestamp(datetime.fromisoformat(iso)) if iso else ""


def undoable(rows: list[dict]) -> list[int]:
    """Batches that can still be undone (imported and not undone)."""
    return [r["batch"] for r in rows if r.get("status") == "imported" and not r.get("undone_at")]


UNDO_MESSAGE = "_undo_msg"


def batch_label(batch: int, rows: list[dict]) -> str:
    """A batch as the undo selector shows it: number, file and time."""
    row = next((r for r in rows if r.get("batch") == batch), {})
    return f"Kørsel {batch} · {row.get('file', '')} · {_when(row.get('at'))}".rstrip(" ·")


def undone_text(outcome, row: dict) -> str:
    """What an undo did, in Danish: which batch and file, rows removed and rows given back their earlier values."""
    if outcome.status != "undone":
        return outcome.message
    removed = outcome.deleted - outcome.restored
    extract = EXTRACTS[row["extract"]].title if row.get("extract") in EXTRACTS else row.get("extract", "")
    return (
        f"Kørsel {outcome.batch} ({row.get('file', '')}, {extract}) er fortrudt: "
        f"{fmt.number(removed)} {'række' if removed == 1 else 'rækker'} fjernet, "
        f"{fmt.number(outcome.restored)} {'række' if outcome.restored == 1 else 'rækker'} "
        "har fået deres tidligere værdier igen."
    )


def undo_clicked(batch: int, rows: list[dict]) -> None:
    """The undo button's callback: undo, keep the outcome for the next run, and clear the confirmation.

    It runs before the page is drawn again, so the checkbox and the batch choice start afresh
    (setting a widget's state after it is drawn does not reach the browser). A callback runs before
    the page (outside the frame's refusal handling), so a refused write is kept as a Danish message.
    """
    try:
        outcome = undo(batch)
    except auth.Forbidden as refusal:
        st.session_state[UNDO_MESSAGE] = ("refused", str(refusal))
        return
    row = next((r for r in rows if r.get("batch") == batch), {})
    st.session_state[UNDO_MESSAGE] = (outcome.status, undone_text(outcome, row))
    st.session_state["undo_sure"] = False
    st.session_state.pop("undo_batch", None)


def undo(batch: int):
    """Undo one batch, restoring exactly the earlier data."""
    from store.imports import undo as store_undo

    who = auth.require(Role.ANALYTIKER, "fortryde en import")
    with data.writer() as cur:
        return store_undo(cur, batch, user=who.user)


def quality(view: data.View) -> dict:
    """Data-quality figures and notes for the view's period (suppressed by the metrics layer)."""
    return data.view_figures("data_quality", view)


def missing_table(quality: dict) -> pd.DataFrame:
    """Missing values per extract and column as a Danish table, with what an empty cell means by the contract."""
    rows = []
    for m in quality.get("manglende_vaerdier", []):
        if m.get("tom_betyder"):
            note = f"Tom = {m['tom_betyder']} (ingen fejl)"
        elif m.get("gælder_når"):
            note = f"Kun forløb med '{m['gælder_når']}' udfyldt"
        else:
            note = ""
        rows.append({"Udtræk": m["udtræk"], "Kolonne": m["kolonne"], "Mangler": m["visning"], "Bemærkning": note})
    return pd.DataFrame(rows, columns=["Udtræk", "Kolonne", "Mangler", "Bemærkning"])
