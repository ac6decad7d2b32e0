"""What the attacker knows about one true count from its published figure: a candidate set (`Cands`).

The attacker knows the product's public parameters (threshold N, maximum deviation D, the published
p-table: the deviation distribution per true count) but not the per-installation secret. A published
figure p therefore says: the true count t is one of {t : the p-table can turn t into p}. Without a
p-table file the stated rules give the same kind of set: |p - t| <= D, 0 stays 0, a true count of N or
more is never published below N. Hidden figures say what their text and reason say (`<N`: 1..N-1).
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

INF = 10**9
_EXPLICIT_MAX = 4000  # largest candidate set kept value by value (wider sets are kept as a range)


@dataclass(frozen=True)
class Cands:
    """The integers a true value can be: every integer in [lo, hi], or only `vals` when given."""

    lo: int
    hi: int
    vals: frozenset[int] | None = None

    @staticmethod
    def of(values) -> Cands:
        """The candidate set of exactly these integers (empty allowed)."""
        vals = frozenset(int(v) for v in values)
        if not vals:
            return EMPTY
        lo, hi = min(vals), max(vals)
        if len(vals) == hi - lo + 1:
            return Cands(lo, hi)
        return Cands(lo, hi, vals)

    @staticmethod
    def point(value: int) -> Cands:
        """Exactly one value."""
        return Cands(int(value), int(value))

    @property
    def empty(self) -> bool:
        """True when no value is consistent (a wrong model or a wrong identity)."""
        return self.lo > self.hi

    def values(self) -> frozenset[int]:
        """The explicit values (only for bounded, not too wide sets)."""
        if self.vals is not None:
            return self.vals
        if self.hi - self.lo > _EXPLICIT_MAX:
            raise ValueError("too wide to enumerate")
        return frozenset(range(self.lo, self.hi + 1))

    def size(self) -> int:
        """How many values (INF-ish for unbounded ranges)."""
        if self.empty:
            return 0
        return len(self.vals) if self.vals is not None else self.hi - self.lo + 1

    def __contains__(self, value: int) -> bool:
        if self.empty or not self.lo <= value <= self.hi:
            return False
        return self.vals is None or value in self.vals

    def __neg__(self) -> Cands:
        if self.empty:
            return self
        return Cands(-self.hi, -self.lo, None if self.vals is None else frozenset(-v for v in self.vals))

    def __add__(self, other: Cands) -> Cands:
        if self.empty or other.empty:
            return EMPTY
        lo, hi = max(-INF, self.lo + other.lo), min(INF, self.hi + other.hi)
        if self.vals is None and other.vals is None:
            return Cands(lo, hi)
        if self.size() * other.size() <= 40000 and self.hi - self.lo < INF // 2 and other.hi - other.lo < INF // 2:
            return Cands.of({a + b for a in self.values() for b in other.values()})
        return Cands(lo, hi)  # the hull: loses only holes, never a consistent value

    def __and__(self, other: Cands) -> Cands:
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        if lo > hi:
            return EMPTY
        if self.vals is None and other.vals is None:
            return Cands(lo, hi)
        pool = self.vals if self.vals is not None else other.vals
        keep = [v for v in pool if lo <= v <= hi and v in self and v in other]
        return Cands.of(keep)

    def small(self, min_n: int) -> Cands:
        """The candidates in 1..N-1."""
        return self & Cands(1, min_n - 1)

    def __repr__(self) -> str:
        if self.empty:
            return "{}"
        if self.vals is not None:
            return "{" + ",".join(map(str, sorted(self.vals))) + "}"
        hi = "∞" if self.hi >= INF else str(self.hi)
        return f"[{self.lo}..{hi}]"


EMPTY = Cands(1, 0)
ANY = Cands(0, INF)


@dataclass
class Knowledge:
    """The public parameters: threshold N, maximum deviation D and the p-table (or None: rules only)."""

    min_n: int
    max_dev: int
    ptable: dict[int, dict[int, float]] | None = None  # true count -> {published count: probability}
    source: str = "rules"

    def published(self, p: int) -> Cands:
        """True counts that can be published as p."""
        p = int(p)
        if self.ptable:
            top = max(self.ptable)
            hits = [t for t, row in self.ptable.items() if t < top and row.get(p, 0) > 0]
            # The last row holds for every true count from `top` on, shifted: t + e.
            top_row = self.ptable[top]
            hits += [p - (q - top) for q, prob in top_row.items() if prob > 0 and p - (q - top) >= top]
            return Cands.of(hits)
        d, n = self.max_dev, self.min_n
        vals = [t for t in range(max(0, p - d), p + d + 1) if not (t == 0 and p != 0) and not (t >= n > p)]
        return Cands.of(vals)

    def deviation_pmf(self) -> dict[int, float]:
        """The deviation distribution of a large count (what averaging fights)."""
        if not self.ptable:
            return (
                {0: 1.0}
                if self.max_dev == 0
                else {e: 1 / (2 * self.max_dev + 1) for e in range(-self.max_dev, self.max_dev + 1)}
            )
        top = max(self.ptable)
        return {q - top: prob for q, prob in self.ptable[top].items() if prob > 0}

    def variance(self) -> float:
        """Variance of the deviation of a large count."""
        pmf = self.deviation_pmf()
        mean = sum(e * p for e, p in pmf.items())
        return sum((e - mean) ** 2 * p for e, p in pmf.items())


def _read_ptable(path: Path) -> dict[int, dict[int, float]] | None:
    """Read a p-table CSV: (count, published|deviation, probability) or the ONS layout (pcv, ckey, pvalue)."""
    with path.open(newline="", encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.lstrip().startswith("#")]
        rows = [{k.strip().lower(): v for k, v in r.items()} for r in csv.DictReader(lines)]
    if not rows:
        return None
    cols = set(rows[0])
    table: dict[int, dict[int, float]] = {}

    def pick(*names):
        return next((c for c in names if c in cols), None)

    count = pick("count", "true", "true_count", "pcv", "i", "n")
    prob = pick("probability", "p", "prob", "pvalue_prob", "weight")
    out = pick("published", "output", "j", "perturbed", "post")
    dev = pick("deviation", "dev", "d", "adjustment", "pvalue", "e", "noise")
    if count is None or (out is None and dev is None):
        return None
    for r in rows:
        t = int(float(r[count]))
        q = int(float(r[out])) if out else t + int(float(r[dev]))
        w = float(r[prob]) if prob else 1.0
        table.setdefault(t, {})
        table[t][q] = table[t].get(q, 0.0) + w
    for t, row in table.items():
        total = sum(row.values())
        table[t] = {q: w / total for q, w in row.items() if w > 0}
    return table


def load_knowledge(min_n: int | None = None) -> Knowledge:
    """The parameters the product publishes: N from settings, D and the p-table if the product has them."""
    import settings

    root = Path(settings.ROOT)
    n = int(min_n if min_n is not None else settings.min_n())
    dev = 0
    for name in ("max_deviation", "max_dev", "perturbation_max", "ckp_max_deviation", "noise_max"):
        getter = getattr(settings, name, None)
        if callable(getter):
            dev = int(getter())
            break
        if name in getattr(settings, "SETTINGS", {}):
            dev = int(settings.get(name))
            break
    for path in sorted(root.glob("metrics/**/*ptable*.csv")):
        table = _read_ptable(path)
        if table:
            found = max(abs(q - t) for t, row in table.items() for q in row)
            return Knowledge(n, max(dev, found), table, str(path.relative_to(root)))
    return Knowledge(n, dev, None, "rules" if dev else "none (figures are exact)")


def p_correct(pmf: dict[int, float], terms: int, routes: int) -> float:
    """Probability that rounding the mean of `routes` independent route estimates, each the sum of `terms`
    independent deviations with this pmf, gives the true value (exact convolution)."""
    dist = {0: 1.0}
    for _ in range(terms * routes):
        nxt: dict[int, float] = {}
        for s, ps in dist.items():
            for e, pe in pmf.items():
                nxt[s + e] = nxt.get(s + e, 0.0) + ps * pe
        dist = {s: p for s, p in nxt.items() if p > 1e-15}
    return sum(p for s, p in dist.items() if abs(s) * 2 < routes)


def routes_needed(pmf: dict[int, float], terms: int, target: float = 0.95, limit: int = 400) -> int | None:
    """The fewest independent routes of `terms` terms whose rounded mean is right with probability >= target."""
    if set(pmf) == {0}:
        return 1
    var = sum(e * e * p for e, p in pmf.items())
    guess = max(1, int(terms * var * (1.96 / 0.5) ** 2 * 0.8))  # normal approximation, then check exactly
    k = max(1, guess - 5)
    while k <= limit:
        if p_correct(pmf, terms, k) >= target:
            return k
        k += 1
    return None


def p_correct_normal(variances: list[float]) -> float:
    """Normal approximation: probability that rounding the inverse-variance weighted mean is right."""
    precision = sum(1 / v for v in variances if v > 0)
    if any(v == 0 for v in variances):
        return 1.0
    if precision == 0:
        return 0.0
    sd = math.sqrt(1 / precision)
    return math.erf(0.5 / (sd * math.sqrt(2)))
