"""Breakdown and filter dimensions: how each maps to citizens, episodes and survey answers."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from metrics.population import AGE_BANDS, UNDER30, UNKNOWN, age_band_sql, under30_sql
from schemas.extracts import KOEN, LEVERANDOERER, MAALGRUPPER


@dataclass(frozen=True)
class Dimension:
    """A dimension users filter and break down by.

    `scope` says what it describes in the episode data: 'citizen' (age, sex, target group: a filter
    restricts the citizens) or 'episode' (focus area, intervention, provider: a filter restricts the
    episodes considered). The SQL expressions return a label (or a list of labels when `is_list`).
    """

    id: str
    label_da: str
    url_param: str
    multi_membership: bool
    scope: str
    citizen_sql: str | None  # on a unit row (columns alder, koen and cgm = the citizen's target-group mask)
    episode_sql: str | None  # on an episode row (columns indsats, leverandoer, fokusomraader)
    answer_sql: str  # on a survey answer (columns alder, koen, grupper, indsats, fokusomraader)
    is_list: bool = False


def _list_or_unknown(col: str) -> str:
    return f"(CASE WHEN len(coalesce({col}, [])) = 0 THEN ['{UNKNOWN}'] ELSE {col} END)"


def groups_from_mask_sql(mask: str) -> str:
    """The VARCHAR[] of target groups whose bits are set in a mask (bit i = MAALGRUPPER[i]); 'Uoplyst' if none."""
    names = "[" + ", ".join(f"'{g}'" for g in MAALGRUPPER) + "]"
    return (
        f"(CASE WHEN coalesce({mask}, 0) = 0 THEN ['{UNKNOWN}'] "
        f"ELSE list_filter({names}, lambda g, i: ({mask} >> (i - 1)) & 1 = 1) END)"
    )


def _coalesce(col: str) -> str:
    return f"coalesce({col}, '{UNKNOWN}')"


DIMENSIONS: dict[str, Dimension] = {
    d.id: d
    for d in (
        Dimension(
            "aldersgruppe",
            "Aldersgruppe",
            "aldersgruppe",
            False,
            "citizen",
            age_band_sql("alder"),
            None,
            age_band_sql("alder"),
        ),
        Dimension(
            "under30",
            "Under/over 30 år",
            "under30",
            False,
            "citizen",
            under30_sql("alder"),
            None,
            under30_sql("alder"),
        ),
        Dimension(
            "målgruppe",
            "Målgruppe",
            "maalgruppe",
            True,
            "citizen",
            groups_from_mask_sql("cgm"),
            None,
            _list_or_unknown("grupper"),
            is_list=True,
        ),
        Dimension(
            "fokusområde",
            "Fokusområde",
            "fokusomraade",
            True,
            "episode",
            None,
            _list_or_unknown("fokusomraader"),
            _list_or_unknown("fokusomraader"),
            is_list=True,
        ),
        Dimension(
            "indsats",
            "Indsatstype",
            "indsats",
            False,
            "episode",
            None,
            _coalesce("indsats"),
            _coalesce("indsats"),
        ),
        Dimension(
            "leverandør",
            "Leverandør",
            "leverandoer",
            False,
            "episode",
            None,
            _coalesce("leverandoer"),
            f"'{UNKNOWN}'",
        ),
        Dimension(
            "køn",
            "Køn",
            "koen",
            False,
            "citizen",
            _coalesce("koen"),
            None,
            _coalesce("koen"),
        ),
    )
}

_BY_PARAM = {d.url_param: d for d in DIMENSIONS.values()}


def get_dimension(dim_id: str) -> Dimension:
    """Return a dimension by its CLI name or URL parameter; Danish ValueError when unknown."""
    if dim_id in DIMENSIONS:
        return DIMENSIONS[dim_id]
    if dim_id in _BY_PARAM:
        return _BY_PARAM[dim_id]
    names = ", ".join(DIMENSIONS)
    raise ValueError(f"Ukendt dimension '{dim_id}'. Vælg en af: {names}.")


def dimension_values(con: duckdb.DuckDBPyConnection, dim_id: str) -> list[str]:
    """The values of a dimension in display order (catalogue order for focus areas and interventions)."""
    dim = get_dimension(dim_id)
    if dim.id == "aldersgruppe":
        return [band[0] for band in AGE_BANDS]
    if dim.id == "under30":
        return list(UNDER30)
    if dim.id == "målgruppe":
        return list(MAALGRUPPER)
    if dim.id == "leverandør":
        return list(LEVERANDOERER)
    if dim.id == "køn":
        return list(KOEN)
    if dim.id == "indsats":
        return [r[0] for r in con.execute("SELECT indsats FROM katalog ORDER BY trin, indsats").fetchall()]
    rows = con.execute(
        "SELECT f FROM (SELECT unnest(fokusomraader) AS f, trin FROM katalog) GROUP BY f ORDER BY min(trin), f"
    ).fetchall()
    from schemas.extracts import FOKUSOMRAADER_PTA

    known = [f for f in FOKUSOMRAADER_PTA if f in {r[0] for r in rows}]
    return known + [r[0] for r in rows if r[0] not in known]


def documented_values() -> dict[str, tuple[list[str], str]]:
    """Each dimension's accepted values for help texts, with a Danish note where they come from the database.

    Intervention types and focus areas come from the catalogue stored in the database; the values
    listed are those of the default catalogue. Every dimension also accepts 'Uoplyst'.
    """
    from schemas.catalogue import DEFAULT_CATALOGUE

    focus: list[str] = []
    for row in DEFAULT_CATALOGUE:
        focus.extend(f for f in row["fokusområder"] if f not in focus)
    catalogue_note = " (fra indsatskataloget i databasen; her standardkataloget)"
    out: dict[str, tuple[list[str], str]] = {}
    for dim_id in DIMENSIONS:
        if dim_id == "indsats":
            out[dim_id] = ([row["indsats"] for row in DEFAULT_CATALOGUE], catalogue_note)
        elif dim_id == "fokusområde":
            out[dim_id] = (focus, catalogue_note)
        else:
            values = dimension_values(None, dim_id)  # type: ignore[arg-type]  # static: no database needed
            out[dim_id] = (values, "")
    return out
