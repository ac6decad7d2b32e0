"""Importhistorik: Danish thousands separators, the OS user, undo that starts afresh and says what it undid."""

from __future__ import annotations

import re

from tests.app.conftest import new_app, texts
from tests.app.files import good_indsatser_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _rows_read() -> dict[int, int]:
    from ui import data

    with data.cursor() as cur:
        return dict(cur.execute("SELECT batch, rows_read FROM imports").fetchall())


def test_counts_carry_danish_thousands_separators(demo_db):
    at = new_app().run()
    at.switch_page("views/import_history.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    expected = {b: f"{n:,}".replace(",", ".") for b, n in _rows_read().items()}  # 15028 -> "15.028"
    assert dict(zip(table["Kørsel"], table["Rækker"], strict=True)) == expected
    assert any(n >= 1000 for n in _rows_read().values()), "the demo has a batch with thousands of rows"


def test_undo_resets_the_confirmation_and_says_what_was_undone(demo_db, monkeypatch):
    monkeypatch.delenv("PEJLING_USER", raising=False)
    monkeypatch.delenv("USER", raising=False)
    monkeypatch.delenv("LOGNAME", raising=False)
    at = new_app().run()
    at.switch_page("views/file_upload.py").run()
    at.file_uploader(key="upload_file").set_value(("nye.xlsx", good_indsatser_xlsx("TESTUNDO2"), XLSX)).run()
    at.button(key="upload_confirm").click().run()
    at.switch_page("views/import_history.py").run()
    table = at.dataframe[0].value
    newest = table.iloc[0]
    assert newest["Fil"] == "nye.xlsx"
    assert newest["Bruger"] not in ("", "ukendt")  # the OS user, also without $USER

    batch = at.selectbox(key="undo_batch").value
    at.checkbox(key="undo_sure").check().run()
    at.button(key="undo_go").click().run()
    assert not at.exception
    shown = texts(at)
    # 12 new rows were imported (good_indsatser_xlsx): undoing removes all 12 and restores none.
    assert re.search(rf"Kørsel {batch} \(nye\.xlsx, Indsatser\) er fortrudt: 12 rækker fjernet, 0 rækker", shown), shown
    assert at.checkbox(key="undo_sure").value is False
    assert at.selectbox(key="undo_batch").value != batch
    assert at.button(key="undo_go").disabled


def test_missing_values_say_what_empty_means(demo_db):
    at = new_app().run()
    at.switch_page("views/import_history.py").run()
    missing = at.dataframe[1].value
    slut = missing[missing["Kolonne"] == "slutdato"].iloc[0]
    assert slut["Bemærkning"] == "Tom = igangværende (ingen fejl)"
    assert not any("'slutdato' mangler" in m.value for m in at.markdown)
