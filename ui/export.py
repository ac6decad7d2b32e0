"""Excel and CSV downloads of what a page shows: one small call per page, the same suppressed figures.

The tables are assembled from the page's own cached results (cheap); the files are written on click.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

import streamlit as st

import settings
from reports import export
from reports.tables import (
    INDICATOR_COLUMNS,
    Header,
    Num,
    Table,
    breakdown_table,
    count_rows,
    indicator_rows,
    matrix_table,
    rounded,
    trend_table,
    unit_label,
    value_cell,
)
from ui import data, fmt

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header(view: data.View, title: str) -> Header:
    """The header block of a view's export."""
    from reports.source import filter_labels

    strategy = data.strategies()[view.strategy]
    return Header(
        title=title,
        strategy=strategy.title,
        period=fmt.period_label(view.period),
        filters=filter_labels(view.filter_dict()),
        created=fmt.long_date(date.today()),
        demo=data.has_demo(),
        min_n=settings.min_n(),
    )


def buttons(view: data.View, title: str, slug: str, tables: list[Table] | Callable[[], list[Table]]) -> None:
    """`Hent som Excel` and `Hent som CSV` for the page's tables (files built on click). Tables the page does
    not show itself can be given as a function: then they are computed on click too, not on every run."""
    head = header(view, title)
    name = f"pejling-{slug}-{view.strategy}-{view.period}"
    left, right, _ = st.columns([1, 1, 3])
    left.download_button(
        "Hent som Excel",
        partial(_file, export.to_xlsx, tables, head),
        file_name=f"{name}.xlsx",
        mime=XLSX,
        icon=":material/table:",
        key=f"xlsx_{slug}",
        width="stretch",
        on_click="ignore",  # no rerun: the other buttons' files stay valid for the next click
    )
    right.download_button(
        "Hent som CSV",
        partial(_file, export.to_csv, tables, head),
        file_name=f"{name}.csv",
        mime="text/csv",
        icon=":material/csv:",
        key=f"csv_{slug}",
        width="stretch",
        on_click="ignore",  # no rerun: the other buttons' files stay valid for the next click
    )


def _file(write: Callable, tables, head):
    """The file of the tables (computed now when they were given as a function)."""
    return write(tables() if callable(tables) else tables, head)


def overview_tables(areas, trends: dict[str, list]) -> list[Table]:
    """Overblik: every focus area's indicators, and their yearly trend."""
    rows = [r for a in areas for r in indicator_rows(a.name, a.lines)]
    seen: dict[str, tuple] = {}
    for a in areas:
        for line in a.lines:
            seen.setdefault(line.id, (line.name, line.unit, trends.get(line.id, [])))
    return [Table("Indikatorer", INDICATOR_COLUMNS, rows), trend_table("Udvikling", list(seen.values()))]


def focus_area_tables(view: data.View, area, detail: dict) -> list[Table]:
    """Fokusområder: the area's indicators, their trend against the goal path and the breakdowns."""
    lines = [d.line for d in detail.values()]
    path_rows = []
    for d in detail.values():
        path = dict(d.goal_path)
        by_year = {str(r.period): r for r in d.line.trend}
        for year in sorted({*by_year, *(str(y) for y in path)}):
            expected = path.get(int(year))
            path_rows.append(
                [
                    d.line.name,
                    Num(float(year), "år"),
                    value_cell(by_year.get(year), d.line.unit),
                    Num(rounded(expected, d.line.unit), d.line.unit or "decimal") if expected is not None else None,
                    unit_label(d.line.unit),
                ]
            )
    ids = list(detail)
    by_age: dict[str, list] = {}
    by_group: dict[str, list] = {}
    if ids:  # the page draws breakdowns on demand; the export holds them all (same cached engine results)
        for r in data.compute(ids, view, by="aldersgruppe"):
            by_age.setdefault(r.indicator, []).append(r)
        for r in data.compute(ids, view, by="målgruppe"):
            by_group.setdefault(r.indicator, []).append(r)
    ages = [
        r
        for i, d in detail.items()
        for r in breakdown_table("", by_age.get(i, []), "aldersgruppe", "", d.line.unit, d.line.name).rows
    ]
    groups = [
        r
        for i, d in detail.items()
        for r in breakdown_table("", by_group.get(i, []), "målgruppe", "", d.line.unit, d.line.name).rows
    ]
    cols = ["Indikator", "{}", "Værdi", "Enhed", "Grundlag", "Bemærkning"]
    return [
        Table("Indikatorer", INDICATOR_COLUMNS, indicator_rows(area.name, lines)),
        Table("Udvikling og målsti", ["Indikator", "År", "Værdi", "Forventet (målsti)", "Enhed"], path_rows),
        Table("Efter aldersgruppe", [c.format("Aldersgruppe") for c in cols], ages),
        Table(
            "Efter målgruppe",
            [c.format("Målgruppe") for c in cols],
            groups,
            note="En borger kan være i flere målgrupper; tallene summerer ikke til totalen.",
        ),
    ]


