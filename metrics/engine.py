"""The indicator engine: builds one DuckDB query for the requested indicators, period, filters and
breakdown (shared CTEs, one UNION ALL branch per indicator and grouping), then applies suppression."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date

import duckdb

import settings
from metrics import shared_aggregates
from metrics.dimensions import DIMENSIONS, Dimension, dimension_values, get_dimension
from metrics.periods import data_years, parse_period, year_period
from metrics.registry import INDICATORS, Indicator, get_indicator
from metrics.sql import episodes as ep_sql
from metrics.sql import progression as prog_sql
from metrics.sql.base import answer_cte, episode_ctes, filter_param, used_params, with_clause
from metrics.suppression import Raw, exact, secondary, suppress
from metrics.suppression import primary as _primary
from metrics.types import Period, Result
from metrics.yearly import YearTables, schema_for, year_answer_cte, year_ctes
from metrics.zeros import mask_zeros

_EXTRA = {**ep_sql.EXTRA_CTES, **prog_sql.EXTRA_CTES}
_MATERIALIZED = {"act", "cit0", "cit", "ans", "pop", "trans", "transitions", "hist", "grp_ce", "grid_ce"}
# Cell keys: the sum of the units' record keys mod 256 (rk for counts, rk2 for the noise of means/medians).
# Means sum exact decimals (values rounded to 1e-9): a sum of doubles depends on the order DuckDB's threads
# combine rows in, so the same figure could differ in its last bits between runs and between query plans.
_AGG = (
    "count(*) AS n, count_if(num) AS k, avg(val::DECIMAL(18, 9)) AS mean, median(wait) AS med, "
    "coalesce(sum(rk), 0) % 256 AS ck_n, coalesce(sum(rk) FILTER (WHERE num), 0) % 256 AS ck_k, "
    "coalesce(sum(rk2), 0) % 256 AS ck_v"
)


def normalize_filters(filters: dict[str, list[str]] | None) -> dict[str, list[str]]:
    """Filters keyed by dimension id (CLI names or URL parameters accepted); empty lists dropped. More values
    on one dimension than PEJLING_MAX_FILTER_VALUES is refused (Danish ValueError): see README 'Small numbers'."""
    out: dict[str, list[str]] = {}
    for key, values in (filters or {}).items():
        values = [str(v) for v in (values or [])]
        if values:
            dim = get_dimension(key)
            out.setdefault(dim.id, []).extend(values)
    most = settings.max_filter_values()
    for dim_id, values in out.items():
        out[dim_id] = list(dict.fromkeys(values))
        if len(out[dim_id]) > most:
            raise ValueError(
                f"Filteret på {DIMENSIONS[dim_id].label_da.lower()} har {len(out[dim_id])} værdier, men højst {most} "
                "kan vælges på én gang: med mange værdier (fx alle aldersgrupper på nær én) kunne skjulte tal for "
                "enkelte borgere regnes ud som forskelle til totalen. Vælg færre værdier, eller fjern filteret for at se alle."
            )
    return out


def resolve_min_n(min_n: int | None, protect: bool = True) -> int:
    """The suppression threshold: the configured one unless given; below 3 is refused (Danish SettingError).
    Exact figures (protect=False, tests only) need no threshold and do not read the setting."""
    if min_n is None and not protect:
        return 3
    if min_n is None:
        return settings.min_n()
    if int(min_n) < 3:
        raise settings.SettingError(f"Grænsen for små tal må ikke være under 3 (fik {min_n}).")
    return int(min_n)


def _group_expr(dim: Dimension, expr: str) -> str:
    return f"unnest({expr})" if dim.is_list else expr


def keyed_unit_sql(ind: Indicator, keys: bool = True) -> str:
    """The indicator's unit rows with their record keys `rk`, `rk2`: answers carry theirs from `ans`, citizens
    and episodes from `cit` and `act_ep`, where they are joined once per query (NULL when `keys` is False)."""
    return f"({ind.unit_sql})"


def _branch(ind: Indicator, dim: Dimension | None, keys: bool = True) -> str:
    """SELECT of one indicator's aggregate, in total (dim None) or per group of the dimension."""
    unit = keyed_unit_sql(ind, keys)
    head = f"SELECT '{ind.id}' AS indicator"
    if dim is None:
        return f"{head}, NULL::VARCHAR AS grp, {_AGG} FROM {unit} u"
    if _through_episodes(ind, dim):
        src = f"(SELECT u.*, g.grp FROM {unit} u JOIN grp_ce g USING (borger_id))"
    else:
        src = f"(SELECT u.*, {_dim_sql(dim, ind)} AS grp FROM {unit} u)"
    return f"{head}, grp, {_AGG} FROM {src} GROUP BY grp"


