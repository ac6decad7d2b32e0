"""Data-quality notes are about data quality, not about what an empty cell means by the contract."""

from __future__ import annotations

from metrics.views import data_quality
from tests.metrics.conftest import add_episode

MENTOR = "Mentor"


def _row(q: dict, column: str) -> dict:
    return next(r for r in q["manglende_vaerdier"] if r["udtræk"] == "Indsatser" and r["kolonne"] == column)


def test_an_empty_end_date_means_ongoing_and_gets_no_note(con):
    # 8 episodes in 2025, all with køn and leverandør: 6 ongoing (slutdato empty), 2 ended with a reason.
    for i in range(6):
        add_episode(con, f"O{i:03d}", 1990, MENTOR, "2025-01-01", koen="Mand", leverandoer="Egen kommune")
    for i in range(2):
        add_episode(con, f"E{i:03d}", 1990, MENTOR, "2025-01-01", "2025-03-01", koen="Mand", leverandoer="Region")
    q = data_quality(con, "2025", protect=False)
    slut = _row(q, "slutdato")
    assert slut["andel_mangler"] == 0.75  # 6 of 8 are ongoing: still shown in the table …
    assert slut["tom_betyder"] == "igangværende"
    assert not any(n.startswith("Indsatser: 'slutdato'") for n in q["noter"])  # … but not as a quality problem
    # afslutningsårsag applies only to the 2 ended episodes, both filled: 0 missing, no note.
    assert _row(q, "afslutningsårsag")["andel_mangler"] == 0.0
    assert not any("afslutningsårsag" in n for n in q["noter"])


def test_a_missing_column_that_applies_is_still_a_note(con):
    # 4 ended episodes; 2 lack bolig_slut → 50 % of the ended ones (the 4 ongoing do not count).
    for i in range(4):
        add_episode(con, f"O{i:03d}", 1990, MENTOR, "2025-01-01")
    for i, bolig in enumerate(["Egen bolig", "Egen bolig", None, None]):
        add_episode(con, f"E{i:03d}", 1990, MENTOR, "2025-01-01", "2025-03-01", bolig_slut=bolig)
    q = data_quality(con, "2025", protect=False)
    assert _row(q, "bolig_slut")["andel_mangler"] == 0.5
    assert any("'bolig_slut' mangler i 50,0 % af de afsluttede forløb" in n for n in q["noter"]), q["noter"]
    # køn is missing in all 8 and has no contract meaning when empty: a note.
    assert any("'køn' mangler i 100,0 % af rækkerne" in n for n in q["noter"]), q["noter"]
