"""Unit query of the progression indicator (Progression extract)."""

from __future__ import annotations

EXTRA_CTES: dict[str, str] = {
    # Per counted citizen and domain: first measurement ever and latest on or before period_end.
    "prog_dom": (
        "SELECT borger_id, domaene, min(maaledato) AS first_d, arg_min(score, maaledato) AS first_score, "
        "max(maaledato) FILTER (WHERE maaledato <= $end) AS last_d, "
        "arg_max(score, maaledato) FILTER (WHERE maaledato <= $end) AS last_score "
        "FROM progression WHERE borger_id IN (SELECT borger_id FROM pop) GROUP BY borger_id, domaene"
    ),
    # Per citizen: latest measurement on or before period_end (any domain) and the mean change over the
    # domains whose first and latest measurements lie at least 90 days apart.
    "prog_cit": (
        "SELECT borger_id, max(last_d) AS last_any, "
        "avg(last_score - first_score) FILTER (WHERE date_diff('day', first_d, last_d) >= 90) AS change "
        "FROM prog_dom GROUP BY borger_id"
    ),
}

PROGRESSION = (
    "SELECT borger_id, change >= 1.0 AS num, change AS val, NULL::DOUBLE AS wait FROM prog_cit "
    "WHERE change IS NOT NULL AND last_any BETWEEN $start AND $end"
)