def _through_episodes(ind: Indicator, dim: Dimension) -> bool:
    """True when a citizen unit counts in an episode dimension's groups through its episodes (grp_ce)."""
    return ind.level == "citizen" and dim.scope == "episode"


def _dim_sql(dim: Dimension, ind: Indicator) -> str:
    """A dimension's group expression on one of the indicator's unit rows (age, sex and the citizen's
    target-group mask travel with every unit row; episode units carry their episode's fields)."""
    if ind.level == "answer":
        return _group_expr(dim, dim.answer_sql)
    return _group_expr(dim, dim.citizen_sql if dim.scope == "citizen" else dim.episode_sql)


def _ctes(
    indicators: list[Indicator],
    filters: dict[str, list[str]],
    by: str | None,
    keys: bool,
    year_tables: str | None,
    group_ce: Dimension | None = None,
) -> list[tuple[str, str]]:
    """The CTEs the indicators' unit queries read; `group_ce` adds `grp_ce` (citizens by an episode dimension)."""
    ctes: list[tuple[str, str]] = []
    if any(i.level != "answer" for i in indicators):
        if year_tables:
            ctes += year_ctes(filters, year_tables)
        else:
            history = {n.removeprefix("hist_") for i in indicators for n in i.needs if n.startswith("hist_")}
            ctes += episode_ctes(filters, by, history, keys)
        if group_ce is not None and any(i.level == "citizen" for i in indicators):
            ctes.append(
                (
                    "grp_ce",
                    f"SELECT DISTINCT borger_id, {_group_expr(group_ce, group_ce.episode_sql)} AS grp FROM act_ep",
                )
            )
        if not year_tables:
            needed = {n for i in indicators for n in i.needs}
            ctes += [(name, body) for name, body in _EXTRA.items() if name in needed]
    if any(i.level == "answer" for i in indicators):
        ctes.append(year_answer_cte(filters, year_tables) if year_tables else answer_cte(filters))
    return ctes


def build_query(
    indicators: list[Indicator],
    filters: dict[str, list[str]],
    by: str | None,
    keys: bool = True,
    year_tables: str | None = None,
) -> str:
    """The single SQL statement computing every indicator's total (and groups when `by` is given);
    `keys=False` leaves the record keys out (exact figures only need the counts). With `year_tables` (the
    attached database of metrics.yearly) the episode CTEs are read from the period's prepared tables."""
    dim = get_dimension(by) if by else None
    group_ce = dim if dim is not None and dim.scope == "episode" else None
    ctes = _ctes(indicators, filters, dim.id if dim else None, keys, year_tables, group_ce)
    branches = [_branch(i, None, keys) for i in indicators]
    if dim is not None:
        branches += [_branch(i, dim, keys) for i in indicators]
    return with_clause(ctes, _MATERIALIZED) + "\nUNION ALL\n".join(branches)


def _params(period: Period, filters: dict[str, list[str]]) -> dict:
    params: dict = {"start": period.start, "end": period.end, "end_year": period.end.year}
    for dim_id, values in filters.items():
        params[filter_param(DIMENSIONS[dim_id])] = values
    return params


