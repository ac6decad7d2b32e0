"""Unit queries of the intervention indicators: one row per counted citizen or episode.

Every unit query returns `borger_id`, the citizen's `alder`, `koen`, target-group mask `cgm` and record keys `rk`, `rk2`
(NULL when the query leaves keys out), `num` (BOOLEAN: in the numerator), `val` and `wait` (DOUBLE or
NULL); episode-level units also the episode's `indsats`, `leverandoer` and `fokusomraader`.
"""

from __future__ import annotations

from metrics.sql.base import sql_list, with_counted
from schemas.extracts import OVERGANG_AARSAGER

_NO = "NULL::DOUBLE AS val, NULL::DOUBLE AS wait"
_EPOCH = "DATE '1900-01-01'"
ENDED_IN_PERIOD = "slutdato BETWEEN $start AND $end"


# Extra CTEs some indicators need (name → body); the engine adds the ones its indicators list.
EXTRA_CTES: dict[str, str] = {
    # Transitions: episodes ending in the period with a transition reason, numbered for a compact join key.
    "trans": (
        "SELECT row_number() OVER () AS tid, borger_id, alder, koen, cgm, crk, crk2, indsats, leverandoer, fokusomraader, "
        f"startdato, slutdato, trin FROM act_ep WHERE {ENDED_IN_PERIOD} "
        f"AND list_contains({sql_list(OVERGANG_AARSAGER)}, afslutningsaarsag)"
    ),
    # Per transition, the next episode in the 14/90-day window (earliest start; on a tie the lowest step;
    # next_trin 9 = step unknown, NULL = no such episode, i.e. not seamless).
    "transitions": (
        "SELECT t.*, x.next_trin FROM trans t LEFT JOIN ("
        f"SELECT t.tid, min(date_diff('day', {_EPOCH}, n.startdato) * 10 + coalesce(k.trin, 9)) % 10 AS next_trin "
        "FROM trans t JOIN indsatser n ON n.borger_id = t.borger_id "
        "AND n.startdato > t.startdato AND n.startdato <= t.slutdato + 14 AND n.startdato >= t.slutdato - 90 "
        # Implied by the window (slutdato lies in the period); lets DuckDB skip most rows while scanning.
        "AND n.startdato BETWEEN $start - 90 AND $end + 14 "
        "LEFT JOIN kat k ON k.indsats = n.indsats GROUP BY t.tid) x USING (tid)"
    ),
    # The counted citizens with their past (one join per query, whichever indicators read it).
    "pop_hist": with_counted("hist"),
}


def citizens(num: str = "NULL::BOOLEAN", where: str = "true") -> str:
    """Units over the counted citizens (`pop`)."""
    return f"SELECT borger_id, alder, koen, cgm, crk AS rk, crk2 AS rk2, {num} AS num, {_NO} FROM pop WHERE {where}"


def episodes(where: str, num: str, val: str = "NULL::DOUBLE", wait: str = "NULL::DOUBLE") -> str:
    """Units over the considered active episodes (`act_ep`)."""
    return (
        f"SELECT borger_id, alder, koen, cgm, crk AS rk, crk2 AS rk2, indsats, leverandoer, fokusomraader, {num} AS num, {val} AS val, "
        f"{wait} AS wait "
        f"FROM act_ep WHERE {where}"
    )


AKTIVE = citizens()
ANDEL_UNGE = citizens("alder < 30")
# The counted citizens with their past (`pop_hist`, an extra CTE: hist is over all active citizens).
NYE = f"SELECT borger_id, alder, koen, cgm, crk AS rk, crk2 AS rk2, NULL::BOOLEAN AS num, {_NO} FROM pop_hist WHERE is_new"
TIDLIG = f"SELECT borger_id, alder, koen, cgm, crk AS rk, crk2 AS rk2, first_trin <= 3 AS num, {_NO} FROM pop_hist WHERE is_new AND first_trin <> 9"
HJEMLOESE = f"SELECT borger_id, alder, koen, cgm, crk AS rk, crk2 AS rk2, homeless AS num, {_NO} FROM pop_hist WHERE homeless IS NOT NULL"
EGEN_BOLIG_HF = episodes(
    f"hf AND {ENDED_IN_PERIOD} AND bolig_slut IS NOT NULL AND bolig_slut <> 'Ukendt'",
    "bolig_slut = 'Egen bolig'",
)
_WAIT = "date_diff('day', henvisningsdato, startdato)"
BEHANDLING_14 = episodes(
    "beh AND startdato BETWEEN $start AND $end AND henvisningsdato IS NOT NULL",
    f"{_WAIT} <= 14",
    wait=f"{_WAIT}::DOUBLE",
)
OVERGANGE = (
    f"SELECT borger_id, alder, koen, cgm, crk AS rk, crk2 AS rk2, indsats, leverandoer, fokusomraader, next_trin IS NOT NULL AS num, {_NO} "
    "FROM transitions"
)
TRAPPE_NED = (
    "SELECT borger_id, alder, koen, cgm, crk AS rk, crk2 AS rk2, indsats, leverandoer, fokusomraader, next_trin < trin AS num, "
    f"{_NO} FROM transitions WHERE next_trin IS NOT NULL AND next_trin <> 9 AND trin IS NOT NULL"
)
UNGE_JOB = episodes(
    f"{ENDED_IN_PERIOD} AND alder < 30 AND beskaeftigelse_slut IS NOT NULL AND beskaeftigelse_slut <> 'Ukendt'",
    "beskaeftigelse_slut IN ('Job', 'Uddannelse')",
)
LOKALE = episodes("leverandoer IS NOT NULL", "leverandoer = 'Egen kommune'")
HANDLEPLAN = episodes("trin >= 3 AND handleplan IS NOT NULL", "handleplan")
STABIL = episodes(f"{ENDED_IN_PERIOD} AND skift_kontaktperson IS NOT NULL", "skift_kontaktperson <= 1")
