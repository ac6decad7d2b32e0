"""The preview before an import: sample new rows, changed cells old → new, the years whose figures can change."""

from __future__ import annotations

from store.db import connect
from store.imports import import_file
from tests.intake.conftest import HEADER, TODAY, row, xlsx


def _stored(tmp_path):
    con = connect(tmp_path / "p.duckdb")
    first = xlsx(
        [
            HEADER,
            row("GH78", 1980, "M", "Mentor", "01.02.2022", "01.03.2022", "Mål nået"),  # 2022 only, untouched
            row("AB12", 1990, "K", "Mentor", "05.01.2024", "01.02.2024", "Mål nået"),  # 2024 only
        ]
    )
    assert import_file(con, first, "foer.xlsx", today=TODAY).status == "imported"
    return con


def test_preview_shows_new_rows_changed_cells_and_affected_years(tmp_path):
    con = _stored(tmp_path)
    second = xlsx(
        [
            HEADER,
            row("GH78", 1980, "M", "Mentor", "01.02.2022", "01.03.2022", "Mål nået"),  # unchanged
            row("AB12", 1990, "K", "Mentor", "05.01.2024", "01.02.2024", "Fraflyttet"),  # reason changed
            row("EF56", 2000, "K", "Mentor", "01.09.2025", "01.10.2025", "Andet"),  # new, 2025 only
        ]
    )
    result = import_file(con, second, "efter.xlsx", dry_run=True, today=TODAY)
    assert (result.status, result.inserted, result.updated, result.unchanged) == ("preview", 1, 1, 1)
    changes = result.changes
    assert [r["borger_id"] for r in changes.new_rows] == ["EF56"]
    assert changes.new_rows[0]["startdato"] == "01.09.2025"
    assert changes.new_rows[0]["slutdato"] == "01.10.2025"
    assert len(changes.changed_rows) == 1
    changed = changes.changed_rows[0]
    assert changed.key == "AB12 · Mentor · 05.01.2024"
    assert [(c.column, c.old, c.new) for c in changed.cells] == [("afslutningsårsag", "Mål nået", "Fraflyttet")]
    # AB12 is active in 2024 (before and after), EF56 in 2025; GH78 (2022) is unchanged.
    assert changes.years == [2024, 2025]
    con.close()


def test_an_ongoing_episode_reaches_today_and_an_empty_cell_reads_tom(tmp_path):
    con = _stored(tmp_path)
    second = xlsx([HEADER, row("AB12", 1990, "K", "Mentor", "05.01.2024", None, None)])  # reopened: ongoing
    result = import_file(con, second, "efter.xlsx", dry_run=True, today=TODAY)
    cells = [(c.column, c.old, c.new) for c in result.changes.changed_rows[0].cells]
    assert cells == [("slutdato", "01.02.2024", "(tom)"), ("afslutningsårsag", "Mål nået", "(tom)")]
    assert result.changes.years == [2024, 2025, 2026]  # ongoing up to today (23.11.2026)
    con.close()