def _multi(ind: Indicator, dim: Dimension) -> bool:
    """True when one unit can count in several groups of the breakdown."""
    return dim.multi_membership or (ind.level == "citizen" and dim.scope == "episode")


def _resolve(indicators: list[str] | None) -> list[Indicator]:
    ids = list(indicators) if indicators else list(INDICATORS)
    return [get_indicator(i) for i in dict.fromkeys(ids)]


def compute(
    con: duckdb.DuckDBPyConnection,
    indicators: list[str] | None = None,
    period: Period | str | None = None,
    filters: dict[str, list[str]] | None = None,
    by: str | None = None,
    min_n: int | None = None,
    protect: bool = True,
    years: YearTables | None = None,
) -> list[Result]:
    """Compute indicators for a period and filters; by=None gives one total per indicator, by=dim one
    result per indicator and group (breakdown rows only; secondary suppression against the total).

    Every figure passes metrics.suppression; `protect=False` (exact figures) is for tests only. With `years`
    (metrics.yearly) a prepared period reads the prepared tables: the same figures, less work."""
    inds = _resolve(indicators)
    per = parse_period(period)
    flt = normalize_filters(filters)
    dim = get_dimension(by) if by else None
    n_min = resolve_min_n(min_n)
    served = _served(inds, per, flt, dim, years)
    totals, groups = served or _raws(con, inds, per, flt, dim, keys=protect, years=years)
    if protect:
        totals, groups = _mask(con, inds, per, flt, dim, totals, groups, n_min, _Fetcher(con, years))
    order = _group_order(con, dim) if dim is not None else {}
    out: list[Result] = []
    for ind in inds:
        if dim is None:
            out += suppress([totals[ind.id]], n_min, protect=protect)
        else:
            out += suppress(_ordered(order, dim, groups[ind.id]), n_min, totals[ind.id], protect)
    return out


def _served(
    inds: list[Indicator], per: Period, flt: dict[str, list[str]], dim: Dimension | None, years: YearTables | None
) -> tuple[dict[str, Raw], dict[str, list[Raw]]] | None:
    """The aggregates of a prepared period read from the kept ones (metrics.shared_aggregates), or None when one
    is not kept: the same cell definition as kept by an earlier query or by the build; a total under one
    filter value from the kept breakdown by that dimension; under a value on each of two dimensions (or one
    value and a breakdown) from the kept cross table of the two. A group or cell holds exactly the units the
    filter keeps (the zero rule's neighbours rest on this too), so figures and cell keys are the query's;
    tests compare both paths."""
    schema = schema_for(years, per)
    if schema is None:
        return None
    key = _Fetcher._key(per, flt, dim)
    crossed = (
        bool(flt)
        and all(len(v) == 1 for v in flt.values())
        and len(flt) + (dim is not None) <= 2
        and (dim is None or dim.id not in flt)
    )
    totals: dict[str, Raw] = {}
    groups: dict[str, list[Raw]] = {}
    for ind in inds:
        got = shared_aggregates.get(schema, key, ind.id)
        if got is None and crossed:
            got = _kept(schema, per, {d: v[0] for d, v in flt.items()}, dim, ind)
        if got is None:
            return None
        totals[ind.id], groups[ind.id] = got
    return totals, groups


def _kept(schema: str, per: Period, want: dict[str, str], dim: Dimension | None, ind: Indicator):
    """One indicator's (total, groups) under one value per filtered dimension (`want`, not empty), from kept
    breakdowns and cross tables."""
    if dim is None and len(want) == 1:
        hit = shared_aggregates.get(schema, _Fetcher._key(per, {}, get_dimension(next(iter(want)))), ind.id)
        return None if hit is None else (_cell(ind, per, hit[1], want), [])
    pair = [*want, dim.id] if dim is not None else [*want]
    grid = shared_aggregates.get_grid(schema, grid_key(per, *pair), ind.id)
    if grid is None:
        return None
    if dim is None:
        return _cell(ind, per, grid, want), []
    ((fixed, value),) = want.items()
    by_fixed = shared_aggregates.get(schema, _Fetcher._key(per, {}, get_dimension(fixed)), ind.id)
    return None if by_fixed is None else _slice(ind, per, grid, by_fixed[1], fixed, value, dim)


