"""The command line as a newcomer meets it: Danish argparse texts, no stores created by reading, documented values."""

from __future__ import annotations

import json
from pathlib import Path

from cli_da import CATALOGUE
from metrics.dimensions import DIMENSIONS
from tests.intake.conftest import HEADER, row, xlsx
from tests.intake.test_cli import _cli

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
# argparse's own English, as a user would otherwise see it.
ENGLISH = (
    "usage:",
    "invalid choice",
    "the following arguments are required",
    "positional arguments",
    "show this help message and exit",
    "unrecognized arguments",
    "options:",
    "error:",
    "expected one argument",
    "invalid int value",
)


def _no_english(text: str) -> list[str]:
    return [e for e in ENGLISH if e in text]


def test_help_and_usage_errors_are_danish(tmp_path):
    outputs = [
        _cli("--help"),
        _cli("import", "--help"),
        _cli("indicators", "--help"),
        _cli("import"),  # required argument missing
        _cli("import", "x.xlsx", "--type", "forkert"),  # invalid choice
        _cli("undo", "abc"),  # invalid int
        _cli("history", "--db"),  # expected one argument
        _cli("history", "--ukendt"),  # unrecognised argument
        _cli("ukendt-kommando"),
    ]
    for p in outputs:
        shown = p.stdout + p.stderr
        assert _no_english(shown) == [], shown
    assert "brug:" in outputs[0].stdout and "vis denne hjælp og afslut" in outputs[0].stdout
    assert "følgende argumenter mangler: FIL" in outputs[3].stderr
    assert "ugyldigt valg: 'forkert'" in outputs[4].stderr
    assert all(p.returncode == 2 for p in outputs[3:])


def test_the_catalogue_covers_every_message_this_python_has():
    import argparse
    import re

    source = Path(argparse.__file__).read_text(encoding="utf-8")
    msgids = set(re.findall(r"_\('((?:[^'\\]|\\.)*)'\)", source)) | set(re.findall(r'_\("((?:[^"\\]|\\.)*)"\)', source))
    users_see = {
        m.encode().decode("unicode_escape")
        for m in msgids
        # Messages about programming mistakes (conflicting options, bad add_argument calls) never reach a user.
        if not any(w in m for w in ("conflict", "not callable", "__call__", "dest=", "merge", "invalid argument for"))
        and not m.startswith(("mutually exclusive", "cannot have multiple", 'argument "-"'))
    }
    assert sorted(users_see - set(CATALOGUE)) == []


def test_history_on_a_missing_path_creates_nothing(tmp_path):
    db = tmp_path / "ny" / "findes-ikke.duckdb"
    p = _cli("history", "--db", db)
    assert p.returncode == 1
    assert "findes ikke" in p.stderr and "Traceback" not in p.stderr
    assert not (tmp_path / "ny").exists()
    p = _cli("history", "--db", db, "--json")
    assert (p.returncode, json.loads(p.stdout)["status"]) == (1, "error")
    assert not (tmp_path / "ny").exists()


def test_history_and_undo_on_a_missing_default_path_create_nothing(tmp_path):
    db = tmp_path / "standard.duckdb"
    assert _cli("history", env_db=db).returncode == 1
    assert _cli("undo", "1", env_db=db).returncode == 1
    assert _cli("indicators", env_db=db).returncode == 2
    assert list(tmp_path.iterdir()) == []


def test_a_refused_import_into_a_new_path_leaves_nothing(tmp_path):
    bad = tmp_path / "fejl.xlsx"
    bad.write_bytes(xlsx([HEADER, row(indsats="Findes ikke i kataloget")]))
    db = tmp_path / "ny-mappe" / "under" / "x.duckdb"
    p = _cli("import", bad, "--db", db)
    assert p.returncode == 1 and "afvist" in p.stdout
    assert sorted(x.name for x in tmp_path.iterdir()) == ["fejl.xlsx"]


def test_a_refused_import_into_an_existing_database_keeps_it(tmp_path):
    good = tmp_path / "god.xlsx"
    good.write_bytes(xlsx([HEADER, row()]))
    bad = tmp_path / "fejl.xlsx"
    bad.write_bytes(xlsx([HEADER, row(indsats="Findes ikke i kataloget")]))
    db = tmp_path / "x.duckdb"
    assert _cli("import", good, "--db", db).returncode == 0
    assert _cli("import", bad, "--db", db).returncode == 1
    p = _cli("history", "--db", db, "--json")
    assert [h["file"] for h in json.loads(p.stdout)] == ["god.xlsx"]


def test_indicators_help_lists_every_dimension_with_its_values_and_says_when_status_comes():
    p = _cli("indicators", "--help")
    assert p.returncode == 0
    for dim in DIMENSIONS:
        assert f"  {dim}: " in p.stdout, dim
    assert "16-17, 18-24, 25-29, 30-39, 40-49, 50-59, 60+" in p.stdout
    assert "Kvinde, Mand, Andet, Uoplyst" in p.stdout
    assert "Egen kommune, Anden kommune, Region, Privat/selvejende" in p.stdout
    assert "Uden --strategy" in p.stdout


def test_readme_tells_a_newcomer_how_to_run_the_cli():
    assert "python cli.py" not in README.replace(".venv/bin/python cli.py", "")
    assert ".venv/bin/python -m demo" in README
    for dim in DIMENSIONS:
        assert f"`{dim}`" in README
    assert "16-17, 18-24, 25-29, 30-39, 40-49, 50-59, 60+" in README
    assert "Egen kommune, Anden kommune, Region, Privat/selvejende" in README
    assert "without\n  `expected` and `status` unless `--strategy ID` is given" in README
    assert "bash scripts/test.sh tests/" in README  # extra arguments pass through