def target_group_tables(name: str, unit, cells, groups, cols, under30: list, by_age: list) -> list[Table]:
    """Målgrupper og alder: the matrix and the two breakdowns of the chosen indicator."""
    return [
        matrix_table(f"{name} – målgruppe × alder", cells, groups, cols, unit, "Målgruppe"),
        breakdown_table("Under 30 og 30+", under30, "under30", "Alder", unit, name),
        breakdown_table("Efter aldersgruppe", by_age, "aldersgruppe", "Aldersgruppe", unit, name),
    ]


def _lines(view: data.View, ids) -> list:
    """Summary lines (value, expected value, status) of some indicators for the view."""
    from ui import summary

    ids = list(ids)
    results = {r.indicator: r for r in data.compute(ids, view) if not r.group}
    goals = data.view_goals(view)
    return [summary.indicator_line(i, view, results, {}, goals) for i in ids]


def ladder_tables(view: data.View, steps: list[dict], flows: list[dict], waiting: list[dict]) -> list[Table]:
    """Indsatstrappen: key figures, citizens per step and year, flows between steps, waiting times."""
    from ui.ladder import KEY_INDICATORS

    return [
        Table("Nøgletal", INDICATOR_COLUMNS, indicator_rows("Indsatstrappen", _lines(view, KEY_INDICATORS))),
        Table(
            "Borgere pr. trin",
            ["År", "Trin", "Borgere"],
            [[Num(float(d["year"]), "år"), *count_rows([d], ["step"])[0]] for d in steps],
        ),
        Table("Overgange mellem trin", ["Fra", "Til", "Borgere"], count_rows(flows, ["source", "target"])),
        Table("Ventetid på behandling", ["Ventetid", "Forløb"], count_rows(waiting, ["label"])),
    ]


def survey_tables(view: data.View, who5: list[dict], chosen: str) -> list[Table]:
    """Borgeroplevelse: the survey indicators with status, WHO-5 bands and the chosen question's breakdowns."""
    from metrics.registry import get_indicator
    from ui.survey import GROUPS

    rows = [r for title, ids in GROUPS for r in indicator_rows(title, _lines(view, ids))]
    ind = get_indicator(chosen)
    return [
        Table("Spørgsmål", ["Gruppe", *INDICATOR_COLUMNS[1:]], rows),
        Table("Trivsel (WHO-5)", ["Point", "Besvarelser"], count_rows(who5, ["label"])),
        breakdown_table(
            "Lav trivsel efter alder",
            data.compute(["lav_trivsel"], view, by="aldersgruppe"),
            "aldersgruppe",
            "Aldersgruppe",
            "andel",
            get_indicator("lav_trivsel").name,
        ),
        breakdown_table(
            "Spørgsmål efter alder",
            data.compute([chosen], view, by="aldersgruppe"),
            "aldersgruppe",
            "Aldersgruppe",
            ind.unit,
            ind.name,
        ),
        breakdown_table(
            "Spørgsmål efter målgruppe",
            data.compute([chosen], view, by="målgruppe"),
            "målgruppe",
            "Målgruppe",
            ind.unit,
            ind.name,
        ),
    ]
