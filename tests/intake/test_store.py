"""Storing: all-or-nothing, idempotent, updates by key with history, undo restoring exactly."""

import pytest

from store import db
from store.db import data_version
from store.imports import has_demo_data, history, import_file, undo
from tests.intake.conftest import HEADER, TODAY, data_snapshot, row, snapshot, xlsx

A = xlsx([HEADER, row(), row(borger="CD34", indsats="Gruppeforløb")])
B = xlsx(
    [HEADER, row(slut="01.06.2024", aarsag="Mål nået"), row(borger="CD34", indsats="Gruppeforløb"), row(borger="EF56")]
)


@pytest.fixture
def con(lake_con):
    """Imports, history, undo and the catalogue run on the default store, a DuckLake."""
    return lake_con


def _imp(con, data, name="x.xlsx", **kw):
    return import_file(con, data, name, today=TODAY, **kw)


def test_import_stores_rows_and_records_the_batch(con):
    result = _imp(con, A, "a.xlsx", user="analytiker")
    assert (result.status, result.batch, result.rows, result.inserted, result.updated, result.unchanged) == (
        "imported",
        1,
        2,
        2,
        0,
        0,
    )
    assert con.execute("SELECT count(*), min(batch), max(batch) FROM indsatser").fetchall() == [(2, 1, 1)]
    (h,) = history(con)
    assert {
        k: h[k] for k in ("batch", "status", "extract", "file", "user", "rows", "inserted", "updated", "unchanged")
    } == {
        "batch": 1,
        "status": "imported",
        "extract": "indsatser",
        "file": "a.xlsx",
        "user": "analytiker",
        "rows": 2,
        "inserted": 2,
        "updated": 0,
        "unchanged": 0,
    }
    assert h["sha256"] == result.sha256 and len(h["sha256"]) == 64 and h["at"]


def test_same_file_twice_changes_nothing(con):
    _imp(con, A)
    before = data_snapshot(con)
    again = _imp(con, A)
    assert (again.status, again.inserted, again.updated, again.unchanged) == ("unchanged", 0, 0, 2)
    assert data_snapshot(con) == before
    assert [h["status"] for h in history(con)] == ["unchanged", "imported"]


def test_newer_extract_updates_by_key_and_keeps_old_version(con):
    _imp(con, A)
    result = _imp(con, B)
    assert (result.status, result.inserted, result.updated, result.unchanged) == ("imported", 1, 1, 1)
    assert con.execute(
        "SELECT borger_id, slutdato::VARCHAR, afslutningsaarsag, batch FROM indsatser ORDER BY 1"
    ).fetchall() == [
        ("AB12", "2024-06-01", "Mål nået", 2),
        ("CD34", None, None, 1),
        ("EF56", None, None, 2),
    ]
    assert con.execute("SELECT borger_id, slutdato, batch, replaced_by FROM indsatser_history").fetchall() == [
        ("AB12", None, 1, 2)
    ]


def test_preview_counts_without_storing(con):
    _imp(con, A)
    before = snapshot(con)
    result = _imp(con, B, dry_run=True)
    assert (result.status, result.batch, result.inserted, result.updated, result.unchanged) == (
        "preview",
        None,
        1,
        1,
        1,
    )
    assert snapshot(con) == before


def test_refused_file_stores_nothing(con):
    _imp(con, A)
    before = snapshot(con)
    result = _imp(con, xlsx([HEADER, row(borger="GH78"), row(borger="IJ90", aar="abc")]))
    assert result.status == "refused"
    assert snapshot(con) == before


def test_undo_restores_exactly_the_earlier_state(con):
    empty = data_snapshot(con)
    _imp(con, A)
    after_a = data_snapshot(con)
    _imp(con, B)
    result = undo(con, 2, user="chef")
    assert (result.status, result.deleted, result.restored) == ("undone", 2, 1)
    assert data_snapshot(con) == after_a
    assert [(h["batch"], h["status"], h["undone_by"]) for h in history(con)] == [
        (2, "undone", "chef"),
        (1, "imported", None),
    ]
    assert undo(con, 1).status == "undone"
    assert data_snapshot(con) == empty


