"""`python cli.py indicators` via a subprocess: JSON/CSV shape, filters, breakdowns and usage errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from store.db import connect
from tests.metrics.conftest import add_episode, set_keys

ROOT = Path(__file__).resolve().parents[2]
KEYS = {"indicator", "period", "group", "numerator", "denominator", "value", "display", "suppressed"}


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.duckdb"
    con = connect(path)
    for i in range(6):  # 6 citizens aged 35 (Mand) with Mentor from Egen kommune
        add_episode(con, f"C{i:03d}", 1990, "Mentor", "2025-01-01", koen="Mand", leverandoer="Egen kommune")
    for i in range(2):  # 2 citizens aged 25 (Kvinde)
        add_episode(con, f"K{i:03d}", 2000, "Mentor", "2025-01-01", koen="Kvinde", leverandoer="Region")
    # Record key 10 each: all 8 → cell key 80 → deviation 0 (row 8+: 77-178); the 6 men → 60 → −1 (row 6: 0-80).
    set_keys(con, {f"C{i:03d}": 10 for i in range(6)} | {f"K{i:03d}": 10 for i in range(2)})
    con.close()
    return path


def _run(*args):
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "indicators", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_json_shape_and_suppressed_figures(db):
    out = _run("--db", str(db), "--period", "2025", "--indicator", "aktive_borgere", "andel_unge", "lokale_tilbud")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert [r["indicator"] for r in rows] == ["aktive_borgere", "andel_unge", "lokale_tilbud"]
    assert all(set(r) == KEYS for r in rows)
    count, young, local = rows
    # 8 active citizens: a count's value is the count, denominator null.
    assert (count["numerator"], count["denominator"], count["value"], count["display"]) == (8, None, 8, "8")
    # 2 of 8 young: numerator 2 < 5 → band, all figures null.
    assert young["suppressed"] and young["display"] == "under 70 %" and young["value"] is None
    assert young["numerator"] is None and young["denominator"] is None
    # 6 of 8 episodes local: complement 2 < 5 → 'over 30 %' (1 − 5/8 = 37,5 % → 30).
    assert local["display"] == "over 30 %" and local["period"] == "2025" and local["group"] == {}


def test_breakdown_filter_and_csv(db):
    out = _run("--db", str(db), "--period", "2025", "--indicator", "aktive_borgere", "--by", "køn", "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    # Mand 6, Kvinde 2 → '<5', and Mand = 8 − 2 would reveal it → 'Skjult'. Andet and Uoplyst hold nobody,
    # but beside Kvinde's 2 a 0 is shown like it ('<5'), or '<5' would say "at least one".
    assert [(r["group"], r["display"], r["suppressed"]) for r in rows] == [
        ("køn=Kvinde", "<5", "true"),
        ("køn=Mand", "Skjult", "true"),
        ("køn=Andet", "<5", "true"),
        ("køn=Uoplyst", "<5", "true"),
    ]
    out = _run("--db", str(db), "--indicator", "aktive_borgere", "--period", "2025", "--filter", "køn=Mand")
    assert json.loads(out.stdout)[0]["value"] == 5  # 6 men, cell key 60 → 6 − 1


def test_strategy_adds_expected_and_status(db):
    out = _run("--db", str(db), "--period", "2025", "--strategy", "plads_til_alle")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert rows and all({"expected", "status"} <= set(r) for r in rows)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--by", "farve"], "Ukendt dimension"),
        (["--period", "2025-Q9"], "Perioden"),
        (["--indicator", "findes_ikke"], "Ukendt indikator"),
        (["--filter", "køn"], "DIMENSION=VÆRDI"),
        (["--strategy", "ingen"], "Ukendt strategi"),
        (["--filter", "målgruppe=Alkhol"], "Ukendt værdi 'Alkhol' for målgruppe"),
    ],
)
def test_usage_errors_exit_2_with_danish_message(db, args, message):
    out = _run("--db", str(db), *args)
    assert out.returncode == 2
    assert message in out.stderr and "Traceback" not in out.stderr
