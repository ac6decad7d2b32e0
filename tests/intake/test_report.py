"""The error report lists every error and marks the cells in a copy of the sheet, never showing a CPR number."""

import io

import openpyxl

from intake.report import error_report_xlsx
from store.imports import import_file
from tests.intake.conftest import HEADER, TODAY, row, xlsx


def _book(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_report_lists_errors_and_marks_cells(con):
    data = xlsx([["Udtræk"], HEADER, row(aar="abc"), row(borger="CD34", slut="01.02.2024")])
    result = import_file(con, data, "x.xlsx", today=TODAY)
    report = _book(error_report_xlsx(result, data, "x.xlsx"))
    assert report.sheetnames == ["Fejl", "Kopi af Indsatser"]
    listed = [r for r in report["Fejl"].iter_rows(min_row=5, values_only=True)]
    assert listed == [
        ("Indsatser", 3, "fødselsår", "abc", "Værdien er ikke et heltal"),
        ("Indsatser", 4, "afslutningsårsag", "", "Afslutningsårsag skal udfyldes, når slutdato er udfyldt"),
    ]
    copy = report["Kopi af Indsatser"]
    assert copy["A1"].value == "Udtræk"
    assert copy["B3"].value == "abc"
    assert copy["B3"].fill.fgColor.rgb.endswith("FF9999")
    assert copy["B3"].comment.text.startswith("Værdien er ikke et heltal")
    assert copy["G4"].fill.fgColor.rgb.endswith("FF9999")
    assert copy["A3"].fill.fgColor.rgb in (None, "00000000")


def test_report_masks_cpr_in_list_and_copy(con):
    data = xlsx([[*HEADER, "Note"], [*row(), "ring 0101901234"]])
    result = import_file(con, data, "x.xlsx", today=TODAY)
    raw = error_report_xlsx(result, data, "x.xlsx")
    book = _book(raw)
    cells = [c for ws in book.worksheets for r in ws.iter_rows(values_only=True) for c in r if c]
    assert "ring 010190-****" in cells
    assert not any("0101901234" in str(c) for c in cells)
    import zipfile

    z = zipfile.ZipFile(io.BytesIO(raw))
    assert all(b"0101901234" not in z.read(n) for n in z.namelist())
    assert book["Kopi af Indsatser"]["I2"].comment.text.startswith("Cellen ligner et CPR-nummer")


def test_report_for_csv_and_for_unreadable_file(con):
    text = "borger_id;fødselsår;indsats;startdato;målgrupper\nAB12;1990;Mentor;05.13.2024;\n"
    data = text.encode("cp1252")
    result = import_file(con, data, "u.csv", today=TODAY)
    book = _book(error_report_xlsx(result, data, "u.csv"))
    assert book.sheetnames == ["Fejl", "Kopi af u.csv"]
    assert book["Kopi af u.csv"]["D2"].comment is not None
    bad = import_file(con, b"%PDF-1.4", "r.pdf", today=TODAY)
    assert _book(error_report_xlsx(bad, b"%PDF-1.4", "r.pdf")).sheetnames == ["Fejl"]


def test_large_sheet_copy_keeps_header_and_first_error_rows(con, monkeypatch):
    from intake import report

    monkeypatch.setattr(report, "FULL_COPY_CELLS", 10)
    monkeypatch.setattr(report, "MAX_COPY_ERROR_ROWS", 1)
    data = xlsx([HEADER, row(), row(borger="CD34", aar="x"), row(borger="EF56", aar="y")])
    result = import_file(con, data, "x.xlsx", today=TODAY)
    book = _book(error_report_xlsx(result, data, "x.xlsx"))
    copy = book["Kopi af Indsatser"]
    assert [r[:2] for r in copy.iter_rows(values_only=True)] == [
        ("borger_id", "fødselsår"),
        (None, None),
        ("CD34", "x"),
    ]
    assert len(list(book["Fejl"].iter_rows(min_row=5))) == 2
    assert "kun overskrifterne og de første 1 rækker med fejl" in book["Fejl"]["A3"].value


def test_report_copy_keeps_numbers_and_dates_and_marks_the_cells(con):
    # fødselsår 2003 is a number and startdato a real date in the analyst's file; the bad cell is text.
    import datetime as dt

    data = xlsx([HEADER, row(aar=2003, start=dt.datetime(2025, 2, 3)), row(borger="CD34", aar="19x0")])
    result = import_file(con, data, "x.xlsx", today=TODAY)
    copy = _book(error_report_xlsx(result, data, "x.xlsx"))["Kopi af Indsatser"]
    assert copy["B2"].value == 2003 and isinstance(copy["B2"].value, int | float)
    assert copy["E2"].value == dt.datetime(2025, 2, 3)
    assert copy["E2"].number_format == "dd.mm.yyyy"
    assert copy["B3"].value == "19x0"
    assert copy["B3"].fill.fgColor.rgb.endswith("FF9999")
    assert copy["A2"].value == "AB12"  # text stays text


def test_report_copy_keeps_leading_zeros_as_text():
    from intake.report import typed_cell

    assert typed_cell("007") == "007"
    assert typed_cell("2,5") == 2.5
    assert typed_cell("1990") == 1990.0
    assert str(typed_cell("31.02.2024")) == "31.02.2024"  # not a date: stays as written
