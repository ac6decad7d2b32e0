"""Upload glue: preview and import through the store, and the validation report as a table."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from schemas.extracts import EXTRACTS
from textsafe import safe, safe_message
from ui import auth, data, fmt
from ui.roles import Role

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

    # Checked here, on the server, whatever page or rerun called: only analysts read and import files.
    who = auth.require(Role.ANALYTIKER, "kontrollere filer" if dry_run else "importere udtræk")
    with data.writer() if not dry_run else data.cursor() as cur:
        return import_file(
            cur,
            content,
            filename=name,
            extract=None if extract == AUTO else extract,
            user=who.user,
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


SCROLL_AFTER = 25  # errors shown at full height; a longer list scrolls inside the table


def show_issues(result) -> None:
    """The validation report on screen: every message whole (wrapped, never cut), one row per problem.

    A static table wraps long messages; its cells are markdown, so the file's values are escaped.
    """
    table = issues_table(result)
    shown = pd.DataFrame(
        {
            "Ark": [fmt.md(v) if v else "" for v in table["Ark"]],
            "Række": ["" if pd.isna(v) else str(int(v)) for v in table["Række"]],
            "Kolonne": [fmt.md(v) if v else "" for v in table["Kolonne"]],
            "Værdi": [fmt.md(v) if v else "" for v in table["Værdi"]],
            "Fejl": [fmt.md(v) for v in table["Fejl"]],
        }
    )
    height = "content" if len(shown) <= SCROLL_AFTER else 700
    st.table(shown, hide_index=True, height=height)


def _years_text(years: list[int]) -> str:
    if not years:
        return ""
    if len(years) == 1:
        return str(years[0])
    if len(years) > 3:
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years[:-1]) + f" og {years[-1]}"


def show_changes(result) -> None:
    """What the import will change: the years whose figures can change, sample new rows, old → new per changed cell."""
    changes = getattr(result, "changes", None)
    if changes is None:
        return
    if changes.years:
        st.info(
            f"Importen kan ændre tallene for **{_years_text(changes.years)}** (de år, hvor de nye og ændrede "
            "rækker er aktive – før og efter ændringen).",
            icon=":material/date_range:",
        )
    if changes.new_rows:
        shown = len(changes.new_rows)
        st.markdown(f"**Nye rækker** – {fmt.number(shown)} af {fmt.number(result.inserted)} vist:")
        st.table(pd.DataFrame([{fmt.md(k): fmt.md(v) for k, v in row.items()} for row in changes.new_rows]))
    if changes.changed_rows:
        shown = len(changes.changed_rows)
        st.markdown(f"**Ændrede rækker** – {fmt.number(shown)} af {fmt.number(result.updated)} vist (før → efter):")
        st.table(
            pd.DataFrame(
                [
                    {
                        "Række": fmt.md(row.key),
                        "Kolonne": fmt.md(c.column),
                        "Før": fmt.md(c.old),
                        "Efter": fmt.md(c.new),
                    }
                    for row in changes.changed_rows
                    for c in row.cells
                ],
                columns=["Række", "Kolonne", "Før", "Efter"],
            ),
            hide_index=True,
        )


def error_report(content: bytes, name: str, result) -> bytes:
    """The uploaded file back as Excel with the faulty cells marked and a sheet listing every error."""
    from intake.report import error_report_xlsx

    return error_report_xlsx(result, content, name)


def extract_title(extract_id: str | None) -> str:
    """The Danish title of an extract id."""
    return EXTRACTS[extract_id].title if extract_id in EXTRACTS else (extract_id or "ukendt")
