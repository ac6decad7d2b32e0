"""Attacker harness (issue 7): tries to work out hidden figures of 1..N-1 persons from published outputs only.

What the attacker reads
-----------------------
Only what the product publishes: `metrics.engine.compute` / `trend` / `compute_matrix` results (their
`display`, `value`, `numerator`, `denominator`, `suppressed`, `reason` fields: the CLI's JSON and the
pages' hover texts "Grundlag: n, heraf k"), the `metrics.views` frames (`count`, `display`) and the
CLI's JSON. The true figures come from `tests/privacy/oracle.py` and are used ONLY to score.

Every published figure becomes a *candidate set* for the true figure behind it (`knowledge.Cands`):
shown p -> {t : the p-table can publish t as p} (before protection: {p}); `<N` -> 1..N-1; `Skjult`
-> anything; a share band `under X %` -> numerator 1..N-1 and a range of denominators; and so on.
Figures with the same contributors share one *cell key* (`Key`): indicator family and measure (n, k,
r = n - k), period as a set of months, and the constraints per dimension as sets of values. So
`andel_unge`'s numerator IS `aktive_borgere` for ages {16-17, 18-24, 25-29}, the `under30` group
"Under 30" is the same set, and `lav_trivsel`'s denominator IS `trivsel_who5`'s n.

Routes
------
A route is a linear identity that holds for true figures: target = sum of +/- published figures. Its
candidates are the sum (Minkowski) of the terms' candidate sets, intersected with the target's own.

- `complement`: total minus the total filtered on every other value of the dimension (multi-select).
- `breakdown`: total minus the other groups of the same breakdown (what secondary suppression guards).
- `linked`: "Under 30" minus the other young age bands (under30 breakdown vs aldersgruppe breakdown).
- `cross`: `andel_unge`'s numerator/denominator vs `aktive_borgere` age cells; `lav_trivsel` vs WHO-5.
- `matrix`: a row total (breakdown by målgruppe) minus the row's other cells of `compute_matrix`.
- `views`: WHO-5 score bins vs `lav_trivsel` numerator and denominator; waiting-time bins vs
  `behandling_inden_14_dage`; Sankey flows vs `trappe_ned`.
- `periods`: a year (half-year, quarter) minus its other sub-periods, for the indicators whose units fall
  in exactly one sub-period (episodes starting/ending in the period, new citizens, survey answers).
  Active-citizen counts are NOT additive over quarters (one citizen is active in several), so no route.
- `dayrange`: T(a..d) - T(a..d-1) for a single day d (closed when the product refuses day ranges).
- `splits`: the averaging family: target = sum over both halves S, S' of a binary split of another
  dimension of [total(d in S) - complement(d in S)]. Every split gives an independent 4-term route.
- `combined`: the intersection of the candidate sets of every route to the same target.

Certainty and averaging
-----------------------
A recovery is CERTAIN when the candidate set (all terms within their published constraints, the target
within its own) is exactly one value, in 1..N-1 (for a target shown as `<N` that is the same as "exactly
one value in 1..N-1"; for a target whose own figure allows more, {4, 5, ..., 12} only says "at least 4"). With exact figures (before protection) a route
whose terms are all shown pins the target. With a deviation e in [-D, D] per figure, a route of m terms
pins a target t only at the edges: its candidates are est +- mD with est = t + sum(e); the intersection
with 1..N-1 is one value only when sum(e) = -mD and t = 1, or sum(e) = +mD and t = N-1 (every term at its
extreme deviation). That has probability P(-D)^m (or P(D)^m) per route, so it is rare for one route but
not impossible, and intersecting many independent routes raises it: the `splits` family offers
2^(v-1) - 1 binary splits for a dimension with v values, which is why the product must limit filters.

Averaging: a route of m terms estimates t with variance m*s2 (s2 = the p-table's variance). Rounding the
mean of k such routes is right with probability P(|sum of k*m deviations| < k/2); `knowledge.routes_needed`
computes the k for 95 % exactly by convolution (normal approximation: k ~ 15.4 m s2). The harness
compares that with the routes the product offers for each hidden cell: independent routes = routes whose
terms are pairwise different cells (greedy by length, every term shown as a number), and reports both.

With the p-table of issue 7 (N = 5, D = 3, V = 1.0; free row 1, 14, 62, 102, 62, 14, 1 of 256 keys for
deviations -3..3) the exact figures are: 17 one-term, 31 two-term, 61 four-term and 123 eight-term
independent routes for 95 % correct rounding. What the product offers per hidden cell:
- single-dimension routes (complement, breakdown, linked, cross, views, periods): a handful (the grid
  finds at most 5 usable ones per cell, most cells have none whose terms are all shown), far below 31;
- the binary-split family: for a dimension that partitions the cell's units (sex, provider and
  intervention for episodes and answers; only sex for citizen counts), every split S | S' of its v values
  is an independent 4-term route, 2^(v-1) - 1 of them: 7 for sex, 15 for provider, 65,535 for the 17
  intervention types. 61 such routes pin an episode-level or survey cell to 95 %, so free multi-value
  filters on intervention type hand an averaging attacker what it needs; the product must limit filters
  (e.g. no more than a few values per filter, no complement of every value but one) for this family.
A certain recovery needs every term of a route at its extreme deviation (probability (1/256)^m per
route), so noise alone almost never gives certainty; but the breakdown route also counts hidden groups:
when a hidden total (1..N-1) splits into N-1 groups that are each hidden (so each >= 1) while the other
groups show 0, every one of them is exactly 1, whatever the noise (see the report's examples).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import re
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tests.privacy.knowledge import ANY, INF, Cands, Knowledge, p_correct_normal

AGE = "aldersgruppe"
U30 = "under30"
YOUNG = frozenset({"16-17", "18-24", "25-29"})
OLD = frozenset({"30-39", "40-49", "50-59", "60+"})
UNKNOWN = "Uoplyst"
UNDER30_SETS = {"Under 30": YOUNG, "30 og derover": OLD, UNKNOWN: frozenset({UNKNOWN})}
ATTRIBUTE_DIMS = {AGE, "køn"}  # one value per unit whatever the level
EPISODE_DIMS = {"indsats", "leverandør"}  # one value per episode or answer; "has any" for citizens
CITIZEN_LEVEL = {
    "aktive_borgere",
    "nye_borgere",
    "andel_unge",
    "hjemloese_andel",
    "tidlig_rette_indsats",
    "progression",
}
# Units fall in exactly one sub-period of a year: starts/ends in the period, first episode, survey answers.
TIME_ADDITIVE = {
    "nye_borgere",
    "tidlig_rette_indsats",
    "egen_bolig_efter_hf",
    "behandling_inden_14_dage",
    "sammenhaengende_overgange",
    "trappe_ned",
    "unge_job_uddannelse",
    "stabil_kontaktperson",
}
SURVEY = {
    "princip_ressourcer",
    "princip_oensker",
    "princip_kompetente",
    "princip_kommunikation",
    "oplevet_stabile_rammer",
    "oplevet_kan_selv",
    "oplevet_faellesskab",
    "trivsel_who5",
    "lav_trivsel",
    "ensomhed",
}
VIEW_FAMILIES = ("who5_bin", "wait_bin", "flow")
KIND_ORDER = ("complement", "breakdown", "linked", "cross", "matrix", "views", "periods", "splits", "dayrange")


# --- cell keys ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    """One published figure's contributors: family, measure (n, k, r = n - k), period, constraints."""

    family: str
    measure: str
    period: tuple
    cons: tuple  # ((dim, frozenset of values), ...) sorted by dim

    def con(self, dim: str) -> frozenset | None:
        """The constraint on a dimension (None: unconstrained)."""
        return next((vals for d, vals in self.cons if d == dim), None)

    def with_con(self, dim: str, vals: frozenset | None) -> Key:
        """The same key with the constraint on `dim` replaced (None removes it)."""
        rest = [(d, v) for d, v in self.cons if d != dim]
        if vals is not None:
            rest.append((dim, frozenset(vals)))
        return Key(self.family, self.measure, self.period, tuple(sorted(rest, key=lambda c: c[0])))

    def label(self) -> str:
        """A readable label for reports."""
        per = self.period
        if per[0] == "m":
            months = sorted(per[2])
            per_txt = f"{per[1]}" if months == list(range(1, 13)) else f"{per[1]}-M{months[0]:02d}..M{months[-1]:02d}"
        else:
            per_txt = f"{per[1]}..{per[2]}"
        cons = ", ".join(f"{d}∈{{{','.join(sorted(v))}}}" for d, v in self.cons)
        return f"{self.family}.{self.measure} {per_txt} [{cons}]"


