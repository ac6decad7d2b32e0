"""One test per attack route on the tiny hand-made database (tests/privacy/tiny.py, N = 5).

Each test (1) checks by hand that the hidden cell and the route's terms have the true values worked out
in tiny.py, so the route really is an identity that gave the hidden figure away before protection, and
(2) asserts that the figures the product publishes no longer pin the hidden figure with certainty.
"""

from __future__ import annotations

import datetime as dt

from metrics.suppression import REASON_FEW
from tests.privacy.harness import AGE, Key, certain, evaluate, index, mean_certain, period_key, routes_for

ALL_AGES = ["16-17", "18-24", "25-29", "30-39", "40-49", "50-59", "60+", "Uoplyst"]
Y2025 = period_key(dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def _key(family, measure, period=Y2025, **cons) -> Key:
    cons = tuple(sorted((d, frozenset(v)) for d, v in cons.items()))
    return Key(family, measure, period, cons)


def _route(col, target, kind, first_term=None):
    index(col.store)
    found = [r for r in routes_for(col.store, target) if kind in r.kinds]
    if first_term is not None:
        found = [r for r in found if r.terms[0][1] == first_term]
    assert found, f"no {kind} route to {target.label()}"
    return min(found, key=lambda r: len(r.terms))


def _truths(col, route):
    return [sign * col.oracle.truth[k] for sign, k in route.terms]


def _assert_closed(col, route):
    """The route's candidate set must not hold exactly one value in 1..N-1."""
    cands = evaluate(col.store, route)
    n = col.know.min_n
    assert col.oracle.truth[route.target] in cands, "the attacker's model excluded the truth"
    assert certain(cands, n) is None, (
        f"{route.target.label()} recovered with certainty: candidates {cands!r} from "
        + ", ".join(f"{'+' if s > 0 else '-'}{col.store.cells[k].shown}" for s, k in route.terms)
    )


def _complement(col, indicator: str, period: str = "2025", via=None) -> None:
    """Ask for the total filtered on every age band but 16-17: refused (more than 3 values), so ask for it as
    the product allows, in filters of at most three bands: 18-24..30-39, 40-49..60+ and Uoplyst."""
    ask = via or col.compute
    before = len(col.refused)
    ask([indicator], period, {AGE: [a for a in ALL_AGES if a != "16-17"]}, tag="complement")
    assert len(col.refused) == before + 1 and "højst 3" in col.refused[-1][1]
    for chunk in (["18-24", "25-29", "30-39"], ["40-49", "50-59", "60+"], ["Uoplyst"]):
        ask([indicator], period, {AGE: chunk}, tag="complement")


def test_complement_filter_route(attacker):
    """16-17 = total (27) minus the other seven bands; one filter on seven bands is refused, so it takes three
    filtered totals: 27 - (7 + 5 + 7) - (6 + 0 + 0) - 0 = 2, each of them perturbed."""
    col = attacker
    col.compute(["aktive_borgere"], "2025")
    _complement(col, "aktive_borgere")
    target = _key("aktive_borgere", "n", aldersgruppe={"16-17"})
    col.compute(["aktive_borgere"], "2025", None, AGE)
    route = _route(col, target, "complement")
    assert col.oracle.truth[target] == 2
    assert sorted(_truths(col, route)) == [-19, -6, 0, 27]
    _assert_closed(col, route)


def test_same_breakdown_route_is_closed_by_secondary_suppression(attacker):
    """Total 27 minus the other bands: 40-49 (6) is hidden as partner, so the rest is 2 + 6 = 8, not 2."""
    col = attacker
    col.compute(["aktive_borgere"], "2025")
    col.compute(["aktive_borgere"], "2025", None, AGE)
    target = _key("aktive_borgere", "n", aldersgruppe={"16-17"})
    route = _route(col, target, "breakdown")
    assert _truths(col, route)[0] == 27 and sorted(_truths(col, route)[1:]) == [-7, -7, -6, -5, 0, 0, 0]
    _assert_closed(col, route)


def test_linked_breakdown_route(attacker):
    """16-17 = Under 30 (14, by under30) minus 18-24 (7) minus 25-29 (5) = 2."""
    col = attacker
    col.compute(["aktive_borgere"], "2025", None, "under30")
    col.compute(["aktive_borgere"], "2025", None, AGE)
    target = _key("aktive_borgere", "n", aldersgruppe={"16-17"})
    young = _key("aktive_borgere", "n", aldersgruppe={"16-17", "18-24", "25-29"})
    route = _route(col, target, "linked", young)
    assert sorted(_truths(col, route)) == [-7, -5, 14]
    _assert_closed(col, route)


def test_cross_indicator_route(attacker):
    """andel_unge's numerator (14 of 27) is the under-30 count of aktive_borgere: 14 - 7 - 5 = 2."""
    col = attacker
    col.compute(["andel_unge"], "2025")
    col.compute(["aktive_borgere"], "2025", None, AGE)
    target = _key("aktive_borgere", "n", aldersgruppe={"16-17"})
    route = _route(col, target, "cross")
    assert sorted(_truths(col, route)) == [-7, -5, 14]
    _assert_closed(col, route)


def test_matrix_route(attacker):
    """Heat map row Alkohol: (Alkohol, Under 30) = 14 from the filtered under30 breakdown, minus the matrix
    cells (Alkohol, 18-24) = 7 and (Alkohol, 25-29) = 5, leaves (Alkohol, 16-17) = 2."""
    col = attacker
    col.matrix("aktive_borgere", "2025")
    col.compute(["aktive_borgere"], "2025", {"målgruppe": ["Alkohol"]}, "under30")
    target = _key("aktive_borgere", "n", aldersgruppe={"16-17"}, målgruppe={"Alkohol"})
    route = _route(col, target, "matrix")
    assert col.oracle.truth[target] == 2
    assert sorted(_truths(col, route)) == [-7, -5, 14]
    _assert_closed(col, route)


def test_views_who5_bins_route(attacker):
    """WHO-5 bin 0-20 = lav_trivsel's numerator (12, 'heraf' in the tooltip) minus bins 21-35 (5) and 36-50 (5)."""
    col = attacker
    col.compute(["lav_trivsel"], "2025")
    col.views("2025")
    target = Key("who5_bin:0-20", "n", Y2025, ())
    route = _route(col, target, "views")
    assert col.oracle.truth[target] == 2
    assert sorted(_truths(col, route)) == [-5, -5, 12]
    _assert_closed(col, route)


def test_views_waiting_time_route(attacker):
    """Waiting-time bin 8-14 dage (2, the Q2 starts) = behandling_inden_14_dage's numerator (7, 'heraf' in the
    tooltip) minus bin 0-7 dage (5); the view hides 15-28 dage (6) as partner, which does not help."""
    col = attacker
    col.compute(["behandling_inden_14_dage"], "2025")
    col.views("2025")
    target = Key("wait_bin:8-14 dage", "n", Y2025, ())
    route = _route(col, target, "views", Key("behandling_inden_14_dage", "k", Y2025, ()))
    assert col.oracle.truth[target] == 2
    assert sorted(_truths(col, route)) == [-5, 7]
    _assert_closed(col, route)


def test_period_route(attacker):
    """Q2 treatment starts = year (13) minus Q1 (5), Q3 (6) and Q4 (0) = 2."""
    col = attacker
    for p in ("2025", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"):
        col.compute(["behandling_inden_14_dage"], p)
    q2 = period_key(dt.date(2025, 4, 1), dt.date(2025, 6, 30))
    target = Key("behandling_inden_14_dage", "n", q2, ())
    route = _route(col, target, "periods", Key("behandling_inden_14_dage", "n", Y2025, ()))
    assert sorted(_truths(col, route)) == [-6, -5, 0, 13]
    _assert_closed(col, route)


def test_day_range_route_is_refused(attacker):
    """T(01.01..12.05.2025) - T(01.01..11.05.2025) = the one treatment start on 12.05.2025 (6 - 5 = 1).
    The product must refuse such day ranges with a Danish message (CLI, URL and pages parse alike)."""
    from metrics.periods import parse_period

    col = attacker
    truth = col.oracle.difference(
        "behandling_inden_14_dage", _period("2025-01-01", "2025-05-12"), _period("2025-01-01", "2025-05-11")
    )
    assert truth == {"n": 1, "k": 1}
    for text in ("2025-01-01..2025-05-12", "2025-05-12..2025-05-12", "2025-01-01..2025-05-11"):
        try:
            per = parse_period(text)
        except ValueError as exc:
            assert "Perioden" in str(exc)
            continue
        assert _whole_granule(per), f"the day range {text} is accepted as {per.start}..{per.end}"


def test_who5_mean_complement_route(attacker):
    """WHO-5 of the two 17-year-olds: total n 24, sum 1240 minus ages 18+ (n 22, mean 1200/22) = n 2, mean 20.0;
    the 18+ answers take three filtered totals (0, 22 and 0 answers)."""
    col = attacker
    col.compute(["trivsel_who5"], "2025")
    _complement(col, "trivsel_who5")
    col.compute(["trivsel_who5"], "2025", None, AGE)
    target = _key("trivsel_who5", "n", aldersgruppe={"16-17"})
    route = _route(col, target, "complement")
    assert sorted(_truths(col, route)) == [-22, 0, 0, 24]
    assert col.oracle.sums[target] == 40.0
    cands = evaluate(col.store, route)
    got = certain(cands, col.know.min_n)
    assert got is None or mean_certain(col.store, route, got) is None, "the hidden WHO-5 mean was recovered"
    _assert_closed(col, route)


def test_hidden_total_split_into_hidden_ones(attacker):
    """trivsel_who5 2024: the total (4 answers) is hidden, so 1..4; by age four groups hold answers and three
    hold none. Were the empty ones shown as having none, the four hidden groups would each hold at least 1
    and sum to at most 4, so 1 each: the 18-24 group would be exactly one person, whatever the noise. The
    product shows a 0 beside a hidden small figure exactly like it (metrics.zeros), so it cannot."""
    col = attacker
    y2024 = period_key(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    col.compute(["trivsel_who5"], "2024")
    groups = col.compute(["trivsel_who5"], "2024", None, AGE)
    assert {(r.display, r.reason) for r in groups} == {("For få data", REASON_FEW.format(n=5))}
    assert {r.group[AGE] for r in groups} == set(ALL_AGES)  # the empty groups are listed like the others
    target = _key("trivsel_who5", "n", y2024, aldersgruppe={"18-24"})
    route = _route(col, target, "breakdown")
    assert col.oracle.truth[target] == 1
    assert sorted(_truths(col, route)) == [-1, -1, -1, 0, 0, 0, 0, 4]
    _assert_closed(col, route)


def test_union_of_the_hidden_groups_is_refused_and_the_empty_ones_look_alike(attacker):
    """The same four groups picked with a multi-select filter would be a hidden whole of four parts: a filter
    on four values is refused (at most 3), and a group holding nobody, asked for alone, is shown like the
    hidden ones beside it, so no single-group figure says "at least one"."""
    col = attacker
    y2024 = period_key(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    holding = ["16-17", "18-24", "30-39", "40-49"]  # one answer each (tiny.py)
    assert [col.oracle.truth.get(_key("trivsel_who5", "n", y2024, aldersgruppe={a})) for a in holding] == [None] * 4
    before = len(col.refused)
    assert col.compute(["trivsel_who5"], "2024", {AGE: holding}, tag="complement") == []
    assert len(col.refused) == before + 1
    (alone,) = col.compute(["trivsel_who5"], "2024", {AGE: ["25-29"]}, tag="complement")
    assert (alone.display, alone.reason) == ("For få data", REASON_FEW.format(n=5))
    for value in holding:
        (res,) = col.compute(["trivsel_who5"], "2024", {AGE: [value]}, tag="complement")
        assert (res.display, res.reason) == (alone.display, alone.reason)
        assert col.oracle.truth[_key("trivsel_who5", "n", y2024, aldersgruppe={value})] == 1
    index(col.store)
    assert 0 in col.store.get(_key("trivsel_who5", "n", y2024, aldersgruppe={"18-24"}))


def test_cli_complement_route(attacker):
    """The complement route through `python cli.py indicators --format json` (repeated --filter): seven
    values are refused with exit 2, three filters of at most three bands give a four-term route."""
    col = attacker
    col.cli(["aktive_borgere"], "2025")
    _complement(col, "aktive_borgere", via=lambda inds, period, flt, tag: col.cli(inds, period, flt))
    col.cli(["aktive_borgere"], "2025", None, AGE)
    target = _key("aktive_borgere", "n", aldersgruppe={"16-17"})
    index(col.store)
    routes = [r for r in routes_for(col.store, target) if len(r.terms) == 4]
    assert routes and all("cli" in r.kinds for r in routes)
    assert sorted(_truths(col, routes[0])) == [-19, -6, 0, 27]
    _assert_closed(col, routes[0])


def _period(a: str, b: str):
    from metrics.types import Period

    return Period(dt.date.fromisoformat(a), dt.date.fromisoformat(b), f"{a}..{b}")


def _whole_granule(per) -> bool:
    """A year, half-year, quarter or month."""
    key = period_key(per.start, per.end)
    if key[0] != "m":
        return False
    months = sorted(key[2])
    return len(months) in (1, 3, 6, 12) and (months[0] - 1) % len(months) == 0
