"""Year tables: the episode CTEs of every calendar year, half-year and quarter, computed once per data version, so such a period's figures read small prepared tables instead of
joining and grouping the whole history again (issue 11, speed).

For each prepared period the tables hold exactly what the shared CTEs of `metrics.sql.base` give without
filters (each row carries its period as `fra`, `til`):
- `periode_borger`: the active citizens (`cit`: age, sex, full target-group mask, record keys) with their past
  (`hist`: new in the period, first step, homeless) and their progression (`prog_cit`);
- `periode_forloeb`: the active episodes in the target range (`act_ep`, with the citizen's mask and keys);
- `periode_overgang`: the transitions ending in the period with the next episode's step (`transitions`);
- `periode_svar`: the survey answers dated in the period (`ans` without filters).

They are built by running those same CTEs (no second definition of any rule), and read back through
`year_ctes`, which applies filters the way `episode_ctes` does. A prepared period's figures are therefore
identical on either path (tests/metrics/test_yearly.py checks every indicator, breakdown and filter). The
tables live in a database attached to the store's connection, one per data version; the dashboard builds
them in the background and computes from the stored tables until they are ready (see ui/yearly.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from metrics import shared_aggregates
from metrics.periods import half_period, quarter_period, year_period
from metrics.sql import episodes as ep_sql
from metrics.sql import progression as prog_sql
from metrics.sql.base import ANSWERS_SQL, answer_cte, episode_ctes, filter_preds, used_params, with_clause
from metrics.types import Period

# Table name → the SELECT over the unfiltered episode CTEs of one period ($start, $end).
_TABLES: dict[str, str] = {
    "periode_borger": (
        "SELECT $start AS fra, $end AS til, c.borger_id, c.alder, c.koen, c.gmask, c.crk, c.crk2, h.is_new, h.first_trin, "
        "h.homeless, p.last_any, p.change FROM cit c LEFT JOIN hist h USING (borger_id) "
        "LEFT JOIN prog_cit p USING (borger_id)"
    ),
    "periode_forloeb": "SELECT $start AS fra, $end AS til, * FROM act_ep",
    "periode_overgang": "SELECT $start AS fra, $end AS til, * FROM transitions",
}
_ANSWERS = "periode_svar"  # the answers need none of the episode CTEs


@dataclass(frozen=True)
class YearTables:
    """Prepared tables ready to read: the attached database holding them, the periods built (start, end) and
    the data version they were built from."""

    schema: str
    periods: frozenset[tuple[date, date]]
    version: str

    def covers(self, per: Period) -> bool:
        """True when the period was prepared."""
        return (per.start, per.end) in self.periods


def schema_for(tables: YearTables | None, per: Period) -> str | None:
    """The attached database holding the period's prepared tables, or None (compute from the stored tables)."""
    return tables.schema if tables is not None and tables.covers(per) else None


def prepared_periods(years: list[int]) -> list[list[Period]]:
    """The periods prepared, in the order they are built: every year first, then each year's half-years and
    quarters, newest year first (the figures people open most are ready soonest)."""
    stages = [[year_period(y) for y in years]]
    for y in sorted(years, reverse=True):
        stages.append([half_period(y, h) for h in (1, 2)] + [quarter_period(y, q) for q in (1, 2, 3, 4)])
    return stages


def _period_sql(table: str, schema: str) -> str:
    """The SELECT of one table's rows for the period ($start, $end). The later tables read the earlier ones
    (the citizens, then the episodes) instead of running the whole chain of CTEs again."""
    if table == _ANSWERS:
        return f"SELECT $start AS fra, $end AS til, * FROM ({ANSWERS_SQL})"
    ctes = episode_ctes({}, "målgruppe", {"new", "housing"}, keys=True)
    this_period = "WHERE fra = $start AND til = $end"
    if table == "periode_borger":
        ctes += list({**ep_sql.EXTRA_CTES, **prog_sql.EXTRA_CTES}.items())
    elif table == "periode_forloeb":
        cit = f"SELECT borger_id, alder, koen, gmask, crk, crk2 FROM {schema}.periode_borger {this_period}"
        ctes = [(n, cit if n == "cit" else b) for n, b in ctes if n not in ("cit0", "early", "hist")]
    else:
        act_ep = f"SELECT * EXCLUDE (fra, til) FROM {schema}.periode_forloeb {this_period}"
        ctes = [c for c in ctes if c[0] == "kat"] + [("act_ep", act_ep)]
        ctes += [(n, ep_sql.EXTRA_CTES[n]) for n in ("trans", "transitions")]
    return with_clause(ctes) + _TABLES[table]


def build(con: duckdb.DuckDBPyConnection, schema: str, periods: list[Period], append: bool = False) -> YearTables:
    """Build the tables of these periods into the attached database `schema` from the store `con` reads (one
    snapshot: the caller runs this inside a transaction and records the version it read there); `append` adds
    them to tables built before."""
    if not append:  # new tables under this name: aggregates kept for the old ones no longer hold
        shared_aggregates.forget(schema)
    for i, per in enumerate(periods):
        params = {"start": per.start, "end": per.end, "end_year": per.end.year}
        for table in [*_TABLES, _ANSWERS]:
            sql = _period_sql(table, schema)
            head = f"INSERT INTO {schema}.{table} " if append or i else f"CREATE TABLE {schema}.{table} AS "
            con.execute(head + sql, used_params(sql, params))
    return YearTables(schema, frozenset((p.start, p.end) for p in periods), "")


def year_ctes(filters: dict[str, list[str]], schema: str) -> list[tuple[str, str]]:
    """The CTEs the unit queries read (`cit`, `cit_f`, `act_ep`, `pop`, `transitions`, `pop_hist`, `pop_prog`)
    from the prepared tables of the period ($start, $end), restricted by the filters as `episode_ctes` does."""
    cit_preds, ep_preds = filter_preds(filters)
    # An episode counts when it matches the episode filters and its citizen the citizen filters.
    ep_where = " AND ".join(
        ["fra = $start AND til = $end", *ep_preds]
        + (["borger_id IN (SELECT borger_id FROM cit_f)"] if cit_preds else [])
    )
    pop = "SELECT *, gmask AS cgm FROM cit_f"
    if ep_preds:
        pop += " WHERE borger_id IN (SELECT borger_id FROM act_ep)"
    return [
        ("cit", f"SELECT * EXCLUDE (fra, til) FROM {schema}.periode_borger WHERE fra = $start AND til = $end"),
        ("cit_f", "SELECT * FROM cit" + (" WHERE " + " AND ".join(cit_preds) if cit_preds else "")),
        ("act_ep", f"SELECT * EXCLUDE (fra, til) FROM {schema}.periode_forloeb WHERE {ep_where}"),
        ("pop", pop),
        ("transitions", f"SELECT * EXCLUDE (fra, til) FROM {schema}.periode_overgang WHERE {ep_where}"),
        # A prepared citizen row holds its past and progression: the counted citizens need no join for them.
        ("pop_hist", "SELECT * FROM pop"),
        ("pop_prog", "SELECT * FROM pop WHERE change IS NOT NULL"),
    ]


def year_answer_cte(filters: dict[str, list[str]], schema: str) -> tuple[str, str]:
    """The `ans` CTE (survey answers of the period, filtered) from the prepared tables."""
    return answer_cte(
        filters, f"SELECT * EXCLUDE (fra, til) FROM {schema}.{_ANSWERS} WHERE fra = $start AND til = $end"
    )
