"""The CLI: exit codes, JSON shape, Danish output, no tracebacks."""

import json
import subprocess
import sys
from pathlib import Path

from tests.intake.conftest import HEADER, row, xlsx

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args, env_db=None):
    env = {"PATH": "/usr/bin:/bin", "PEJLING_USER": "test"}
    if env_db:
        env["PEJLING_DB"] = str(env_db)
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_import_json_exit_codes_and_shape(tmp_path):
    db = tmp_path / "ny.duckdb"
    good = tmp_path / "a.xlsx"
    good.write_bytes(xlsx([HEADER, row()]))
    p = _cli("import", good, "--db", db, "--json", "--user", "ana")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out == {
        "status": "imported",
        "extract": "indsatser",
        "batch": 1,
        "rows": 1,
        "inserted": 1,
        "updated": 0,
        "warnings": [],
        "errors": [],
    }
    p = _cli("import", good, "--db", db, "--json")
    assert (p.returncode, json.loads(p.stdout)["status"]) == (0, "unchanged")
    bad = tmp_path / "b.xlsx"
    bad.write_bytes(xlsx([HEADER, row(aar="nitten")]))
    p = _cli("import", bad, "--db", db, "--json")
    assert p.returncode == 1
    assert json.loads(p.stdout)["errors"] == [
        {
            "sheet": "Indsatser",
            "row": 2,
            "column": "fødselsår",
            "value": "nitten",
            "message": "Værdien er ikke et heltal",
        }
    ]


def test_fresh_db_path_is_created_empty_by_an_import(tmp_path):
    db = tmp_path / "tom.duckdb"
    good = tmp_path / "a.xlsx"
    good.write_bytes(xlsx([HEADER, row()]))
    assert _cli("import", good, "--db", db).returncode == 0
    p = _cli("history", "--db", db, "--json")
    assert p.returncode == 0
    assert [h["file"] for h in json.loads(p.stdout)] == ["a.xlsx"]  # the import only: no demo data


def test_refused_file_prints_a_danish_error_table(tmp_path):
    bad = tmp_path / "b.xlsx"
    bad.write_bytes(xlsx([HEADER, row(indsats="Bostøtte 85")]))
    p = _cli("import", bad, "--db", tmp_path / "x.duckdb")
    assert p.returncode == 1
    assert "afvist – intet er gemt" in p.stdout
    assert 'mente du "Bostøtte (SEL §85)"?' in p.stdout
    assert "Traceback" not in p.stdout + p.stderr


def test_history_and_undo_json(tmp_path):
    db = tmp_path / "x.duckdb"
    f = tmp_path / "a.xlsx"
    f.write_bytes(xlsx([HEADER, row()]))
    _cli("import", f, "--db", db)
    hist = json.loads(_cli("history", "--db", db, "--json").stdout)
    assert [(h["batch"], h["status"], h["user"], h["file"]) for h in hist] == [(1, "imported", "test", "a.xlsx")]
    p = _cli("undo", "1", "--db", db, "--json")
    assert (p.returncode, json.loads(p.stdout)["status"]) == (0, "undone")
    p = _cli("undo", "1", "--db", db, "--json")
    assert (p.returncode, json.loads(p.stdout)["status"]) == (1, "refused")


def test_usage_errors_exit_2(tmp_path):
    assert _cli("import").returncode == 2
    assert _cli("import", tmp_path / "findes-ikke.xlsx", "--db", tmp_path / "x.duckdb").returncode == 2
    assert _cli("undo", "abc").returncode == 2


def test_locked_database_gives_danish_message(tmp_path):
    db = tmp_path / "x.duckdb"
    f = tmp_path / "a.xlsx"
    f.write_bytes(xlsx([HEADER, row()]))
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,sys,time; c=duckdb.connect({str(db)!r}); print('ok', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        p = _cli("import", f, "--db", db, "--json")
        assert p.returncode == 1
        assert "er i brug af et andet program" in json.loads(p.stdout)["message"]
        assert "Traceback" not in p.stderr
    finally:
        holder.kill()
        holder.wait()


def test_template_command_writes_the_workbook(tmp_path):
    out = tmp_path / "skabelon.xlsx"
    p = _cli("template", "--out", out)
    assert p.returncode == 0, p.stderr
    import openpyxl

    assert openpyxl.load_workbook(out).sheetnames[:1] == ["Vejledning"]


def test_demo_command_fills_a_database_through_the_import_path(tmp_path):
    db = tmp_path / "demo.duckdb"
    p = _cli("demo", "--db", db)
    assert p.returncode == 0, p.stdout + p.stderr
    hist = json.loads(_cli("history", "--db", db, "--json").stdout)
    assert {h["extract"] for h in hist} >= {"indsatser"}
    assert {h["user"] for h in hist} == {"demo"}


def test_demo_command_leaves_an_existing_database_alone_and_says_so(tmp_path):
    db = tmp_path / "demo.duckdb"
    assert _cli("demo", "--db", db).returncode == 0
    before = json.loads(_cli("history", "--db", db, "--json").stdout)
    p = _cli("demo", "--db", db)
    assert p.returncode == 0
    assert "findes allerede" in p.stdout
    assert json.loads(_cli("history", "--db", db, "--json").stdout) == before