def period_key(start: dt.date, end: dt.date) -> tuple:
    """Canonical period: ('m', year, months) for whole months of one year, else ('d', start, end)."""
    whole = start.day == 1 and (end + dt.timedelta(days=1)).day == 1 and start.year == end.year
    if whole:
        return ("m", start.year, frozenset(range(start.month, end.month + 1)))
    return ("d", start, end)


def _period_of(period) -> tuple:
    from metrics.periods import parse_period

    per = parse_period(period)
    return period_key(per.start, per.end)


def _dim_values(dim: str, values: Iterable[str]) -> tuple[str, frozenset]:
    if dim == U30:
        out: set[str] = set()
        for v in values:
            out |= UNDER30_SETS.get(v, {v})
        return AGE, frozenset(out)
    return dim, frozenset(values)


class Domains:
    """The values each dimension can take (display values plus 'Uoplyst'), read once per database."""

    def __init__(self, con):
        from metrics.dimensions import DIMENSIONS, dimension_values

        self.values = {d: frozenset([*dimension_values(con, d), UNKNOWN]) for d in DIMENSIONS}
        self.values[AGE] = frozenset([*self.values[AGE]])

    def cons(self, filters: dict | None, group: tuple[str, str] | None = None) -> tuple | None:
        """Canonical constraints of a filter set plus a breakdown group; None when not expressible."""
        from metrics.dimensions import get_dimension

        out: dict[str, frozenset] = {}
        for dim, vals in (filters or {}).items():
            d, s = _dim_values(get_dimension(dim).id, vals)
            out[d] = out[d] & s if d in out else s
        if group is not None:
            d, s = _dim_values(get_dimension(group[0]).id, [group[1]])
            if d in out:
                if s <= out[d]:
                    out[d] = s
                elif d in ATTRIBUTE_DIMS:
                    out[d] = out[d] & s
                else:
                    return None
            else:
                out[d] = s
        for d in list(out):
            if out[d] == self.values.get(d):
                del out[d]
        return tuple(sorted(out.items(), key=lambda c: c[0]))


