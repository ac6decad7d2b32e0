"""Small Excel extracts for the upload tests, made from the demo generator's rows."""

from __future__ import annotations

import io
from functools import lru_cache

import pandas as pd

from schemas.extracts import INDSATSER


@lru_cache(maxsize=1)
def _rows() -> pd.DataFrame:
    from demo.generate import generate_frames

    return generate_frames()["indsatser"].head(12).copy()


def good_indsatser_xlsx(prefix: str = "TESTNY") -> bytes:
    """Twelve valid episodes for citizens not in the demo data."""
    frame = _rows().copy()
    frame["borger_id"] = [f"{prefix}{i:04d}" for i in range(len(frame))]
    return _xlsx(frame)


def bad_indsatser_xlsx() -> bytes:
    """The same episodes with an impossible birth year and an unreadable start date."""
    frame = _rows().copy().astype(object)
    frame["borger_id"] = [f"TESTFEJL{i:04d}" for i in range(len(frame))]
    frame.loc[frame.index[2], "fødselsår"] = "nitten hundrede"
    frame.loc[frame.index[5], "startdato"] = "31.02.2024x"
    return _xlsx(frame)


def _xlsx(frame: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=INDSATSER.sheet, index=False)
    return buf.getvalue()


def natcafe_catalogue(exported: bytes) -> bytes:
    """An exported catalogue with one new intervention, Natcafé, on step 1."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(exported))
    wb["Indsatskatalog"].append(["Natcafé", "SEL §104", 1, "At være noget for nogen", None, "Nej"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
