"""Goals: expected values on the line, status at its boundaries, history of every change, Excel round trip."""

from __future__ import annotations

import io

import openpyxl
import pytest

from metrics.goals import (
    DEMO_GOALS,
    STATUS_STYLES,
    Goal,
    evaluate_status,
    expected_value,
    goal_history,
    goal_history_display,
    goals_from_xlsx,
    goals_to_xlsx,
    indicator_meta,
    load_goals,
    seed_demo_goals,
    set_goal_value,
)
from metrics.strategies import get_strategy, load_strategies
from store import db

PTA = "plads_til_alle"


@pytest.fixture
def con(tmp_path):
    connection = db.connect(tmp_path / "maal.duckdb")
    yield connection
    connection.close()


# --- expected value -----------------------------------------------------------------------------


def test_expected_value_lies_on_the_line_between_baseline_and_target():
    goal = Goal(PTA, "egen_bolig_efter_hf", (2022, 0.40), [(2026, 0.60)])
    assert expected_value(goal, 2022) == pytest.approx(0.40)
    assert expected_value(goal, 2024) == pytest.approx(0.50)  # half way: 0.40 + 0.20 * 2/4
    assert expected_value(goal, 2025) == pytest.approx(0.55)
    assert expected_value(goal, 2026) == pytest.approx(0.60)


def test_expected_value_between_two_targets_and_after_the_last():
    goal = Goal(PTA, "egen_bolig_efter_hf", (2022, 0.40), [(2029, 0.90), (2026, 0.60)])
    assert expected_value(goal, 2027) == pytest.approx(0.70)  # 0.60 + 0.30 * 1/3
    assert expected_value(goal, 2029) == pytest.approx(0.90)
    assert expected_value(goal, 2031) == pytest.approx(0.90)


def test_expected_value_before_the_baseline_or_without_a_target_is_none():
    assert expected_value(Goal(PTA, "x", (2022, 0.40), [(2026, 0.60)]), 2021) is None
    assert expected_value(Goal(PTA, "x", (2022, 0.40), []), 2024) is None
    assert expected_value(None, 2024) is None
    no_baseline = Goal(PTA, "x", None, [(2026, 0.60), (2029, 0.90)])
    assert expected_value(no_baseline, 2025) is None
    assert expected_value(no_baseline, 2028) == pytest.approx(0.80)


def test_a_lower_is_better_goal_falls_along_the_line():
    goal = Goal(PTA, "hjemloese_andel", (2022, 0.20), [(2026, 0.12)])
    assert expected_value(goal, 2024) == pytest.approx(0.16)


# --- status -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (0.55, "paa_sporet"),
        (0.70, "paa_sporet"),
        (0.50, "taet_paa"),
        (0.449 + 0.05, "ikke_paa_sporet"),
        (0.30, "ikke_paa_sporet"),
    ],
)
def test_share_higher_is_better_at_the_boundaries(value, code):
    # expected 55 %: meeting it is on track, 5 pp short is close, 5.1 pp short is not on track
    assert evaluate_status(value, 0.55, "higher", "andel").code == code


@pytest.mark.parametrize(
    ("value", "code"), [(0.20, "paa_sporet"), (0.10, "paa_sporet"), (0.25, "taet_paa"), (0.251, "ikke_paa_sporet")]
)
def test_share_lower_is_better_at_the_boundaries(value, code):
    assert evaluate_status(value, 0.20, "lower", "andel").code == code


@pytest.mark.parametrize(
    ("value", "direction", "code"),
    [
        (50.0, "higher", "paa_sporet"),
        (45.0, "higher", "taet_paa"),  # 10 % of 50 = 5 short
        (44.9, "higher", "ikke_paa_sporet"),
        (11.0, "lower", "taet_paa"),  # expected 10, 10 % = 1 over
        (11.1, "lower", "ikke_paa_sporet"),
    ],
)
def test_non_shares_use_ten_percent_of_the_expected_value(value, direction, code):
    expected = 50.0 if direction == "higher" else 10.0
    assert evaluate_status(value, expected, direction, "score").code == code