def _alias(family: str, measure: str, cons: tuple, key_period: tuple) -> Key | None:
    """The canonical key: figures with the same contributors share it."""
    key = Key(family, measure, key_period, cons)
    if family == "andel_unge":
        base = Key("aktive_borgere", "n", key_period, cons)
        if measure == "n":
            return base
        ages = key.con(AGE)
        part = YOUNG if measure == "k" else OLD | {UNKNOWN}
        new = part if ages is None else ages & part
        if not new:
            return None
        return base.with_con(AGE, new)
    if family == "lav_trivsel" and measure == "n":
        return Key("trivsel_who5", "n", key_period, cons)
    return key


def additive(family: str, dim: str) -> bool:
    """True when every unit of the family has exactly one value of the dimension (a partition)."""
    if dim in ATTRIBUTE_DIMS:
        return True
    if dim in EPISODE_DIMS:
        return family.split(":")[0] not in CITIZEN_LEVEL  # a citizen can have episodes of several values
    return False


def time_additive(key: Key) -> bool:
    """True when the family's units fall in exactly one sub-period of a year under these constraints."""
    fam = key.family.split(":")[0]
    dims = {d for d, _ in key.cons}
    if fam in SURVEY or fam == "who5_bin":
        return True
    if fam in {"nye_borgere", "tidlig_rette_indsats"}:
        return dims <= ATTRIBUTE_DIMS
    if fam in TIME_ADDITIVE or fam in {"wait_bin", "flow"}:
        return "målgruppe" not in dims
    return False


# --- what the attacker learns from one published figure --------------------------------------------


@dataclass
class Known:
    """Everything published about one cell: candidates, the outputs that showed it, a WHO-5 sum interval."""

    cands: Cands
    tags: set[str] = field(default_factory=set)
    sum: tuple[float, float] | None = None  # trivsel_who5 only: the sum of scores
    shown: int | None = None  # the published number, when one was shown (for averaging)


@functools.lru_cache(maxsize=4096)
def _band_n(display: str, min_n: int, side: str, max_dev: int, cap: int = 3000) -> Cands:
    """True denominators behind a share band: the band is a function of the published denominator, which is
    within D of the true one (and a true count of N or more is published as N or more)."""
    from metrics.suppression import band_over, band_under

    fn = band_under if side == "under" else band_over
    shown = [n for n in range(min_n, cap) if fn(n, min_n) == display]
    if not shown:
        return ANY
    hi = INF if shown[-1] >= cap - 1 else shown[-1] + max_dev
    return Cands(max(min_n, shown[0] - max_dev), hi)


REASON_NONE_START = "Ingen data"
CLI_NO_REASON = "Færre end N, eller ingen (the CLI's JSON gives no reason)"
_KNOW_DEV = [0]  # D of the current knowledge, for the WHO-5 sum interval


def result_cells(res, know: Knowledge) -> dict[str, tuple[Cands, int | None]]:
    """Candidate sets per measure ('n', 'k', 'r') for one published Result (JSON-like fields only)."""
    n_min = know.min_n
    small = Cands(0, n_min - 1)  # 1..N-1, or a 0 beside one (metrics.zeros); Store.refine_zeros narrows it
    reason = res.reason or ""
    display = res.display or ""
    unit = _kind(res.indicator)
    if not res.suppressed:
        if unit == "count":
            val = res.value if res.value is not None else res.numerator
            return {"n": (know.published(int(round(val))), int(round(val)))}
        n = know.published(res.denominator)
        if unit == "mean":
            return {"n": (n, int(res.denominator))}
        k = _numerator_cands(know, int(res.numerator), int(res.denominator), n)
        r = (n + -k) & Cands(0, 10**9)
        if res.numerator == res.denominator and know.max_dev:
            r = Cands.point(0)  # k = n publishes k as n (same contributors)
        shown_r = int(res.denominator) - int(res.numerator)
        return {"n": (n, int(res.denominator)), "k": (k, int(res.numerator)), "r": (r, shown_r)}
    if reason.startswith(REASON_NONE_START):
        zero = Cands.point(0)
        return {"n": (zero, 0)} if unit in ("count", "mean") else {"n": (zero, 0), "k": (zero, 0), "r": (zero, 0)}
    if unit == "count":
        if display == f"<{n_min}":
            return {"n": (small, None)}
        return {"n": (Cands(1, 10**9), None)}  # Skjult: only cells with units are hidden
    if display.startswith("under "):
        n = _band_n(display, n_min, "under", know.max_dev)
        return {"n": (n, None), "k": (small, None), "r": ((n + -small) & Cands(0, 10**9), None)}
    if display.startswith("over "):
        n = _band_n(display, n_min, "over", know.max_dev)
        return {"n": (n, None), "k": ((n + -small) & Cands(0, 10**9), None), "r": (small, None)}
    if res.reason and "Færre end" in res.reason:
        # n < N, or both k and n - k in 1..N-1 (n <= 2N - 2), or (perturbed) k and n - k at least N but a
        # published denominator under 2N (n <= 2N - 1 + D); also n = 0 beside a small n (metrics.zeros), and
        # without a reason (CLI JSON) any n = 0
        low = 0
        if unit == "mean":
            return {"n": (Cands(low, n_min - 1), None)}
        d = know.max_dev
        few = Cands(0, n_min - 1 + d)
        return {"n": (Cands(low, 2 * n_min - 2 + (d + 1 if d else 0)), None), "k": (few, None), "r": (few, None)}
    hidden = Cands(1, 10**9)
    return (
        {"n": (hidden, None)}
        if unit in ("count", "mean")
        else {"n": (hidden, None), "k": (ANY, None), "r": (ANY, None)}
    )


