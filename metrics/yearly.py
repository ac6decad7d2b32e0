"""Year tables: the episode CTEs of every calendar year, computed once per data version, so a year's figures
read small prepared tables instead of joining and grouping the whole history again (issue 11, speed).

For each year the tables hold exactly what the shared CTEs of `metrics.sql.base` give without filters:
- `aar_borger`: the active citizens (`cit`: age, sex, full target-group mask, record keys) with their past
  (`hist`: new in the year, first step, homeless) and their progression (`prog_cit`);
- `aar_forloeb`: the active episodes in the target range (`act_ep`, with the citizen's mask and keys);
- `aar_overgang`: the transitions ending in the year with the next episode's step (`transitions`);
- `aar_svar`: the survey answers dated in the year (`ans` without filters).

They are built by running those same CTEs (no second definition of any rule), and read back through
`year_ctes`, which applies filters the way `episode_ctes` does. A year's figures are therefore identical on
either path (tests/metrics/test_yearly.py checks every indicator, breakdown and filter). The tables live in a
database attached to the connection (`ATTACH ':memory:'`, compressed), one per data version; a process
builds them in the background and computes live until they are ready (see ui/yearly.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from metrics.dimensions import DIMENSIONS
from metrics.periods import year_period
from metrics.sql import episodes as ep_sql
from metrics.sql import progression as prog_sql
from metrics.sql.base import ANSWERS_SQL, _mask_pred, answer_cte, episode_ctes, filter_pred
from metrics.types import Period

# Table name → the SELECT over the unfiltered episode CTEs of one year (`{year}` is the year).
_TABLES: dict[str, str] = {
    "aar_borger": (
        "SELECT {year} AS aar, c.borger_id, c.alder, c.koen, c.gmask, c.crk, c.crk2, h.is_new, h.first_trin, "
        "h.homeless, p.last_any, p.change FROM cit c LEFT JOIN hist h USING (borger_id) "
        "LEFT JOIN prog_cit p USING (borger_id)"
    ),
    "aar_forloeb": "SELECT {year} AS aar, * FROM act_ep",
    "aar_overgang": "SELECT {year} AS aar, * FROM transitions",
}
_ANSWERS = "aar_svar"  # the answers need none of the episode CTEs


@dataclass(frozen=True)
class YearTables:
    """Year tables ready to read: the attached database holding them, the years built and the data version."""

    schema: str
    years: frozenset[int]
    version: str

    def covers(self, per: Period) -> bool:
        """True when the period is a whole calendar year that was built."""
        return (
            per.start.year == per.end.year
            and (per.start.month, per.start.day, per.end.month, per.end.day) == (1, 1, 12, 31)
            and per.start.year in self.years
        )


def _year_sql(table: str, year: int) -> str:
    if table == _ANSWERS:
        return f"SELECT {int(year)} AS aar, * FROM ({ANSWERS_SQL})"
    ctes = episode_ctes({}, "målgruppe", {"new", "housing"}, keys=True)
    ctes += list({**ep_sql.EXTRA_CTES, **prog_sql.EXTRA_CTES}.items())
    with_sql = ",\n".join(f"{name} AS MATERIALIZED ({body})" for name, body in ctes)
    return f"WITH {with_sql}\n" + _TABLES[table].format(year=int(year))


def build(con: duckdb.DuckDBPyConnection, schema: str, years: list[int]) -> YearTables:
    """Build the year tables into the attached database `schema` from the store `con` reads (one snapshot:
    the caller runs this inside a transaction and records the version it read there)."""
    for i, year in enumerate(years):
        per = year_period(year)
        params = {"start": per.start, "end": per.end, "end_year": per.end.year}
        for table in [*_TABLES, _ANSWERS]:
            head = f"CREATE TABLE {schema}.{table} AS " if i == 0 else f"INSERT INTO {schema}.{table} "
            con.execute(head + _year_sql(table, year), params)
    return YearTables(schema, frozenset(years), "")


def year_ctes(filters: dict[str, list[str]], schema: str) -> list[tuple[str, str]]:
    """The CTEs the unit queries read (`cit`, `cit_f`, `act_ep`, `pop`, `hist`, `transitions`, `prog_cit`),
    from the year tables of `$end_year`, restricted by the filters as `episode_ctes` restricts them."""
    dims = [DIMENSIONS[d] for d in filters]
    cit_preds = [
        _mask_pred(d, filters[d.id]) if d.id == "målgruppe" else filter_pred(d, d.citizen_sql)
        for d in dims
        if d.scope == "citizen"
    ]
    ep_preds = [filter_pred(d, d.episode_sql) for d in dims if d.scope == "episode"]
    # An episode counts when it matches the episode filters and its citizen the citizen filters.
    ep_where = " AND ".join(
        ["aar = $end_year", *ep_preds] + (["borger_id IN (SELECT borger_id FROM cit_f)"] if cit_preds else [])
    )
    pop = "SELECT *, gmask AS cgm FROM cit_f"
    if ep_preds:
        pop += " WHERE borger_id IN (SELECT borger_id FROM act_ep)"
    return [
        ("cit", f"SELECT * EXCLUDE (aar) FROM {schema}.aar_borger WHERE aar = $end_year"),
        ("cit_f", "SELECT * FROM cit" + (" WHERE " + " AND ".join(cit_preds) if cit_preds else "")),
        ("act_ep", f"SELECT * EXCLUDE (aar) FROM {schema}.aar_forloeb WHERE {ep_where}"),
        ("pop", pop),
        ("hist", "SELECT borger_id, is_new, first_trin, homeless FROM cit"),
        ("transitions", f"SELECT * EXCLUDE (aar) FROM {schema}.aar_overgang WHERE {ep_where}"),
        ("prog_cit", "SELECT borger_id, last_any, change FROM cit WHERE change IS NOT NULL"),
    ]


def year_answer_cte(filters: dict[str, list[str]], schema: str) -> tuple[str, str]:
    """The `ans` CTE (survey answers of $end_year, filtered) from the year tables."""
    return answer_cte(filters, f"SELECT * EXCLUDE (aar) FROM {schema}.{_ANSWERS} WHERE aar = $end_year")
