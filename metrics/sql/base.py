"""Common CTEs: the catalogue, active episodes in the target range, citizens, filters and groups.

Named parameters bound at execution: $start, $end (DATE), $end_year (INTEGER) and one VARCHAR[]
per filter ($f_<url_param>). CTE names every indicator can read:

- `act`: episodes active in the period of citizens in the target range, with catalogue fields and `gmask`
  (the episode's target groups as a bit mask, only the bits the query needs).
- `cit0`: per citizen of `act`: age, sex, union of the masks, and what the history needs.
- `early`, `hist` (when needed): per citizen, new in the period / first step / latest housing status, from
  the episodes before the period of only the citizens whose past matters.
- `cit`: one row per citizen of `act` (alder, koen, gmask = bit mask of target groups incl. derived ones).
- `cit_f`: `cit` restricted by the citizen filters (age, sex, target group).
- `act_ep`: `act` restricted by the episode filters (focus area, intervention, provider) and `cit_f`.
- `pop`: citizens counted by citizen-level indicators: `cit_f` with at least one `act_ep` episode.
"""

from __future__ import annotations

import re

from metrics.dimensions import DIMENSIONS, Dimension
from metrics.population import in_range_sql
from schemas.catalogue import HOUSING_FIRST_PREFIX
from schemas.extracts import HJEMLOES_BOLIG, MAALGRUPPER, RUSMIDLER

EPISODE_COLS = (
    "borger_id, foedselsaar, koen, indsats, henvisningsdato, startdato, slutdato, afslutningsaarsag, "
    "leverandoer, maalgrupper, bolig_start, bolig_slut, beskaeftigelse_slut, skift_kontaktperson, handleplan"
)


def sql_list(values: tuple[str, ...]) -> str:
    """A SQL list literal of fixed (code-defined, never user-given) strings."""
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


HOMELESS = sql_list(HJEMLOES_BOLIG)


def derived_groups_sql(groups: str) -> str:
    """Target groups with the derived dual diagnosis (contract) added to a VARCHAR[] expression."""
    dual = (
        f"(list_contains({groups}, 'Dobbeltdiagnose') OR "
        f"(list_contains({groups}, 'Sindslidelse') AND list_has_any({groups}, {sql_list(RUSMIDLER)})))"
    )
    return (
        f"list_distinct(list_filter({groups}, lambda g: g <> 'Dobbeltdiagnose') || "
        f"CASE WHEN {dual} THEN ['Dobbeltdiagnose'] ELSE [] END)"
    )


_BIT = {g: i for i, g in enumerate(MAALGRUPPER)}


def _bits(groups: tuple[str, ...]) -> int:
    return sum(1 << _BIT[g] for g in groups)


def group_mask_sql(groups: str, wanted: tuple[str, ...] = MAALGRUPPER) -> str:
    """Bit mask (BIGINT) of the wanted target groups in a VARCHAR[] expression (bit i = MAALGRUPPER[i])."""
    if not wanted:
        return "0::BIGINT"
    parts = [f"CASE WHEN list_contains({groups}, '{g}') THEN {1 << _BIT[g]} ELSE 0 END" for g in wanted]
    return "(" + " + ".join(parts) + ")::BIGINT"


def wanted_groups(filters: dict[str, list[str]], by: str | None) -> tuple[str, ...]:
    """The target groups whose bits the query needs (all for a breakdown; the filtered ones and what derives them)."""
    if by == "målgruppe":
        return MAALGRUPPER
    chosen = set(filters.get("målgruppe", []))
    if "Uoplyst" in chosen:
        return MAALGRUPPER  # 'no target group' can only be told from the full mask
    if "Dobbeltdiagnose" in chosen:
        chosen |= {"Sindslidelse", *RUSMIDLER}
    return tuple(g for g in MAALGRUPPER if g in chosen)