def maybe_zero(res, min_n: int) -> set[str]:
    """The measures a hidden figure shows as 1..N-1 that may be a 0 beside such a figure (metrics.zeros). Not
    the CLI's 'For få data' without a reason: that can also be a plain 0, which no neighbour rule narrows."""
    display, reason, unit = res.display or "", res.reason or "", _kind(res.indicator)
    if not res.suppressed or reason.startswith(REASON_NONE_START) or reason == CLI_NO_REASON:
        return set()
    if unit == "count":
        return {"n"} if display == f"<{min_n}" else set()
    if display.startswith("under "):
        return {"k"}
    if display.startswith("over "):
        return {"r"}
    if "Færre end" in reason:
        return {"n"}  # a share's k and n - k behind 'For få data' may be 0 anyway
    return set()


def _numerator_cands(know: Knowledge, k_pub: int, n_pub: int, n: Cands) -> Cands:
    """True numerators behind a shown share's numerator. The product publishes k = n as the denominator,
    0 as 0, and keeps other numerators within [N, n - N] of the published denominator (clamped)."""
    if know.max_dev == 0 or k_pub == 0:
        return know.published(k_pub)
    if k_pub == n_pub:
        got = know.published(k_pub)  # k = n, or (denominator under 2N) a numerator clamped to n
        return Cands(min(got.lo, n.lo, know.min_n), max(got.hi, n.hi))
    got = know.published(k_pub)
    n_min, d = know.min_n, know.max_dev
    if k_pub == n_min:
        got = Cands(min(got.lo, n_min), max(got.hi, n_min + d))
    if k_pub == n_pub - n_min:
        got = Cands(min(got.lo, k_pub - d), INF)
    return got


def _kind(indicator: str) -> str:
    from metrics.registry import INDICATORS

    return INDICATORS[indicator].kind


def _who5_sum(res, cands: Cands) -> tuple[float, float] | None:
    """Interval of the sum of WHO-5 scores behind a published mean (value x every candidate n)."""
    if res.suppressed or res.value is None or cands.empty or cands.hi > 10**6:
        return None
    m = float(res.value)
    delta = 0.05 if abs(m * 10 - round(m * 10)) < 1e-6 else 1e-7 * max(1.0, abs(m))
    noise = 4.0 * _KNOW_DEV[0]  # the sum may be moved by up to D score steps (4 points for WHO-5)
    return (cands.lo * (m - delta) - noise, cands.hi * (m + delta) + noise)


def _who5_refine(res, cands: Cands) -> Cands:
    """A mean published unrounded reveals its denominator: mean x n must be a multiple of 4 (WHO-5 scores)."""
    if res.suppressed or res.value is None or cands.empty or cands.size() > 200:
        return cands
    m = float(res.value)
    if abs(m * 10 - round(m * 10)) < 1e-6:
        return cands  # rounded to one decimal: no exact arithmetic to exploit
    keep = [t for t in cands.values() if t > 0 and abs(m * t / 4 - round(m * t / 4)) < 1e-6 * t]
    return Cands.of(keep) if keep else cands


# --- the store of published knowledge ---------------------------------------------------------------


