"""Excel and CSV export: numbers as numbers with Danish formats, hidden figures as text, injection neutralised."""

from __future__ import annotations

import io

import openpyxl

from metrics.types import Result
from reports.export import HIDDEN_SHEET, to_csv, to_xlsx
from reports.tables import Header, Num, Table, breakdown_table, matrix_table, value_cell

HEADER = Header(
    title="Overblik",
    strategy="Plads til alle",
    period="2025",
    filters=['Leverandør: =HYPERLINK("http://x")', "Aldersgruppe: 18-24"],
    created="10. februar 2026",
    demo=True,
    min_n=5,
)


def _tables() -> list[Table]:
    shown = Result("hjemloese_andel", "2025", {"aldersgruppe": "18-24"}, 27, 197, 27 / 197, "13,7 %", False)
    hidden = Result(
        "hjemloese_andel", "2025", {"aldersgruppe": "25-29"}, 3, 43, 3 / 43, "under 20 %", True, reason="Få."
    )
    count = Result("aktive_borgere", "2025", {"aldersgruppe": "30-39"}, None, 1234, 1234.0, "1.234", False)
    return [
        Table(
            "Indikatorer",
            ["Indikator", "Værdi", "Forventet", "Note"],
            [
                ["Andel hjemløse", Num(0.137, "andel"), Num(0.148, "andel"), "=1+2"],
                ["+Borgere", Num(1234.0, "antal"), None, "-5 fra sidst"],
                ["@Ventetid", Num(9.5, "dage"), None, "\tfane"],
            ],
        ),
        breakdown_table(
            "Efter alder", [shown, hidden, count], "aldersgruppe", "Aldersgruppe", "andel", "Andel hjemløse"
        ),
    ]


def _book() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(to_xlsx(_tables(), HEADER)))


def _rows(ws) -> list[list]:
    return [list(r) for r in ws.iter_rows()]


def _find(ws, value):
    return next(c for row in ws.iter_rows() for c in row if c.value == value)


def test_numbers_are_numeric_cells_with_danish_number_formats():
    ws = _book()["Indikatorer"]
    share = _find(ws, "Andel hjemløse").offset(column=1)
    assert share.data_type == "n" and share.value == 0.137 and share.number_format == "0.0 %"
    assert share.offset(column=1).value == 0.148 and share.offset(column=1).number_format == "0.0 %"
    count = _find(ws, "'+Borgere").offset(column=1)
    assert count.data_type == "n" and count.value == 1234 and count.number_format == "#,##0"
    days = _find(ws, "'@Ventetid").offset(column=1)
    assert days.value == 9.5 and days.number_format == '#,##0.0" dage"'


def test_a_hidden_figure_is_its_display_text_never_the_raw_number():
    ws = _book()["Efter alder"]
    row = next(r for r in ws.iter_rows(values_only=True) if r[1] == "25-29")
    assert row[2] == "under 20 %" and row[4] is None and row[5] == "Få."
    values = [c for r in ws.iter_rows(values_only=True) for c in r]
    assert 3 not in values and 43 not in values and 3 / 43 not in values
    shown = next(r for r in ws.iter_rows(values_only=True) if r[1] == "18-24")
    assert shown[2] == 0.137 and shown[4] == 197  # rounded to what the page shows (13,7 %), basis n


def test_formula_injection_is_neutralised_in_cells_and_in_the_header():
    book = _book()
    ws = book["Indikatorer"]
    values = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "'=1+2" in values and "'+Borgere" in values and "'-5 fra sidst" in values and "'@Ventetid" in values
    assert "'\tfane" in values
    assert "'Leverandør" not in " ".join(values)  # only text that starts dangerously is changed
    assert not any(v.startswith(("=", "+", "-", "@", "\t")) for v in values)
    assert all(c.data_type != "f" for s in book.worksheets for row in s.iter_rows() for c in row)


def test_header_block_names_strategy_period_filters_and_demo():
    rows = list(_book()["Indikatorer"].iter_rows(values_only=True))
    head = {r[0]: r[1] for r in rows[1:8] if r[0]}
    assert head["Strategi"] == "Plads til alle" and head["Periode"] == "2025"
    assert head["Filtre"] == 'Leverandør: =HYPERLINK("http://x"); Aldersgruppe: 18-24'
    assert head["Bemærk"].startswith("Syntetiske demodata")


def test_a_sheet_explains_and_lists_the_hidden_figures():
    book = _book()
    assert book.sheetnames == ["Indikatorer", "Efter alder", HIDDEN_SHEET]
    text = [c for r in book[HIDDEN_SHEET].iter_rows(values_only=True) for c in r if c]
    assert any("diskretionering" in str(t) for t in text)
    assert "'<5'" in " ".join(map(str, text))
    assert ["Efter alder", "Andel hjemløse · 25-29", "under 20 %"] == next(
        list(r[:3]) for r in book[HIDDEN_SHEET].iter_rows(values_only=True) if r[0] == "Efter alder"
    )


def test_csv_is_danish_excel_dialect():
    body = to_csv(_tables(), HEADER)
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert "Andel hjemløse;13,7;14,8;'=1+2" in lines
    assert "'+Borgere;1234;;'-5 fra sidst" in lines
    assert "'@Ventetid;9,5;;\"'\tfane\"" in lines or "'@Ventetid;9,5;;'\tfane" in lines
    assert "Andel hjemløse;25-29;under 20 %;%;;Få." in lines
    assert 'Filtre;"Leverandør: =HYPERLINK(""http://x""); Aldersgruppe: 18-24"' in lines
    assert not any(line.startswith(("=", "+", "-", "@")) for line in lines)


def test_matrix_and_value_cells():
    cells = {("Hjemløshed", "18-24"): Result("x", "2025", {}, 5, 10, 0.5, "50,0 %", False)}
    table = matrix_table("M", cells, ["Hjemløshed", "Alkohol"], ["18-24"], "andel", "Målgruppe")
    assert table.rows == [["Hjemløshed", Num(0.5, "andel")], ["Alkohol", None]]
    assert value_cell(None, "andel") is None
