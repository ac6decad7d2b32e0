"""Figures for the pages beyond one-number indicators: citizens by step, flows between steps, waiting
times, the WHO-5 distribution and data quality. Every figure is suppressed before it is returned."""

from __future__ import annotations

import duckdb
import pandas as pd

from metrics.engine import _params, normalize_filters, resolve_min_n
from metrics.periods import data_years, parse_period, year_period
from metrics.population import MIN_AGE, bucket_whens_sql, in_range_sql, pension_age_sql
from metrics.sql import episodes as ep_sql
from metrics.sql import survey as sv_sql
from metrics.sql.base import answer_cte, episode_ctes, used_params, with_clause
from metrics.suppression import Raw, suppress, suppress_counts
from metrics.types import Period
from metrics.yearly import YearTables, schema_for, year_answer_cte, year_ctes
from schemas.extracts import EXTRACTS

# What an empty cell means by the contract (an empty slutdato = still ongoing) is declared on the column
# (schemas: Column.blank_means); such a column is listed with that meaning and never gets a note.

WAIT_BUCKETS = (("0-7 dage", 0, 7), ("8-14 dage", 8, 14), ("15-28 dage", 15, 28), ("29+ dage", 29, None))
WHO5_BUCKETS = (("0-20", 0, 20), ("21-35", 21, 35), ("36-50", 36, 50), ("51-70", 51, 70), ("71-100", 71, 100))


def _ctes(
    flt: dict[str, list[str]], per: Period, prepared: YearTables | None, transitions: bool = False
) -> list[tuple[str, str]]:
    """The episode CTEs, from the period's prepared tables when there are some (the same rows)."""
    if schema := schema_for(prepared, per):
        return year_ctes(flt, schema)
    extra = [(name, ep_sql.EXTRA_CTES[name]) for name in ("trans", "transitions")] if transitions else []
    return episode_ctes(flt) + extra


def _answers(flt: dict[str, list[str]], per: Period, prepared: YearTables | None) -> tuple[str, str]:
    if schema := schema_for(prepared, per):
        return year_answer_cte(flt, schema)
    return answer_cte(flt)


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: dict) -> list[tuple]:
    return con.execute(sql, used_params(sql, params)).fetchall()


def _bucket_sql(expr: str, buckets: tuple) -> str:
    return f"(CASE {bucket_whens_sql(expr, buckets)} END)"


_CK = "coalesce(sum(rk), 0) % 256"  # a count's cell key: its units' record keys summed mod 256
_BK = "LEFT JOIN borger_keys USING (borger_id)"  # the record keys of rows read straight from the stored tables
# Citizens, episodes and transitions of the shared CTEs carry their citizen's record key as `crk` (the
# borger_keys join happens once there), so their counts need no second join.
_CCK = "coalesce(sum(crk), 0) % 256"


def _total(pairs: list[tuple[int, int]], key_sum: int) -> tuple[int, int]:
    return sum(c for c, _ in pairs), key_sum % 256


def _count_frame(
    labels: list, counts: dict, min_n: int, total: tuple[int, int] | None, key: str, protect: bool
) -> pd.DataFrame:
    values = [counts.get(label, (0, 0)) for label in labels]
    shown = suppress_counts(values, min_n, total, protect)
    return pd.DataFrame(
        {key: labels, "count": pd.Series([v for v, _ in shown], dtype="object"), "display": [d for _, d in shown]}
    )