class Store:
    """Published knowledge per cell key (the intersection of every output that published the cell)."""

    def __init__(self, know: Knowledge, domains: Domains):
        self.know = know
        _KNOW_DEV[0] = know.max_dev
        self.domains = domains
        self.cells: dict[Key, Known] = {}
        self.unknown_displays: set[str] = set()
        self.maybe_zero: set[Key] = set()  # hidden 1..N-1 that may be a 0 beside one (metrics.zeros)
        self.view_columns: dict[Key, list[Key]] = {}  # a view cell's column (its only neighbours)

    def add(self, key: Key | None, cands: Cands, tag: str, shown: int | None = None, wsum=None) -> None:
        """Record one published figure."""
        if key is None:
            return
        got = self.cells.get(key)
        if got is None:
            self.cells[key] = Known(cands, {tag}, wsum, shown)
            return
        got.cands = got.cands & cands
        got.tags.add(tag)
        if wsum is not None:
            got.sum = wsum if got.sum is None else (max(got.sum[0], wsum[0]), min(got.sum[1], wsum[1]))
        if got.shown is None:
            got.shown = shown

    def add_result(self, res, period_k: tuple, filters: dict | None, by: str | None, tag: str) -> None:
        """Record one compute() / CLI result under its canonical keys."""
        group = None
        if by is not None and res.group:
            dim = next(iter(res.group))
            group = (dim, res.group[dim])
        cons = self.domains.cons(filters, group)
        if cons is None:
            return
        if (
            res.display
            and res.suppressed
            and not re.match(r"^(<\d+|For få data|Skjult|under .*|over .*)$", res.display)
        ):
            self.unknown_displays.add(res.display)
        zeros = maybe_zero(res, self.know.min_n)
        for measure, (cands, shown) in result_cells(res, self.know).items():
            key = _alias(res.indicator, measure, cons, period_k)
            if key is None:
                continue
            if measure in zeros:
                self.maybe_zero.add(key)
            wsum = None
            if res.indicator == "trivsel_who5" and measure == "n":
                cands = _who5_refine(res, cands)
                wsum = _who5_sum(res, cands)
            self.add(key, cands, tag, shown, wsum)
            if res.indicator == "andel_unge" and measure in ("k", "r"):
                self.cells[key].tags.add("alias:andel_unge")

    def add_zero_groups(self, indicators: list[str], period_k, filters, by: str, seen: set[str], tag: str) -> None:
        """Groups a breakdown does not list have no units: the attacker knows they are 0."""
        from metrics.dimensions import get_dimension

        dim = get_dimension(by).id
        domain = sorted(UNDER30_SETS) if dim == U30 else sorted(self.domains.values[dim])
        for value in domain:
            if value in seen:
                continue
            cons = self.domains.cons(filters, (dim, value))
            if cons is None:
                continue
            for ind in indicators:
                measures = ("n",) if _kind(ind) in ("count", "mean") else ("n", "k", "r")
                for m in measures:
                    self.add(_alias(ind, m, cons, period_k), Cands.point(0), tag, 0)

    def neighbours(self, key: Key) -> list[Key]:
        """The cells whose being 1..N-1 makes the product show a 0 in `key` like one (metrics.zeros)."""
        if key in self.view_columns:
            return [k for k in self.view_columns[key] if k != key]
        out = [
            key.with_con(dim, frozenset({v}))
            for dim, vals in key.cons
            for v in sorted(self.domains.values.get(dim, frozenset()) - vals)
        ]
        return out + [Key(key.family, key.measure, outer, key.cons) for outer in enclosing(key.period)]

    def refine_zeros(self) -> int:
        """Exclude 0 from a hidden 1..N-1 cell when every neighbour the product checks is seen and not 1..N-1:
        then the product would have shown a 0 as 0 (metrics.zeros), so the cell holds someone. Neighbours: the
        same cell with one other value of each dimension it is restricted on, and its enclosing quarter,
        half-year and year (view cells: the other cells of their column). Returns how many were narrowed."""
        n_min, narrowed = self.know.min_n, 0

        def not_small(key: Key) -> bool:
            got = self.cells.get(key)
            return got is not None and (got.cands.hi == 0 or got.cands.lo >= n_min)

        for key in self.maybe_zero:
            known = self.cells.get(key)
            if known is None or known.cands.lo > 0:
                continue
            if all(not_small(k) for k in self.neighbours(key)):
                known.cands = known.cands & Cands(1, INF)
                narrowed += 1
        return narrowed

    def get(self, key: Key) -> Cands | None:
        """The candidates of a published cell (None if the harness never saw it)."""
        got = self.cells.get(key)
        return None if got is None else got.cands


# --- collecting published outputs (and, separately, the truth for scoring) ----------------------


