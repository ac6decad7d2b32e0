"""Indsatstrappe glue: key figures, citizens by step, flows between steps and waiting times."""

from __future__ import annotations

from ui import data, summary

KEY_INDICATORS = ("trappe_ned", "sammenhaengende_overgange", "tidlig_rette_indsats", "behandling_inden_14_dage")


def key_figures(view: data.View) -> list[tuple]:
    """(name, result, status, expected text, goal note) of the ladder's key indicators."""
    from metrics.registry import get_indicator

    results = {r.indicator: r for r in data.compute(list(KEY_INDICATORS), view) if not r.group}
    goals = data.view_goals(view)
    out = []
    for i in KEY_INDICATORS:
        line = summary.indicator_line(i, view, results, {}, goals)
        out.append((get_indicator(i).name, results.get(i), line.status, line.expected_text, line.goal_note))
    return out


def _step_label(step) -> str:
    return f"Trin {int(step)}"


def steps_by_year(view: data.View) -> list[dict]:
    """Active citizens per step and year (suppressed counts keep their display text)."""
    frame = data.view_figures("citizens_by_step", view, years=tuple(data.years()))
    return [
        {
            "year": int(r.year),
            "step": _step_label(r.trin),
            "value": None if r.value is None or r.value != r.value else int(r.value),
            "display": r.display,
            "reason": None if r.value is not None and r.value == r.value else "Skjult: for få borgere",
        }
        for r in frame.itertuples(index=False)
    ]


def flows(view: data.View) -> tuple[list[str], list[dict]]:
    """Steps and the flows between them for seamless transitions in the period."""
    frame = data.view_figures("step_flows", view)
    steps = sorted({int(s) for s in (*frame["from_trin"], *frame["to_trin"])})
    return [_step_label(s) for s in steps], [
        {
            "source": _step_label(r.from_trin),
            "target": _step_label(r.to_trin),
            "value": None if r.count is None else int(r.count),
            "display": r.display,
        }
        for r in frame.itertuples(index=False)
    ]


def waiting(view: data.View) -> list[dict]:
    """Treatment episodes starting in the period by waiting time band (beyond 14 days marked)."""
    frame = data.view_figures("waiting_times", view)
    return [
        {
            "label": r.bucket,
            "value": None if r.count is None else int(r.count),
            "display": r.display,
            "over": r.bucket.startswith(("15", "29")),
        }
        for r in frame.itertuples(index=False)
    ]


def step_names() -> dict[int, list[str]]:
    """The catalogue's interventions on each step (for the explanation under the charts)."""
    from store.catalogue import load_catalogue

    with data.cursor() as cur:
        frame = load_catalogue(cur)
    out: dict[int, list[str]] = {}
    for r in frame.itertuples(index=False):
        out.setdefault(int(r.trin), []).append(r.indsats)
    return out


def median_wait(view: data.View) -> str | None:
    """The median waiting time for treatment in the period as Danish text, when it may be shown."""
    for r in data.compute(["behandling_inden_14_dage"], view):
        if not r.group and not r.suppressed:
            med = (r.extra or {}).get("median_ventetid")
            if med is not None:
                return f"{med:.0f} dage".replace(".", ",")
    return None