def citizens_by_step(
    con: duckdb.DuckDBPyConnection,
    years: list[int] | None = None,
    filters: dict[str, list[str]] | None = None,
    min_n: int | None = None,
    period: Period | str | None = None,
    protect: bool = True,
    prepared: YearTables | None = None,
) -> pd.DataFrame:
    """Active citizens per step and year (a citizen counts at each step of their active episodes)."""
    n_min, flt = resolve_min_n(min_n, protect), normalize_filters(filters)
    steps = [r[0] for r in con.execute("SELECT DISTINCT trin FROM katalog ORDER BY trin").fetchall()]
    rows: list[dict] = []
    for year in years or data_years(con):
        per = year_period(int(year))
        sql = with_clause(_ctes(flt, per, prepared)) + (
            f"SELECT trin, count(*), {_CCK} FROM (SELECT DISTINCT trin, borger_id, crk FROM act_ep WHERE trin IS NOT "
            f"NULL) GROUP BY trin UNION ALL SELECT NULL, count(*), {_CCK} FROM pop"
        )
        got = _rows(con, sql, _params(per, flt))
        counts = {t: (int(c), int(ck)) for t, c, ck in got if t is not None}
        total = next((int(c), int(ck)) for t, c, ck in got if t is None)
        total_hidden = 1 <= total[0] < n_min
        shown = suppress_counts([counts.get(s, (0, 0)) for s in steps], n_min, None if total_hidden else total, protect)
        rows += [
            {"year": int(year), "trin": s, "display": d, "value": v} for s, (v, d) in zip(steps, shown, strict=True)
        ]
    frame = pd.DataFrame(rows, columns=["year", "trin", "display", "value"])
    frame["value"] = pd.Series([r["value"] for r in rows], dtype="object")
    return frame


def step_flows(
    con: duckdb.DuckDBPyConnection,
    period: Period | str | None = None,
    filters: dict[str, list[str]] | None = None,
    min_n: int | None = None,
    protect: bool = True,
    prepared: YearTables | None = None,
) -> pd.DataFrame:
    """Seamless transitions between steps in the period (from the ended episode's step to the next's)."""
    n_min, flt, per = resolve_min_n(min_n, protect), normalize_filters(filters), parse_period(period)
    got = _rows(
        con,
        with_clause(_ctes(flt, per, prepared, transitions=True))
        + "SELECT trin, next_trin, count(*), sum(coalesce(crk, 0)) FROM transitions "
        "WHERE next_trin IS NOT NULL AND next_trin <> 9 AND trin IS NOT NULL GROUP BY ALL ORDER BY 1, 2",
        _params(per, flt),
    )
    if protect and any(1 <= int(c) < n_min for _, _, c, _ in got):
        # Beside a hidden flow the transitions that did not happen are listed too, shown like it (metrics.zeros):
        # otherwise the listed ones would each be known to hold someone, and the steps-down indicator's hidden
        # numerator (their sum) could pin them at 1.
        steps = [
            int(r[0])
            for r in con.execute("SELECT DISTINCT trin FROM katalog WHERE trin IS NOT NULL ORDER BY 1").fetchall()
        ]
        have = {(int(a), int(b)) for a, b, *_ in got}
        got = sorted([*got, *((a, b, 0, 0) for a in steps for b in steps if (a, b) not in have)])
    counts = [(int(c), int(ks) % 256) for _, _, c, ks in got]
    shown = suppress_counts(counts, n_min, _total(counts, sum(int(ks) for *_, ks in got)), protect)
    return pd.DataFrame(
        {
            "from_trin": [int(a) for a, *_ in got],
            "to_trin": [int(b) for _, b, *_ in got],
            "count": pd.Series([v for v, _ in shown], dtype="object"),
            "display": [d for _, d in shown],
        },
        columns=["from_trin", "to_trin", "count", "display"],
    )


def waiting_times(
    con: duckdb.DuckDBPyConnection,
    period: Period | str | None = None,
    filters: dict[str, list[str]] | None = None,
    min_n: int | None = None,
    protect: bool = True,
    prepared: YearTables | None = None,
) -> pd.DataFrame:
    """Treatment episodes starting in the period by waiting time (henvisningsdato → startdato)."""
    n_min, flt, per = resolve_min_n(min_n, protect), normalize_filters(filters), parse_period(period)
    bucket = _bucket_sql("date_diff('day', henvisningsdato, startdato)", WAIT_BUCKETS)
    got = _rows(
        con,
        with_clause(_ctes(flt, per, prepared)) + f"SELECT {bucket}, count(*), sum(coalesce(crk, 0)) FROM act_ep "
        "WHERE beh AND startdato BETWEEN $start AND $end AND henvisningsdato IS NOT NULL GROUP BY ALL",
        _params(per, flt),
    )
    return _bucket_frame(WAIT_BUCKETS, got, n_min, protect)


