"""Scoring the attacker: which routes pinned a hidden 1..N-1 figure with certainty, checked against the
truth (`oracle.py`), and how many independent routes averaging would need versus what is offered."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from tests.privacy.harness import (
    AGE,
    KIND_ORDER,
    Cands,
    Collector,
    Key,
    Route,
    _alias,
    additive,
    averaging_p,
    certain,
    evaluate,
    independent,
    index,
    mean_certain,
    point_estimate,
    routes_for,
)
from tests.privacy.knowledge import routes_needed
from tests.privacy.oracle import Oracle

MEASURES = ("n", "k", "r")


@dataclass
class Recovery:
    """One certain recovery: the route, the value it pinned and the truth."""

    kind: str
    target: Key
    value: int
    truth: int
    terms: tuple

    def describe(self, store) -> str:
        """A readable one-line example with the published figures used."""
        parts = []
        for sign, key in self.terms:
            known = store.cells[key]
            parts.append(f"{'+' if sign > 0 else '-'} {key.label()} (published {known.shown}, cands {known.cands!r})")
        own = store.cells[self.target].cands
        return (
            f"[{self.kind}] {self.target.label()} = {self.value} (true {self.truth}; own cands {own!r}) from "
            + "; ".join(parts)
        )


@dataclass
class Report:
    """The harness's figures for one run."""

    params: str
    calls: int = 0
    cells: int = 0
    hidden: int = 0
    hidden_small: int = 0
    routes_tried: Counter = field(default_factory=Counter)
    certain_small: dict[str, set] = field(default_factory=lambda: defaultdict(set))
    exact_hidden: dict[str, set] = field(default_factory=lambda: defaultdict(set))
    wrong: list = field(default_factory=list)
    zero_rule_breaks: list = field(default_factory=list)  # published zeros beside a true 1..N-1
    violations: list = field(default_factory=list)
    invalid_routes: list = field(default_factory=list)
    examples: list[Recovery] = field(default_factory=list)
    mean_recoveries: list = field(default_factory=list)
    unknown_displays: set = field(default_factory=set)
    refused: list = field(default_factory=list)
    averaging: dict = field(default_factory=dict)
    dayrange: dict = field(default_factory=dict)

    def certain_total(self) -> int:
        """Hidden 1..N-1 cells recovered with certainty by at least one route (or their intersection)."""
        return len(set().union(*self.certain_small.values())) if self.certain_small else 0

    def lines(self) -> list[str]:
        """The report as text lines."""
        out = [
            f"parameters: {self.params}",
            f"calls to published outputs: {self.calls}",
            f"published cells (distinct contributor sets): {self.cells}",
            f"hidden cells (not pinned by their own figure): {self.hidden}",
            f"  of which true value 1..N-1: {self.hidden_small}",
            f"routes tried: {sum(self.routes_tried.values())}",
        ]
        for kind in [*KIND_ORDER, "cli", "combined"]:
            if kind in self.routes_tried or kind in self.certain_small:
                out.append(
                    f"  {kind:<11} routes {self.routes_tried.get(kind, 0):>7}   certain 1..N-1 recoveries "
                    f"{len(self.certain_small.get(kind, ())):>5}   hidden cells pinned exactly {len(self.exact_hidden.get(kind, ())):>5}"
                )
        out.append(
            f"CERTAIN RECOVERIES of hidden 1..N-1 cells (any route): {self.certain_total()} of {self.hidden_small}"
        )
        exact_all = set().union(*self.exact_hidden.values()) if self.exact_hidden else set()
        out.append(f"hidden cells pinned exactly (any value, any route): {len(exact_all)} of {self.hidden}")
        out.append(f"WHO-5 means of hidden cells recovered: {len(self.mean_recoveries)}")
        if self.dayrange:
            d = self.dayrange
            out.append(
                f"day ranges: {d.get('tried', 0)} tried, {d.get('refused', 0)} refused, "
                f"{d.get('certain', 0)} certain recoveries of 1..N-1 day figures"
            )
        if self.averaging:
            a = self.averaging
            out.append(
                f"averaging: p-table variance {a['variance']:.3f}; independent routes needed for 95 % correct rounding: "
                f"{a['needed_by_terms']}"
            )
            out.append(
                f"  hidden 1..N-1 cells: independent routes offered in this grid: median {a['offered_median']}, "
                f"max {a['offered_max']}; cells where the offered routes reach 95 %: {a['pinnable']} of {a['targets']}"
            )
            if a.get("splits"):
                s = a["splits"]
                out.append(
                    f"  binary-split family ({s['dims']}): {s['routes']} routes over {s['targets']} cells; "
                    f"rounded mean right for {s['right']} of {s['with_estimate']}; offered by the product "
                    f"(splits with both halves within the filter limit): {s['offered_theory']}"
                )
        out.append(f"model violations (truth outside the attacker's candidates): {len(self.violations)}")
        out.append(f"invalid routes (identity false on the truth): {len(self.invalid_routes)}")
        out.append(
            f"zeros shown beside a true 1..N-1 (the product must show them like one): {len(self.zero_rule_breaks)}"
        )
        out.append(f"certain but wrong: {len(self.wrong)}")
        if self.unknown_displays:
            out.append(f"displays the attacker could not read: {sorted(self.unknown_displays)[:8]}")
        return out