class Collector:
    """Calls the product's public functions, feeds the attacker's store and (for scoring only) the oracle."""

    def __init__(self, con, know: Knowledge, oracle=None, db_path: Path | None = None, years=None):
        self.con = con
        self.years = years  # prepared period tables (metrics.yearly), read as the dashboard reads them
        self.know = know
        self.domains = Domains(con)
        self.store = Store(know, self.domains)
        self.oracle = oracle
        self.db_path = db_path
        self.calls = 0
        self.refused: list[tuple[str, str]] = []

    def period(self, label) -> tuple | None:
        """Canonical key of a period label, or None when the product refuses it (recorded)."""
        try:
            return _period_of(label)
        except ValueError as exc:
            self.refused.append((str(label), str(exc)))
            return None

    def compute(self, indicators, period, filters=None, by=None, tag="by") -> list:
        """compute() as a page or the CLI calls it; every result recorded."""
        from metrics.engine import compute

        pk = self.period(period)
        if pk is None:
            return []
        try:
            results = compute(self.con, indicators, period, filters, by, years=self.years)
        except ValueError as exc:
            self.refused.append((f"{period} {filters} {by}", str(exc)))
            return []
        self.calls += 1
        if by is not None:
            tag = "under30" if by in (U30,) else tag
        for res in results:
            self.store.add_result(res, pk, filters, by, tag)
        if by is not None:
            inds = list(dict.fromkeys(r.indicator for r in results))
            for ind in inds:
                seen = {next(iter(r.group.values())) for r in results if r.indicator == ind and r.group}
                self.store.add_zero_groups([ind], pk, filters, by, seen, tag)
        if self.oracle is not None:
            self.oracle.compute(self.domains, indicators, period, pk, filters, by)
        return results

    def trend(self, indicators, filters=None, by=None, years=None) -> list:
        """trend(): one compute per year."""
        from metrics.engine import trend

        results = trend(self.con, indicators, filters, by, years, years_tables=self.years)
        self.calls += 1
        for res in results:
            self.store.add_result(res, _period_of(res.period), filters, by, "trend")
        return results

    def matrix(self, indicator: str, period, filters=None) -> dict:
        """compute_matrix() (målgruppe × aldersgruppe)."""
        from metrics.engine import compute_matrix

        pk = self.period(period)
        if pk is None:
            return {}
        try:
            cells = compute_matrix(self.con, indicator, period, filters, years=self.years)
        except ValueError as exc:
            self.refused.append((f"matrix {indicator} {period}", str(exc)))
            return {}
        self.calls += 1
        for (_row, col), res in cells.items():
            flt = {**(filters or {}), AGE: [col]}
            self.store.add_result(res, pk, flt, "målgruppe", "matrix")
        if self.oracle is not None:
            for col in {c for _, c in cells}:
                self.oracle.compute(self.domains, [indicator], period, pk, {**(filters or {}), AGE: [col]}, "målgruppe")
        return cells

    def views(self, period, filters=None) -> None:
        """The dashboard-only figures: WHO-5 bins, waiting-time bins, Sankey flows."""
        from metrics import views

        pk = self.period(period)
        if pk is None:
            return
        cons = self.domains.cons(filters)
        if cons is None:
            return
        try:
            frames = {
                "who5_bin": (views.who5_distribution(self.con, period, filters, prepared=self.years), "bucket"),
                "wait_bin": (views.waiting_times(self.con, period, filters, prepared=self.years), "bucket"),
            }
            flows = views.step_flows(self.con, period, filters, prepared=self.years)
        except ValueError as exc:
            self.refused.append((f"views {period}", str(exc)))
            return
        self.calls += 3
        for fam, (frame, col) in frames.items():
            column = [Key(f"{fam}:{label}", "n", pk, cons) for label in frame[col]]
            for key, count, display in zip(column, frame["count"], frame["display"], strict=True):
                self._view_cell(key, count, display)
                self.store.view_columns[key] = column
        seen = set()
        for a, b, count, display in zip(
            flows["from_trin"], flows["to_trin"], flows["count"], flows["display"], strict=True
        ):
            seen.add((int(a), int(b)))
            key = Key(f"flow:{int(a)}>{int(b)}", "n", pk, cons)
            self._view_cell(key, count, display)
        steps = [
            int(r[0]) for r in self.con.execute("SELECT DISTINCT trin FROM katalog WHERE trin IS NOT NULL").fetchall()
        ]
        every = [Key(f"flow:{a}>{b}", "n", pk, cons) for a, b in itertools.product(sorted(steps), repeat=2)]
        for key in every:  # a transition the view leaves out did not happen (with a hidden one beside it, it is listed)
            self.store.view_columns[key] = every
            if (int(key.family[5]), int(key.family[7])) not in seen:
                self.store.add(key, Cands.point(0), "views", 0)
        if self.oracle is not None:
            self.oracle.views(period, pk, filters, cons)

    def _view_cell(self, key: Key, count, display: str) -> None:
        if count is not None and str(count) != "nan":
            self.store.add(key, self.know.published(int(count)), "views", int(count))
        elif display == f"<{self.know.min_n}":
            self.store.add(key, Cands(0, self.know.min_n - 1), "views")  # a 0 beside a 1..N-1 shows the same
            self.store.maybe_zero.add(key)
        else:
            self.store.add(key, Cands(0, 10**9), "views")

    def cli(self, indicators, period, filters=None, by=None) -> list[dict]:
        """`python cli.py indicators ... --format json` in a subprocess; rows recorded like compute()."""
        from metrics.types import Result

        args = [sys.executable, "cli.py", "indicators", "--db", str(self.db_path), "--period", str(period)]
        args += ["--indicator", *indicators, "--format", "json"]
        for dim, vals in (filters or {}).items():
            for v in vals:
                args += ["--filter", f"{dim}={v}"]
        if by:
            args += ["--by", by]
        root = Path(__file__).resolve().parents[2]
        proc = subprocess.run(args, cwd=root, capture_output=True, text=True, timeout=120)
        self.calls += 1
        if proc.returncode != 0:
            self.refused.append((" ".join(args[2:]), proc.stderr.strip()))
            return []
        rows = json.loads(proc.stdout)
        pk = _period_of(period)
        for row in rows:
            res = Result(
                row["indicator"],
                row["period"],
                row["group"],
                row["numerator"],
                row["denominator"],
                row["value"],
                row["display"],
                row["suppressed"],
                row.get("reason"),
            )
            if res.suppressed and res.reason is None:
                res.reason = _reason_from_display(res, self.know.min_n)
            self.store.add_result(res, pk, filters, by, "cli")
        if self.oracle is not None:
            self.oracle.compute(self.domains, indicators, period, pk, filters, by)
        return rows


def _reason_from_display(res, min_n: int) -> str:
    """The CLI's JSON has no reason field: 'For få data' then means 'no data or few' (the weaker reading)."""
    return "" if res.display != "For få data" else CLI_NO_REASON