def test_suppressed_figures_have_too_little_data_and_no_goal_has_no_status():
    status = evaluate_status(None, 0.55, "higher", "andel", suppressed=True)
    assert (status.code, status.label, status.icon) == ("for_faa_data", "For få data", "?")
    assert evaluate_status(0.60, None, "higher", "andel") is None


def test_the_labels_are_danish_and_each_status_has_its_own_icon_and_colour():
    assert [STATUS_STYLES[c][0] for c in ("paa_sporet", "taet_paa", "ikke_paa_sporet", "for_faa_data")] == [
        "På sporet",
        "Tæt på",
        "Ikke på sporet",
        "For få data",
    ]
    assert len({s[1] for s in STATUS_STYLES.values()}) == 4
    assert len({s[2] for s in STATUS_STYLES.values()}) == 4
    assert evaluate_status(0.60, 0.55, "higher", "andel").text == "✔ På sporet"


def test_a_status_whose_interval_covers_the_expected_value_says_it_is_uncertain():
    status = evaluate_status(0.52, 0.55, "higher", "andel", ci=(0.41, 0.63))
    assert status.code == "taet_paa" and status.uncertain
    assert status.note == "Usikkert: intervallet 41-63 % dækker det forventede 55 %."
    sure = evaluate_status(0.63, 0.55, "higher", "andel", ci=(0.56, 0.70))
    assert sure.code == "paa_sporet" and not sure.uncertain
    assert sure.note == "8,0 procentpoint over det forventede 55 %."


def test_without_a_direction_a_value_within_the_tolerance_is_on_track():
    assert evaluate_status(0.33, 0.30, None, "andel").code == "paa_sporet"
    assert evaluate_status(0.36, 0.30, None, "andel").code == "ikke_paa_sporet"


# --- storing goals ------------------------------------------------------------------------------


def test_setting_changing_and_deleting_a_goal_is_recorded_with_who_old_and_new(con):
    before = db.data_version(con)
    assert set_goal_value(con, PTA, "egen_bolig_efter_hf", "target", 2026, 0.60, "anna") is True
    assert db.data_version(con) != before
    assert set_goal_value(con, PTA, "egen_bolig_efter_hf", "target", 2026, 0.65, "bo") is True
    assert set_goal_value(con, PTA, "egen_bolig_efter_hf", "target", 2026, 0.65, "bo") is False  # no change
    assert load_goals(con, PTA)["egen_bolig_efter_hf"].targets == [(2026, 0.65)]
    assert set_goal_value(con, PTA, "egen_bolig_efter_hf", "target", 2026, None, "carl") is True
    assert load_goals(con, PTA) == {}
    history = goal_history(con, PTA).sort_values("changed_at")
    rows = list(history[["user", "indikator", "type", "aar", "old", "new"]].itertuples(index=False, name=None))
    rows = [tuple(None if v != v else v for v in r) for r in rows]  # NaN -> None
    assert rows == [
        ("anna", "egen_bolig_efter_hf", "target", 2026, None, 0.60),
        ("bo", "egen_bolig_efter_hf", "target", 2026, 0.60, 0.65),
        ("carl", "egen_bolig_efter_hf", "target", 2026, 0.65, None),
    ]
    assert history["changed_at"].notna().all()


def test_a_new_baseline_year_replaces_the_old_baseline(con):
    set_goal_value(con, PTA, "hjemloese_andel", "baseline", 2022, 0.20, "anna")
    set_goal_value(con, PTA, "hjemloese_andel", "baseline", 2024, 0.18, "anna")
    assert load_goals(con, PTA)["hjemloese_andel"].baseline == (2024, 0.18)
    assert con.execute("SELECT count(*) FROM maal").fetchone()[0] == 1
    assert len(goal_history(con)) == 3  # set 2022, removed 2022, set 2024


def test_goals_are_kept_per_strategy_and_the_strategy_object_works_too(con):
    set_goal_value(con, PTA, "progression", "target", 2026, 0.60, "anna")
    set_goal_value(con, "socialomraadet_2024_2026", "progression", "target", 2026, 0.70, "anna")
    assert load_goals(con, get_strategy(PTA))["progression"].targets == [(2026, 0.60)]
    assert len(goal_history(con, "socialomraadet_2024_2026")) == 1