def zero_rule_breaks(store, oracle: Oracle, n_min: int) -> list:
    """Published zeros (shown as 0, or left out of a breakdown) with a neighbour whose true value is 1..N-1:
    the product must show such a 0 like a hidden small figure (metrics.zeros), and the attacker's model
    relies on it. Only cells restricted to single values (a canonical group such as 'Under 30' has other
    neighbours in the product than in the harness)."""
    breaks = []
    for key, known in store.cells.items():
        if known.cands.lo != 0 or known.cands.hi != 0 or any(len(vals) != 1 for _, vals in key.cons):
            continue
        units = store.cells.get(_alias(key.family, "n", key.cons, key.period))
        if key.measure != "n" and units is not None and units.cands.hi == 0:
            continue  # nobody in the cell: its numerator is 0 because its units are, and those follow the rule
        for nb in store.neighbours(key):
            t = oracle.truth.get(nb)
            if t is not None and 1 <= t < n_min:
                breaks.append((key, nb, t))
                break
    return breaks


def score(collector: Collector, oracle: Oracle, *, examples: int = 12, averaging: bool = True) -> Report:
    """Run every route against every hidden cell the collector saw and score it against the truth."""
    store, know = collector.store, collector.know
    n_min = know.min_n
    index(store)
    rep = Report(f"N={n_min}, D={know.max_dev}, p-table: {know.source}")
    rep.calls = collector.calls
    rep.refused = list(collector.refused)
    rep.unknown_displays = set(store.unknown_displays)
    rep.cells = len(store.cells)
    for key, known in store.cells.items():
        t = oracle.truth.get(key)
        if t is not None and t not in known.cands:
            rep.violations.append((key, t, known.cands))
    rep.zero_rule_breaks = zero_rule_breaks(store, oracle, n_min)
    targets = [
        k for k, known in store.cells.items() if k.measure in MEASURES and known.cands.size() != 1 and k in oracle.truth
    ]
    rep.hidden = len(targets)
    small_targets = [k for k in targets if 1 <= oracle.truth[k] < n_min]
    rep.hidden_small = len(small_targets)
    offered: list[int] = []
    pinnable = 0
    for target in targets:
        truth = oracle.truth[target]
        is_small = 1 <= truth < n_min
        combined = store.cells[target].cands
        valid: list[Route] = []
        for route in routes_for(store, target):
            truths = [oracle.truth.get(k) for _, k in route.terms]
            if all(t is not None for t in truths):
                if sum(s * t for (s, _), t in zip(route.terms, truths, strict=True)) != truth:
                    rep.invalid_routes.append(route)
                    continue
            valid.append(route)
            for kind in route.kinds:
                rep.routes_tried[kind] += 1
            cands = evaluate(store, route)
            combined = combined & cands
            if cands.size() == 1:
                for kind in route.kinds:
                    rep.exact_hidden[kind].add(target)
            got = certain(cands, n_min) if is_small else None
            if got is not None:
                if got != truth:
                    rep.wrong.append((route, got, truth))
                    continue
                for kind in route.kinds:
                    rep.certain_small[kind].add(target)
                if len(rep.examples) < examples and all(
                    e.kind not in route.kinds or e.target.family != target.family for e in rep.examples
                ):
                    rep.examples.append(Recovery(sorted(route.kinds)[0], target, got, truth, route.terms))
                if target.family == "trivsel_who5" and target.measure == "n":
                    mean = mean_certain(store, route, got)
                    true_sum = oracle.sums.get(target)
                    if mean is not None and true_sum is not None and abs(mean * got - true_sum) < 1e-6:
                        rep.mean_recoveries.append((target, got, mean))
        if valid:
            rep.routes_tried["combined"] += 1
            if combined.size() == 1:
                rep.exact_hidden["combined"].add(target)
            got = certain(combined, n_min) if is_small else None
            if got is not None and got == truth:
                rep.certain_small["combined"].add(target)
        if is_small and averaging:
            usable = [r for r in valid if point_estimate(store, r) is not None]
            own_shown = store.cells[target].shown is not None
            chosen = independent(usable, target)
            offered.append(len(chosen) + int(own_shown))
            if averaging_p(know, chosen, own_shown) >= 0.95:
                pinnable += 1
    if averaging:
        pmf = know.deviation_pmf()
        offered.sort()
        rep.averaging = {
            "variance": know.variance(),
            "needed_by_terms": {m: routes_needed(pmf, m) for m in (1, 2, 4, 8)},
            "offered_median": offered[len(offered) // 2] if offered else 0,
            "offered_max": offered[-1] if offered else 0,
            "pinnable": pinnable,
            "targets": len(offered),
        }
    return rep


# --- the binary-split family (averaging over many independent routes) ---------------------------


def chunks(values: list[str]) -> list[list[str]]:
    """Values in runs of at most PEJLING_MAX_FILTER_VALUES: how a filter on many values must be asked for."""
    import settings

    most = settings.max_filter_values()
    values = sorted(values)
    return [values[i : i + most] for i in range(0, len(values), most)]


def filterable(values) -> bool:
    """True when the product accepts a filter on these values (at most PEJLING_MAX_FILTER_VALUES)."""
    import settings

    return len(values) <= settings.max_filter_values()


def collect_splits(collector: Collector, indicators, period, value: str, dims: dict[str, int]) -> None:
    """Publish, for age band `value`, the totals and age-complements filtered on both halves of binary splits
    of other dimensions (at most dims[d] splits of d): what the multi-select filters offer. Halves and
    age-complements past the filter limit are asked for as the product allows: in runs of values."""
    domains = collector.domains
    rest = sorted(domains.values[AGE] - {value})
    for dim, limit in dims.items():
        values = sorted(domains.values[dim])
        first, others = values[0], values[1:]
        done = 0
        for size in range(0, len(others) + 1):
            for extra in _subsets(others, size):
                if done >= limit:
                    break
                side = [first, *extra]
                other = [v for v in values if v not in side]
                if not other:
                    continue
                for s in (side, other):
                    collector.compute(indicators, period, {dim: s}, None, tag="split")
                    collector.compute(
                        indicators, period, {dim: s, AGE: rest}, None, tag="split"
                    )  # refused past the limit
                    for chunk in chunks(rest):
                        collector.compute(indicators, period, {dim: s, AGE: chunk}, None, tag="split")
                done += 1


def _subsets(items: list[str], size: int):
    import itertools

    return itertools.combinations(items, size)


def split_routes(collector: Collector, target: Key) -> list[Route]:
    """target (age = a) = sum over both halves of a split [total(d in S) - total(d in S, age != a)]."""
    store = collector.store
    ages = target.con(AGE)
    if ages is None or len(ages) != 1:
        return []
    ctx = target.with_con(AGE, None)
    rest = frozenset(collector.domains.values[AGE] - ages)
    routes = []
    for dim, domain in collector.domains.values.items():
        if dim == AGE or target.con(dim) is not None or not additive(target.family, dim):
            continue
        sides = store._context_index.get((ctx.family, ctx.measure, ctx.period, ctx.cons, dim), {})
        for side in sides:
            other = frozenset(domain - side)
            if not other or min(side) > min(other):
                continue
            terms = []
            for s in (side, other):
                whole = ctx.with_con(dim, s)
                comps = [whole.with_con(AGE, rest)]  # one filter on every other age band, if the product allows it
                if comps[0] not in store.cells:
                    comps = [whole.with_con(AGE, frozenset(c)) for c in chunks(sorted(rest))]
                if whole not in store.cells or any(c not in store.cells for c in comps):
                    break
                terms += [(1, whole)] + [(-1, c) for c in comps]
            else:
                routes.append(Route(frozenset({"splits"}), target, tuple(terms)))
    return routes


def score_splits(collector: Collector, oracle: Oracle, rep: Report, dims: dict[str, int]) -> None:
    """Certainty and averaging over the split family for the hidden 1..N-1 cells it reaches."""
    store, know = collector.store, collector.know
    n_min = know.min_n
    routes_total = targets = right = with_est = 0
    for key, known in store.cells.items():
        truth = oracle.truth.get(key)
        if truth is None or not 1 <= truth < n_min or known.cands.size() == 1 or key.measure not in MEASURES:
            continue
        routes = split_routes(collector, key)
        if not routes:
            continue
        targets += 1
        combined = known.cands
        estimates = []
        for route in routes:
            rep.routes_tried["splits"] += 1
            routes_total += 1
            cands = evaluate(store, route)
            combined = combined & cands
            got = certain(cands, n_min)
            if got is not None and got == truth:
                rep.certain_small["splits"].add(key)
            est = point_estimate(store, route)
            if est is not None:
                estimates.append(est)
        got = certain(combined, n_min)
        if got is not None and got == truth:
            rep.certain_small["splits"].add(key)
            rep.certain_small["combined"].add(key)
        if estimates:
            with_est += 1
            right += round(sum(estimates) / len(estimates)) == truth
    theory = {d: _splits_offered(len(collector.domains.values[d])) for d in dims}
    rep.averaging.setdefault("splits", {})
    rep.averaging["splits"] = {
        "dims": ", ".join(f"{d} ≤{n}" for d, n in dims.items()),
        "routes": routes_total,
        "targets": targets,
        "right": right,
        "with_estimate": with_est,
        "offered_theory": ", ".join(f"{d}: {n}" for d, n in theory.items()),
    }


def _splits_offered(v: int) -> int:
    """Two-set splits of v values whose halves the product accepts as filters (both within the limit)."""
    import math

    import settings

    most = settings.max_filter_values()
    return sum(math.comb(v, j) for j in range(1, v) if j <= most and v - j <= most) // 2


# --- day ranges ------------------------------------------------------------------------------------


def dayrange_attack(collector: Collector, oracle: Oracle, rep: Report, indicators: list[str], days: list[dt.date]):
    """T(Jan 1..d) - T(Jan 1..d-1) for single days d; refused ranges close the route."""
    from metrics.engine import compute
    from metrics.types import Period

    n_min = collector.know.min_n
    tried = refused = hits = 0
    examples = []
    for day in days:
        long = f"{day.year}-01-01..{day.isoformat()}"
        short = f"{day.year}-01-01..{(day - dt.timedelta(days=1)).isoformat()}"
        tried += 1
        try:
            from metrics.periods import parse_period

            parse_period(long)
            parse_period(short)
        except ValueError as exc:
            refused += 1
            rep.dayrange.setdefault("message", str(exc))
            continue
        a = compute(collector.con, indicators, long, years=collector.years)
        b = compute(collector.con, indicators, short, years=collector.years)
        collector.calls += 2
        start = dt.date(day.year, 1, 1)
        for ra, rb in zip(a, b, strict=True):
            ca, cb = _cells(ra, collector), _cells(rb, collector)
            truth = oracle.difference(
                ra.indicator, Period(start, day, long), Period(start, day - dt.timedelta(days=1), short)
            )
            for m in ("n", "k"):
                if m not in ca or m not in cb:
                    continue
                t = truth[m]
                if not 1 <= t < n_min:
                    continue
                got = certain(ca[m] + -cb[m], n_min)
                if got is not None and got == t:
                    hits += 1
                    if len(examples) < 3:
                        examples.append(f"{ra.indicator}.{m} on {day}: {long} minus {short} = {got}")
    rep.dayrange.update({"tried": tried, "refused": refused, "certain": hits, "examples": examples})


def _cells(res, collector: Collector) -> dict[str, Cands]:
    from tests.privacy.harness import result_cells

    return {m: c for m, (c, _) in result_cells(res, collector.know).items()}