def _slice(
    ind: Indicator, per: Period, cells, by_fixed: list[Raw], fixed: str, value: str, dim: Dimension
) -> tuple[Raw, list[Raw]]:
    """The breakdown by `dim` under one value of `fixed`: its groups are that value's cells of the cross table
    `fixed` × `dim`, its total is that value's group of the breakdown by `fixed`."""
    groups = [
        replace(r, group={dim.id: r.group[dim.id]}, multi_membership=_multi(ind, dim))
        for r in cells
        if r.group[fixed] == value
    ]
    return _cell(ind, per, by_fixed, {fixed: value}), groups


def _cell(ind: Indicator, per: Period, raws: list[Raw], want: dict[str, str]) -> Raw:
    """The kept group whose values are `want`, as a total; a group nobody is in was not kept: it is zero."""
    raw = next((r for r in raws if all(r.group[d] == v for d, v in want.items())), None)
    if raw is None:
        return Raw(ind.id, per.label, {}, ind.kind, 0, extras=ind.extras, step=ind.noise_step)
    return replace(raw, group={}, multi_membership=False, masked=frozenset())


def grid_key(per: Period, first: str, second: str) -> tuple:
    """The kept cross table of a period by two dimensions (the same table whichever is named first)."""
    order = list(DIMENSIONS)
    a, b = sorted((first, second), key=order.index)
    return ("grid", per.start, per.end, a, b)


def crossed_pairs() -> list[tuple[Dimension, Dimension]]:
    """Every pair of dimensions a link can filter on at once (the two age dimensions are one question)."""
    dims = list(DIMENSIONS.values())
    ages = {"aldersgruppe", "under30"}
    return [(a, b) for i, a in enumerate(dims) for b in dims[i + 1 :] if {a.id, b.id} != ages]


