"""The scorer's ground truth: unsuppressed figures from the engine's internals (`metrics.engine._raws`)
and the views' own SQL without the protection step. The attacker (`harness.py`) never reads this."""

from __future__ import annotations

from metrics.dimensions import get_dimension
from metrics.periods import parse_period
from metrics.registry import INDICATORS, get_indicator
from tests.privacy.harness import U30, UNDER30_SETS, Domains, Key, _alias


class Oracle:
    """True figures per cell key, filled for exactly the calls the collector made."""

    def __init__(self, con):
        self.con = con
        self.truth: dict[Key, int] = {}
        self.sums: dict[Key, float] = {}
        self.conflicts: list[tuple[Key, int, int]] = []  # one key, two different true values: a wrong key model

    def _put(self, key: Key | None, value: int, wsum: float | None = None) -> None:
        if key is None:
            return
        old = self.truth.get(key)
        if old is not None and old != value:
            self.conflicts.append((key, old, value))
        self.truth[key] = value
        if wsum is not None:
            self.sums[key] = wsum

    def compute(self, domains: Domains, indicators, period, pk, filters, by) -> None:
        """Record the truth behind compute(con, indicators, period, filters, by)."""
        from metrics.engine import _raws, normalize_filters

        inds = [get_indicator(i) for i in (indicators or list(INDICATORS))]
        dim = get_dimension(by) if by else None
        totals, groups = _raws(self.con, inds, parse_period(period), normalize_filters(filters), dim)
        raws = list(totals.values()) if dim is None else [r for rs in groups.values() for r in rs]
        for raw in raws:
            group = None if dim is None else (dim.id, raw.group[dim.id])
            self._put_raw(domains, raw, pk, filters, group)
        if dim is not None:
            domain = sorted(UNDER30_SETS) if dim.id == U30 else sorted(domains.values[dim.id])
            for ind in inds:
                seen = {r.group[dim.id] for r in groups[ind.id]}
                for value in domain:
                    if value not in seen:
                        cons = domains.cons(filters, (dim.id, value))
                        if cons is not None:
                            for m in ("n", "k", "r") if ind.kind == "share" else ("n",):
                                self._put(_alias(ind.id, m, cons, pk), 0)

    def _put_raw(self, domains: Domains, raw, pk, filters, group) -> None:
        cons = domains.cons(filters, group)
        if cons is None:
            return
        ind = INDICATORS[raw.indicator]
        self._put(
            _alias(ind.id, "n", cons, pk),
            int(raw.n),
            float(raw.mean) * raw.n if ind.id == "trivsel_who5" and raw.mean is not None else None,
        )
        if ind.kind == "share":
            self._put(_alias(ind.id, "k", cons, pk), int(raw.k))
            self._put(_alias(ind.id, "r", cons, pk), int(raw.n - raw.k))

    def views(self, period, pk, filters, cons) -> None:
        """Record the true WHO-5 bins, waiting-time bins and flows (the views' SQL, no protection)."""
        from metrics import views as v
        from metrics.engine import _params, normalize_filters
        from metrics.sql import episodes as ep_sql
        from metrics.sql import survey as sv_sql
        from metrics.sql.base import answer_cte, episode_ctes, with_clause

        flt, per = normalize_filters(filters), parse_period(period)
        params = _params(per, flt)
        bucket = v._bucket_sql(sv_sql.WHO5_SCORE, v.WHO5_BUCKETS)
        got = dict(
            self.con.execute(
                with_clause([answer_cte(flt)])
                + f"SELECT {bucket}, count(*) FROM ans WHERE {sv_sql.WHO5_COMPLETE} GROUP BY ALL",
                params,
            ).fetchall()
        )
        for label, *_ in v.WHO5_BUCKETS:
            self._put(Key(f"who5_bin:{label}", "n", pk, cons), int(got.get(label, 0)))
        bucket = v._bucket_sql("date_diff('day', henvisningsdato, startdato)", v.WAIT_BUCKETS)
        got = dict(
            self.con.execute(
                with_clause(episode_ctes(flt))
                + f"SELECT {bucket}, count(*) FROM act_ep WHERE beh AND startdato BETWEEN "
                "$start AND $end AND henvisningsdato IS NOT NULL GROUP BY ALL",
                params,
            ).fetchall()
        )
        for label, *_ in v.WAIT_BUCKETS:
            self._put(Key(f"wait_bin:{label}", "n", pk, cons), int(got.get(label, 0)))
        ctes = episode_ctes(flt) + [(name, ep_sql.EXTRA_CTES[name]) for name in ("trans", "transitions")]
        got = {
            (int(a), int(b)): int(c)
            for a, b, c in self.con.execute(
                with_clause(ctes) + "SELECT trin, next_trin, count(*) FROM transitions "
                "WHERE next_trin IS NOT NULL AND next_trin <> 9 AND trin IS NOT NULL GROUP BY ALL",
                params,
            ).fetchall()
        }
        for a in range(1, 9):
            for b in range(1, 9):
                self._put(Key(f"flow:{a}>{b}", "n", pk, cons), got.get((a, b), 0))

    def difference(self, indicator: str, long_period: str, short_period: str) -> dict[str, int]:
        """True n, k of T(long) - T(short) (the day-range route's target)."""
        from metrics.engine import _raws

        ind = get_indicator(indicator)
        a, _ = _raws(self.con, [ind], parse_period(long_period), {}, None)
        b, _ = _raws(self.con, [ind], parse_period(short_period), {}, None)
        return {"n": a[ind.id].n - b[ind.id].n, "k": a[ind.id].k - b[ind.id].k}