# --- routes ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """target = sum(sign * term) for true figures; `kinds` names the route families it belongs to."""

    kinds: frozenset[str]
    target: Key
    terms: tuple[tuple[int, Key], ...]

    def term_keys(self) -> frozenset[Key]:
        """The published cells the route uses."""
        return frozenset(k for _, k in self.terms)


def _kinds_of(store: Store, keys: Iterable[Key], base: str) -> frozenset[str]:
    """The route families a route belongs to, from the outputs that published its terms."""
    tags: set[str] = set()
    for k in keys:
        tags |= store.cells[k].tags
    kinds = {base} if base not in ("breakdown",) else set()
    if "complement" in tags:
        kinds.add("complement")
    if "under30" in tags:
        kinds.add("linked")
    if any(t.startswith("alias:") for t in tags):
        kinds.add("cross")
    if "matrix" in tags:
        kinds.add("matrix")
    if "cli" in tags:
        kinds.add("cli")
    if not kinds:
        kinds.add("breakdown")
    return frozenset(kinds)


def _covers(rest: frozenset, pieces: list[frozenset], limit: int) -> list[list[frozenset]]:
    """Up to `limit` ways to write `rest` as a disjoint union of published pieces (largest first)."""
    out: list[list[frozenset]] = []
    pieces = sorted({p for p in pieces if p and p <= rest}, key=lambda p: (-len(p), sorted(p)))

    def dfs(left: frozenset, chosen: list[frozenset]) -> None:
        if len(out) >= limit:
            return
        if not left:
            out.append(list(chosen))
            return
        x = min(left)
        for p in pieces:
            if x in p and p <= left:
                dfs(left - p, [*chosen, p])
                if len(out) >= limit:
                    return

    dfs(rest, [])
    return out


def partition_routes(store: Store, target: Key, limit: int = 6) -> list[Route]:
    """Routes over one dimension: a published super-set cell minus published pieces of the rest."""
    routes: list[Route] = []
    by_context: dict[tuple, dict[frozenset, Key]] = store._context_index  # built by index()
    for dim, vals in target.cons:
        if not additive(target.family, dim):
            continue
        ctx = (target.family, target.measure, target.period, target.with_con(dim, None).cons, dim)
        pieces = by_context.get(ctx, {})
        domain = store.domains.values[dim]
        supers = [(s, k) for s, k in pieces.items() if s > vals]
        whole = target.with_con(dim, None)
        if whole in store.cells:
            supers.append((domain, whole))
        for sup, sup_key in supers:
            for cover in _covers(sup - vals, list(pieces), limit):
                terms = ((1, sup_key), *((-1, pieces[p]) for p in cover))
                kind = "complement" if len(cover) == 1 and sup == domain and len(sup - vals) > 1 else "breakdown"
                if kind == "breakdown" and "complement" in store.cells[pieces[cover[0]]].tags and len(cover) == 1:
                    kind = "complement"
                routes.append(Route(_kinds_of(store, [k for _, k in terms], kind), target, terms))
    return routes


def period_routes(store: Store, target: Key, limit: int = 6) -> list[Route]:
    """Routes over time: a published longer period minus published other sub-periods (additive families)."""
    if target.period[0] != "m" or not time_additive(target):
        return []
    routes = []
    year, months = target.period[1], target.period[2]
    idx = store._period_index.get((target.family, target.measure, target.cons, year), {})
    for sup, sup_key in idx.items():
        if sup > months:
            for cover in _covers(sup - months, list(idx), limit):
                terms = ((1, sup_key), *((-1, idx[p]) for p in cover))
                routes.append(Route(frozenset({"periods"}), target, terms))
    return routes


def _view_identities(store: Store) -> list[tuple[Key, list[Key]]]:
    """whole = sum(parts) identities between dashboard figures and indicator figures."""
    from metrics.views import WAIT_BUCKETS, WHO5_BUCKETS

    out = []
    contexts = {(k.period, k.cons) for k in store.cells if k.family.split(":")[0] in VIEW_FAMILIES}
    low = [b[0] for b in WHO5_BUCKETS if b[2] is not None and b[2] <= 50]
    for per, cons in contexts:
        who5 = [Key(f"who5_bin:{b[0]}", "n", per, cons) for b in WHO5_BUCKETS]
        out.append((Key("trivsel_who5", "n", per, cons), who5))
        out.append((Key("lav_trivsel", "k", per, cons), [Key(f"who5_bin:{b}", "n", per, cons) for b in low]))
        wait = [Key(f"wait_bin:{b[0]}", "n", per, cons) for b in WAIT_BUCKETS]
        out.append((Key("behandling_inden_14_dage", "n", per, cons), wait))
        out.append((Key("behandling_inden_14_dage", "k", per, cons), wait[:2]))
        out.append((Key("behandling_inden_14_dage", "r", per, cons), wait[2:]))
        flows = list(itertools.product(range(1, 9), repeat=2))  # a move can stay on the same step
        fk = {(a, b): Key(f"flow:{a}>{b}", "n", per, cons) for a, b in flows}
        out.append((Key("trappe_ned", "n", per, cons), list(fk.values())))
        out.append((Key("trappe_ned", "k", per, cons), [k for (a, b), k in fk.items() if b < a]))
        out.append((Key("trappe_ned", "r", per, cons), [k for (a, b), k in fk.items() if b >= a]))
    return out


