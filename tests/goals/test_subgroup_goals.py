"""Goals for a subgroup: like with like, the whole-group note, the Excel column and the migration of old stores."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import openpyxl
import pytest

from metrics.goals import (
    WHOLE_GROUP_NOTE,
    goal_history,
    goals_for_filters,
    goals_from_xlsx,
    goals_to_xlsx,
    load_all_goals,
    load_goals,
    parse_subgroup,
    set_goal_value,
    subgroup_label,
    subgroup_of_filters,
)
from store.db import SCHEMA_VERSION, connect
from tests.metrics.conftest import add_episode, set_keys

ROOT = Path(__file__).resolve().parents[2]
PTA = "plads_til_alle"
SO = "socialomraadet_2024_2026"


@pytest.fixture
def con(tmp_path):
    connection = connect(tmp_path / "g.duckdb")
    yield connection
    connection.close()


def test_a_subgroup_is_read_from_text_with_the_dimensions_values():
    assert parse_subgroup("") == ()
    assert parse_subgroup("Alle borgere i målgruppen") == ()
    assert parse_subgroup("under30=under 30") == (("under30", "Under 30"),)
    # Sorted by dimension; the URL parameter name is accepted for a dimension.
    assert parse_subgroup("maalgruppe=Hjemløshed; aldersgruppe=18-24") == (
        ("aldersgruppe", "18-24"),
        ("målgruppe", "Hjemløshed"),
    )
    assert subgroup_label((("aldersgruppe", "18-24"), ("målgruppe", "Hjemløshed"))) == (
        "Aldersgruppe 18-24 · Målgruppe Hjemløshed"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("alder=18-24", "Ukendt dimension 'alder' i delgruppen"),
        ("aldersgruppe=18-25", "'18-25' er ikke en værdi af aldersgruppe"),
        ("under 30", "skal skrives som dimension=værdi"),
        ("køn=Kvinde; køn=Mand", "nævner 'køn' to gange"),
    ],
)
def test_an_unknown_subgroup_is_refused_in_danish(text, message):
    with pytest.raises(ValueError, match=message):
        parse_subgroup(text)


def test_filters_select_the_goal_of_exactly_their_subgroup(con):
    # Whole group: 2024 40 % -> 2026 60 %; under 30: 2024 20 % -> 2026 30 %.
    set_goal_value(con, PTA, "egen_bolig_efter_hf", "baseline", 2024, 0.40, "anna")
    set_goal_value(con, PTA, "egen_bolig_efter_hf", "target", 2026, 0.60, "anna")
    set_goal_value(con, PTA, "egen_bolig_efter_hf", "baseline", 2024, 0.20, "anna", "under30=Under 30")
    set_goal_value(con, PTA, "egen_bolig_efter_hf", "target", 2026, 0.30, "anna", "under30=Under 30")
    set_goal_value(con, PTA, "progression", "target", 2026, 0.60, "anna")
    everything = load_all_goals(con, PTA)
    assert set(everything) == {(), (("under30", "Under 30"),)}
    assert load_goals(con, PTA)["egen_bolig_efter_hf"].targets == [(2026, 0.60)]  # old callers: whole group

    whole = goals_for_filters(everything, {})
    assert whole.get("egen_bolig_efter_hf").targets == [(2026, 0.60)] and whole.note("egen_bolig_efter_hf") is None

    young = goals_for_filters(everything, {"under30": ["Under 30"]})
    assert young.get("egen_bolig_efter_hf").targets == [(2026, 0.30)]
    assert young.note("egen_bolig_efter_hf") is None
    assert young.get("progression") is None and young.note("progression") == WHOLE_GROUP_NOTE

    # A narrower view (under 30 and homeless) has no goal of its own: no status, the note instead.
    narrower = goals_for_filters(everything, {"under30": ["Under 30"], "målgruppe": ["Hjemløshed"]})
    assert narrower.get("egen_bolig_efter_hf") is None
    assert narrower.note("egen_bolig_efter_hf") == "Målet gælder alle borgere i målgruppen"
    # Two values in one filter can never equal a goal's subgroup.
    assert subgroup_of_filters({"aldersgruppe": ["18-24", "25-29"]}) is None
    assert goals_for_filters(everything, {"aldersgruppe": ["18-24", "25-29"]}).get("progression") is None


def test_subgroup_goals_have_their_own_history_and_baseline(con):
    set_goal_value(con, PTA, "egen_bolig_efter_hf", "baseline", 2022, 0.40, "anna")
    set_goal_value(con, PTA, "egen_bolig_efter_hf", "baseline", 2024, 0.25, "bo", "målgruppe=Hjemløshed")
    # A new baseline year for the subgroup replaces only the subgroup's baseline.
    set_goal_value(con, PTA, "egen_bolig_efter_hf", "baseline", 2025, 0.27, "bo", "målgruppe=Hjemløshed")
    goals = load_all_goals(con, PTA)
    assert goals[()]["egen_bolig_efter_hf"].baseline == (2022, 0.40)
    assert goals[(("målgruppe", "Hjemløshed"),)]["egen_bolig_efter_hf"].baseline == (2025, 0.27)
    history = goal_history(con, PTA)
    assert sorted(history["delgruppe"]) == ["", "målgruppe=Hjemløshed", "målgruppe=Hjemløshed", "målgruppe=Hjemløshed"]


def test_a_bad_subgroup_stores_nothing(con):
    with pytest.raises(ValueError, match="Ukendt dimension"):
        set_goal_value(con, PTA, "egen_bolig_efter_hf", "target", 2026, 0.5, "anna", "farve=blå")
    assert goal_history(con).empty


# --- Excel ---------------------------------------------------------------------------------------


def _rows(data: bytes):
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return wb, [list(r) for r in wb["Mål"].iter_rows(values_only=True)]


def _save(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_subgroup_goals_round_trip_through_the_goal_workbook(con, tmp_path):
    set_goal_value(con, PTA, "egen_bolig_efter_hf", "target", 2026, 0.60, "anna")
    set_goal_value(con, PTA, "egen_bolig_efter_hf", "target", 2026, 0.45, "anna", "under30=Under 30")
    wb, rows = _rows(goals_to_xlsx(con, PTA))
    header = rows[3]
    assert header[2] == "Delgruppe"
    mine = [r for r in rows[4:] if r[0] == "egen_bolig_efter_hf"]
    target = header.index("Mål 2026")
    assert [(r[2], r[target]) for r in mine] == [(None, 60), ("under30=Under 30", 45)]
    other = connect(tmp_path / "other.duckdb")
    try:
        assert goals_from_xlsx(other, _save(wb), PTA, "bo") == (2, [])
        assert load_all_goals(other, PTA) == load_all_goals(con, PTA)
    finally:
        other.close()


def test_a_new_subgroup_row_is_added_and_a_bad_one_refuses_the_file(con):
    wb, rows = _rows(goals_to_xlsx(con, PTA))
    ws = wb["Mål"]
    target = rows[3].index("Mål 2029") + 1
    n = len(rows) + 1
    ws.cell(n, 1).value, ws.cell(n, 3).value, ws.cell(n, target).value = "hjemloese_andel", "aldersgruppe=18-24", 30
    assert goals_from_xlsx(con, _save(wb), PTA, "bo") == (1, [])
    assert load_goals(con, PTA, (("aldersgruppe", "18-24"),))["hjemloese_andel"].targets == [(2029, 0.30)]
    ws.cell(n + 1, 1).value, ws.cell(n + 1, 3).value, ws.cell(n + 1, target).value = "hjemloese_andel", "alder=18", 10
    ws.cell(n + 2, 1).value, ws.cell(n + 2, 3).value = "hjemloese_andel", "aldersgruppe=18-24"
    changed, errors = goals_from_xlsx(con, _save(wb), PTA, "bo")
    assert changed == 0
    assert errors[0].startswith(f"Række {n + 1}, Delgruppe: Ukendt dimension 'alder' i delgruppen.")
    assert errors[1] == (
        f"Række {n + 2}: indikatoren 'hjemloese_andel' for delgruppen 'aldersgruppe=18-24' står også i række {n}."
    )


# --- an older store ------------------------------------------------------------------------------


def _v1_store(path: Path) -> None:
    """A store as version 1 left it: goals without subgroups, no story tables."""
    old = duckdb.connect(str(path))
    old.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    old.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    old.execute(
        "CREATE TABLE maal (strategi VARCHAR NOT NULL, indikator VARCHAR NOT NULL, type VARCHAR NOT NULL, "
        "aar INTEGER NOT NULL, vaerdi DOUBLE NOT NULL, PRIMARY KEY (strategi, indikator, type, aar))"
    )
    old.execute(
        'CREATE TABLE maal_historik (changed_at TIMESTAMP NOT NULL, "user" VARCHAR NOT NULL, strategi VARCHAR '
        "NOT NULL, indikator VARCHAR NOT NULL, type VARCHAR NOT NULL, aar INTEGER NOT NULL, old DOUBLE, new DOUBLE)"
    )
    old.execute("INSERT INTO maal VALUES ('plads_til_alle', 'hjemloese_andel', 'target', 2029, 0.10)")
    old.execute(
        "INSERT INTO maal_historik VALUES (TIMESTAMP '2025-01-02 10:00', 'anna', 'plads_til_alle', "
        "'hjemloese_andel', 'target', 2029, NULL, 0.10)"
    )
    old.close()


def test_a_store_created_before_subgroups_reads_read_only_without_migrating(tmp_path):
    from metrics.story import actions_for, comments_for

    path = tmp_path / "v1.duckdb"
    _v1_store(path)
    con = connect(path, read_only=True)  # as `cli.py indicators` opens it
    try:
        assert load_all_goals(con, PTA) == {(): {"hjemloese_andel": load_goals(con, PTA)["hjemloese_andel"]}}
        assert load_goals(con, PTA)["hjemloese_andel"].targets == [(2029, 0.10)]
        assert comments_for(con, PTA, "2025") == {} and actions_for(con, PTA) == []
    finally:
        con.close()


def test_a_store_created_before_subgroups_opens_with_its_goals_for_the_whole_group(tmp_path):
    path = tmp_path / "v1.duckdb"
    _v1_store(path)
    con = connect(path)
    try:
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == SCHEMA_VERSION
        assert load_all_goals(con, PTA)[()]["hjemloese_andel"].targets == [(2029, 0.10)]
        assert list(goal_history(con, PTA)["delgruppe"]) == [""]
        set_goal_value(con, PTA, "hjemloese_andel", "target", 2029, 0.08, "bo", "under30=Under 30")
        assert load_all_goals(con, PTA)[(("under30", "Under 30"),)]["hjemloese_andel"].targets == [(2029, 0.08)]
        assert load_goals(con, PTA)["hjemloese_andel"].targets == [(2029, 0.10)]
    finally:
        con.close()
    assert connect(path).execute("SELECT count(*) FROM maal").fetchone()[0] == 2  # opens again


# --- status like with like, end to end through the CLI -------------------------------------------


@pytest.fixture
def young_and_old_db(tmp_path):
    """60 citizens with one episode each in 2025: 30 aged 35 (24 local), 30 aged 25 (12 local); goals set.

    Record keys: A000 (35, local) 77 and B000 (25, local) 80, the rest 0. Every figure's cell key is then 77, 80
    or 157, all in 77-178, which the p-table's row for 8 and more maps to deviation 0: published = exact."""
    path = tmp_path / "cli.duckdb"
    con = connect(path)
    for i in range(30):
        add_episode(con, f"A{i:03d}", 1990, "Mentor", "2025-01-01", leverandoer="Egen kommune" if i < 24 else "Region")
        add_episode(con, f"B{i:03d}", 2000, "Mentor", "2025-01-01", leverandoer="Egen kommune" if i < 12 else "Region")
    set_keys(con, {"A000": 77, "B000": 80})
    # Everyone: 2024 50 % -> 2026 70 %, so 2025 expects 60 %. Under 30: 2024 30 % -> 2026 50 %, expects 40 %.
    set_goal_value(con, SO, "lokale_tilbud", "baseline", 2024, 0.50, "anna")
    set_goal_value(con, SO, "lokale_tilbud", "target", 2026, 0.70, "anna")
    set_goal_value(con, SO, "lokale_tilbud", "baseline", 2024, 0.30, "anna", "under30=Under 30")
    set_goal_value(con, SO, "lokale_tilbud", "target", 2026, 0.50, "anna", "under30=Under 30")
    con.close()
    return path


