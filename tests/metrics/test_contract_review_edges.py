"""Independent contract review: edge cases (join fan-out, catalogue edits, filters, quarters).

Expected figures worked out by hand from INDICATORS.md; period 2025, citizens born 1990 unless stated.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from metrics.engine import compute
from store.db import connect
from tests.metrics.review_rows import ep, fig, kn, meas

RAAD = "Rådgivning og vejledning"  # step 1
MENTOR = "Mentor"  # step 2
BOSTOETTE = "Bostøtte (SEL §85)"  # step 3
HF_CTI = "Housing First – CTI"  # step 3
STOF = "Stofmisbrugsbehandling (SEL §101)"  # step 3, treatment
FORSORG = "Forsorgshjem (SEL §110)"  # step 5
LAENGERE = "Længerevarende botilbud (SEL §108)"  # step 6
MINDRE = "Overgang til mindre indgribende indsats"


@pytest.fixture
def db(tmp_path):
    con = connect(tmp_path / "review.duckdb", engine_kind="duckdb")
    yield con
    con.close()


# ---------------------------------------------------------------- fan-out: one unit counted once


def test_transition_with_two_seamless_next_episodes_counts_once(db):
    # One transition (Forsorgshjem ending 2025-06-30) followed by Bostøtte +3 and Mentor +5 days:
    # one seamless transition -> sammenhaengende 1 of 1; next = earliest (Bostøtte 3 < 5) -> trappe_ned 1 of 1.
    ep(db, "x", FORSORG, "2024-01-01", "2025-06-30", afslutningsaarsag=MINDRE)
    ep(db, "x", BOSTOETTE, "2025-07-03")
    ep(db, "x", MENTOR, "2025-07-05")
    assert kn(fig(db, "sammenhaengende_overgange")) == (1, 1)
    assert kn(fig(db, "trappe_ned")) == (1, 1)


def test_two_transitions_of_one_citizen_count_as_two(db):
    # Transitions are episodes: Forsorgshjem ends 2025-03-01 -> Bostøtte 2025-03-05 (seamless, down);
    # Bostøtte ends 2025-09-01 -> nothing within 14 days (not seamless). => 1 of 2; trappe_ned 1 of 1.
    ep(db, "y", FORSORG, "2024-01-01", "2025-03-01", afslutningsaarsag=MINDRE)
    ep(db, "y", BOSTOETTE, "2025-03-05", "2025-09-01", afslutningsaarsag=MINDRE)
    assert kn(fig(db, "sammenhaengende_overgange")) == (1, 2)
    assert kn(fig(db, "trappe_ned")) == (1, 1)


def test_chain_of_transitions_each_uses_its_own_window(db):
    # A: Længerevarende 2024-01-01..2025-02-01 -> B: Forsorgshjem 2025-02-10..2025-05-01 -> C: Bostøtte 2025-05-10.
    # Transition A: window 2024-11-03..2025-02-15, episodes after A's start in it: B (2025-02-10) -> seamless,
    #   5 < 6 down. (C is outside A's window.)
    # Transition B: window 2025-01-31..2025-05-15, episodes starting after B's start (2025-02-10): C -> seamless,
    #   3 < 5 down. => sammenhaengende 2 of 2, trappe_ned 2 of 2.
    ep(db, "z", LAENGERE, "2024-01-01", "2025-02-01", afslutningsaarsag=MINDRE)
    ep(db, "z", FORSORG, "2025-02-10", "2025-05-01", afslutningsaarsag=MINDRE)
    ep(db, "z", BOSTOETTE, "2025-05-10")
    assert kn(fig(db, "sammenhaengende_overgange")) == (2, 2)
    assert kn(fig(db, "trappe_ned")) == (2, 2)


def test_trappe_ned_next_episode_may_start_before_the_ended_one_ends_but_not_before_it_starts(db):
    # Ended Forsorgshjem 2025-03-01..2025-06-30. Mentor starts 2025-02-01: before the ended episode's start
    # -> not a candidate. Længerevarende 2025-05-01 (60 days before end) is the earliest candidate: 6 > 5,
    # not down. => trappe_ned 0 of 1.
    ep(db, "w", FORSORG, "2025-03-01", "2025-06-30", afslutningsaarsag=MINDRE)
    ep(db, "w", MENTOR, "2025-02-01")
    ep(db, "w", LAENGERE, "2025-05-01")
    assert kn(fig(db, "trappe_ned")) == (0, 1)


def test_one_day_transition_with_next_episode_on_the_same_day_is_not_seamless(db):
    # Ended episode 2025-03-01..2025-03-01; the other episode starts 2025-03-01, which is not after the
    # ended episode's startdato -> 0 of 1.
    ep(db, "v", FORSORG, "2025-03-01", "2025-03-01", afslutningsaarsag=MINDRE)
    ep(db, "v", BOSTOETTE, "2025-03-01")
    assert kn(fig(db, "sammenhaengende_overgange")) == (0, 1)


def test_progression_citizen_with_several_active_episodes_counts_once(db):
    # One citizen, three active episodes, Bolig 3 -> 5: 1 of 1.
    for indsats in (RAAD, MENTOR, BOSTOETTE):
        ep(db, "p", indsats, "2024-01-01")
    meas(db, "p", "2024-01-01", "Bolig", 3)
    meas(db, "p", "2025-06-01", "Bolig", 5)
    assert kn(fig(db, "progression")) == (1, 1)


def test_tidlig_rette_indsats_citizen_with_several_first_day_episodes_counts_once(db):
    # New citizen with three episodes starting the same day (steps 5, 6, 1): one citizen, lowest step 1
    # -> 1 of 1.
    for indsats in (FORSORG, LAENGERE, RAAD):
        ep(db, "t", indsats, "2025-04-01")
    assert kn(fig(db, "tidlig_rette_indsats")) == (1, 1)


def test_hjemloese_andel_future_episode_start_status_is_ignored(db):
    # Status Egen bolig from 2025-02-01; an episode starting 2026-02-01 says Gade -> after period_end,
    # ignored -> not homeless, 0 of 1.
    ep(db, "f", RAAD, "2025-02-01", bolig_start="Egen bolig")
    ep(db, "f", FORSORG, "2026-02-01", bolig_start="Gade")
    assert kn(fig(db, "hjemloese_andel")) == (0, 1)


def test_hjemloese_andel_in_a_quarter_uses_the_quarters_end(db):
    # Period 2025-Q1 (end 2025-03-31): Gade at 2025-01-10, Egen bolig at 2025-05-01 (after Q1's end)
    # -> homeless in Q1 (1 of 1) and not homeless in Q2 (0 of 1).
    ep(db, "q", RAAD, "2025-01-10", "2025-05-01", bolig_start="Gade", bolig_slut="Egen bolig")
    assert kn(fig(db, "hjemloese_andel", "2025-Q1")) == (1, 1)
    assert kn(fig(db, "hjemloese_andel", "2025-Q2")) == (0, 1)


def test_behandling_median_is_hidden_when_fewer_than_5_episodes(db):
    # 3 treatment episodes: the share's denominator 3 < 5 -> For få data, and the median is not shown.
    start = date(2025, 5, 1)
    for i, wait in enumerate((1, 2, 30)):
        ep(db, f"b{i}", STOF, start, henvisningsdato=start - timedelta(days=wait))
    res = fig(db, "behandling_inden_14_dage", min_n=5)
    assert res.suppressed
    assert "median_ventetid" not in res.extra


# ---------------------------------------------------------------- the catalogue is configuration


def test_housing_first_follows_the_catalogue_method_after_an_edit(db):
    # The administration marks Bostøtte as a Housing First method. A Bostøtte episode ending in 2025 with
    # Egen bolig now counts, plus a CTI episode ending Botilbud -> 1 of 2.
    db.execute("UPDATE katalog SET metode = 'Housing First – CTI' WHERE indsats = ?", [BOSTOETTE])
    ep(db, "h1", BOSTOETTE, "2024-01-01", "2025-05-01", bolig_slut="Egen bolig")
    ep(db, "h2", HF_CTI, "2024-01-01", "2025-05-01", bolig_slut="Botilbud")
    assert kn(fig(db, "egen_bolig_efter_hf")) == (1, 2)


def test_treatment_flag_follows_the_catalogue_after_an_edit(db):
    # Mentor marked as treatment; Stofmisbrugsbehandling unmarked. Mentor wait 5 (in time) counts;
    # Stof wait 30 no longer counts -> 1 of 1.
    db.execute("UPDATE katalog SET behandling = true WHERE indsats = ?", [MENTOR])
    db.execute("UPDATE katalog SET behandling = false WHERE indsats = ?", [STOF])
    ep(db, "m", MENTOR, "2025-05-10", henvisningsdato="2025-05-05")
    ep(db, "s", STOF, "2025-05-10", henvisningsdato="2025-04-10")
    assert kn(fig(db, "behandling_inden_14_dage")) == (1, 1)


def test_steps_follow_the_catalogue_after_an_edit(db):
    # Mentor moved to step 6: Forsorgshjem (5) -> Mentor is no longer a step down (0 of 1), and a new
    # citizen starting on Mentor is no longer 'low step' (tidlig_rette_indsats 0 of 1).
    db.execute("UPDATE katalog SET trin = 6 WHERE indsats = ?", [MENTOR])
    ep(db, "s", FORSORG, "2024-01-01", "2025-06-30", afslutningsaarsag=MINDRE)
    ep(db, "s", MENTOR, "2025-07-01")
    ep(db, "n", MENTOR, "2025-03-01")
    assert kn(fig(db, "trappe_ned")) == (0, 1)
    assert kn(fig(db, "tidlig_rette_indsats")) == (0, 1)


# ---------------------------------------------------------------- filters and "all data"


def test_nye_borgere_with_an_intervention_filter_still_looks_at_all_data(db):
    # 'earliest episode in all data': old has Rådgivning 2023 and Mentor 2025; new has only Mentor 2025.
    # Filter indsats = Mentor: old is not new (earliest episode 2023) -> 1.
    ep(db, "old", RAAD, "2023-01-01", "2023-06-30")
    ep(db, "old", MENTOR, "2025-03-01")
    ep(db, "new", MENTOR, "2025-03-01")
    assert fig(db, "nye_borgere", filters={"indsats": [MENTOR]}).value == 1


def test_hjemloese_andel_with_an_intervention_filter_uses_status_from_all_episodes(db):
    # 'Status observations are ... of all the citizen's episodes': Mentor 2025-01-01 without status, and a
    # Rådgivning episode ending 2025-04-01 with Gade. Filter indsats = Mentor: the citizen is active via
    # Mentor; the latest known status (Gade, from the Rådgivning episode) still counts -> 1 of 1.
    ep(db, "g", MENTOR, "2025-01-01")
    ep(db, "g", RAAD, "2024-01-01", "2025-04-01", bolig_start="Egen bolig", bolig_slut="Gade")
    assert kn(fig(db, "hjemloese_andel", filters={"indsats": [MENTOR]})) == (1, 1)


def test_target_group_filter_restricts_citizens_for_an_episode_share(db):
    # handleplan_andel filtered to Dobbeltdiagnose: d (Alkohol + Sindslidelse) has Bostøtte Ja;
    # n (Alkohol only) has Forsorgshjem Nej -> only d's episode: 1 of 1.
    ep(db, "d", BOSTOETTE, "2025-01-01", maalgrupper=["Alkohol", "Sindslidelse"], handleplan=True)
    ep(db, "n", FORSORG, "2025-01-01", maalgrupper=["Alkohol"], handleplan=False)
    assert kn(fig(db, "handleplan_andel", filters={"målgruppe": ["Dobbeltdiagnose"]})) == (1, 1)


def test_age_filter_for_under_30(db):
    # under30 filter 'Under 30': born 1996 (29) in, 1995 (30) out -> aktive_borgere 1.
    ep(db, "a", RAAD, "2025-01-01", fy=1996)
    ep(db, "b", RAAD, "2025-01-01", fy=1995)
    assert fig(db, "aktive_borgere", filters={"under30": ["Under 30"]}).value == 1


# ---------------------------------------------------------------- one query for many indicators


def _mixed(con):
    # A small mixed data set (hand figures for period 2025):
    #   aktive_borgere 4 (a, b, c, d; e is 15 years old)
    #   nye_borgere 2 (c starts 2025-03-01; d starts 2025-05-01 — a and b started 2024)
    #   hjemloese_andel: a Gade (start), b Egen bolig (end 2025-06-30), c none, d Sofasover -> 2 of 3
    #   sammenhaengende_overgange: b's Forsorgshjem ends 2025-06-30 as a transition, Bostøtte +5 -> 1 of 1
    #   trappe_ned: 5 -> 3 -> 1 of 1
    #   tidlig_rette_indsats: c Mentor (2) yes, d Længerevarende (6) no -> 1 of 2
    #   lokale_tilbud: a Egen kommune, c Region -> 1 of 2
    ep(con, "a", RAAD, "2024-01-01", bolig_start="Gade", leverandoer="Egen kommune")
    ep(con, "b", FORSORG, "2024-02-01", "2025-06-30", afslutningsaarsag=MINDRE, bolig_slut="Egen bolig")
    ep(con, "b", BOSTOETTE, "2025-07-05")
    ep(con, "c", MENTOR, "2025-03-01", leverandoer="Region")
    ep(con, "d", LAENGERE, "2025-05-01", bolig_start="Sofasover")
    ep(con, "e", RAAD, "2025-01-01", fy=2010, bolig_start="Gade", leverandoer="Egen kommune")


MIXED = {
    "aktive_borgere": 4,
    "nye_borgere": 2,
    "hjemloese_andel": (2, 3),
    "sammenhaengende_overgange": (1, 1),
    "trappe_ned": (1, 1),
    "tidlig_rette_indsats": (1, 2),
    "lokale_tilbud": (1, 2),
}


def test_many_indicators_in_one_call_give_the_hand_figures(db):
    _mixed(db)
    results = {r.indicator: r for r in compute(db, list(MIXED), "2025", None, None, protect=False)}
    for ind, expected in MIXED.items():
        res = results[ind]
        got = res.value if isinstance(expected, int) else kn(res)
        assert got == expected, ind


def test_all_indicators_in_one_call_equal_single_calls(db):
    _mixed(db)
    together = {r.indicator: r.as_dict() for r in compute(db, None, "2025", None, None, protect=False)}
    for ind, res in together.items():
        assert fig(db, ind).as_dict() == res, ind


def test_hjemloeshed_filter_and_breakdown_agree(db):
    # Whatever the engine derives as target group Hjemløshed, filtering on it and breaking down by it
    # must give the same citizens. h1 listed; h2 homeless by status only; h3 Egen bolig.
    ep(db, "h1", RAAD, "2025-01-01", maalgrupper=["Hjemløshed"])
    ep(db, "h2", RAAD, "2025-01-01", bolig_start="Gade")
    ep(db, "h3", RAAD, "2025-01-01", bolig_start="Egen bolig")
    filtered = fig(db, "aktive_borgere", filters={"målgruppe": ["Hjemløshed"]}).value
    groups = {
        r.group["målgruppe"]: r.value for r in compute(db, ["aktive_borgere"], "2025", None, "målgruppe", protect=False)
    }
    assert filtered == groups["Hjemløshed"] == 2


def test_housing_first_method_is_recognised_whatever_its_case_or_spacing(tmp_path):
    # An administrator types the method as ' housing first – cti' in the catalogue: still Housing First.
    # One HF episode ends in 2025 in Egen bolig → egen_bolig_efter_hf = 1/1.
    from metrics.engine import compute
    from store.db import connect

    con = connect(tmp_path / "hf.duckdb", engine_kind="duckdb")
    con.execute("UPDATE katalog SET metode = ' housing first – cti' WHERE indsats = 'Housing First – CTI'")
    con.execute(
        "INSERT INTO indsatser (borger_id, foedselsaar, indsats, startdato, slutdato, afslutningsaarsag, "
        "maalgrupper, bolig_slut, batch) VALUES ('B-1', 1990, 'Housing First – CTI', DATE '2024-03-01', "
        "DATE '2025-06-01', 'Mål nået', [], 'Egen bolig', 1)"
    )
    (result,) = compute(con, ["egen_bolig_efter_hf"], "2025", protect=False)
    assert (result.numerator, result.denominator) == (1, 1)
