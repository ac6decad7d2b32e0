"""Import history and undo for the Importhistorik page."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

import settings
from schemas.extracts import EXTRACTS
from textsafe import safe
from ui import data, fmt

STATUS_DA = {"imported": "Importeret", "unchanged": "Uændret", "refused": "Afvist", "undone": "Fortrudt"}


def batches() -> list[dict]:
    """The import batches, newest first, as plain dicts."""
    from store.imports import history

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
                "Rækker": r.get("rows"),
                "Nye": r.get("inserted"),
                "Ændrede": r.get("updated"),
                "Status": STATUS_DA.get(status, status),
                "Fortrudt": f"{_when(r.get('undone_at'))} af {r.get('undone_by')}" if r.get("undone_at") else "",
            }
        )
    return pd.DataFrame(out)


def _when(iso: str | None) -> str:
    """An ISO timestamp from the history as Danish text."""
    return fmt.timestamp(datetime.fromisoformat(iso)) if iso else ""


def undoable(rows: list[dict]) -> list[int]:
    """Batches that can still be undone (imported and not undone)."""
    return [r["batch"] for r in rows if r.get("status") == "imported" and not r.get("undone_at")]


def undo(batch: int):
    """Undo one batch, restoring exactly the earlier data."""
    from store.imports import undo as store_undo

    with data.writer() as cur:
        return store_undo(cur, batch, user=settings.current_user())


def quality(view: data.View) -> dict:
    """Data-quality figures and notes for the view's period (suppressed by the metrics layer)."""
    return data.view_figures("data_quality", view)


def missing_table(quality: dict) -> pd.DataFrame:
    """Missing values per extract and column as a Danish table."""
    return pd.DataFrame(
        [
            {"Udtræk": m["udtræk"], "Kolonne": m["kolonne"], "Mangler": m["visning"]}
            for m in quality.get("manglende_vaerdier", [])
        ],
        columns=["Udtræk", "Kolonne", "Mangler"],
    )
