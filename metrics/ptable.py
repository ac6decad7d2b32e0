"""The perturbation table (p-table) of the cell-key method: for a true count and a cell key, the deviation
that is added before the count is published.

The table is built from three parameters: the threshold N, the largest deviation D and the variance V of
the deviation for counts far from N. For each count c >= N the deviations allowed are the integers e in
[-D, D] with c + e >= N (a count of N or more is never published below N); their probabilities start from a
discretised normal with variance V, are tilted to mean exactly zero, and are spread over the 256 cell keys
(each probability is a whole number of 256ths, so mean zero holds exactly). A count 0 stays 0. Counts
1..N-1 are never published (they are shown as `<N`), so they have no row.

Rows N .. N+D differ (fewer negative deviations are allowed near N); every count from N+D up uses the
last row. The versioned file `metrics/data/ptable.csv` is this table for the default parameters, written by
`python scripts/make_ptable.py`; a test proves the file equals `build_ptable` for its parameters.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

KEY_RANGE = 256
PTABLE_VERSION = "1"
PTABLE_FILE = Path(__file__).resolve().parent / "data" / "ptable.csv"


@dataclass(frozen=True)
class PTable:
    """Deviation per (row count, cell key); `rows[c][ckey]` for c in {0, N, ..., N+D}."""

    min_n: int
    max_dev: int
    variance: float
    rows: dict[int, tuple[int, ...]]

    def deviation(self, count: int, ckey: int) -> int:
        """The deviation for a true count (0 or >= N) and a cell key 0..255."""
        if count == 0:
            return 0
        if count < self.min_n:
            raise ValueError("counts 1..N-1 are never published")
        return self.rows[min(count, self.min_n + self.max_dev)][ckey % KEY_RANGE]

    def free_row(self) -> tuple[int, ...]:
        """The row used far from N (all deviations -D..D allowed): also the noise of means and medians."""
        return self.rows[self.min_n + self.max_dev]


def _normal_weights(max_dev: int, sigma: float) -> dict[int, float]:
    return {e: math.exp(-(e * e) / (2 * sigma * sigma)) for e in range(-max_dev, max_dev + 1)}


def _variance(weights: dict[int, float]) -> float:
    total = sum(weights.values())
    return sum(w * e * e for e, w in weights.items()) / total


def _sigma_for(max_dev: int, variance: float) -> float:
    """The sigma of the discretised normal on -D..D whose variance is the one asked for (bisection)."""
    if variance >= max_dev * max_dev:
        raise ValueError("variance must be below D squared")
    lo, hi = 1e-3, 100.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if _variance(_normal_weights(max_dev, mid)) < variance:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _tilt_to_zero_mean(weights: dict[int, float]) -> dict[int, float]:
    """Exponential tilting p_e ∝ q_e·exp(λe) with λ chosen so that the mean is zero."""
    if min(weights) >= 0 or max(weights) <= 0:
        return {0: 1.0}

    def mean(lam: float) -> float:
        w = {e: q * math.exp(lam * e) for e, q in weights.items()}
        return sum(e * x for e, x in w.items()) / sum(w.values())

    lo, hi = -50.0, 50.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if mean(mid) < 0:
            lo = mid
        else:
            hi = mid
    lam = (lo + hi) / 2
    w = {e: q * math.exp(lam * e) for e, q in weights.items()}
    total = sum(w.values())
    return {e: x / total for e, x in w.items()}


def _to_256ths(probs: dict[int, float]) -> dict[int, int]:
    """Whole numbers of 256ths, summing to 256, with a sum of deviations of exactly zero."""
    counts = {e: math.floor(p * KEY_RANGE) for e, p in probs.items()}
    rest = KEY_RANGE - sum(counts.values())
    for e in sorted(probs, key=lambda e: (probs[e] * KEY_RANGE - counts[e], -abs(e)), reverse=True)[:rest]:
        counts[e] += 1
    # Fix the mean by moving single units one step towards zero on the side that is too heavy, which
    # changes the variance least; alternate with moving from zero outwards on the other side.
    for _ in range(10 * KEY_RANGE):
        drift = sum(e * c for e, c in counts.items())
        if drift == 0:
            break
        sign = 1 if drift > 0 else -1
        inward = [e for e in counts if e * sign > 0 and counts[e] > 0 and (e - sign) in counts]
        outward = [e for e in counts if e == 0 and counts[e] > 0 and (-sign) in counts]
        if inward and (not outward or _variance_of(counts) >= _variance_of(_moved(counts, 0, -sign))):
            e = min(inward, key=abs)
            counts = _moved(counts, e, e - sign)
        elif outward:
            counts = _moved(counts, 0, -sign)
        else:
            raise ValueError("cannot reach mean zero")
    return {e: c for e, c in counts.items() if c}


def _moved(counts: dict[int, int], src: int, dst: int) -> dict[int, int]:
    out = dict(counts)
    out[src] -= 1
    out[dst] = out.get(dst, 0) + 1
    return out


def _variance_of(counts: dict[int, int]) -> float:
    return sum(c * e * e for e, c in counts.items()) / KEY_RANGE


def _row(counts: dict[int, int]) -> tuple[int, ...]:
    """Cell keys 0..255 in order, each mapped to a deviation (ascending deviations over ascending keys)."""
    out: list[int] = []
    for e in sorted(counts):
        out += [e] * counts[e]
    return tuple(out)


def build_ptable(min_n: int, max_dev: int, variance: float) -> PTable:
    """Build the p-table for threshold N, largest deviation D and variance V (see the module docstring)."""
    if not 1 <= max_dev <= 3:
        raise ValueError("D must be 1, 2 or 3")
    base = _normal_weights(max_dev, _sigma_for(max_dev, variance))
    rows: dict[int, tuple[int, ...]] = {0: tuple([0] * KEY_RANGE)}
    for count in range(min_n, min_n + max_dev + 1):
        allowed = {e: w for e, w in base.items() if count + e >= min_n}
        rows[count] = _row(_to_256ths(_tilt_to_zero_mean(allowed)))
    return PTable(min_n, max_dev, float(variance), rows)


def write_ptable(table: PTable, path: Path = PTABLE_FILE) -> None:
    """Write the table as CSV: a comment line with its version and parameters, then count,ckey,deviation."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        fh.write(
            f"# pejling p-table version={PTABLE_VERSION} min_n={table.min_n} max_dev={table.max_dev} "
            f"variance={table.variance}\n"
        )
        writer = csv.writer(fh)
        writer.writerow(["count", "ckey", "deviation"])
        for count, row in sorted(table.rows.items()):
            for ckey, dev in enumerate(row):
                writer.writerow([count, ckey, dev])


def read_ptable(path: Path = PTABLE_FILE) -> PTable:
    """Read a p-table CSV written by `write_ptable`."""
    with path.open(encoding="utf-8") as fh:
        head = fh.readline().lstrip("# ").split()
        params = dict(part.split("=", 1) for part in head if "=" in part)
        rows: dict[int, list[int]] = {}
        for rec in csv.DictReader(fh):
            rows.setdefault(int(rec["count"]), [0] * KEY_RANGE)[int(rec["ckey"])] = int(rec["deviation"])
    return PTable(
        int(params["min_n"]), int(params["max_dev"]), float(params["variance"]), {c: tuple(r) for c, r in rows.items()}
    )


@lru_cache(maxsize=8)
def ptable_for(min_n: int, max_dev: int, variance: float) -> PTable:
    """The versioned file when its parameters are the ones asked for; else the table built for them."""
    if PTABLE_FILE.exists():
        stored = read_ptable(PTABLE_FILE)
        if (stored.min_n, stored.max_dev, stored.variance) == (min_n, max_dev, float(variance)):
            return stored
    return build_ptable(min_n, max_dev, variance)
