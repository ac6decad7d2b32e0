"""Naming a store: local folder, PostgreSQL string (secrets never shown), earlier-layout file, and the guard
that keeps an earlier installation's data from being hidden behind a new demo store."""

from __future__ import annotations

import dataclasses

import duckdb
import pytest

import settings
from store import db, engine


def test_a_postgres_store_needs_a_data_path_and_never_shows_its_password():
    loc = engine.parse("postgresql://pejling:hemmelig@db.kommune.dk:5433/pejling?sslmode=require&data_path=/srv/filer")
    assert (loc.kind, loc.data_path) == ("postgres", "/srv/filer")
    assert loc.target == "postgresql://pejling:hemmelig@db.kommune.dk:5433/pejling?sslmode=require"
    assert loc.describe() == "postgresql://db.kommune.dk:5433/pejling"
    with pytest.raises(engine.StoreError, match="data_path"):
        engine.parse("postgresql://pejling@db.kommune.dk/pejling")


def test_the_password_comes_from_the_environment_when_the_string_has_none(monkeypatch):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PEJLING_STORE_PASSWORD", "fra-miljøet")
    conninfo = engine._password_conninfo("postgresql://pejling@db/pejling")
    assert conninfo == "postgresql://pejling@db/pejling?password=fra-milj%C3%B8et"
    monkeypatch.setenv("PGPASSWORD", "x")  # libpq reads it itself: nothing is added
    assert engine._password_conninfo("postgresql://pejling@db/pejling") == "postgresql://pejling@db/pejling"


def test_local_names(tmp_path):
    folder = engine.parse(tmp_path / "lager")
    assert (folder.kind, folder.data_path) == ("sqlite", str(tmp_path / "lager" / "files"))
    assert engine.parse(":memory:").kind == "memory"
    old = tmp_path / "gammel.duckdb"
    duckdb.connect(str(old)).close()
    assert engine.parse(old).kind == "duckdb"
    text = tmp_path / "noter.txt"
    text.write_text("ikke et lager")
    with pytest.raises(engine.StoreError):
        engine.parse(text)


@pytest.fixture
def earlier_file_beside_new_default(tmp_path, monkeypatch):
    """The default store is a missing folder in tmp_path, beside a DuckDB file of the earlier layout."""
    default = str(tmp_path / "pejling")
    monkeypatch.setitem(settings.SETTINGS, "store", dataclasses.replace(settings.SETTINGS["store"], default=default))
    monkeypatch.delenv("PEJLING_STORE", raising=False)
    monkeypatch.delenv("PEJLING_DB", raising=False)
    legacy = tmp_path / "pejling.duckdb"
    duckdb.connect(str(legacy)).close()
    monkeypatch.setattr(settings, "LEGACY_DB", legacy)
    return tmp_path


def test_a_new_default_store_beside_an_earlier_file_asks_for_the_migration(earlier_file_beside_new_default):
    from demo.bootstrap import open_database

    tmp_path = earlier_file_beside_new_default
    with pytest.raises(db.DatabaseLocked, match="python cli.py migrate"):
        open_database()
    assert not (tmp_path / "pejling").exists()  # no demo store was built over it


def test_reading_commands_on_a_new_default_store_beside_an_earlier_file_ask_for_the_migration(
    earlier_file_beside_new_default, capsys
):
    import cli

    tmp_path = earlier_file_beside_new_default
    for argv, code in ((["history"], 1), (["undo", "1"], 1), (["indicators"], 2)):
        assert cli.main(argv) == code, argv
        err = capsys.readouterr().err
        assert ".venv/bin/python cli.py migrate" in err and "cli.py demo" not in err, (argv, err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pejling.duckdb"]  # nothing created beside it


def test_an_unreachable_postgres_store_gives_a_danish_message_without_the_password(tmp_path):
    from tests.browser.server import free_port

    name = f"postgresql://pejling:hemmelig@127.0.0.1:{free_port()}/pejling?data_path={tmp_path}"
    with pytest.raises(db.DatabaseLocked) as refused:
        db.connect(name)
    assert "kan ikke åbnes" in str(refused.value)
    assert "hemmelig" not in str(refused.value)
    assert refused.value.__suppress_context__


def test_a_single_file_named_pejling_is_not_taken_for_the_lake(tmp_path):
    con = db.connect(tmp_path / "pejling.duckdb", engine_kind="duckdb")
    try:
        assert con.execute("SELECT current_database()").fetchone()[0] == "pejling"
        assert not engine.is_lake(con)
        assert db.snapshots(con) == []
        db.write(con, lambda: db.describe_commit(con, "ida", "import 1"))  # a no-op on a file, not an error
    finally:
        con.close()