def view_routes(store: Store, target: Key) -> list[Route]:
    """Routes through whole = sum(parts) identities of the dashboard figures."""
    routes = []
    for whole, parts in store._view_ids.get(target, []):
        if any(k not in store.cells for k in [whole, *parts]):
            continue
        if target == whole:
            terms = tuple((1, p) for p in parts)
        else:
            terms = ((1, whole), *((-1, p) for p in parts if p != target))
        routes.append(Route(frozenset({"views"}), target, terms))
    return routes


def enclosing(period: tuple) -> list[tuple]:
    """The quarter, half-year and year strictly containing a period of whole months (canonical keys)."""
    if period[0] != "m":
        return []
    year, months = period[1], period[2]
    first = min(months)
    q0, h0 = 3 * ((first - 1) // 3) + 1, 1 if first <= 6 else 7
    out = [frozenset(range(q0, q0 + 3)), frozenset(range(h0, h0 + 6)), frozenset(range(1, 13))]
    return [("m", year, o) for o in out if months < o]


def index(store: Store) -> None:
    """Build the lookup tables the route generators need (call after collecting)."""
    store.refine_zeros()
    ctx: dict[tuple, dict[frozenset, Key]] = {}
    per: dict[tuple, dict[frozenset, Key]] = {}
    for key in store.cells:
        for dim, vals in key.cons:
            c = (key.family, key.measure, key.period, key.with_con(dim, None).cons, dim)
            ctx.setdefault(c, {})[vals] = key
        if key.period[0] == "m":
            per.setdefault((key.family, key.measure, key.cons, key.period[1]), {})[key.period[2]] = key
    store._context_index = ctx
    store._period_index = per
    ids: dict[Key, list] = {}
    for whole, parts in _view_identities(store):
        for k in [whole, *parts]:
            ids.setdefault(k, []).append((whole, parts))
    store._view_ids = ids


def routes_for(store: Store, target: Key) -> list[Route]:
    """Every route the harness knows to one target cell."""
    return partition_routes(store, target) + period_routes(store, target) + view_routes(store, target)


def evaluate(store: Store, route: Route) -> Cands:
    """The target's candidates consistent with the route's published figures and its own."""
    acc = Cands.point(0)
    for sign, key in route.terms:
        c = store.cells[key].cands
        acc = acc + (c if sign > 0 else -c)
        if acc.lo <= -(10**8) and acc.hi >= 10**8:
            break
    return acc & store.cells[route.target].cands


def evaluate_sum(store: Store, route: Route) -> tuple[float, float] | None:
    """The WHO-5 score-sum interval of the target along a route (None if a term has no sum)."""
    lo = hi = 0.0
    for sign, key in route.terms:
        s = store.cells[key].sum
        if s is None:
            return None
        lo, hi = (lo + s[0], hi + s[1]) if sign > 0 else (lo - s[1], hi - s[0])
    return (lo, hi)


def point_estimate(store: Store, route: Route) -> int | None:
    """Sum of the published numbers along a route (None if a term was not shown as a number)."""
    total = 0
    for sign, key in route.terms:
        shown = store.cells[key].shown
        if shown is None:
            return None
        total += sign * shown
    return total


def certain(cands: Cands, min_n: int) -> int | None:
    """The recovered value when the candidates are exactly one value, in 1..N-1.

    (Stricter than "exactly one value in 1..N-1": a set like {4, 5, ..., 12} only says "at least 4" and
    {0, 3} "none or three", so neither works the figure out. For a target shown as `<N` both readings agree.)"""
    small = cands.small(min_n)
    return next(iter(small.values())) if small.size() == 1 and cands.size() == 1 else None


def mean_certain(store: Store, route: Route, n_value: int) -> float | None:
    """The hidden mean when the route also pins the WHO-5 score sum (one multiple of 4 in range)."""
    s = evaluate_sum(store, route)
    if s is None:
        return None
    lo, hi = max(s[0], 0.0), min(s[1], 100.0 * n_value)
    sums = [4 * q for q in range(int(lo // 4) - 1, int(hi // 4) + 2) if lo - 1e-6 <= 4 * q <= hi + 1e-6]
    return sums[0] / n_value if len(sums) == 1 else None


def independent(routes: list[Route], target: Key) -> list[Route]:
    """A greedy largest set of routes with pairwise different cells (shortest routes first)."""
    chosen: list[Route] = []
    used: set[Key] = set()
    for r in sorted(routes, key=lambda r: (len(r.terms), r.target.label())):
        keys = r.term_keys()
        if keys & used or target in keys:
            continue
        chosen.append(r)
        used |= keys
    return chosen


def averaging_p(know: Knowledge, routes: list[Route], own_shown: bool) -> float:
    """Normal approximation of the chance that rounding the best weighted mean of the routes is right."""
    var = know.variance()
    variances = [len(r.terms) * var for r in routes] + ([var] if own_shown else [])
    return p_correct_normal(variances) if variances else 0.0
