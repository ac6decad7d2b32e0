"""Killing an import at random moments never leaves a partial batch behind."""

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store.db import connect

ROOT = Path(__file__).resolve().parents[2]
ROWS = 3000
KILLS = 20


def _csv(path: Path, prefix: str) -> None:
    lines = ["borger_id;fødselsår;køn;indsats;startdato;slutdato;afslutningsårsag;målgrupper"]
    for i in range(ROWS):
        lines.append(f"{prefix}{i:05d};{1950 + i % 50};K;Mentor;{1 + i % 28:02d}.03.2024;;;Alkohol;Hash")
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")


def _start(db: Path, file: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "cli.py"), "import", str(file), "--db", str(db), "--json"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _check_all_or_none(db: Path) -> tuple[int, int]:
    con = connect(db)
    try:
        imported = dict(con.execute("SELECT batch, inserted FROM imports WHERE status = 'imported'").fetchall())
        present = dict(con.execute("SELECT batch, count(*) FROM indsatser GROUP BY batch").fetchall())
        assert present == imported, (present, imported)
        return len(imported), sum(present.values())
    finally:
        con.close()


@pytest.mark.xdist_group("crash")
def test_sigkill_during_import_leaves_each_batch_all_or_none(tmp_path):
    db = tmp_path / "crash.duckdb"
    connect(db).close()
    rng = random.Random(20261123)
    first = tmp_path / "f0.csv"
    _csv(first, "P00x")
    t0 = time.monotonic()
    assert _start(db, first).wait(timeout=60) == 0
    duration = time.monotonic() - t0
    completed = 1
    for i in range(1, KILLS + 1):
        file = tmp_path / f"f{i}.csv"
        _csv(file, f"P{i:02d}x")
        proc = _start(db, file)
        time.sleep(rng.uniform(0.7 * duration, 1.05 * duration))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        batches, rows = _check_all_or_none(db)
        assert rows == batches * ROWS
        completed = batches
    assert completed >= 1
