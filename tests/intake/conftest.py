"""Tiny file builders and a fresh database for the intake tests."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from store.db import connect

TODAY = dt.date(2026, 11, 23)
HEADER = ["borger_id", "fødselsår", "køn", "indsats", "startdato", "slutdato", "afslutningsårsag", "målgrupper"]


def xlsx(rows: list[list], sheet: str = "Indsatser", extra_sheets: dict[str, list[list]] | None = None) -> bytes:
    """An .xlsx with the rows written from A1 (None = empty cell)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for r in rows:
        ws.append(r)
    for name, more in (extra_sheets or {}).items():
        other = wb.create_sheet(name)
        for r in more:
            other.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def row(borger="AB12", aar=1990, koen="K", indsats="Mentor", start="05.01.2024", slut=None, aarsag=None, mg="Alkohol"):
    """One Indsatser row in HEADER order."""
    return [borger, aar, koen, indsats, start, slut, aarsag, mg]


def snapshot(con) -> dict[str, list]:
    """Every data, history and import row, sorted, for before/after comparisons."""
    out = {}
    for t in (
        "indsatser",
        "indsatser_history",
        "progression",
        "progression_history",
        "borgeroplevelse",
        "imports",
        "katalog",
    ):
        out[t] = sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall()))
    return out


def data_snapshot(con) -> dict[str, list]:
    """Every data table's rows (not the import log), sorted."""
    return {
        t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall()))
        for t in ("indsatser", "indsatser_history", "progression", "progression_history", "borgeroplevelse")
    }


@pytest.fixture
def con(tmp_path):
    """A fresh, empty single-file store: reading and validation do not depend on the engine
    (test_store.py and test_catalogue_io.py run on a DuckLake store instead)."""
    c = connect(tmp_path / "t.duckdb", engine_kind="duckdb")
    yield c
    c.close()


@pytest.fixture
def lake_con(tmp_path):
    """A fresh, empty DuckLake store (SQLite catalogue), the default store."""
    c = connect(tmp_path / "lager")
    yield c
    c.close()