class _Fetcher:
    """Unprotected aggregates of neighbouring cells for metrics.zeros, each query run once; kept aggregates of
    prepared periods are read first (_served), and what a prepared period's query returns is kept, with its
    cell keys (keys left out on the live path)."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, years: YearTables | None = None, spread: Dimension | None = None
    ):
        self.con = con
        self.years = years
        self.spread = spread  # a dimension whose single values are read from one cross table (the matrix's columns)
        self.memo: dict[tuple, tuple[dict[str, Raw], dict[str, list[Raw]]]] = {}
        self.grids: dict[tuple, dict[str, dict[tuple[str, str], Raw]]] = {}
        self.known: dict[str, list[str]] = {}

    def values(self, dim_id: str) -> list[str]:
        """A dimension's values (metrics.dimensions.dimension_values), looked up once per fetcher."""
        if dim_id not in self.known:
            self.known[dim_id] = dimension_values(self.con, dim_id)
        return self.known[dim_id]

    def grid(self, per, flt, rows: Dimension, cols: Dimension, ind_ids):
        """Cross tables rows × cols per indicator (metrics.zeros.Fetch.grid), each indicator queried once."""
        got = self.grids.setdefault((*self._key(per, flt, rows), cols.id), {})
        missing = [i for i in ind_ids if i not in got]
        schema = self._shared_schema(per)
        asked = ("cross", *self._key(per, flt, rows), cols.id)  # a filtered cross table kept after its query
        for ind_id in list(missing) if schema else []:
            cells = shared_aggregates.get_grid(schema, grid_key(per, rows.id, cols.id), ind_id) if not flt else None
            if cells is None:
                cells = shared_aggregates.get_grid(schema, asked, ind_id)
            if cells is not None:
                got[ind_id] = {(r.group[rows.id], r.group[cols.id]): r for r in cells}
                missing.remove(ind_id)
        if missing:
            fresh = _grid_raws(self.con, [INDICATORS[i] for i in missing], per, flt, rows, cols, self.years)
            got.update(fresh)
            if schema:
                shared_aggregates.put_grid(schema, asked, fresh)
        return got

    @staticmethod
    def _key(per: Period, flt: dict[str, list[str]], dim: Dimension | None) -> tuple:
        return (
            per.start,
            per.end,
            tuple(sorted((d, tuple(sorted(v))) for d, v in flt.items())),
            dim.id if dim else None,
        )

    def seed(self, per, flt, dim, totals, groups) -> None:
        """Remember aggregates already computed (the matrix computes every column anyway)."""
        key = self._key(per, flt, dim)
        got_t, got_g = self.memo.setdefault(key, ({}, {}))
        got_t.update(totals)
        got_g.update(groups)
        if schema := self._shared_schema(per):
            shared_aggregates.put(schema, key, totals, groups)

    def __call__(self, per, flt, dim, ind_ids):
        key = self._key(per, flt, dim)
        got_t, got_g = self.memo.setdefault(key, ({}, {}))
        missing = [i for i in ind_ids if i not in got_t]
        schema = self._shared_schema(per)
        for ind_id in list(missing) if schema else []:
            if (hit := _served([INDICATORS[ind_id]], per, flt, dim, self.years)) is not None:
                got_t[ind_id], got_g[ind_id] = hit[0][ind_id], hit[1][ind_id]
                missing.remove(ind_id)
        spread = self.spread
        if missing and spread and dim is not None and dim.id != spread.id and len(flt.get(spread.id, [])) == 1:
            self._from_grid(per, flt, dim, missing, got_t, got_g)
        elif missing:
            # Kept aggregates carry their cell keys: a kept breakdown serves filtered totals (_served).
            totals, groups = _raws(
                self.con, [INDICATORS[i] for i in missing], per, flt, dim, keys=schema is not None, years=self.years
            )
            got_t.update(totals)
            got_g.update(groups)
            if schema:
                shared_aggregates.put(schema, key, totals, groups)
        return got_t, got_g

    def _shared_schema(self, per: Period) -> str | None:
        """The prepared tables whose shared aggregates serve this period (None on the live path)."""
        return schema_for(self.years, per)

    def _from_grid(self, per, flt, dim, ind_ids, got_t, got_g) -> None:
        """A breakdown under one value of the spread dimension, read from the cross table of all its values and
        its total from the breakdown by that dimension (two queries for every value, not a few per value)."""
        spread = self.spread
        value = flt[spread.id][0]
        base = {k: v for k, v in flt.items() if k != spread.id}
        grid = self.grid(per, base, spread, dim, ind_ids)
        _, by_value = self(per, base, spread, ind_ids)
        for ind_id in ind_ids:
            cells, by_spread = grid.get(ind_id, {}).values(), by_value.get(ind_id, [])
            got_t[ind_id], got_g[ind_id] = _slice(INDICATORS[ind_id], per, cells, by_spread, spread.id, value, dim)


def _mask(con, inds, per, flt, dim, totals, groups, n_min, fetch: _Fetcher | None = None):
    """Mark zeros beside hidden small figures (metrics.zeros)."""
    fetch = fetch or _Fetcher(con)
    fetch.seed(per, flt, dim, totals, groups)
    by_id = {i.id: i for i in inds}
    return mask_zeros(
        fetch,
        fetch.values,
        per,
        flt,
        dim,
        totals,
        groups,
        n_min,
        multi_of=lambda ind: dim is not None and _multi(by_id[ind], dim),
    )


