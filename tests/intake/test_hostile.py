"""Hostile files through `cli.py import`: refused with one Danish message naming the limit, nothing echoed raw.

Each file is built here from scratch (bench/hostile_files.py, with zlib and struct); time and memory are
measured by bench/bench_hostile.py, not asserted.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench import hostile_files as hf

ROOT = Path(__file__).resolve().parents[2]


def _cli(tmp_path: Path, name: str, data: bytes, *extra: str) -> subprocess.CompletedProcess:
    path = tmp_path / name
    path.write_bytes(data)
    env = {"PATH": "/usr/bin:/bin", "PEJLING_USER": "test"}
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "import", str(path), "--db", str(tmp_path / "t.duckdb"), *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )


def _messages(p: subprocess.CompletedProcess) -> list[str]:
    return [e["message"] for e in json.loads(p.stdout)["errors"]]


def test_a_zip_whose_sheet_lies_about_its_size_is_refused(tmp_path):
    p = _cli(tmp_path, "lying.xlsx", hf.lying_zip(real_mb=20, declared_mb=1), "--json")
    assert p.returncode == 1
    assert _messages(p) == [
        "Filen afvises: en del af den fylder mere udpakket, end den selv angiver (en manipuleret zip-fil). "
        "Gem filen igen i Excel og upload den."
    ]


def test_a_zip_that_unpacks_beyond_the_limit_is_refused_by_what_is_really_unpacked(tmp_path, monkeypatch):
    # Honest sizes this time, 20 MB of sheet against a limit of 5 MB.
    sheet = hf.lying_zip(real_mb=20, declared_mb=20)
    path = tmp_path / "big.xlsx"
    path.write_bytes(sheet)
    env = {"PATH": "/usr/bin:/bin", "PEJLING_USER": "test", "PEJLING_MAX_UNPACKED_MB": "5"}
    p = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "import", str(path), "--db", str(tmp_path / "t.duckdb"), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert p.returncode == 1
    assert _messages(p) == [
        "Filen afvises: udpakket fylder den mere end de tilladte 5 MB (den kan være en såkaldt zip-bombe). "
        "Del data op i flere filer, eller kontakt en administrator."
    ]


@pytest.mark.parametrize(("name", "build"), [("wide.csv", hf.wide_csv), ("wide.xlsx", hf.wide_xlsx)])
def test_a_file_16384_columns_wide_is_refused_naming_the_column_limit(tmp_path, name, build):
    p = _cli(tmp_path, name, build(16_384, 100), "--json")
    assert p.returncode == 1
    assert _messages(p) == [
        "Filen har 16.384 kolonner; højst 500 kolonner er tilladt. "
        "Slet de kolonner, der ikke hører til udtrækket, og upload filen igen."
    ]


def test_unknown_columns_are_one_warning_with_the_first_names_and_the_count(tmp_path):
    p = _cli(tmp_path, "wide.csv", hf.wide_csv(108, 3), "--json")  # 8 contract columns + 100 unknown
    assert p.returncode == 0, p.stdout
    assert json.loads(p.stdout)["warnings"] == [
        "100 kolonner 'kolonne 8', 'kolonne 9', 'kolonne 10', 'kolonne 11', 'kolonne 12' og 95 flere "
        "i arket 'wide.csv' kendes ikke og bliver ikke gemt."
    ]


def test_one_cell_far_away_in_a_tiny_xlsx_is_refused_before_it_is_read(tmp_path):
    p = _cli(tmp_path, "sparse.xlsx", hf.sparse_extent_xlsx(100_000, 400), "--json")
    assert p.returncode == 1
    assert _messages(p) == [
        "Arket spænder over 100.000 rækker × 401 kolonner; højst 4.000.000 celler (rækker × kolonner) er tilladt. "
        "Slet tomme rækker og kolonner med formatering eller indhold langt fra data (Ctrl+End i Excel viser "
        "arkets sidste celle), og upload igen."
    ]


def test_escapes_bidi_overrides_and_a_megabyte_cell_never_reach_the_terminal_raw(tmp_path):
    p = _cli(tmp_path, "escapes.csv", hf.escapes_csv())
    assert p.returncode == 1
    out = p.stdout + p.stderr
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "ALT ER OK" in out  # the text is shown, without the escapes around it
    assert "notetxt.exe" in out  # the header, without its right-to-left override
    assert len(out) < 10_000  # the 1 MB cell is cut, not printed
    assert "x" * 1024 not in out


def test_escapes_and_bidi_never_reach_json_raw(tmp_path):
    p = _cli(tmp_path, "escapes.csv", hf.escapes_csv(), "--json")
    assert p.returncode == 1
    doc = json.loads(p.stdout)
    text = json.dumps(doc, ensure_ascii=False)
    assert "\x1b" not in text and "\\u001b" not in text and "\u202e" not in text
    values = [e["value"] for e in doc["errors"]]
    assert "[2J[1;31mALT ER OK[0m" not in values
    assert "ALT ER OK" in values
    assert all(len(v or "") <= 200 for v in values)
    assert doc["warnings"] == ["Kolonnen 'notetxt.exe' i arket 'escapes.csv' kendes ikke og bliver ikke gemt."]


def test_a_header_on_row_500_is_refused_saying_where_the_header_must_be(tmp_path):
    p = _cli(tmp_path, "header500.csv", hf.header_on_row_csv(500), "--json")
    assert p.returncode == 1
    assert _messages(p) == [
        "Overskrifterne står i række 500, men overskriftsrækken skal stå i en af de første 50 rækker. "
        "Slet rækkerne over overskrifterne i arket 'header500.csv', og upload filen igen."
    ]
