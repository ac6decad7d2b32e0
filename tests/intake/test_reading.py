"""Reading: content decides the type; CSV dialects; title rows, aliases, empty rows; Excel dates and numbers."""

import datetime as dt
import io

import pytest

from store.imports import import_file
from tests.intake.conftest import HEADER, TODAY, row, snapshot, xlsx


def _rows(con):
    return con.execute(
        "SELECT borger_id, foedselsaar, koen, indsats, startdato, slutdato, afslutningsaarsag, maalgrupper "
        "FROM indsatser ORDER BY borger_id, startdato"
    ).fetchall()


def test_csv_in_windows_1252_with_semicolons_is_read(con):
    text = "borger_id;fødselsår;køn;indsats;startdato;målgrupper\r\nAB12;1990;K;Bostøtte (SEL §85);05.01.2024;Svære opvækstvilkår\r\n"
    result = import_file(con, text.encode("cp1252"), "udtræk.csv", today=TODAY)
    assert result.status == "imported", result.errors
    assert _rows(con) == [
        ("AB12", 1990, "Kvinde", "Bostøtte (SEL §85)", dt.date(2024, 1, 5), None, None, ["Svære opvækstvilkår"])
    ]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_csv_in_utf8_with_commas_with_and_without_bom(con, bom):
    text = 'borger_id,fødselsår,indsats,startdato,målgrupper\nAB12,1990,Mentor,2024-01-05,"Alkohol;Hash"\n'
    result = import_file(con, bom + text.encode("utf-8"), "x.csv", today=TODAY)
    assert result.status == "imported", result.errors
    assert _rows(con) == [("AB12", 1990, None, "Mentor", dt.date(2024, 1, 5), None, None, ["Alkohol", "Hash"])]


def test_utf16_tab_separated_text_is_read(con):
    text = "borger_id\tfødselsår\tindsats\tstartdato\tmålgrupper\r\nAB12\t1990\tMentor\t05.01.2024\tHash\r\n"
    result = import_file(con, text.encode("utf-16"), "unicode.txt", today=TODAY)
    assert result.status == "imported", result.errors
    assert _rows(con)[0][:4] == ("AB12", 1990, None, "Mentor")


def test_csv_decimal_comma_integer_is_read(con):
    text = "borger_id;fødselsår;indsats;startdato;målgrupper\nAB12;1990,0;Mentor;05.01.2024;\n"
    result = import_file(con, text.encode("utf-8"), "x.csv", today=TODAY)
    assert result.status == "imported", result.errors
    assert _rows(con)[0][1] == 1990


def test_content_not_name_decides_the_type(con):
    data = xlsx([HEADER, row(borger="CD34")])
    assert import_file(con, data, "forkert_navn.csv", today=TODAY).status == "imported"


def test_a_text_file_named_xlsx_is_refused_as_not_an_excel_file(con):
    text = "borger_id;fødselsår;indsats;startdato;målgrupper\nAB12;1990;Mentor;05.01.2024;\n"
    result = import_file(con, text.encode("utf-8"), "forkert_navn.xlsx", today=TODAY)
    assert result.status == "refused"
    assert [e.message for e in result.errors] == [
        "Filen hedder .xlsx, men er ikke en Excel-fil (den ser ud til at være en tekstfil). Åbn den i Excel og "
        "gem den som Excel-projektmappe (*.xlsx), eller giv den endelsen .csv, hvis den er en CSV-fil."
    ]
    assert import_file(con, text.encode("utf-8"), "rigtigt_navn.csv", today=TODAY).status == "imported"


def test_title_rows_are_skipped_and_rows_numbered_as_in_excel(con):
    data = xlsx([["Udtræk fra Fagsystem"], [], HEADER, row(), [None] * 8, row(borger="CD34", aar="19x0")])
    result = import_file(con, data, "x.xlsx", today=TODAY)
    assert [(e.sheet, e.row, e.column, e.value) for e in result.errors] == [("Indsatser", 6, "fødselsår", "19x0")]
    assert result.errors[0].message == "Værdien er ikke et heltal"


def test_header_aliases_match_after_normalising(con):
    header = [
        "BORGER ID",
        "foedselsaar",
        "KØN",
        " Indsats ",
        "Start-dato",
        "slutdato",
        "Afslutnings årsag",
        "maalgrupper",
    ]
    result = import_file(con, xlsx([header, row()]), "x.xlsx", today=TODAY)
    assert result.status == "imported", result.errors
    assert _rows(con)[0][:4] == ("AB12", 1990, "Kvinde", "Mentor")


def test_header_without_danish_letters_matches(con):
    header = ["borger_id", "fodselsar", "kon", "indsats", "startdato", "slutdato", "afslutningsarsag", "malgrupper"]
    result = import_file(con, xlsx([header, row()]), "x.xlsx", today=TODAY)
    assert result.status == "imported", result.errors


def test_unknown_column_is_a_warning_and_not_stored(con):
    result = import_file(con, xlsx([[*HEADER, "Sagsbehandler"], [*row(), "Team 2"]]), "x.xlsx", today=TODAY)
    assert result.status == "imported"
    assert result.warnings == ["Kolonnen 'Sagsbehandler' i arket 'Indsatser' kendes ikke og bliver ikke gemt."]


def test_data_without_a_header_is_a_warning(con):
    result = import_file(con, xlsx([HEADER, [*row(), "løs værdi"]]), "x.xlsx", today=TODAY)
    assert result.status == "imported"
    assert result.warnings == ["Kolonne I i arket 'Indsatser' har data, men ingen overskrift, og bliver ikke gemt."]