def keep_aggregates(
    con: duckdb.DuckDBPyConnection, years: YearTables, periods: list[Period], crossed: list[Period] = ()
) -> int:
    """Keep every indicator's aggregates of these prepared periods in metrics.shared_aggregates, without
    filters: in total and by each dimension a filter can be on (the zero rule's most common neighbours, and the
    totals under any one filter value), and for the `crossed` periods by every pair of dimensions (a link's
    figures and neighbours under a value on each of two dimensions). Returns the queries run."""
    fetch = _Fetcher(con, years)
    axes = [None, *(get_dimension(d) for d in DIMENSIONS)]
    inds = list(INDICATORS.values())
    runs = 0
    for per in periods:
        for axis in axes:
            fetch(per, {}, axis, [i.id for i in inds])
            runs += 1
    for per in crossed:
        schema = schema_for(years, per)
        for rows, cols in crossed_pairs() if schema else []:
            grids = _grid_raws(con, inds, per, {}, rows, cols, years, keys=True)
            shared_aggregates.put_grid(schema, grid_key(per, rows.id, cols.id), grids)
            runs += 1
    return runs


def _raws(
    con: duckdb.DuckDBPyConnection,
    inds: list[Indicator],
    per: Period,
    flt: dict[str, list[str]],
    dim: Dimension | None,
    keys: bool = True,
    years: YearTables | None = None,
) -> tuple[dict[str, Raw], dict[str, list[Raw]]]:
    """Unsuppressed aggregates (with their cell keys): the total per indicator and, with a dimension, one per group."""
    tables = schema_for(years, per)
    sql = build_query(inds, flt, dim.id if dim else None, keys, tables)
    rows = con.execute(sql, used_params(sql, _params(per, flt))).fetchall()
    totals: dict[str, Raw] = {}
    groups: dict[str, list[Raw]] = {i.id: [] for i in inds}
    for ind_id, grp, n, k, mean, med, ck_n, ck_k, ck_v in rows:
        ind = INDICATORS[ind_id]
        raw = Raw(
            ind_id,
            per.label,
            {} if grp is None else {dim.id: grp},
            ind.kind,
            int(n),
            int(k or 0),
            mean,
            med,
            ind.extras,
            dim is not None and grp is not None and _multi(ind, dim),
            int(ck_n),
            int(ck_k),
            int(ck_v),
            ind.noise_step,
        )
        if grp is None and not raw.group:
            totals[ind_id] = raw
        else:
            groups[ind_id].append(raw)
    return totals, groups


def _grid_branch(ind: Indicator, rows: Dimension, cols: Dimension, keys: bool = False) -> str:
    """SELECT of one indicator's counts (with `keys` every aggregate and cell key) per (row value, column value);
    a citizen counts in a cell of episode dimensions through an episode of that cell (grid_ce), as under a
    filter on those values."""
    unit = keyed_unit_sql(ind, keys)
    through = [d for d in (rows, cols) if _through_episodes(ind, d)]
    src = f"{unit} u"
    if through:
        src = f"(SELECT u.*, {', '.join(f'g.g_{i}' for i, _ in enumerate(through))} FROM {src} JOIN grid_ce g USING (borger_id)) u"
    exprs = []
    for dim in (rows, cols):
        exprs.append(f"g_{through.index(dim)}" if dim in through else _dim_sql(dim, ind))
    # One unnest per level: two unnests in one SELECT would pair the lists up instead of crossing them.
    inner = f"(SELECT u.*, {exprs[0]} AS ga FROM {src})"
    outer = f"(SELECT v.*, {exprs[1]} AS gb FROM {inner} v)"
    agg = _AGG if keys else "count(*) AS n, count_if(num) AS k"
    return f"SELECT '{ind.id}' AS indicator, ga, gb, {agg} FROM {outer} GROUP BY ga, gb"


