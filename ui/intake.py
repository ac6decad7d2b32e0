"""Upload glue: preview and import through the store, and the validation report as a table."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

import settings
from schemas.extracts import EXTRACTS
from textsafe import safe, safe_message
from ui import data

AUTO = "auto"


def extract_options() -> list[str]:
    """The extract choices: automatic detection first, then each extract id."""
    return [AUTO, *EXTRACTS]


def extract_label(value: str) -> str:
    """Danish label of an extract choice."""
    if value == AUTO:
        return "Find automatisk (ud fra arkets navn og kolonnerne)"
    return EXTRACTS[value].title


@st.cache_data(show_spinner=False, max_entries=2)
def template_bytes() -> bytes:
    """The Excel template with every extract's sheet, drop-downs and guidance."""
    from schemas.template import build_template

    return build_template()


def _run(content: bytes, name: str, extract: str, dry_run: bool, progress=None):
    from store.imports import import_file

    with data.writer() if not dry_run else data.cursor() as cur:
        return import_file(
            cur,
            content,
            filename=name,
            extract=None if extract == AUTO else extract,
            user=settings.current_user(),
            dry_run=dry_run,
            progress=progress,
        )


def stored_outcome(content: bytes) -> dict | None:
    """What the store recorded for these exact bytes (the latest import of them), or None."""
    from store.imports import latest_for_file

    with data.cursor() as cur:
        return latest_for_file(cur, hashlib.sha256(content).hexdigest())


def digest(content: bytes) -> str:
    """A short fingerprint of uploaded bytes (keys the preview in session state)."""
    return hashlib.sha256(content).hexdigest()[:16]


def preview(content: bytes, name: str, extract: str, progress=None):
    """What importing the file would change (nothing is written); `progress(fraction, text)` reports reading."""
    return _run(content, name, extract, dry_run=True, progress=progress)


def commit(content: bytes, name: str, extract: str, progress=None):
    """Import the file for real (one transaction; a refused file changes nothing)."""
    return _run(content, name, extract, dry_run=False, progress=progress)


def issues_table(result) -> pd.DataFrame:
    """The validation report as a Danish table (one row per problem)."""
    return pd.DataFrame(
        [
            {
                "Ark": safe(e.sheet),
                "Række": e.row,
                "Kolonne": safe(e.column),
                "Værdi": safe(e.value),
                "Fejl": safe_message(e.message),
            }
            for e in result.errors
        ],
        columns=["Ark", "Række", "Kolonne", "Værdi", "Fejl"],
    )


def error_report(content: bytes, name: str, result) -> bytes:
    """The uploaded file back as Excel with the faulty cells marked and a sheet listing every error."""
    from intake.report import error_report_xlsx

    return error_report_xlsx(result, content, name)


def extract_title(extract_id: str | None) -> str:
    """The Danish title of an extract id."""
    return EXTRACTS[extract_id].title if extract_id in EXTRACTS else (extract_id or "ukendt")