@pytest.mark.parametrize(
    ("indicator", "kind", "year", "value", "message"),
    [
        ("egen_bolig_efter_hf", "target", 2026, 1.2, "mellem 0 og 100 %"),
        ("findes_ikke", "target", 2026, 0.5, "Ukendt indikator"),
        ("egen_bolig_efter_hf", "mål", 2026, 0.5, "Ukendt måltype"),
        ("egen_bolig_efter_hf", "target", 26, 0.5, "helt år"),
        ("trivsel_who5", "target", 2026, -3.0, "negativ"),
    ],
)
def test_invalid_goal_values_are_refused_in_danish(con, indicator, kind, year, value, message):
    with pytest.raises(ValueError, match=message):
        set_goal_value(con, PTA, indicator, kind, year, value, "anna")
    assert goal_history(con).empty


# --- Excel --------------------------------------------------------------------------------------


def _sheet_rows(data: bytes) -> tuple[openpyxl.Workbook, list[list]]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return wb, [list(r) for r in wb["Mål"].iter_rows(values_only=True)]


def _save(wb: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_goals_export_shows_shares_in_percent(con):
    set_goal_value(con, PTA, "egen_bolig_efter_hf", "baseline", 2022, 0.40, "anna")
    set_goal_value(con, PTA, "egen_bolig_efter_hf", "target", 2026, 0.60, "anna")
    set_goal_value(con, PTA, "trivsel_who5", "target", 2026, 52.0, "anna")
    _, rows = _sheet_rows(goals_to_xlsx(con, PTA))
    header = rows[3]
    assert header[:7] == ["Indikator-id", "Indikator", "Delgruppe", "Enhed", "Retning", "Basisår", "Basisværdi"]
    assert header[7:] == ["Mål 2026", "Mål 2029"]
    by_id = {r[0]: r for r in rows[4:]}
    assert set(by_id) == set(get_strategy(PTA).indicator_ids())
    assert by_id["egen_bolig_efter_hf"][2:8] == [None, "%", "Højere er bedre", 2022, 40, 60]
    assert by_id["trivsel_who5"][7] == 52


def test_goals_round_trip_through_excel_into_another_database(con, tmp_path):
    set_goal_value(con, PTA, "egen_bolig_efter_hf", "baseline", 2022, 0.40, "anna")
    set_goal_value(con, PTA, "egen_bolig_efter_hf", "target", 2026, 0.60, "anna")
    set_goal_value(con, PTA, "egen_bolig_efter_hf", "target", 2029, 0.80, "anna")
    set_goal_value(con, PTA, "hjemloese_andel", "target", 2029, 0.10, "anna")
    data = goals_to_xlsx(con, PTA)
    other = db.connect(tmp_path / "anden.duckdb")
    try:
        changed, errors = goals_from_xlsx(other, data, PTA, "bo")
        assert (changed, errors) == (4, [])  # one baseline and three targets
        assert load_goals(other, PTA) == load_goals(con, PTA)
        assert set(goal_history(other)["user"]) == {"bo"}
        assert goals_from_xlsx(other, data, PTA, "bo") == (0, [])  # the same file again changes nothing
    finally:
        other.close()


def test_an_edited_workbook_changes_and_deletes_goals(con):
    set_goal_value(con, PTA, "egen_bolig_efter_hf", "target", 2026, 0.60, "anna")
    set_goal_value(con, PTA, "hjemloese_andel", "target", 2029, 0.10, "anna")
    wb, rows = _sheet_rows(goals_to_xlsx(con, PTA))
    ws = wb["Mål"]
    for n, row in enumerate(rows, start=1):
        if row[0] == "egen_bolig_efter_hf":
            ws.cell(n, 8).value = "65,5 %"  # Mål 2026 as Danish text
        if row[0] == "hjemloese_andel":
            ws.cell(n, 9).value = None  # Mål 2029 cleared
    changed, errors = goals_from_xlsx(con, _save(wb), PTA, "bo")
    assert (changed, errors) == (2, [])
    goals = load_goals(con, PTA)
    assert goals["egen_bolig_efter_hf"].targets == [(2026, pytest.approx(0.655))]
    assert "hjemloese_andel" not in goals


def test_a_workbook_with_errors_changes_nothing_and_lists_every_error_in_danish(con):
    set_goal_value(con, PTA, "egen_bolig_efter_hf", "target", 2026, 0.60, "anna")
    wb, rows = _sheet_rows(goals_to_xlsx(con, PTA))
    ws = wb["Mål"]
    for n, row in enumerate(rows, start=1):
        if row[0] == "egen_bolig_efter_hf":
            ws.cell(n, 8).value = 120
        if row[0] == "hjemloese_andel":
            ws.cell(n, 8).value = "mange"
    ws.cell(len(rows) + 1, 1).value = "antal_katte"
    ws.cell(len(rows) + 1, 8).value = 5
    ws.cell(len(rows) + 2, 1).value = "progression"
    changed, errors = goals_from_xlsx(con, _save(wb), PTA, "bo")
    assert changed == 0
    assert len(errors) == 4
    assert any("120 ligger uden for 0-100 %" in e for e in errors)
    assert any("'mange' er ikke et tal" in e for e in errors)
    assert any(f"Række {len(rows) + 1}: indikatoren 'antal_katte' findes ikke" in e for e in errors)
    assert any(f"Række {len(rows) + 2}: indikatoren 'progression' står også i række" in e for e in errors)
    assert load_goals(con, PTA)["egen_bolig_efter_hf"].targets == [(2026, 0.60)]


def test_a_file_that_is_not_excel_gives_one_danish_message(con):
    assert goals_from_xlsx(con, b"ikke et regneark", PTA, "bo") == (
        0,
        ["Filen kan ikke læses som et Excel-ark (.xlsx)."],
    )


# --- demo goals ---------------------------------------------------------------------------------


def test_demo_goals_cover_each_strategys_directed_shares_with_the_right_years(con):
    written = seed_demo_goals(con)
    assert written == con.execute("SELECT count(*) FROM maal").fetchone()[0] > 0
    strategies = load_strategies()
    for strategy in strategies.values():
        goals = load_goals(con, strategy)
        assert set(goals) <= set(strategy.indicator_ids())
        for indicator in strategy.indicator_ids():
            meta = indicator_meta(indicator)
            if meta.is_share and meta.direction:
                assert indicator in goals, (strategy.id, indicator)
    pta = load_goals(con, PTA)
    assert all(g.baseline[0] == 2022 and [y for y, _ in g.targets] == [2026, 2029] for g in pta.values())
    so = load_goals(con, "socialomraadet_2024_2026")
    assert all(g.baseline[0] == 2024 and [y for y, _ in g.targets] == [2026] for g in so.values())


def test_demo_goals_point_the_right_way():
    for goals in DEMO_GOALS.values():
        for indicator, (_, base, targets) in goals.items():
            direction = indicator_meta(indicator).direction
            last = targets[max(targets)]
            assert (last > base) if direction == "higher" else (last < base), indicator


def test_the_history_can_be_shown_in_danish_with_shares_in_percent(con):
    set_goal_value(con, PTA, "egen_bolig_efter_hf", "target", 2026, 0.60, "anna")
    set_goal_value(con, PTA, "egen_bolig_efter_hf", "target", 2026, 0.655, "bo")
    shown = goal_history_display(con, PTA)
    assert list(shown.columns) == ["Tidspunkt", "Bruger", "Strategi", "Indikator", "Delgruppe", "Type", "År", "Før", "Efter"]
    first = shown.iloc[0]  # newest first
    assert (first["Bruger"], first["Indikator"], first["Type"], first["Før"], first["Efter"]) == (
        "bo",
        "Egen bolig efter Housing First",
        "Mål",
        "60 %",
        "65,5 %",
    )
    assert shown.iloc[1]["Før"] == "–"