def derived_mask_sql(mask: str, homeless: str) -> str:
    """The citizen's mask with derived dual diagnosis and (when `homeless` is true) homelessness added."""
    dd, sind, rus, hj = _bits(("Dobbeltdiagnose",)), _bits(("Sindslidelse",)), _bits(RUSMIDLER), _bits(("Hjemløshed",))
    return (
        f"({mask} | CASE WHEN ({mask} & {sind}) <> 0 AND ({mask} & {rus}) <> 0 THEN {dd} ELSE 0 END "
        f"| CASE WHEN {homeless} THEN {hj} ELSE 0 END)"
    )


def with_clause(ctes: list[tuple[str, str]], materialized: set[str] | None = None) -> str:
    """`WITH name AS (body), ...` and a newline; the named CTEs (all when None) computed once (MATERIALIZED)."""
    parts = [
        f"{name} AS {'MATERIALIZED ' if materialized is None or name in materialized else ''}({body})"
        for name, body in ctes
    ]
    return "WITH " + ",\n".join(parts) + "\n"


def used_params(sql: str, params: dict) -> dict:
    """The named parameters the statement uses: DuckDB refuses extra ones (`$end` is not `$end_year`)."""
    return {k: v for k, v in params.items() if re.search(rf"\${k}\b", sql)}


def filter_param(dim: Dimension) -> str:
    """The parameter name of a dimension's filter list."""
    return f"f_{dim.url_param}"


def filter_pred(dim: Dimension, expr: str) -> str:
    """SQL predicate: the dimension's value(s) in `expr` match the filter list."""
    param = "$" + filter_param(dim)
    return f"list_has_any({expr}, {param})" if dim.is_list else f"list_contains({param}, {expr})"


def _mask_pred(dim: Dimension, values: list[str]) -> str:
    """Target-group filter on the citizen's bit mask (fast); 'Uoplyst' matches citizens without groups."""
    mask = _bits(tuple(v for v in values if v in _BIT))
    return f"((gmask & {mask}) <> 0 OR (gmask = 0 AND list_contains(${filter_param(dim)}, 'Uoplyst')))"


def filter_preds(filters: dict[str, list[str]]) -> tuple[list[str], list[str]]:
    """The filters as SQL predicates: on a citizen row (`cit`: alder, koen, gmask) and on an episode row."""
    dims = [DIMENSIONS[d] for d in filters]
    cit_preds = [
        _mask_pred(d, filters[d.id]) if d.id == "målgruppe" else filter_pred(d, d.citizen_sql)
        for d in dims
        if d.scope == "citizen"
    ]
    return cit_preds, [filter_pred(d, d.episode_sql) for d in dims if d.scope == "episode"]


_EPOCH = "DATE '1900-01-01'"


def housing_obs_sql(day: str, status: str) -> str:
    """A housing observation coded as days * 2 + homeless (max = latest, a tie goes to homeless); NULL when the
    status is unknown ('Ukendt', empty) or dated after period_end."""
    return (
        f"CASE WHEN {day} <= $end AND {status} IS NOT NULL AND trim({status}) <> '' AND {status} <> 'Ukendt' "
        f"THEN date_diff('day', {_EPOCH}, {day}) * 2 + list_contains({HOMELESS}, {status})::INTEGER END"
    )


_OBS_ACT = (
    f"greatest(max({housing_obs_sql('a.startdato', 'a.bolig_start')}), "
    f"max({housing_obs_sql('a.slutdato', 'a.bolig_slut')}))"
)
_OBS_ALL = (
    f"greatest(max({housing_obs_sql('e.startdato', 'e.bolig_start')}), "
    f"max({housing_obs_sql('e.slutdato', 'e.bolig_slut')}))"
)
# Citizens whose history before the period matters: possibly new (every active episode starts in the period),
# or without a known housing status dated in the period (an older, inactive episode may hold the latest).
_NEEDS_EARLY = {
    "new": "min_start >= $start",
    "housing": f"act_obs IS NULL OR act_obs < date_diff('day', {_EPOCH}, $start) * 2",
}


def early_sql(parts: set[str]) -> str:
    """Episodes starting before the period of the citizens whose past matters for `parts` ('new', 'housing'):
    whether there is one, and their latest housing status."""
    cond = " OR ".join(f"({_NEEDS_EARLY[p]})" for p in sorted(parts))
    obs = _OBS_ALL if "housing" in parts else "NULL::BIGINT"
    return (
        f"SELECT e.borger_id, {obs} AS old_obs FROM indsatser e WHERE e.startdato < $start "
        f"AND e.borger_id IN (SELECT borger_id FROM cit0 WHERE {cond}) GROUP BY e.borger_id"
    )


