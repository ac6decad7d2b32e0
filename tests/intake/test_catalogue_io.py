"""The catalogue round-trips through Excel; imports are validated like extracts and logged."""

import io

import openpyxl
import pytest

from store.catalogue import export_catalogue_xlsx, import_catalogue, load_catalogue
from store.imports import import_file
from tests.intake.conftest import HEADER, TODAY, row, xlsx


@pytest.fixture
def con(lake_con):
    """The catalogue is edited on the default store, a DuckLake."""
    return lake_con


def _edit(data: bytes, fn) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    fn(wb["Indsatskatalog"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_export_then_import_is_unchanged(con):
    before = load_catalogue(con)
    result = import_catalogue(con, export_catalogue_xlsx(con), "katalog.xlsx", user="adm", today=TODAY)
    assert (result.status, result.rows, result.unchanged) == ("unchanged", 16, 16), result.errors
    assert load_catalogue(con).equals(before)


def test_added_and_changed_rows_are_stored_and_logged(con):
    def change(ws):
        ws.append(["Natcafé", "SEL §104", 1, "At være noget for nogen", None, "Nej"])
        for r in ws.iter_rows(min_row=2):
            if r[0].value == "Mentor":
                r[2].value = 3

    data = _edit(export_catalogue_xlsx(con), change)
    result = import_catalogue(con, data, "katalog.xlsx", user="adm", today=TODAY)
    assert (result.status, result.inserted, result.updated) == ("imported", 1, 1), result.errors
    assert con.execute("SELECT trin FROM katalog WHERE indsats = 'Mentor'").fetchall() == [(3,)]
    assert sorted(con.execute('SELECT action, indsats, "user" FROM katalog_historik').fetchall()) == [
        ("tilføjet", "Natcafé", "adm"),
        ("ændret", "Mentor", "adm"),
    ]
    assert import_file(con, xlsx([HEADER, row(indsats="Natcafé")]), "x.xlsx", today=TODAY).status == "imported"


def test_invalid_catalogue_is_refused_with_row_errors(con):
    def change(ws):
        ws["C2"] = 7
        ws["D3"] = "Stabile ramer"

    before = load_catalogue(con)
    result = import_catalogue(con, _edit(export_catalogue_xlsx(con), change), "k.xlsx", today=TODAY)
    assert result.status == "refused"
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "trin", "Værdien skal ligge mellem 1 og 6"),
        (3, "fokusområder", '"Stabile ramer" findes ikke – mente du "Stabile rammer"?'),
    ]
    assert load_catalogue(con).equals(before)


def test_removing_an_intervention_in_use_is_refused(con):
    import_file(con, xlsx([HEADER, row()]), "x.xlsx", today=TODAY)

    def drop_mentor(ws):
        for r in ws.iter_rows(min_row=2):
            if r[0].value == "Mentor":
                ws.delete_rows(r[0].row)
                break

    result = import_catalogue(con, _edit(export_catalogue_xlsx(con), drop_mentor), "k.xlsx", today=TODAY)
    assert result.status == "refused"
    assert result.errors[0].message == "Indsatsen 'Mentor' bruges i gemte data og kan ikke fjernes fra kataloget."
