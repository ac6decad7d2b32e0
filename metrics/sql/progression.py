"""Unit query of the progression indicator (Progression extract)."""

from __future__ import annotations

from metrics.sql.base import with_counted

_EPOCH = "DATE '1900-01-01'"
# A measurement coded as days * 16 + score (score 1..10), so min/max give the first/latest with its score.
_CODE = f"date_diff('day', {_EPOCH}, maaledato) * 16 + score"

EXTRA_CTES: dict[str, str] = {
    # Per counted citizen and domain: first measurement ever and latest on or before period_end. Rows after
    # period_end can be skipped: when the first ever lies after period_end there is no latest on or before
    # it, so the domain does not qualify either way.
    "prog_dom": (
        "SELECT borger_id, domaene, first_code // 16 AS first_day, first_code % 16 AS first_score, "
        "last_code // 16 AS last_day, last_code % 16 AS last_score "
        f"FROM (SELECT borger_id, domaene, min({_CODE}) AS first_code, max({_CODE}) AS last_code "
        "FROM progression WHERE maaledato <= $end "
        # Only counted citizens with a measurement in the period can have their latest one there. The small set
        # of such citizens is found first, so the history is probed once against it (not twice, once per set).
        "AND borger_id IN (SELECT borger_id FROM pop WHERE borger_id IN "
        "(SELECT borger_id FROM progression WHERE maaledato BETWEEN $start AND $end)) "
        "GROUP BY borger_id, domaene)"
    ),
    # Per citizen: latest measurement on or before period_end (any domain) and the mean change over the
    # domains whose first and latest measurements lie at least 90 days apart.
    "prog_cit": (
        f"SELECT borger_id, {_EPOCH} + max(last_day)::INTEGER AS last_any, "
        "avg(last_score - first_score) FILTER (WHERE last_day - first_day >= 90) AS change "
        "FROM prog_dom GROUP BY borger_id"
    ),
    # The counted citizens with their progression.
    "pop_prog": with_counted("prog_cit"),
}

PROGRESSION = (
    "SELECT borger_id, alder, koen, cgm, crk AS rk, crk2 AS rk2, change >= 1.0 AS num, change AS val, NULL::DOUBLE AS wait "
    "FROM pop_prog "
    "WHERE change IS NOT NULL AND last_any BETWEEN $start AND $end"
)
