"""Benchmark of the indicator engine on synthetic data generated in DuckDB.

    python bench/bench_indicators.py --sizes 10000 100000 1000000 [10000000]

For each size: all indicators of a strategy (default plads_til_alle; all indicators if the strategy
loader is missing) for the year 2025 without filters and with one filter set, and four indicators
(aktive_borgere, andel_unge, lokale_tilbud, behandling_inden_14_dage) against a hand-written single
DuckDB query for the same figures (the floor). Times are the best of --repeat runs, in ms.

Each size runs on both stores with the same generated rows: the DuckLake store (`lake`, SQLite catalogue,
Parquet files; the default) and a single DuckDB file (`file`, the earlier layout). The last column is the
lake's time for all indicators over the file's (goal: at most 1.5).

Protection: `all ms` is the published path (record keys joined, cell keys summed, p-table applied,
suppression); `off ms` the same indicators computed without protection (no key join, exact figures), and
`prot` their ratio (issue goal: at most 1.2). `keys s` is the one-off HMAC of every citizen's and answer's
record key (done at import time in the product).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from metrics.engine import compute  # noqa: E402
from metrics.registry import INDICATORS  # noqa: E402
from store.db import connect  # noqa: E402
from store.record_keys import refresh_record_keys  # noqa: E402

SUBSET = ["aktive_borgere", "andel_unge", "lokale_tilbud", "behandling_inden_14_dage"]
FILTERS = {"målgruppe": ["Hjemløshed", "Alkohol"], "aldersgruppe": ["18-24", "25-29", "30-39"]}

GENERATE = """
INSERT INTO indsatser
SELECT 'B' || lpad(cit::VARCHAR, 9, '0') AS borger_id,
       1950 + h(cit, 1) % 60 AS foedselsaar,
       ['Kvinde', 'Mand', 'Andet', NULL][1 + h(cit, 2) % 4] AS koen,
       k.indsats,
       CASE WHEN h(i, 4) % 3 > 0 THEN start - (h(i, 5) % 40)::INTEGER END AS henvisningsdato,
       start AS startdato,
       CASE WHEN h(i, 6) % 4 > 0 THEN start + (h(i, 7) % 700)::INTEGER END AS slutdato,
       CASE WHEN h(i, 6) % 4 > 0 THEN ['Mål nået', 'Overgang til mindre indgribende indsats',
            'Overgang til mere indgribende indsats', 'Afbrudt af borger', 'Andet'][1 + h(i, 8) % 5] END,
       ['Egen kommune', 'Egen kommune', 'Anden kommune', 'Region', 'Privat/selvejende', NULL][1 + h(i, 9) % 6],
       list_distinct([['Alkohol', 'Hash', 'Stoffer', 'Sindslidelse', 'Ensomhed', 'Hjemløshed', 'Spil',
            'Kriminalitet'][1 + h(i, 10) % 8], ['Alkohol', 'Sindslidelse', 'Ensomhed', 'Svære opvækstvilkår']
            [1 + h(i, 11) % 4]]),
       ['Egen bolig', 'Botilbud', 'Forsorgshjem/herberg', 'Sofasover', 'Gade', 'Ukendt', NULL][1 + h(i, 12) % 7],
       ['Egen bolig', 'Botilbud', 'Forsorgshjem/herberg', 'Sofasover', 'Ukendt', NULL][1 + h(i, 13) % 6],
       ['Job', 'Ledig', 'Uddannelse', 'Ukendt', NULL][1 + h(i, 14) % 5],
       ['Job', 'Ledig', 'Uddannelse', 'Sygemeldt', 'Ukendt', NULL][1 + h(i, 15) % 6],
       CASE WHEN h(i, 16) % 5 > 0 THEN (h(i, 17) % 4)::INTEGER END,
       CASE WHEN h(i, 18) % 3 > 0 THEN h(i, 19) % 4 > 0 END,
       1
FROM (SELECT i, i // 4 AS cit, DATE '2015-01-01' + (h(i, 3) % 4000)::INTEGER AS start,
             1 + h(i, 20) % 16 AS kat_no FROM range($n) t(i)) e
JOIN (SELECT indsats, row_number() OVER (ORDER BY indsats) AS kat_no FROM katalog) k USING (kat_no)
"""
GENERATE_SURVEY = """
INSERT INTO borgeroplevelse (besvarelse_id, dato, foedselsaar, koen, maalgrupper, indsats, p_ressourcer, p_oensker,
    p_kompetente, p_kommunikation, stabile_rammer, kan_selv, noget_for_nogen, who5_1, who5_2, who5_3, who5_4, who5_5,
    ensom_1, ensom_2, ensom_3, batch)
SELECT 'S' || i, DATE '2020-01-01' + (h(i, 1) % 2500)::INTEGER, 1950 + h(i, 2) % 60, 'Kvinde', ['Alkohol'],
       'Mentor', 1 + h(i, 3) % 5, 1 + h(i, 4) % 5, 1 + h(i, 5) % 5, 1 + h(i, 6) % 5, 1 + h(i, 7) % 5,
       1 + h(i, 8) % 5, 1 + h(i, 9) % 5, h(i, 10) % 6, h(i, 11) % 6, h(i, 12) % 6, h(i, 13) % 6,
       h(i, 14) % 6, 1 + h(i, 15) % 3, 1 + h(i, 16) % 3, 1 + h(i, 17) % 3, 1
