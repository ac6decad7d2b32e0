"""The demo database is built through the real import path, once, and safely when two processes race."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from demo.bootstrap import create_demo_database, open_database
from store import db

TODAY = date(2026, 11, 24)

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("store.imports") is None, reason="store/imports.py (the import path) is not there yet"
)


def test_create_demo_database_imports_all_three_extracts_without_errors(tmp_path):
    path = tmp_path / "demo.duckdb"
    con = create_demo_database(path, today=TODAY)
    try:
        imports = con.execute('SELECT extract, status, "user", inserted FROM imports ORDER BY batch').fetchall()
        assert [(e, s, u) for e, s, u, _ in imports] == [
            ("indsatser", "imported", "demo"),
            ("progression", "imported", "demo"),
            ("borgeroplevelse", "imported", "demo"),
        ]
        assert all(n > 1000 for *_, n in imports)
        assert con.execute("SELECT count(DISTINCT borger_id) FROM indsatser").fetchone()[0] > 1100
        assert con.execute("SELECT count(*) FROM maal").fetchone()[0] > 50
        assert db.get_meta(con, "demo_created") == TODAY.isoformat()
    finally:
        con.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.duckdb"]  # no temporary file left


def test_open_database_creates_the_demo_once_and_then_only_opens_it(tmp_path):
    path = tmp_path / "pejling.duckdb"
    open_database(path).close()
    con = open_database(path)
    try:
        assert con.execute("SELECT count(*) FROM imports").fetchone()[0] == 3
    finally:
        con.close()


def test_open_database_without_demo_creates_an_empty_database(tmp_path):
    con = open_database(tmp_path / "tom.duckdb", with_demo=False)
    try:
        assert db.is_empty(con)
        assert con.execute("SELECT count(*) FROM maal").fetchone()[0] == 0
    finally:
        con.close()


# A separate interpreter per racer (not multiprocessing's spawn, which re-runs whatever module is
# __main__ in this worker, e.g. app.py after an AppTest ran here).
_RACER = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from store import db
from demo.bootstrap import open_database
con = None
for _ in range(200):  # the other process may hold the finished file open for a moment
    try:
        con = open_database(Path(sys.argv[1]))
        break
    except db.DatabaseLocked:
        time.sleep(0.05)
print(con.execute("SELECT count(*) FROM imports").fetchone()[0] if con else -1)
"""


def test_two_processes_starting_at_once_get_one_complete_database(tmp_path):
    path = tmp_path / "kapløb.duckdb"
    root = str(Path(__file__).resolve().parents[2])
    procs = [
        subprocess.Popen([sys.executable, "-c", _RACER, str(path), root], stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=180)[0].strip() for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert sorted(outputs) == ["3", "3"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kapløb.duckdb"]
