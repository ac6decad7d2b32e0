"""Benchmark: wall time and peak memory of `cli.py import` on each hostile file of issue 10.

Usage: python bench/bench_hostile.py
Each file is built in a temp dir (bench/hostile_files.py) and imported by child processes; peak resident
memory comes from the kernel (os.wait4 → ru_maxrss). Two timings: `cli s` is `cli.py import` end to end
(interpreter and library start-up included; the floor is the same command on a one-row valid file,
measured in the same run), `import s` is `import_file` alone, timed in the child. Goals: each hostile
file ≤ 5 s (`import s`) and ≤ 500 MB peak.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import hostile_files as hf  # noqa: E402

GOAL_S = 5.0
GOAL_MB = 500.0
# The import itself, timed inside the child after the libraries are loaded (interpreter start-up excluded).
_WORK = """
import json, sys, time
from pathlib import Path
from store.db import connect
from store.imports import import_file
path, db = Path(sys.argv[1]), Path(sys.argv[2])
con = connect(db)
data = path.read_bytes()
t = time.perf_counter()
result = import_file(con, data, path.name)
print(json.dumps({"work": time.perf_counter() - t, **result.to_json()}))
"""


def _run(path: Path, db: Path, work: bool = False) -> tuple[float, float, int, str]:
    """(wall seconds, peak MB, exit code, first message) of one import in a child process.

    With `work`, the seconds are those of `import_file` alone, measured in the child.
    """
    start = time.perf_counter()
    command = ["-c", _WORK, str(path), str(db)] if work else [str(ROOT / "cli.py"), "import", str(path), "--db", str(db), "--json"]
    proc = subprocess.Popen(
        [sys.executable, *command],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ, PEJLING_USER="bench"),
    )
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    try:
        doc = json.loads(out)
        if work:
            wall = float(doc["work"])
        message = (doc["errors"] or [{"message": doc["status"]}])[0]["message"]
    except (ValueError, KeyError, IndexError):
        message = out[:120].decode(errors="replace")
    return wall, usage.ru_maxrss / 1024, proc.returncode, message


def main() -> int:
    """Build every hostile file, import each once, print time and memory against the floor and the goals."""
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        floor_file = tmpdir / "floor.csv"
        floor_file.write_bytes(("\n".join([";".join(hf.HEADER), ";".join(str(v or "") for v in hf.good_row(1))])).encode())
        floor_s, floor_mb, code, _ = _run(floor_file, tmpdir / "floor.duckdb")
        print(f"floor, cli.py import of one valid row: {floor_s:.2f} s wall, {floor_mb:.0f} MB peak, exit {code}")
        print(
            f"{'file':<58} {'size':>9} {'exit':>4} {'cli s':>6} {'×floor':>6} {'import s':>8} {'peak MB':>8}  goal  message"
        )
        worst = 0
        for label, (name, build) in hf.HOSTILE.items():
            path = tmpdir / name
            path.write_bytes(build())
            wall, mb, code, message = _run(path, tmpdir / f"{name}.duckdb")
            work_s, work_mb, _, _ = _run(path, tmpdir / f"{name}-work.duckdb", work=True)
            mb = max(mb, work_mb)
            ok = work_s <= GOAL_S and mb <= GOAL_MB
            worst = worst or (not ok)
            size = f"{path.stat().st_size / 1024 / 1024:.1f} MB"
            print(
                f"{label:<58} {size:>9} {code:>4} {wall:>6.1f} {wall / floor_s:>6.1f} {work_s:>8.2f} {mb:>8.0f}  "
                f"{'ok' if ok else 'OVER'}  {message[:90]}"
            )
    return 1 if worst else 0


if __name__ == "__main__":
    sys.exit(main())