def who5_distribution(
    con: duckdb.DuckDBPyConnection,
    period: Period | str | None = None,
    filters: dict[str, list[str]] | None = None,
    min_n: int | None = None,
    protect: bool = True,
    prepared: YearTables | None = None,
) -> pd.DataFrame:
    """Survey answers with all five WHO-5 items by score band (0-100)."""
    n_min, flt, per = resolve_min_n(min_n, protect), normalize_filters(filters), parse_period(period)
    bucket = _bucket_sql(sv_sql.WHO5_SCORE, WHO5_BUCKETS)
    got = _rows(
        con,
        with_clause([_answers(flt, per, prepared)])
        + f"SELECT {bucket}, count(*), sum(coalesce(rk, 0)) FROM ans WHERE {sv_sql.WHO5_COMPLETE} GROUP BY ALL",
        _params(per, flt),
    )
    return _bucket_frame(WHO5_BUCKETS, got, n_min, protect)


def _bucket_frame(buckets: tuple, got: list[tuple], n_min: int, protect: bool) -> pd.DataFrame:
    """Counts per bucket with their cell keys, protected against the total over all buckets."""
    counts = {label: (int(c), int(ks) % 256) for label, c, ks in got}
    total = _total(list(counts.values()), sum(int(ks) for *_, ks in got))
    return _count_frame([b[0] for b in buckets], counts, n_min, total, "bucket", protect)


def _run(con: duckdb.DuckDBPyConnection, sql: str, params: dict) -> tuple:
    """Execute with only the named parameters the statement uses (DuckDB refuses extra ones)."""
    return con.execute(sql, used_params(sql, params)).fetchone()


def _count_note(count: tuple[int, int], n_min: int, protect: bool) -> dict:
    res = suppress([Raw("", "", {}, "count", int(count[0]), ck_n=int(count[1]) % 256)], n_min, protect=protect)[0]
    return {"antal": None if res.suppressed else res.value, "visning": res.display}


_ROW_KEYS = {
    "indsatser": ("borger_keys", "borger_id"),
    "progression": ("borger_keys", "borger_id"),
    "borgeroplevelse": ("besvarelse_keys", "besvarelse_id"),
}


