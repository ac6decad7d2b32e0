"""Benchmark: full import (read + validate + store) against the bare read of the same file.

Usage: python bench/bench_import.py [--rows N] [--csv-rows M] [--skip-csv] [--stores file lake]
Generates a 100k-row Indsatser .xlsx and a 1M-row CSV in a temp dir (not committed), and imports each into a
fresh store of each kind: `file` (one DuckDB file, the earlier layout: "before") and `lake` (the DuckLake
store with its SQLite catalogue: "after"); the last line per file gives the lake's rows/s over the file's.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import duckdb  # noqa: E402
import fastexcel  # noqa: E402
import xlsxwriter  # noqa: E402

from schemas.extracts import BESKAEFTIGELSE, BOLIG, INDSATS_NAMES, INDSATSER, LEVERANDOERER, MAALGRUPPER  # noqa: E402
from store.db import connect  # noqa: E402
from store.imports import import_file  # noqa: E402

HEADER = [c.name for c in INDSATSER.columns]
TODAY = dt.date(2026, 11, 23)


def _rows(n: int, seed: int = 1):
    rng = random.Random(seed)
    base = dt.date(2015, 1, 1)
    for i in range(n):
        start = base + dt.timedelta(days=rng.randrange(3500))
        ended = rng.random() < 0.6
        end = start + dt.timedelta(days=rng.randrange(1, 300)) if ended else None
        if end and end > TODAY:
            end = None
        yield [
            f"B{i // 3:07d}",
            1950 + (i // 3) % 55,
            "Kvinde" if (i // 3) % 2 else "Mand",
            INDSATS_NAMES[i % len(INDSATS_NAMES)],
            start - dt.timedelta(days=rng.randrange(30)),
            start,
            end,
            "Mål nået" if end else None,
            rng.choice(LEVERANDOERER),
            ";".join(rng.sample(MAALGRUPPER, rng.randrange(0, 3))),
            rng.choice(BOLIG),
            rng.choice(BOLIG) if end else None,
            rng.choice(BESKAEFTIGELSE),
            rng.choice(BESKAEFTIGELSE) if end else None,
            rng.randrange(4),
            rng.choice(["Ja", "Nej"]),
        ]


def write_xlsx(path: Path, n: int) -> None:
    """A workbook with n rows of valid Indsatser (real Excel dates and numbers)."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("Indsatser")
    date_fmt = wb.add_format({"num_format": "dd.mm.yyyy"})
    ws.write_row(0, 0, HEADER)
    for r, values in enumerate(_rows(n), start=1):
        for c, v in enumerate(values):
            if v is None:
                continue
            if isinstance(v, dt.date):
                ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), date_fmt)
            elif isinstance(v, int):
                ws.write_number(r, c, v)
            else:
                ws.write_string(r, c, v)
    wb.close()


def write_csv(path: Path, n: int) -> None:
    """A Danish-Excel CSV (';', dd.mm.yyyy, Windows-1252) with n rows."""
    with path.open("w", encoding="cp1252", newline="") as fh:
        out = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        out.writerow(HEADER)
        for values in _rows(n, seed=2):
            out.writerow("" if v is None else v.strftime("%d.%m.%Y") if isinstance(v, dt.date) else v for v in values)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _time(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def bench(path: Path, n: int, floor_fn, label: str, tmp: Path, repeat: int, setup=None, kind: str = "lake") -> float:
    """Best of `repeat` runs of the floor read and of the full import into a fresh store; print them, return rows/s."""
    data = path.read_bytes()
    best = float("inf")
    for i in range(repeat):
        if kind == "file":
            con = connect(tmp / f"{label}-{kind}-{i}.duckdb", engine_kind="duckdb")
        else:
            con = connect(tmp / f"{label}-{kind}-{i}")
        result = None

        def run(con=con):
            nonlocal result
            result = import_file(con, data, path.name, user="bench", today=TODAY)

        best = min(best, _time(run))
        con.close()
        assert result is not None and result.status == "imported", result.errors[:5] if result else None
        result = None
    peak = _peak_mb()  # high-water mark of the imports, before the floor's own buffers
    if setup is not None:
        setup()
    floor = min(_time(floor_fn) for _ in range(repeat))
    print(
        f"{label} [{kind}]: {n:,} rows, {len(data) / 1e6:.1f} MB | floor {floor:.2f} s | full import {best:.2f} s "
        f"= {n / best:,.0f} rows/s | ratio {best / floor:.2f}x floor | peak RSS after the imports {peak:,.0f} MB "
        f"(best of {repeat})",
        flush=True,
    )
    return n / best


def bench_stores(stores: list[str], *args, **kwargs) -> None:
    """Run bench() once per store kind and print the lake's rows/s against the file's."""
    rates = {kind: bench(*args, **kwargs, kind=kind) for kind in stores}
    if "file" in rates and "lake" in rates:
        print(
            f"{args[3]}: before (file) {rates['file']:,.0f} rows/s, after (lake) {rates['lake']:,.0f} rows/s, "
            f"ratio lake/file {rates['lake'] / rates['file']:.2f}"
        )


def main() -> int:
    """Generate the files and run both benchmarks."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000, help="rows in the .xlsx")
    parser.add_argument("--csv-rows", type=int, default=1_000_000, help="rows in the CSV")
    parser.add_argument("--skip-csv", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is reported")
    parser.add_argument("--skip-xlsx", action="store_true")
    parser.add_argument("--stores", nargs="+", choices=["file", "lake"], default=["file", "lake"])
    args = parser.parse_args()
    # The 1M-row CSV is ~140 MB: above the default upload limit of 50 MB, so the benchmark raises it.
    os.environ.setdefault("PEJLING_MAX_UPLOAD_MB", "1024")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        if not args.skip_xlsx:
            xlsx = tmp / "indsatser.xlsx"
            t = _time(lambda: write_xlsx(xlsx, args.rows))
            print(f"generated {xlsx.name} in {t:.1f} s")

            def floor_xlsx():
                fastexcel.read_excel(xlsx.read_bytes()).load_sheet(0, dtypes="string").to_arrow()

            bench_stores(args.stores, xlsx, args.rows, floor_xlsx, "xlsx", tmp, args.repeat)
        if not args.skip_csv:
            csv_path = tmp / "indsatser.csv"
            t = _time(lambda: write_csv(csv_path, args.csv_rows))
            print(f"generated {csv_path.name} in {t:.1f} s")

            # DuckDB has no Windows-1252 decoder: the floor reads a UTF-8 copy (made once, not timed).
            utf8 = tmp / "indsatser-utf8.csv"

            def utf8_copy():
                utf8.write_bytes(csv_path.read_bytes().decode("cp1252").encode("utf-8"))

            def floor_csv():
                duckdb.sql(f"SELECT * FROM read_csv('{utf8}', delim=';', header=true, all_varchar=true)").arrow()

            bench_stores(args.stores, csv_path, args.csv_rows, floor_csv, "csv", tmp, args.repeat, setup=utf8_copy)
    print(f"peak RSS {_peak_mb():,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