def test_empty_rows_and_columns_are_ignored(con):
    header = [None, *HEADER]
    data = xlsx([header, [None, *row()], [None] * 9, [None, *row(borger="CD34")]])
    result = import_file(con, data, "x.xlsx", today=TODAY)
    assert (result.status, result.rows, result.inserted) == ("imported", 2, 2)


@pytest.mark.parametrize(
    "value",
    [dt.date(2024, 1, 5), dt.datetime(2024, 1, 5, 0, 0), "2024-01-05", "05-01-2024", "05.01.2024", "05/01/2024"],
)
def test_every_accepted_date_form_gives_the_same_date(con, value):
    result = import_file(con, xlsx([HEADER, row(start=value)]), "x.xlsx", today=TODAY)
    assert result.status == "imported", result.errors
    assert _rows(con)[0][4] == dt.date(2024, 1, 5)


@pytest.mark.parametrize("value", ["5 januar 2024", "2024/01/05", "05.01.24", "31.02.2024", "05-01/2024", "44000"])
def test_other_date_text_is_a_row_error(con, value):
    result = import_file(con, xlsx([HEADER, row(start=value)]), "x.xlsx", today=TODAY)
    assert [(e.row, e.column, e.value) for e in result.errors] == [(2, "startdato", value)]
    assert result.errors[0].message.startswith("Værdien er ikke en gyldig dato")


def test_excel_number_1994_point_0_is_the_integer_1994(con):
    result = import_file(con, xlsx([HEADER, row(aar=1994.0)]), "x.xlsx", today=TODAY)
    assert result.status == "imported"
    assert _rows(con)[0][1] == 1994


def test_text_after_numbers_is_not_lost(con):
    # A reader guessing types from the first rows would turn the later text into NULL.
    rows = [HEADER] + [row(borger=f"B{i:04d}", start=dt.date(2024, 1, 1)) for i in range(30)]
    rows.append(row(borger="B9999", start="05.01.2024"))
    result = import_file(con, xlsx(rows), "x.xlsx", today=TODAY)
    assert result.status == "imported", result.errors
    assert con.execute("SELECT startdato FROM indsatser WHERE borger_id = 'B9999'").fetchall() == [
        (dt.date(2024, 1, 5),)
    ]


def test_single_sheet_with_another_name_is_taken(con):
    result = import_file(con, xlsx([HEADER, row()], sheet="Ark1"), "x.xlsx", today=TODAY)
    assert (result.status, result.extract) == ("imported", "indsatser")


def test_sheet_found_by_name_in_any_case_among_several(con):
    data = xlsx([["noget andet"]], sheet="Forside", extra_sheets={"INDSATSER": [HEADER, row()]})
    result = import_file(con, data, "x.xlsx", today=TODAY)
    assert (result.status, result.extract) == ("imported", "indsatser")


def test_extract_detected_from_columns(con):
    data = xlsx([["borger_id", "måledato", "domæne", "score"], ["AB12", "01.03.2024", "Bolig", 4]], sheet="Data")
    result = import_file(con, data, "x.xlsx", today=TODAY)
    assert (result.status, result.extract) == ("imported", "progression")


def test_cpr_in_unknown_column_refuses_file_with_masked_value(con):
    before = snapshot(con)
    data = xlsx([[*HEADER, "Note"], [*row(), "ok"], [*row(borger="CD34"), "ring til 010190-1234"]])
    result = import_file(con, data, "x.xlsx", today=TODAY)
    assert result.status == "refused"
    assert [(e.sheet, e.row, e.column, e.value) for e in result.errors] == [
        ("Indsatser", 3, "Note", "ring til 010190-****")
    ]
    assert "1234" not in repr(result.to_json())
    assert snapshot(con) == before


def test_cpr_in_title_row_and_in_borger_id_are_both_named(con):
    data = xlsx([["Udtræk for 0101901234"], HEADER, row(borger="2902001234")])
    result = import_file(con, data, "x.xlsx", today=TODAY)
    assert result.status == "refused"
    assert [(e.row, e.column, e.value) for e in result.errors] == [
        (1, "A", "Udtræk for 010190-****"),
        (3, "borger_id", "290200-****"),
    ]


def test_cpr_in_csv_refuses(con):
    text = "borger_id;fødselsår;indsats;startdato;målgrupper\n010190-1234;1990;Mentor;05.01.2024;\n"
    result = import_file(con, text.encode("cp1252"), "x.csv", today=TODAY)
    assert [(e.sheet, e.row, e.column, e.value) for e in result.errors] == [("x.csv", 2, "borger_id", "010190-****")]


def test_ragged_csv_read_in_small_chunks_keeps_every_cell_and_row_number(monkeypatch):
    from intake import read

    monkeypatch.setattr(read, "CSV_CHUNK_ROWS", 2)
    raw = read.read_csv("Titel\n\na;b;c\n1;2;3\n4;5;6\n".encode("cp1252"))
    assert raw.rows.tolist() == [1, 2, 3, 4, 5]
    assert raw.frame.fillna("").values.tolist() == [
        ["Titel", "", ""],
        ["", "", ""],
        ["a", "b", "c"],
        ["1", "2", "3"],
        ["4", "5", "6"],
    ]


def test_cpr_cell_letter_matches_excel_when_the_sheet_starts_in_column_c(con):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Indsatser"
    ws["D1"] = "kontakt 0101901234"
    for c, v in enumerate(HEADER, start=3):
        ws.cell(row=3, column=c, value=v)
    for c, v in enumerate(row(), start=3):
        ws.cell(row=4, column=c, value=v)
    buf = io.BytesIO()
    wb.save(buf)
    result = import_file(con, buf.getvalue(), "x.xlsx", today=TODAY)
    assert [(e.row, e.column, e.value) for e in result.errors] == [(1, "D", "kontakt 010190-****")]