FROM range($n) t(i)
"""
GENERATE_PROGRESSION = """
INSERT INTO progression
SELECT DISTINCT ON (borger_id, maaledato, domaene) * FROM (
SELECT 'B' || lpad((i // 3)::VARCHAR, 9, '0') AS borger_id, DATE '2018-01-01' + (h(i, 1) % 2900)::INTEGER AS maaledato,
       ['Bolig', 'Økonomi', 'Psykisk helbred', 'Rusmidler'][1 + h(i, 2) % 4] AS domaene, 1 + h(i, 3) % 10 AS score, 1 AS batch
FROM range($n) t(i))
"""

# The floor: the same four figures written by hand in one query (no filters).
FLOOR = """
WITH a AS (
  SELECT e.borger_id, e.foedselsaar, e.leverandoer, e.startdato, e.henvisningsdato, k.trin, k.behandling,
         2025 - e.foedselsaar AS alder
  FROM indsatser e LEFT JOIN katalog k USING (indsats)
  WHERE e.startdato <= DATE '2025-12-31' AND (e.slutdato IS NULL OR e.slutdato >= DATE '2025-01-01')
    AND 2025 - e.foedselsaar >= 16
    AND 2025 - e.foedselsaar < CASE WHEN e.foedselsaar <= 1953 THEN 65 WHEN e.foedselsaar <= 1954 THEN 66
        WHEN e.foedselsaar <= 1962 THEN 67 WHEN e.foedselsaar <= 1966 THEN 68 WHEN e.foedselsaar <= 1970 THEN 69
        ELSE 70 END
), c AS (SELECT borger_id, min(alder) AS alder FROM a GROUP BY borger_id)
SELECT (SELECT count(*) FROM c), (SELECT count_if(alder < 30) FROM c),
       (SELECT count_if(leverandoer = 'Egen kommune') FROM a WHERE leverandoer IS NOT NULL),
       (SELECT count(*) FROM a WHERE leverandoer IS NOT NULL),
       (SELECT count_if(date_diff('day', henvisningsdato, startdato) <= 14) FROM a
         WHERE behandling AND startdato >= DATE '2025-01-01' AND henvisningsdato IS NOT NULL),
       (SELECT median(date_diff('day', henvisningsdato, startdato)) FROM a
         WHERE behandling AND startdato >= DATE '2025-01-01' AND henvisningsdato IS NOT NULL)
"""


def _strategy_indicators(strategy: str) -> list[str]:
    try:
        from metrics.strategies import load_strategies

        return [i for i in load_strategies()[strategy].indicator_ids() if i in INDICATORS]
    except (ImportError, KeyError):
        return list(INDICATORS)


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def main() -> int:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--strategy", default="plads_til_alle")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: DuckDB's own)")
    args = parser.parse_args()
    ids = _strategy_indicators(args.strategy)
    print(f"{len(ids)} indicators ({args.strategy}); period 2025; filter set {FILTERS}")
    print(
        f"{'episodes':>10} {'store':>5} {'gen s':>6} {'keys s':>6} {'all ms':>8} {'off ms':>8} {'prot':>5} "
        f"{'filtered ms':>11} {'subset ms':>9} {'floor ms':>8} {'ratio':>6} {'lake/file':>9}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            all_by_store: dict[str, float] = {}
            for kind in ("file", "lake"):
                all_by_store[kind] = _run(Path(tmp), n, kind, ids, args, all_by_store)
    return 0


def _run(tmp: Path, n: int, kind: str, ids: list[str], args: argparse.Namespace, seen: dict[str, float]) -> float:
    """Generate n episodes in a fresh store of this kind, time the indicators, print one line; return all ms."""
    if kind == "file":
        con = connect(tmp / f"bench_{n}.duckdb", engine_kind="duckdb")
    else:
        con = connect(tmp / f"bench_{n}_lake")
    if args.threads:
        con.execute(f"SET threads = {int(args.threads)}")
    t0 = time.perf_counter()
    con.execute("CREATE OR REPLACE TEMP MACRO h(a, b) AS (hash(a, b) % 1000003)::BIGINT")
    con.execute(GENERATE, {"n": n})
    con.execute(GENERATE_SURVEY, {"n": max(100, n // 20)})
    con.execute(GENERATE_PROGRESSION, {"n": n // 2})
    gen = time.perf_counter() - t0
    t0 = time.perf_counter()
    refresh_record_keys(con)
    keys = time.perf_counter() - t0
    all_ms = _best(lambda c=con: compute(c, ids, "2025"), args.repeat)
    off_ms = _best(lambda c=con: compute(c, ids, "2025", protect=False), args.repeat)
    flt_ms = _best(lambda c=con: compute(c, ids, "2025", FILTERS), args.repeat)
    sub_ms = _best(lambda c=con: compute(c, SUBSET, "2025"), args.repeat)
    floor_ms = _best(lambda c=con: c.execute(FLOOR).fetchall(), args.repeat)
    versus = f"{all_ms / seen['file']:>9.2f}" if "file" in seen else f"{'':>9}"
    print(
        f"{n:>10} {kind:>5} {gen:>6.1f} {keys:>6.1f} {all_ms:>8.0f} {off_ms:>8.0f} {all_ms / off_ms:>5.2f} {flt_ms:>11.0f} {sub_ms:>9.0f} {floor_ms:>8.0f} "
        f"{sub_ms / floor_ms:>6.2f} {versus}",
        flush=True,
    )
    con.close()
    return all_ms


if __name__ == "__main__":
    sys.exit(main())
