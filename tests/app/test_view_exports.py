"""Every view's Excel and CSV export on the demo data: offered on the page, the page's own figures, typed."""

from __future__ import annotations

import io

import openpyxl
import pytest

from metrics.format import format_count, format_number, format_share
from reports.export import FORMATS, HIDDEN_SHEET, to_csv, to_xlsx
from reports.tables import Hidden, Num
from tests.app.conftest import new_app
from ui import data, drill, export, ladder, summary, survey

VIEW_PAGES = (
    "views/overview.py",
    "views/focus_areas.py",
    "views/target_groups.py",
    "views/ladder.py",
    "views/citizen_experience.py",
)


@pytest.mark.usefixtures("demo_db")
@pytest.mark.parametrize("page", VIEW_PAGES)
def test_every_view_offers_excel_and_csv(page):
    at = new_app().run()
    at.switch_page(page).run()
    assert not at.exception
    labels = [b.label for b in at.download_button]
    assert "Hent som Excel" in labels and "Hent som CSV" in labels


def _view() -> data.View:
    return data.View("plads_til_alle", "2025", ())


def _all_tables(view: data.View) -> dict[str, list]:
    strategy = data.strategies()[view.strategy]
    area = strategy.areas[0]
    indicator = "hjemloese_andel"
    cells, groups, cols = drill.group_age_cells(view, indicator)
    steps, flows = ladder.flows(view)
    return {
        "overblik": export.overview_tables(summary.build(view, with_trend=False), summary.trends(view)),
        "fokusomraader": export.focus_area_tables(view, area, drill.area_detail(view, area)),
        "maalgrupper": export.target_group_tables(
            "Andel hjemløse",
            "andel",
            cells,
            groups,
            cols,
            data.compute([indicator], view, by="under30"),
            data.compute([indicator], view, by="aldersgruppe"),
        ),
        "indsatstrappen": export.ladder_tables(view, ladder.steps_by_year(view), flows, ladder.waiting(view)),
        "borgeroplevelse": export.survey_tables(view, survey.who5(view), "oplevet_kan_selv"),
    }


@pytest.mark.usefixtures("demo_db")
def test_every_export_opens_with_numeric_cells_in_danish_formats_and_a_hidden_sheet():
    view = _view()
    for name, tables in _all_tables(view).items():
        book = openpyxl.load_workbook(io.BytesIO(to_xlsx(tables, export.header(view, name))))
        assert book.sheetnames[-1] == HIDDEN_SHEET, name
        numbers = 0
        for table, ws in zip(tables, book.worksheets, strict=False):
            head = {r[0]: r[1] for r in ws.iter_rows(min_row=2, max_row=8, values_only=True) if r[0]}
            assert head["Periode"] == "2025" and head["Filtre"] == "Ingen filtre – hele målgruppen", name
            assert head["Bemærk"].startswith("Syntetiske demodata")
            start = next(
                i
                for i, r in enumerate(ws.iter_rows(values_only=True), 1)
                if list(r[: len(table.columns)]) == table.columns
            )
            for row, cells in zip(table.rows, ws.iter_rows(min_row=start + 1), strict=True):
                for value, cell in zip(row, cells, strict=False):
                    if isinstance(value, Num):
                        numbers += 1
                        assert cell.data_type == "n" and cell.number_format == FORMATS[value.unit], (name, row)
                    elif isinstance(value, Hidden):
                        assert cell.data_type == "s" and cell.value == str(value), (name, row)
        assert numbers > 0, name
        csv_text = to_csv(tables, export.header(view, name)).decode("utf-8-sig")
        assert csv_text.splitlines()[2] == "Periode;2025"


def _shown(value, unit) -> str:
    if unit == "andel":
        return format_share(value.value)
    if unit == "antal":
        return format_count(int(value.value))
    return format_number(value.value, 1)


@pytest.mark.usefixtures("demo_db")
def test_overview_export_carries_exactly_the_figures_on_the_page():
    at = new_app()
    at.query_params["periode"] = "2025"
    at.run()
    assert not at.exception
    on_page = [(m.label, m.value) for m in at.metric]
    (indicators, _trend) = export.overview_tables(summary.build(_view(), with_trend=False), summary.trends(_view()))
    units = {"%": "andel", "antal": "antal", "gennemsnit": "gennemsnit", "dage": "dage"}
    exported = [
        (row[1], str(row[2]) if isinstance(row[2], Hidden) else _shown(row[2], units.get(row[3])))
        for row in indicators.rows
    ]
    assert sorted(exported) == sorted(on_page)  # the page lays the cards out column by column