# Per active citizen: new (earliest episode in all data starts in the period), the first episode's step
# (earliest start; on a tie the lowest step, 9 = unknown) and whether the latest known housing status on or
# before period_end is homeless (NULL: none known). Observations are (startdato, bolig_start) and
# (slutdato, bolig_slut) of all the citizen's episodes. A new citizen's episodes all start in the period, so
# the first one is active; an inactive episode ended before the period, so its statuses are older than any
# status dated in the period.
HIST = (
    "SELECT c.borger_id, c.min_start >= $start AND o.borger_id IS NULL AS is_new, c.first_code % 10 AS first_trin, "
    "greatest(c.act_obs, o.old_obs) % 2 = 1 AS homeless FROM cit0 c LEFT JOIN early o USING (borger_id)"
)


def episode_ctes(
    filters: dict[str, list[str]],
    by: str | None = None,
    history: set[str] | frozenset[str] = frozenset(),
    keys: bool = True,
) -> list[tuple[str, str]]:
    """The shared episode CTEs (name, body), restricted by the given filters (keys are dimension ids);
    `history` ('new', 'housing') adds `hist` with what the indicators need of the citizens' past. Citizens
    and episodes carry the citizen's record keys as `crk`, `crk2` (joined once here, not per indicator);
    `keys=False` leaves them NULL (exact figures need no keys)."""
    wanted = wanted_groups(filters, by)
    cit_preds, ep_preds = filter_preds(filters)
    homeless_obs = (
        f"list_contains({HOMELESS}, a.bolig_start) OR (a.slutdato <= $end AND list_contains({HOMELESS}, a.bolig_slut))"
    )
    ctes = [
        (
            "kat",
            "SELECT indsats, trin, fokusomraader, "
            f"coalesce(starts_with(lower(trim(metode)), '{HOUSING_FIRST_PREFIX.lower()}'), false) AS hf, "
            "coalesce(behandling, false) AS beh FROM katalog",
        ),
        (
            "act",
            f"SELECT e.* EXCLUDE (maalgrupper), k.trin, k.fokusomraader, coalesce(k.hf, false) AS hf, "
            "coalesce(k.beh, false) AS beh "
            f"FROM (SELECT {EPISODE_COLS}, $end_year - foedselsaar AS alder, "
            f"{group_mask_sql('maalgrupper', wanted)} AS gmask FROM indsatser "
            "WHERE startdato <= $end AND (slutdato IS NULL OR slutdato >= $start)) e "
            "LEFT JOIN kat k USING (indsats) "
            f"WHERE {in_range_sql('e.foedselsaar', 'e.alder')}",
        ),
    ]
    parts = set(history) | ({"housing"} if "Hjemløshed" in wanted else set())
    need_hist = bool(parts)
    hist_cols = ""
    if need_hist:
        hist_cols += (
            f", min(a.startdato) AS min_start, min(date_diff('day', {_EPOCH}, a.startdato) * 10 + coalesce(a.trin, 9)) "
            "AS first_code"
            if "new" in parts
            else ", NULL::DATE AS min_start, NULL::BIGINT AS first_code"
        )
        hist_cols += f", {_OBS_ACT} AS act_obs" if "housing" in parts else ", NULL::BIGINT AS act_obs"
    hobs = f", coalesce(bool_or({homeless_obs}), false) AS hobs" if "Hjemløshed" in wanted else ""
    ctes.append(
        (
            "cit0",
            "SELECT a.borger_id, min(a.alder) AS alder, min(a.koen) AS koen, bit_or(a.gmask) AS gm"
            + hobs
            + hist_cols
            + " FROM act a GROUP BY a.borger_id",
        )
    )
    if need_hist:
        ctes += [("early", early_sql(parts)), ("hist", HIST)]
    homeless = "hobs OR coalesce(h.homeless, false)" if "Hjemløshed" in wanted else "false"
    ctes.append(
        (
            "cit",
            # Target groups: union over the active episodes (as a bit mask), plus derived dual diagnosis, plus
            # derived homelessness: a homeless housing status at the start of an active episode, at its end on
            # or before period_end, or as the latest known status on or before period_end (hjemloese_andel).
            "SELECT c.borger_id, c.alder, c.koen, "
            + derived_mask_sql("c.gm", homeless)
            + (
                " AS gmask, bk.rk AS crk, bk.rk2 AS crk2 FROM cit0 c LEFT JOIN borger_keys bk USING (borger_id)"
                if keys
                else " AS gmask, NULL::SMALLINT AS crk, NULL::SMALLINT AS crk2 FROM cit0 c"
            )
            + (" LEFT JOIN hist h USING (borger_id)" if "Hjemløshed" in wanted else ""),
        )
    )
    if cit_preds:
        ctes.append(("cit_f", "SELECT * FROM cit WHERE " + " AND ".join(cit_preds)))
    else:
        ctes.append(("cit_f", "SELECT * FROM cit"))
    # act_ep and pop carry `cgm`, the citizen's target-group mask (for a breakdown by target group).
    ep_where = list(ep_preds)
    if by == "målgruppe":
        act_ep = (
            "SELECT a.*, c.gmask AS cgm, c.crk, c.crk2 FROM act a "
            "JOIN (SELECT borger_id, gmask, crk, crk2 FROM cit_f) c USING (borger_id)"
        )
    elif keys:  # the join with the (filtered) citizens also restricts the episodes to them
        act_ep = (
            "SELECT a.*, NULL::BIGINT AS cgm, c.crk, c.crk2 FROM act a "
            "JOIN (SELECT borger_id, crk, crk2 FROM cit_f) c USING (borger_id)"
        )
    else:
        act_ep = "SELECT *, NULL::BIGINT AS cgm, NULL::SMALLINT AS crk, NULL::SMALLINT AS crk2 FROM act"
        if cit_preds:
            ep_where.append("borger_id IN (SELECT borger_id FROM cit_f)")
    ctes.append(("act_ep", act_ep + (" WHERE " + " AND ".join(ep_where) if ep_where else "")))
    pop = "SELECT *, gmask AS cgm FROM cit_f"
    if ep_preds:
        pop += " WHERE borger_id IN (SELECT borger_id FROM act_ep)"
    ctes.append(("pop", pop))
    return ctes


