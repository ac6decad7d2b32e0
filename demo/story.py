"""Synthetic demo texts for the story behind the curve: a few comments, a chart note and an action plan."""

from __future__ import annotations

from datetime import date

import duckdb

STRATEGY = "plads_til_alle"
USER = "demo"


def _comments(year: int) -> dict[str, str]:
    return {
        "hjemloese_andel": (
            f"I {year} har to boligforeninger stillet lejligheder til rådighed til Housing First. "
            "Udslusningen fra herberget virker; ventetiden på en bolig er stadig den største barriere."
        ),
        "unge_job_uddannelse": (
            "Flere unge under 30 er begyndt på en uddannelse, siden en UU-vejleder sidder med i socialcentrets "
            f"team én dag om ugen (fra foråret {year})."
        ),
    }


def _actions(year: int) -> list[dict]:
    return [
        {
            "year": year,
            "title": "Housing First-boliger i samarbejde med boligforeningerne",
            "focus_area": "stabile_rammer",
            "indicators": ("hjemloese_andel", "egen_bolig_efter_hf"),
            "responsible": "Socialcenter Vest",
            "start": date(year, 2, 1),
            "deadline": date(year, 12, 31),
            "status": "I gang",
            "status_note": "8 af 12 boliger er taget i brug.",
        },
        {
            "year": year,
            "title": "Fast kontaktperson ved overgang fra forsorgshjem til egen bolig",
            "focus_area": "stabile_rammer",
            "indicators": ("sammenhaengende_overgange", "stabil_kontaktperson"),
            "responsible": "Myndighed, voksne",
            "start": date(year, 1, 1),
            "deadline": date(year, 6, 30),
            "status": "Gennemført",
            "status_note": "",
        },
        {
            "year": year,
            "title": "UU-vejleder i socialcentrets team",
            "focus_area": "kunne_selv",
            "indicators": ("unge_job_uddannelse",),
            "responsible": "Ungeindsatsen",
            "start": date(year, 4, 1),
            "deadline": date(year, 12, 31),
            "status": "Udskudt",
            "status_note": "Afventer ansættelse af vejleder nr. 2.",
        },
    ]


def seed_demo_story(con: duckdb.DuckDBPyConnection, year: int) -> int:
    """Write the demo comments (period `year`), one chart note and the demo action plan; return items written."""
    from metrics.story_write import add_annotation, apply_actions, set_comment

    for indicator, text in _comments(year).items():
        set_comment(con, STRATEGY, indicator, str(year), text, USER)
    add_annotation(con, STRATEGY, "hjemloese_andel", date(year, 3, 1), f"Housing First udvidet {year}", USER)
    written, errors = apply_actions(con, STRATEGY, [(f"Demo {i}", a) for i, a in enumerate(_actions(year))], USER)
    if errors:  # the demo texts are fixed: an error here is a bug in this file
        raise ValueError("; ".join(errors))
    return written
