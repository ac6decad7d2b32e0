"""Killing an import at random moments never leaves a partial batch behind, also while a dashboard and a
reader in other processes use the same store."""

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store.db import connect
from tests.browser.server import Server

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


# A reader in its own process, like a dashboard: every loop one transaction checks that each batch it can
# see is complete, and computes an indicator; it prints how many checks passed and every violation.
_READER = """
import json, sys, time
sys.path.insert(0, sys.argv[2])
from store.db import connect
from metrics.engine import compute
con = connect(sys.argv[1], read_only=True)
checks, bad = 0, []
while True:
    con.execute("BEGIN TRANSACTION")
    imported = dict(con.execute("SELECT batch, inserted FROM imports WHERE status = 'imported'").fetchall())
    present = dict(con.execute("SELECT batch, count(*) FROM indsatser GROUP BY batch").fetchall())
    compute(con, ["aktive_borgere"], "2024", None, None, 5)
    con.execute("COMMIT")
    checks += 1
    if present != imported:
        bad.append([sorted(present.items()), sorted(imported.items())])
    print(json.dumps({"checks": checks, "bad": bad[:3]}), flush=True)
    time.sleep(0.05)
"""


@pytest.mark.xdist_group("crash")
def test_sigkill_during_import_leaves_each_batch_all_or_none(tmp_path):
    db = tmp_path / "lager"
    connect(db).close()
    dashboard = Server(db)
    reader = subprocess.Popen(
        [sys.executable, "-c", _READER, str(db), str(ROOT)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        dashboard.wait(timeout=120)
        _kill_imports(db, tmp_path)
        assert dashboard.proc.poll() is None  # the dashboard kept serving
    finally:
        reader.kill()
        out, err = reader.communicate(timeout=30)
        dashboard.stop()
    last = json.loads(out.strip().splitlines()[-1]) if out.strip() else {"checks": 0, "bad": [err[-500:]]}
    assert last["bad"] == []
    assert last["checks"] > KILLS


def _kill_imports(db: Path, tmp_path: Path) -> None:
    rng = random.Random(20261123)
    first = tmp_path / "f0.csv"
    _csv(first, "P00x")
    t0 = time.monotonic()
    assert _start(db, first).wait(timeout=300) == 0
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