def test_undo_refused_while_a_later_batch_changed_the_same_rows(con):
    _imp(con, A)
    _imp(con, B)
    before = snapshot(con)
    result = undo(con, 1)
    assert result.status == "refused"
    assert "fortryd import 2 først" in result.message
    assert snapshot(con) == before


def test_undo_of_unknown_undone_or_unchanged_batch_is_refused(con):
    _imp(con, A)
    _imp(con, A)
    assert undo(con, 9).message == "Import 9 findes ikke."
    assert undo(con, 2).status == "refused"
    assert undo(con, 1).status == "undone"
    assert undo(con, 1).message == "Import 1 er allerede fortrudt."


def test_reimport_after_undo_works(con):
    _imp(con, A)
    undo(con, 1)
    result = _imp(con, A)
    assert (result.status, result.inserted) == ("imported", 2)


def test_data_version_changes_after_import_and_undo(con):
    v0 = data_version(con)
    _imp(con, A)
    v1 = data_version(con)
    undo(con, 1)
    v2 = data_version(con)
    assert len({v0, v1, v2}) == 3


def test_has_demo_data_only_for_an_active_demo_batch(con):
    assert not has_demo_data(con)
    _imp(con, A, user="demo")
    assert has_demo_data(con)
    undo(con, 1)
    assert not has_demo_data(con)


def test_json_shape_is_exact(con):
    result = _imp(con, xlsx([HEADER, row(aar="x")]))
    assert list(result.to_json()) == ["status", "extract", "batch", "rows", "inserted", "updated", "warnings", "errors"]
    assert result.to_json()["errors"] == [
        {"sheet": "Indsatser", "row": 2, "column": "fødselsår", "value": "x", "message": "Værdien er ikke et heltal"}
    ]


def test_progress_is_reported_up_to_done(con):
    seen = []
    _imp(con, A, progress=lambda f, t: seen.append((f, t)))
    assert seen[-1] == (1.0, "Færdig")
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)


def test_progression_and_survey_extracts_store_and_update(con):
    prog = xlsx([["borger_id", "måledato", "domæne", "score"], ["AB12", "01.03.2024", "Bolig", 4]], sheet="Progression")
    assert _imp(con, prog).inserted == 1
    prog2 = xlsx(
        [["borger_id", "måledato", "domæne", "score"], ["AB12", "01.03.2024", "Bolig", 5]], sheet="Progression"
    )
    assert _imp(con, prog2).updated == 1
    assert con.execute("SELECT score FROM progression").fetchall() == [(5,)]


def test_preview_on_a_cursor_and_import_while_a_reader_is_open(con):
    reader = db.cursor(con)
    reader.execute("BEGIN TRANSACTION")
    assert reader.execute("SELECT count(*) FROM indsatser").fetchall() == [(0,)]
    preview = _imp(db.cursor(con), A, dry_run=True)
    assert (preview.status, preview.inserted) == ("preview", 2)
    result = _imp(con, A)
    assert (result.status, result.inserted) == ("imported", 2)
    assert reader.execute("SELECT count(*) FROM indsatser").fetchall() == [(0,)]  # its snapshot is unchanged
    reader.execute("COMMIT")
    assert reader.execute("SELECT count(*) FROM indsatser").fetchall() == [(2,)]


def test_blank_required_list_is_empty_and_blank_optional_list_is_unknown(con):
    _imp(con, xlsx([HEADER, row(mg=None)]))
    assert con.execute("SELECT maalgrupper FROM indsatser").fetchall() == [([],)]
    survey = xlsx([["besvarelse_id", "dato", "målgrupper"], ["S001", "01.03.2024", None]], sheet="Borgeroplevelse")
    _imp(con, survey)
    assert con.execute("SELECT maalgrupper FROM borgeroplevelse").fetchall() == [(None,)]
