"""The action plan: validation with precise Danish messages, history, and the Excel round trip from one definition."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest

from metrics.actionplan_xlsx import HEADER_ROW, actionplan_from_xlsx, actionplan_to_xlsx
from metrics.story import action_history, actions_by_indicator, actions_for
from metrics.story_write import apply_actions, delete_action, save_action
from schemas import actionplan
from schemas.actionplan import ACTION_COLUMNS, STATUSES
from store.db import connect, data_version

PTA = "plads_til_alle"
GOOD = {
    "year": 2025,
    "title": "Ny bostøtte til unge hjemløse",
    "focus_area": "At have stabile rammer om livet",
    "indicators": "hjemloese_andel; egen_bolig_efter_hf",
    "responsible": "Socialcenter Vest",
    "start": "1.3.2025",
    "deadline": "2025-12-31",
    "status": "i gang",
    "status_note": "To bostøtter ansat.",
}


@pytest.fixture
def con(tmp_path):
    connection = connect(tmp_path / "plan.duckdb")
    yield connection
    connection.close()


def _stabile(con) -> str:
    from metrics.strategies import get_strategy

    return next(a.id for a in get_strategy(PTA).areas if a.name == "At have stabile rammer om livet")


def test_an_item_is_stored_with_clean_values_and_found_by_indicator(con):
    item_id, errors = save_action(con, PTA, GOOD, "anna")
    assert errors == []
    (item,) = actions_for(con, PTA, 2025)
    assert item.id == item_id
    assert (item.title, item.focus_area, item.indicators) == (
        "Ny bostøtte til unge hjemløse",
        _stabile(con),
        ("hjemloese_andel", "egen_bolig_efter_hf"),
    )
    assert (item.start, item.deadline, item.status, item.user, item.version) == (
        date(2025, 3, 1),
        date(2025, 12, 31),
        "I gang",  # the status as the definition spells it
        "anna",
        1,
    )
    assert actions_for(con, PTA, 2024) == []
    by_indicator = actions_by_indicator(con, PTA, 2025)
    assert set(by_indicator) == {"hjemloese_andel", "egen_bolig_efter_hf"}
    assert actions_for(con, PTA, indicator="progression") == []


def test_edits_are_versions_and_a_deleted_item_stays_in_the_history(con):
    item_id, _ = save_action(con, PTA, GOOD, "anna")
    assert save_action(con, PTA, {**GOOD, "id": item_id}, "bo") == (item_id, [])  # unchanged: no new version
    save_action(con, PTA, {**GOOD, "id": item_id, "status": "Udskudt", "status_note": "Mangler lokaler."}, "bo")
    assert actions_for(con, PTA)[0].status == "Udskudt"
    assert delete_action(con, PTA, item_id, "carl") is True
    assert actions_for(con, PTA) == []
    history = action_history(con, PTA, item_id)
    assert [(h.version, h.user, h.status, h.deleted) for h in history] == [
        (3, "carl", "Udskudt", True),
        (2, "bo", "Udskudt", False),
        (1, "anna", "I gang", False),
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"indicators": "hjemloese_andel; antal_katte"},
            "Indikatorer: 'antal_katte' er ikke en indikator i strategien Plads til alle.",
        ),
        ({"indicators": ""}, "Indikatorer: skal udfyldes."),
        ({"focus_area": "Sport"}, "Fokusområde: 'Sport' er ikke et fokusområde i strategien Plads til alle"),
        ({"start": "31.2.2025"}, "Start: '31.2.2025' er ikke en dato – skriv fx 1.3.2025 eller 2025-03-01."),
        ({"deadline": "1.2.2025"}, "Frist: 01.02.2025 ligger før start 01.03.2025."),
        (
            {"status": "Færdig"},
            "Status: 'Færdig' er ikke en gyldig status – brug Planlagt, I gang, Gennemført, Udskudt eller Opgivet.",
        ),
        ({"year": "i år"}, "År: 'i år' er ikke et helt tal."),
        ({"year": 1999}, "År: 1999 er ikke et år mellem 2000 og 2100."),
        ({"title": " "}, "Handling: skal udfyldes."),
        ({"responsible": "x" * 121}, "Ansvarlig enhed: teksten er for lang (121 tegn; højst 120)."),
        ({"id": 99}, "Nr.: handling nr. 99 findes ikke i strategien Plads til alle."),
    ],
)
def test_bad_input_is_refused_with_a_precise_danish_message_and_nothing_is_stored(con, change, message):
    before = data_version(con)
    item_id, errors = save_action(con, PTA, {**GOOD, **change}, "anna")
    assert item_id is None
    assert len(errors) == 1
    assert errors[0].startswith(message)  # the focus-area message goes on to list the strategy's areas
    assert action_history(con, PTA) == []
    assert data_version(con) == before


def test_an_item_of_another_strategy_cannot_be_changed_through_this_one(con):
    other_id, _ = save_action(
        con,
        "socialomraadet_2024_2026",
        {**GOOD, "focus_area": "udvikling", "indicators": "handleplan_andel"},
        "anna",
    )
    _, errors = save_action(con, PTA, {**GOOD, "id": other_id}, "bo")
    assert errors == [f"Nr.: handling nr. {other_id} findes ikke i strategien Plads til alle."]
    assert delete_action(con, PTA, other_id, "bo") is False


def test_many_rows_are_stored_all_or_none(con):
    rows = [("Række 5", GOOD), ("Række 6", {**GOOD, "status": "Færdig"}), ("Række 7", {**GOOD, "start": "x"})]
    changed, errors = apply_actions(con, PTA, rows, "anna")
    assert changed == 0
    assert [e.split(":")[0] for e in errors] == ["Række 6, Status", "Række 7, Start"]
    assert action_history(con, PTA) == []


# --- Excel ---------------------------------------------------------------------------------------


def _rows(data: bytes) -> tuple[openpyxl.Workbook, list[list]]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return wb, [list(r) for r in wb[actionplan.SHEET].iter_rows(values_only=True)]


def _save(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_template_is_generated_from_the_definition(con):
    wb, rows = _rows(actionplan_to_xlsx(con, PTA))
    assert rows[HEADER_ROW] == [c.header for c in ACTION_COLUMNS]
    assert all(all(v is None for v in r) for r in rows[HEADER_ROW + 1 :])  # no items: the empty template
    ws = wb[actionplan.SHEET]
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    status_col = openpyxl.utils.get_column_letter([c.field for c in ACTION_COLUMNS].index("status") + 1)
    assert lists[f"{status_col}{HEADER_ROW + 2}"] == '"' + ",".join(STATUSES) + '"'
    guide = [r[0] for r in wb[actionplan.GUIDE_SHEET].iter_rows(values_only=True)]
    assert all(c.header in guide for c in ACTION_COLUMNS)
    assert "hjemloese_andel" in guide  # the strategy's indicator ids are listed for the Indikatorer column


def test_the_docs_are_generated_from_the_definition():
    assert actionplan.DOC_PATH.read_text(encoding="utf-8") == actionplan.markdown()
    for c in ACTION_COLUMNS:
        assert f"| `{c.header}` |" in actionplan.markdown()


def test_the_plan_round_trips_through_excel_into_another_database(con, tmp_path):
    save_action(con, PTA, GOOD, "anna")
    save_action(
        con,
        PTA,
        {
            **GOOD,
            "title": '=HYPERLINK("x")',
            "indicators": "progression",
            "focus_area": "At kunne selv",
            "status": "Planlagt",
            "status_note": "",
            "start": "2.1.2025",
            "deadline": "30.6.2025",
        },
        "anna",
    )
    data = actionplan_to_xlsx(con, PTA, 2025)
    wb, rows = _rows(data)
    body = [r for r in rows[HEADER_ROW + 1 :] if any(v is not None for v in r)]
    assert len(body) == 2
    start = [c.field for c in ACTION_COLUMNS].index("start")
    assert isinstance(body[0][start], datetime)  # dates are real dates, not text
    titles = [c for c in wb[actionplan.SHEET]["C"] if c.value == '=HYPERLINK("x")']
    assert [c.data_type for c in titles] == ["s"]  # a title beginning with '=' is stored as text, not a formula
    other = connect(tmp_path / "anden.duckdb")
    try:
        # In another database the numbers are unknown: import the rows as new items.
        for r in range(HEADER_ROW + 2, HEADER_ROW + 4):
            wb[actionplan.SHEET].cell(r, 1).value = None
        changed, errors = actionplan_from_xlsx(other, _save(wb), PTA, "bo")
        assert (changed, errors) == (2, [])
        fields = (
            "year",
            "title",
            "focus_area",
            "indicators",
            "responsible",
            "start",
            "deadline",
            "status",
            "status_note",
        )
        assert [tuple(getattr(a, f) for f in fields) for a in actions_for(other, PTA, 2025)] == [
            tuple(getattr(a, f) for f in fields) for a in actions_for(con, PTA, 2025)
        ]
    finally:
        other.close()
    assert actionplan_from_xlsx(con, data, PTA, "bo") == (0, [])  # the same file again changes nothing


def test_an_edited_workbook_changes_status_and_a_bad_one_changes_nothing(con):
    item_id, _ = save_action(con, PTA, GOOD, "anna")
    wb, rows = _rows(actionplan_to_xlsx(con, PTA, 2025))
    ws = wb[actionplan.SHEET]
    col = {c.field: i + 1 for i, c in enumerate(ACTION_COLUMNS)}
    ws.cell(HEADER_ROW + 2, col["status"]).value = "Gennemført"
    changed, errors = actionplan_from_xlsx(con, _save(wb), PTA, "bo")
    assert (changed, errors) == (1, [])
    assert actions_for(con, PTA)[0].status == "Gennemført"
    ws.cell(HEADER_ROW + 2, col["status"]).value = "Måske"
    ws.cell(HEADER_ROW + 3, col["title"]).value = "Ny handling uden resten"
    ws.cell(HEADER_ROW + 3, col["indicators"]).value = "ukendt_indikator"
    changed, errors = actionplan_from_xlsx(con, _save(wb), PTA, "bo")
    assert changed == 0
    n1, n2 = HEADER_ROW + 2, HEADER_ROW + 3
    assert (
        f"Række {n1}, Status: 'Måske' er ikke en gyldig status – brug Planlagt, I gang, Gennemført, Udskudt eller Opgivet."
        in errors
    )
    assert f"Række {n2}, Indikatorer: 'ukendt_indikator' er ikke en indikator i strategien Plads til alle." in errors
    assert f"Række {n2}, År: skal udfyldes." in errors
    assert actions_for(con, PTA)[0].status == "Gennemført"
    assert len(action_history(con, PTA, item_id)) == 2


def test_a_file_that_is_not_an_action_plan_gives_one_danish_message(con):
    assert actionplan_from_xlsx(con, b"ikke et regneark", PTA, "bo") == (
        0,
        ["Filen kan ikke læses som et Excel-ark (.xlsx)."],
    )
    wb = openpyxl.Workbook()
    wb.active.append(["Noget", "Andet"])
    assert actionplan_from_xlsx(con, _save(wb), PTA, "bo") == (
        0,
        ["Arket mangler kolonnen 'Handling'. Hent skabelonen og udfyld den."],
    )
