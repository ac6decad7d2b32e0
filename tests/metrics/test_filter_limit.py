"""At most PEJLING_MAX_FILTER_VALUES values per filter (issue 7: many values at once feed averaging attacks)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import settings
from metrics.engine import compute, normalize_filters

ROOT = Path(__file__).resolve().parents[2]
FOUR = ["16-17", "18-24", "25-29", "30-39"]


def test_three_values_pass_and_four_are_refused_in_danish():
    assert normalize_filters({"aldersgruppe": FOUR[:3]}) == {"aldersgruppe": FOUR[:3]}
    with pytest.raises(ValueError, match="har 4 værdier, men højst 3 kan vælges"):
        normalize_filters({"aldersgruppe": FOUR})


def test_a_value_named_twice_counts_once():
    assert normalize_filters({"køn": ["Kvinde", "Kvinde"]}) == {"køn": ["Kvinde"]}


def test_the_limit_is_a_setting_and_below_one_is_refused(monkeypatch):
    monkeypatch.setenv("PEJLING_MAX_FILTER_VALUES", "4")
    assert len(normalize_filters({"aldersgruppe": FOUR})["aldersgruppe"]) == 4
    monkeypatch.setenv("PEJLING_MAX_FILTER_VALUES", "0")
    with pytest.raises(settings.SettingError, match="mindst 1"):
        settings.max_filter_values()


def test_every_output_goes_through_the_limit(tmp_path):
    from store.db import connect

    con = connect(tmp_path / "t.duckdb")
    with pytest.raises(ValueError, match="højst 3"):
        compute(con, ["aktive_borgere"], "2025", {"aldersgruppe": FOUR})
    from metrics import views

    with pytest.raises(ValueError, match="højst 3"):
        views.who5_distribution(con, "2025", {"aldersgruppe": FOUR})
    con.close()


@pytest.mark.parametrize("command", ["indicators", "report"])
def test_the_cli_refuses_four_values_with_exit_2(tmp_path, command):
    from store.db import connect

    db = tmp_path / "c.duckdb"
    connect(db).close()
    args = [sys.executable, str(ROOT / "cli.py"), command, "--db", str(db), "--period", "2025"]
    if command == "report":
        args += ["--out", str(tmp_path / "r.pdf")]
    for value in FOUR:
        args += ["--filter", f"aldersgruppe={value}"]
    out = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 2
    assert "højst 3 kan vælges på én gang" in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "r.pdf").exists()