def build_grid_query(
    indicators: list[Indicator],
    filters: dict[str, list[str]],
    rows: Dimension,
    cols: Dimension,
    year_tables: str | None = None,
    keys: bool = False,
) -> str:
    """The SQL statement counting every indicator's units per (rows value, cols value); with `keys` also the
    means, medians and cell keys, as build_query's groups."""
    by = "målgruppe" if "målgruppe" in (rows.id, cols.id) else None
    ctes = _ctes(indicators, filters, by, keys, year_tables)
    episode_dims = [d for d in (rows, cols) if d.scope == "episode"]
    if episode_dims and any(i.level == "citizen" for i in indicators):
        # At most one of them is a list (focus areas), so one SELECT with one unnest crosses them.
        groups = ", ".join(f"{_group_expr(d, d.episode_sql)} AS g_{i}" for i, d in enumerate(episode_dims))
        ctes.append(("grid_ce", f"SELECT DISTINCT borger_id, {groups} FROM act_ep"))
    branches = [_grid_branch(i, rows, cols, keys) for i in indicators]
    return with_clause(ctes, _MATERIALIZED) + "\nUNION ALL\n".join(branches)


def _grid_raws(con, inds, per, flt, rows: Dimension, cols: Dimension, years: YearTables | None, keys: bool = False):
    tables = schema_for(years, per)
    sql = build_grid_query(inds, flt, rows, cols, tables, keys)
    params = used_params(sql, _params(per, flt))
    out: dict[str, dict[tuple[str, str], Raw]] = {i.id: {} for i in inds}
    for ind_id, ga, gb, n, k, *rest in con.execute(sql, params).fetchall():
        ind = INDICATORS[ind_id]
        mean, med, ck_n, ck_k, ck_v = rest or (None, None, 0, 0, 0)
        ga, gb = sys.intern(ga), sys.intern(gb)  # kept cross tables hold many cells with the same values
        out[ind_id][(ga, gb)] = Raw(
            ind_id, per.label, {rows.id: ga, cols.id: gb}, ind.kind, int(n), int(k or 0), mean, med, ind.extras,
            False, int(ck_n), int(ck_k), int(ck_v), ind.noise_step,
        )  # fmt: skip
    return out


def compute_matrix(
    con: duckdb.DuckDBPyConnection,
    indicator: str,
    period: Period | str | None = None,
    filters: dict[str, list[str]] | None = None,
    rows: str = "målgruppe",
    cols: str = "aldersgruppe",
    min_n: int | None = None,
    protect: bool = True,
    years: YearTables | None = None,
) -> dict[tuple[str, str], Result]:
    """One indicator as a cross table (rows × cols), suppressed along both axes.

    Row totals (the breakdown by `rows`) and column totals (the breakdown by `cols`) are published on
    other pages, so a single hidden cell in a row or a column is joined by a second one until no row
    or column has exactly one hidden cell: nothing can be worked out by subtraction in either direction.
    """
    ind = get_indicator(indicator)
    per = parse_period(period)
    flt = normalize_filters(filters)
    n_min = resolve_min_n(min_n, protect)
    primary = _primary if protect else lambda raw, _n: exact(raw)
    row_dim, col_dim = get_dimension(rows), get_dimension(cols)
    fetch = _Fetcher(con, years, spread=col_dim)
    row_t, by_row = _served([ind], per, flt, row_dim, years) or _raws(con, [ind], per, flt, row_dim, years=years)
    if protect:
        row_t, by_row = _mask(con, [ind], per, flt, row_dim, row_t, by_row, n_min, fetch)
    row_totals = {r.group[row_dim.id]: primary(r, n_min) for r in by_row[ind.id]}
    col_values = flt.get(col_dim.id) or fetch.values(col_dim.id)
    order = {v: i for i, v in enumerate(fetch.values(row_dim.id))}  # as _group_order, from the fetcher's lookup
    columns = {}
    for col, (col_flt, totals, groups) in _columns(con, ind, per, flt, row_dim, col_dim, col_values, years).items():
        groups = {ind.id: _ordered(order, row_dim, groups[ind.id])}  # ties in the secondary rule go the same way
        fetch.seed(per, col_flt, row_dim, totals, groups)
        columns[col] = (col_flt, totals, groups)
    cells: dict[tuple[str, str], tuple[Raw, Result]] = {}
    col_totals: dict[str, Result] = {}
    for col, (col_flt, totals, groups) in columns.items():
        if protect:
            totals, groups = _mask(con, [ind], per, col_flt, row_dim, totals, groups, n_min, fetch)
        col_totals[col] = primary(totals[ind.id], n_min)
        for raw in groups[ind.id]:
            cells[(raw.group[row_dim.id], col)] = (raw, primary(raw, n_min))

    def hidden() -> int:
        return sum(res.suppressed for _, res in cells.values())

    before = -1
    while protect and before != hidden():
        before = hidden()
        for col, total in col_totals.items():
            secondary([c for (_, cc), c in cells.items() if cc == col], total, n_min, prefer=_alone_in_line(cells, 0))
        for row, total in row_totals.items():
            secondary([c for (rr, _), c in cells.items() if rr == row], total, n_min, prefer=_alone_in_line(cells, 1))
    return {key: res for key, (_, res) in cells.items()}