def answer_cte(filters: dict[str, list[str]], source: str | None = None) -> tuple[str, str]:
    """The survey answers dated in the period, in the target range or without birth year, filtered; `source`
    names a table holding ANSWERS_SQL's rows already (the year tables)."""
    dims = [DIMENSIONS[d] for d in filters]
    preds = [filter_pred(d, d.answer_sql) for d in dims]
    inner = source or ANSWERS_SQL
    body = f"SELECT * FROM ({inner}) a" + (" WHERE " + " AND ".join(preds) if preds else "")
    return ("ans", body)


# The survey answers dated in the period, in the target range or without birth year (unfiltered).
ANSWERS_SQL = (
    "SELECT b.*, bk.rk, bk.rk2, $end_year - b.foedselsaar AS alder, k.fokusomraader, "
    + derived_groups_sql("coalesce(b.maalgrupper, [])")
    + " AS grupper FROM borgeroplevelse b LEFT JOIN katalog k USING (indsats) "
    "LEFT JOIN besvarelse_keys bk USING (besvarelse_id) "
    "WHERE b.dato BETWEEN $start AND $end AND (b.foedselsaar IS NULL OR "
    + in_range_sql("b.foedselsaar", "($end_year - b.foedselsaar)")
    + ")"
)


def with_counted(source: str) -> str:
    """`source` (citizen rows keyed by borger_id) restricted to the counted citizens (`pop`), with their age,
    sex, target-group mask and record keys."""
    return f"SELECT * FROM {source} JOIN (SELECT borger_id, alder, koen, cgm, crk, crk2 FROM pop) USING (borger_id)"