def _cli(db: Path, *args: str) -> list[dict]:
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "cli.py"),
            "indicators",
            "--db",
            str(db),
            "--period",
            "2025",
            "--strategy",
            SO,
            "--indicator",
            "lokale_tilbud",
            *args,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_status_compares_a_subgroup_with_its_own_goal(young_and_old_db):
    (whole,) = _cli(young_and_old_db)
    # 36 of 60 local = 60 % against the expected 60 %.
    assert (whole["value"], whole["expected"], whole["status"]) == (
        pytest.approx(0.60),
        pytest.approx(0.60),
        "På sporet",
    )
    (young,) = _cli(young_and_old_db, "--filter", "under30=Under 30")
    # 12 of 30 = 40 % against the under-30 goal's 40 % (against everyone's 60 % it would be 20 points off track).
    assert (young["value"], young["expected"], young["status"]) == (
        pytest.approx(0.40),
        pytest.approx(0.40),
        "På sporet",
    )
    (older,) = _cli(young_and_old_db, "--filter", "under30=30 og derover")
    # 24 of 30 = 80 %, but no goal was set for 30 and over: no status rather than a comparison with everyone's.
    assert (older["value"], older["expected"], older["status"]) == (pytest.approx(0.80), None, None)
    rows = {r["group"]["under30"]: r for r in _cli(young_and_old_db, "--by", "under30")}
    assert (rows["Under 30"]["expected"], rows["Under 30"]["status"]) == (pytest.approx(0.40), "På sporet")
    assert (rows["30 og derover"]["expected"], rows["30 og derover"]["status"]) == (None, None)