def data_quality(
    con: duckdb.DuckDBPyConnection,
    period: Period | str | None = None,
    min_n: int | None = None,
    filters: dict[str, list[str]] | None = None,
    protect: bool = True,
) -> dict:
    """Data-quality figures for the period, Danish-labelled and protected; `noter` lists them as sentences."""
    n_min, per = resolve_min_n(min_n, protect), parse_period(period)
    params = _params(per, {})
    active = "startdato <= $end AND (slutdato IS NULL OR slutdato >= $start)"
    age = "($end_year - foedselsaar)"
    young, old = f"{age} < {MIN_AGE}", f"{age} >= {pension_age_sql('foedselsaar')}"
    n_young, k_young, n_old, k_old = _run(
        con,
        f"SELECT count(*) FILTER (WHERE {young}), coalesce(sum(rk) FILTER (WHERE {young}), 0), "
        f"count(*) FILTER (WHERE {old}), coalesce(sum(rk) FILTER (WHERE {old}), 0) "
        f"FROM (SELECT DISTINCT borger_id, foedselsaar FROM indsatser WHERE {active}) {_BK}",
        params,
    )
    no_reason = _run(
        con,
        f"SELECT count(*), {_CK} FROM indsatser {_BK} WHERE {active} AND slutdato IS NOT NULL "
        "AND (afslutningsaarsag IS NULL OR trim(afslutningsaarsag) = '')",
        params,
    )
    answers_out = _run(
        con,
        f"SELECT count(*), {_CK} FROM borgeroplevelse LEFT JOIN besvarelse_keys USING (besvarelse_id) "
        f"WHERE dato BETWEEN $start AND $end AND foedselsaar IS NOT NULL AND NOT {in_range_sql('foedselsaar', age)}",
        params,
    )
    where = {
        "indsatser": active,
        "progression": "maaledato BETWEEN $start AND $end",
        "borgeroplevelse": "dato BETWEEN $start AND $end",
    }
    missing: list[dict] = []
    for extract in EXTRACTS.values():
        cols = [c for c in extract.columns if not c.required]
        if not cols:
            continue
        by_name = {c.name: c for c in extract.columns}
        exprs = []
        for c in cols:
            # A column that applies only when another is filled (afslutningsårsag when slutdato is) is
            # measured among those rows; its own count and record-key sum make the denominator.
            applies = f"{by_name[c.applies_when].sql} IS NOT NULL" if c.applies_when else "true"
            empty = f"({c.sql} IS NULL" + (f" OR len({c.sql}) = 0" if c.sql_type.endswith("[]") else "") + ")"
            for cond in (applies, f"{applies} AND {empty}"):
                exprs.append(f"count(*) FILTER (WHERE {cond}), coalesce(sum(rk) FILTER (WHERE {cond}), 0) % 256")
        keys, id_col = _ROW_KEYS[extract.id]
        got = _run(
            con,
            f"SELECT {', '.join(exprs)} FROM {extract.table} LEFT JOIN {keys} USING ({id_col}) "
            f"WHERE {where[extract.id]}",
            params,
        )
        for i, col in enumerate(cols):
            total, ck_total, k, ck_k = (int(v) for v in got[4 * i : 4 * i + 4])
            raw = Raw("", "", {}, "share", total, k, ck_n=ck_total, ck_k=ck_k)
            res = suppress([raw], n_min, protect=protect)[0]
            missing.append(
                {
                    "udtræk": extract.title,
                    "kolonne": col.name,
                    "andel_mangler": None if res.suppressed else res.value,
                    "visning": res.display,
                    "tom_betyder": col.blank_means,
                    "gælder_når": col.applies_when,
                }
            )
    under, over = (int(n_young), int(k_young)), (int(n_old), int(k_old))
    no_reason, answers_out = (int(no_reason[0]), int(no_reason[1])), (int(answers_out[0]), int(answers_out[1]))
    out = {
        "periode": per.label,
        "uden_for_aldersgruppen": [
            {"årsag": "Under 16 år", **_count_note(under, n_min, protect)},
            {"årsag": "Folkepensionsalderen eller derover", **_count_note(over, n_min, protect)},
        ],
        "manglende_vaerdier": missing,
        "slutdato_uden_afslutningsaarsag": _count_note(no_reason, n_min, protect),
        "besvarelser_uden_for_aldersgruppen": _count_note(answers_out, n_min, protect),
    }
    out["noter"] = _notes(out)
    return out


def _notes(q: dict) -> list[str]:
    """Danish sentences for the figures worth a note (nothing for zeros)."""
    notes = []
    for row in q["uden_for_aldersgruppen"]:
        if row["visning"] != "0":
            notes.append(
                f"{row['visning']} borgere med aktive forløb er uden for målgruppens alder ({row['årsag'].lower()}) "
                "og indgår ikke i indikatorerne."
            )
    if q["besvarelser_uden_for_aldersgruppen"]["visning"] != "0":
        notes.append(
            f"{q['besvarelser_uden_for_aldersgruppen']['visning']} besvarelser har et fødselsår uden for "
            "målgruppens alder og indgår ikke."
        )
    if q["slutdato_uden_afslutningsaarsag"]["visning"] != "0":
        notes.append(
            f"{q['slutdato_uden_afslutningsaarsag']['visning']} forløb har en slutdato, men ingen afslutningsårsag."
        )
    for row in q["manglende_vaerdier"]:
        if row.get("tom_betyder"):
            continue  # empty has a meaning by the contract (e.g. slutdato: ongoing): not a data-quality problem
        if row["andel_mangler"] is not None and row["andel_mangler"] >= 0.25:
            among = f"de afsluttede forløb ('{row['gælder_når']}' udfyldt)" if row.get("gælder_når") else "rækkerne"
            notes.append(f"{row['udtræk']}: '{row['kolonne']}' mangler i {row['visning']} af {among} i perioden.")
    return notes