def _columns(con, ind: Indicator, per: Period, flt, rows: Dimension, cols: Dimension, values: list[str], years):
    """Each column's filters, total and breakdown by `rows` (the column's value as a filter on `cols`): read from
    kept aggregates, else from one keyed cross table and the breakdown by `cols` (two queries, not one per
    column). A cross table's cell holds exactly the units of its row under its column's filter."""
    flts = {col: normalize_filters({**flt, cols.id: [col]}) for col in values}
    served = {col: _served([ind], per, f, rows, years) for col, f in flts.items()}
    if all(served.values()):
        return {col: (flts[col], *served[col]) for col in values}
    base = {k: v for k, v in flt.items() if k != cols.id}
    cells = _grid_raws(con, [ind], per, base, rows, cols, years, keys=True)[ind.id].values()
    _, by_col = _raws(con, [ind], per, base, cols, years=years)
    out = {}
    for col in values:
        total, groups = _slice(ind, per, cells, by_col[ind.id], cols.id, col, rows)
        out[col] = (flts[col], {ind.id: total}, {ind.id: groups})
    return out


def _alone_in_line(cells: dict[tuple[str, str], tuple[Raw, Result]], axis: int):
    """Rank a partner last when every other cell of its line (axis 1: its column, 0: its row) is empty
    (shown as 0): that line's published total would then give the partner away."""

    def rank(cell: tuple[Raw, Result]) -> tuple[bool]:
        line = next(key[axis] for key, (_, res) in cells.items() if res is cell[1])
        others = [raw for key, (raw, res) in cells.items() if key[axis] == line and res is not cell[1]]
        return (not any(raw.n > 0 for raw in others),)

    return rank


def _group_order(con: duckdb.DuckDBPyConnection, dim: Dimension) -> dict[str, int]:
    """Display position of each value of the dimension (looked up once per compute, not per indicator)."""
    return {v: i for i, v in enumerate(dimension_values(con, dim.id))}


def _ordered(order: dict[str, int], dim: Dimension, raws: list[Raw]) -> list[Raw]:
    return sorted(
        raws, key=lambda r: (r.group[dim.id] == "Uoplyst", order.get(r.group[dim.id], len(order)), r.group[dim.id])
    )


def trend(
    con: duckdb.DuckDBPyConnection,
    indicators: list[str] | None,
    filters: dict[str, list[str]] | None = None,
    by: str | None = None,
    years: list[int] | None = None,
    min_n: int | None = None,
    protect: bool = True,
    years_tables: YearTables | None = None,
) -> list[Result]:
    """One result per indicator (and group) per year, from the first data year to the current year."""
    out: list[Result] = []
    for year in years or data_years(con):
        if year > date.today().year + 1:
            continue
        out += compute(con, indicators, year_period(int(year)), filters, by, min_n, protect, years_tables)
    return out
