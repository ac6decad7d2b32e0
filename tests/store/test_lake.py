"""The DuckLake store, against both catalogues: imports, history and undo from other processes, concurrent
writers (the loser retries), cross-process data versions, and the migration of an earlier-layout file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from store import db, engine
from store.imports import import_file

ROOT = Path(__file__).resolve().parents[2]
HEADER = "borger_id;fødselsår;køn;indsats;startdato;slutdato;afslutningsårsag;målgrupper"
HISTORY_KEYS = {
    "batch", "status", "extract", "file", "sha256", "user", "at", "rows", "inserted", "updated", "unchanged",
    "undone_at", "undone_by",
}  # fmt: skip


def _csv(path: Path, prefix: str, n: int) -> Path:
    """n episodes of Mentor, citizens <prefix>0000.., one a line."""
    lines = [HEADER] + [f"{prefix}{i:04d};1980;K;Mentor;0{1 + i % 9}.03.2024;;;Alkohol" for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _cli(store: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PEJLING_DB"}
    env["PEJLING_STORE"] = store
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


def _new_store(store: str) -> None:
    db.connect(store).close()


def test_import_history_and_undo_from_the_command_line_keep_their_shapes(store_name, tmp_path):
    _new_store(store_name)
    done = _cli(store_name, "import", str(_csv(tmp_path / "a.csv", "A", 3)), "--user", "ida", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["status"], result["batch"], result["inserted"]) == ("imported", 1, 3)
    history = json.loads(_cli(store_name, "history", "--json").stdout)
    assert [(h["batch"], h["status"], h["user"], h["inserted"]) for h in history] == [(1, "imported", "ida", 3)]
    assert set(history[0]) == HISTORY_KEYS
    undone = json.loads(_cli(store_name, "undo", "1", "--json").stdout)
    assert (undone["status"], undone["deleted"], undone["restored"]) == ("undone", 3, 0)
    con = db.connect(store_name)
    try:
        assert con.execute("SELECT count(*) FROM indsatser").fetchone()[0] == 0
        assert con.execute("SELECT status FROM imports").fetchall() == [("undone",)]
        # The lake's snapshots carry the import history too: who, and which batch, per snapshot.
        labelled = [(author, message) for _, author, message in db.snapshots(con) if message]
        assert labelled[-2:] == [
            ("ida", "import 1: a.csv (indsatser, imported)"),
            (labelled[-1][0], "fortryd import 1"),
        ]
    finally:
        con.close()


def test_a_reader_in_this_process_sees_another_process_import_and_a_new_data_version(store_name, tmp_path):
    _new_store(store_name)
    reader = db.connect(store_name)
    try:
        before = db.data_version(reader)
        reader.execute("BEGIN TRANSACTION")
        assert reader.execute("SELECT count(*) FROM indsatser").fetchone()[0] == 0
        done = _cli(store_name, "import", str(_csv(tmp_path / "a.csv", "A", 4)), "--json")
        assert done.returncode == 0, done.stderr
        # The open transaction keeps its snapshot; the next one sees the other process's batch.
        assert reader.execute("SELECT count(*) FROM indsatser").fetchone()[0] == 0
        reader.execute("COMMIT")
        assert reader.execute("SELECT count(*) FROM indsatser").fetchone()[0] == 4
        assert db.data_version(reader) != before
    finally:
        reader.close()


def test_a_writer_that_loses_the_race_fails_at_commit_and_write_retries_it_on_the_new_data(store_name):
    _new_store(store_name)
    a, b = db.connect(store_name), db.connect(store_name)
    try:
        # Plain transactions: both read batch 1 as free; the second commit must fail, not interleave.
        a.execute("BEGIN TRANSACTION")
        db.bump_version(a)
        db.write(b, lambda: db.set_meta(b, "vinder", "b"))
        with pytest.raises(duckdb.Error) as lost:
            a.execute("COMMIT")
        assert engine.is_conflict(lost.value)
        db._rollback(a)

        # write(): the first attempt of `a` loses against `b`, the second sees b's row and commits.
        attempts = []

        def body() -> int:
            attempts.append(a.execute("SELECT count(*) FROM meta WHERE key LIKE 'x%'").fetchone()[0])
            if len(attempts) == 1:
                db.write(b, lambda: db.set_meta(b, "x1", "b"))
            db.set_meta(a, f"x{attempts[-1] + 1}", "a")
            return attempts[-1]

        assert db.write(a, body) == 1
        assert attempts == [0, 1]
        rows = sorted(a.execute("SELECT key, value FROM meta WHERE key LIKE 'x%'").fetchall())
        assert rows == [("x1", "b"), ("x2", "a")]
    finally:
        a.close()
        b.close()


def test_a_write_that_keeps_losing_gives_up_with_a_danish_message_and_saves_nothing(store_name):
    _new_store(store_name)
    a, b = db.connect(store_name), db.connect(store_name)
    try:
        attempts = []

        def body() -> None:
            attempts.append(a.execute("SELECT count(*) FROM meta").fetchone()[0])  # the transaction's snapshot
            db.write(b, lambda: db.set_meta(b, f"b{len(attempts)}", "b"))  # another process commits first, every time
            db.set_meta(a, "a", "a")

        with pytest.raises(db.WriteConflict) as lost:
            db.write(a, body, retry_seconds=0)
        assert isinstance(lost.value, db.DatabaseLocked)  # the CLI and the pages show its message as it is
        assert "Ændringen er ikke gemt" in str(lost.value) and "Intet er ændret" in str(lost.value)
        assert len(attempts) == 1  # no time left to retry
        assert a.execute("SELECT count(*) FROM meta WHERE key = 'a'").fetchone()[0] == 0
        assert a.execute("SELECT count(*) FROM meta WHERE key = 'b1'").fetchone()[0] == 1
    finally:
        a.close()
        b.close()


def test_two_imports_started_at_once_both_commit_with_their_own_batch(store_name, tmp_path):
    _new_store(store_name)
    files = [_csv(tmp_path / f"{p}.csv", p, 50) for p in ("A", "B")]
    env = {k: v for k, v in os.environ.items() if k != "PEJLING_DB"} | {"PEJLING_STORE": store_name}
    procs = [
        subprocess.Popen(
            [sys.executable, str(ROOT / "cli.py"), "import", str(f), "--json"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for f in files
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1] for o in outs]
    assert sorted(json.loads(o[0])["batch"] for o in outs) == [1, 2]
    con = db.connect(store_name)
    try:
        per_batch = con.execute(
            "SELECT i.file, count(*) FROM indsatser d JOIN imports i USING (batch) GROUP BY 1 ORDER BY 1"
        ).fetchall()
        assert per_batch == [("A.csv", 50), ("B.csv", 50)]
    finally:
        con.close()


# --- migration from the earlier layout --------------------------------------------------------------

# The earlier layout's own tables (primary keys and a sequence), as main created them before the store change.
_EARLIER_DDL = [
    "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    "CREATE SEQUENCE batch_seq START 1",
    """CREATE TABLE imports (batch INTEGER PRIMARY KEY, imported_at TIMESTAMP NOT NULL, "user" VARCHAR NOT NULL,
       file VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, extract VARCHAR NOT NULL, rows_read INTEGER NOT NULL,
       inserted INTEGER NOT NULL, updated INTEGER NOT NULL, unchanged INTEGER NOT NULL, status VARCHAR NOT NULL,
       undone_at TIMESTAMP, undone_by VARCHAR)""",
    "INSERT INTO meta VALUES ('schema_version', '1')",
]
SECRET = "hemmelig-nøgle-0123456789abcdef"


def _earlier_file(path: Path, tmp_path: Path) -> None:
    """An earlier-layout file with two batches (one undone), goals and an installation secret table."""
    con = duckdb.connect(str(path))
    for stmt in _EARLIER_DDL:
        con.execute(stmt)
    con.close()
    con = db.connect(path)  # adds the tables the earlier file lacks here, as the earlier code did on open
    try:
        a = import_file(con, _csv(tmp_path / "a.csv", "A", 5), "a.csv", user="ida")
        b = import_file(con, _csv(tmp_path / "b.csv", "B", 2), "b.csv", user="ida")
        assert (a.status, b.status) == ("imported", "imported")
        from store.imports import undo

        assert undo(con, b.batch, user="ole").status == "undone"
        con.execute(
            "INSERT INTO maal (strategi, indikator, type, aar, vaerdi) "
            "VALUES ('plads_til_alle', 'progression', 'target', 2026, 0.6)"
        )
        con.execute("CREATE TABLE record_keys (installation VARCHAR, secret VARCHAR, created TIMESTAMP)")
        con.execute("INSERT INTO record_keys VALUES ('pejling', ?, TIMESTAMP '2026-11-29 12:00:00')", [SECRET])
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _snapshot(con: duckdb.DuckDBPyConnection, tables: list[str]) -> dict[str, list]:
    return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in tables}


def test_migrate_moves_every_table_with_checked_counts_and_never_prints_the_secret(store_name, tmp_path):
    old = tmp_path / "pejling.duckdb"
    _earlier_file(old, tmp_path)
    done = _cli(store_name, "migrate", "--from", str(old), "--json")
    assert done.returncode == 0, done.stderr
    assert SECRET not in done.stdout + done.stderr
    report = json.loads(done.stdout)
    counts = {t["table"]: (t["source"], t["target"]) for t in report["tables"]}
    assert report["status"] == "migrated"
    assert counts["imports"] == (2, 2)
    assert counts["indsatser"] == (5, 5)
    assert counts["indsatser_history"] == (0, 0)
    assert counts["maal"] == (1, 1)
    assert counts["record_keys"] == (1, 1)
    # The record keys travel with the secret they were made from (7: undo leaves the undone batch's keys).
    assert counts["borger_keys"] == (7, 7)
    tables = ["imports", "indsatser", "katalog", "maal", "record_keys", "installation_secret", "borger_keys"]
    source = duckdb.connect(str(old), read_only=True)
    target = db.connect(store_name)
    try:
        assert _snapshot(target, tables) == _snapshot(source, tables)
        assert db.get_meta(target, "schema_version") == db.SCHEMA_VERSION
    finally:
        source.close()
        target.close()
    assert json.loads(_cli(store_name, "history", "--json").stdout)[0]["undone_by"] == "ole"
    # Undo still works on the moved data, and the undone batch stays undone.
    assert json.loads(_cli(store_name, "undo", "1", "--json").stdout)["deleted"] == 5
    again = _cli(store_name, "migrate", "--from", str(old), "--json")
    assert again.returncode == 1
    assert "allerede data" in json.loads(again.stdout)["message"]


def test_migrate_refuses_a_file_that_is_not_an_earlier_database(tmp_path):
    bad = tmp_path / "noget.duckdb"
    bad.write_bytes(b"ikke en database")
    done = _cli(str(tmp_path / "lager"), "migrate", "--from", str(bad))
    assert done.returncode == 1
    assert "ikke en DuckDB-database" in done.stderr
    assert not (tmp_path / "lager").exists()
