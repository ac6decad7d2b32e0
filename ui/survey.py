"""Survey glue for the Borgeroplevelse page."""

from __future__ import annotations

from ui import data, summary

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "De fire principper",
        ("princip_ressourcer", "princip_oensker", "princip_kompetente", "princip_kommunikation"),
    ),
    ("Plads til alle", ("oplevet_stabile_rammer", "oplevet_kan_selv", "oplevet_faellesskab")),
    ("Trivsel og ensomhed", ("trivsel_who5", "lav_trivsel", "ensomhed")),
)


def name(indicator_id: str) -> str:
    """The Danish name of an indicator."""
    from metrics.registry import get_indicator

    return get_indicator(indicator_id).name


def unit(indicator_id: str) -> str | None:
    """The unit of an indicator."""
    from metrics.registry import get_indicator

    return get_indicator(indicator_id).unit


def totals(view: data.View, ids) -> dict:
    """The indicators' overall results for the view."""
    return {r.indicator: r for r in data.compute(list(ids), view) if not r.group}


def status(view: data.View, indicator_id: str, result):
    """The status of an indicator against the chosen strategy's goal, when it has one."""
    goals = data.view_goals(view)
    if indicator_id not in goals:
        return None
    return summary.indicator_line(indicator_id, view, {indicator_id: result}, {}, goals).status


def goal_note(view: data.View, indicator_id: str) -> str | None:
    """Why an indicator has no status in this view (its only goal is for the whole target group), or None."""
    return data.view_goals(view).note(indicator_id)


def who5(view: data.View) -> list[dict]:
    """The WHO-5 score distribution (suppressed bins) for the view."""
    frame = data.view_figures("who5_distribution", view)
    return [
        {
            "label": r.bucket,
            "value": None if r.count is None else int(r.count),
            "display": r.display,
            "reason": "Skjult: for få besvarelser" if r.count is None else None,
            "low": int(str(r.bucket).split("-")[-1]) <= 50,
        }
        for r in frame.itertuples(index=False)
    ]
