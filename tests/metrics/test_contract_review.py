"""Independent contract review of the episode-based indicators (INDICATORS.md).

Every expected figure below was worked out by hand from /work/shared/INDICATORS.md and
DATA_CONTRACT.md before the engine was run; the comments show the derivation. Unless stated
otherwise the period is the calendar year 2025 (period_end 2025-12-31, so age = 2025 - fødselsår)
and citizens are born 1990 (age 35, inside the target range 16 .. pension age 67 for 1990 -> 70).
the helpers give exact figures (protect=False). Shares are checked as (numerator, denominator).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from metrics.types import Period
from store.db import connect
from tests.metrics.review_rows import by, ep, fig, kn
from tests.metrics.review_rows import d as _d

# Catalogue names and steps (DATA_CONTRACT.md default catalogue).
GADE = "Opsøgende gadeplansarbejde"  # step 1
RAAD = "Rådgivning og vejledning"  # step 1, focus "At kunne selv"
MENTOR = "Mentor"  # step 2, focus "At kunne selv"
BOSTOETTE = "Bostøtte (SEL §85)"  # step 3, focus "Stabile rammer"
HF_CTI = "Housing First – CTI"  # step 3, Housing First
HF_ICM = "Housing First – ICM"  # step 3, Housing First
HF_ACT = "Housing First – ACT"  # step 4, Housing First
SKAEV = "Skæv bolig med social vicevært"  # step 4
STOF = "Stofmisbrugsbehandling (SEL §101)"  # step 3, treatment
ALKO = "Alkoholbehandling (SUL §141)"  # step 3, treatment
FORSORG = "Forsorgshjem (SEL §110)"  # step 5
MIDL = "Midlertidigt botilbud (SEL §107)"  # step 5
LAENGERE = "Længerevarende botilbud (SEL §108)"  # step 6
GRUPPE = "Gruppeforløb"  # step 1, focus "At være noget for nogen"

STEPS = {
    GADE: 1,
    RAAD: 1,
    MENTOR: 2,
    BOSTOETTE: 3,
    HF_CTI: 3,
    HF_ICM: 3,
    HF_ACT: 4,
    SKAEV: 4,
    STOF: 3,
    ALKO: 3,
    FORSORG: 5,
    MIDL: 5,
    LAENGERE: 6,
    GRUPPE: 1,
}
MINDRE = "Overgang til mindre indgribende indsats"
MERE = "Overgang til mere indgribende indsats"


@pytest.fixture
def db(tmp_path):
    con = connect(tmp_path / "review.duckdb", engine_kind="duckdb")
    yield con
    con.close()


def count(res):
    assert not res.suppressed, (res.display, res.reason)
    return res.value


def test_catalogue_steps_used_in_this_review_are_the_contract_defaults(db):
    rows = dict(db.execute("SELECT indsats, trin FROM katalog").fetchall())
    assert {name: rows[name] for name in STEPS} == STEPS


# ---------------------------------------------------------------- target range and active citizens


def test_aktive_borgere_counts_citizens_with_an_episode_overlapping_the_period(db):
    # Hand count, period 2025:
    #   a16  born 2009 -> age 16, ongoing            -> in
    #   a15  born 2010 -> age 15                     -> out (below 16)
    #   edge ends 2025-01-01 (first day)             -> in (overlaps)
    #   gone ended 2024-12-31                        -> out
    #   late starts 2026-01-01                       -> out
    #   long ongoing since 2020                      -> in
    #   last starts 2025-12-31 (last day)            -> in
    #   two  two active episodes, one citizen        -> in once
    # => 5 citizens
    ep(db, "a16", RAAD, "2025-03-01", fy=2009)
    ep(db, "a15", RAAD, "2025-03-01", fy=2010)
    ep(db, "edge", RAAD, "2024-03-01", "2025-01-01")
    ep(db, "gone", RAAD, "2024-03-01", "2024-12-31")
    ep(db, "late", RAAD, "2026-01-01")
    ep(db, "long", RAAD, "2020-01-01")
    ep(db, "last", RAAD, "2025-12-31")
    ep(db, "two", RAAD, "2025-02-01")
    ep(db, "two", MENTOR, "2025-02-01")
    assert count(fig(db, "aktive_borgere")) == 5


@pytest.mark.parametrize(
    ("birth_year", "pension_age"),
    [(1953, 65), (1954, 66), (1960, 67), (1962, 67), (1963, 68), (1966, 68), (1970, 69), (1971, 70)],
)
def test_target_range_ends_the_year_before_the_pension_age_of_the_birth_year(db, birth_year, pension_age):
    # Age = year(period_end) - birth year. In the year where age = pension_age - 1 the citizen is in
    # the target range (count 1); in the year where age = pension_age they are out (count 0).
    # E.g. born 1960: pension 67 -> 2026 (age 66) in, 2027 (age 67) out; born 1970: 69 -> 2038 in, 2039 out.
    ep(db, "old", RAAD, "2000-01-01", fy=birth_year)
    assert count(fig(db, "aktive_borgere", str(birth_year + pension_age - 1))) == 1
    assert count(fig(db, "aktive_borgere", str(birth_year + pension_age))) == 0


def test_target_range_starts_at_16_not_15(db):
    # Period 2025: born 2009 -> 16 (in), born 2010 -> 15 (out). Count 1.
    ep(db, "y16", RAAD, "2025-01-01", fy=2009)
    ep(db, "y15", RAAD, "2025-01-01", fy=2010)
    assert count(fig(db, "aktive_borgere")) == 1


def test_age_uses_the_year_of_period_end_for_a_range_across_new_year(db):
    # Period 2025-07-01..2026-06-30: age = 2026 - birth year. Born 2010 -> 16 (in);
    # born 2011 -> 15 (out). Born 1960: pension 67, age 66 -> in; born 1959: pension 67, age 67 -> out.
    # => 2 citizens
    for borger, fy in (("b2010", 2010), ("b2011", 2011), ("b1960", 1960), ("b1959", 1959)):
        ep(db, borger, RAAD, "2025-08-01", fy=fy)
    assert count(fig(db, "aktive_borgere", Period(date(2025, 7, 1), date(2026, 6, 30), "jul 2025-jun 2026"))) == 2


def test_andel_unge_is_citizens_under_30_among_active_citizens_in_the_target_range(db):
    # born 1996 -> 29 (young), 1995 -> 30 (not), 2009 -> 16 (young), 2010 -> 15 (out of range),
    # 1960 -> 65 (pension 67: in, not young), 1958 -> 67 (pension 67: out).
    # => young 2 of 4 active citizens.
    for borger, fy in (
        ("u1996", 1996),
        ("u1995", 1995),
        ("u2009", 2009),
        ("u2010", 2010),
        ("u1960", 1960),
        ("u1958", 1958),
    ):
        ep(db, borger, RAAD, "2025-04-01", fy=fy)
    assert kn(fig(db, "andel_unge")) == (2, 4)


# ---------------------------------------------------------------- nye_borgere, tidlig_rette_indsats


def test_nye_borgere_only_counts_citizens_whose_earliest_episode_ever_starts_in_the_period(db):
    # new1 single episode starts 2025-03-01                                    -> new
    # old  starts 2025-02-01 but had an episode 2023-01-01..2023-06-30         -> not new (older episode)
    # cont ongoing since 2024-12-31                                            -> active, not new
    # jan1 starts 2025-01-01 (first day of the period)                         -> new
    # kid  born 2010 (age 15) starts 2025-05-01                                -> out of range
    # fut  starts 2026-01-05                                                   -> not active
    # => 2
    ep(db, "new1", RAAD, "2025-03-01")
    ep(db, "old", RAAD, "2025-02-01")
    ep(db, "old", MENTOR, "2023-01-01", "2023-06-30")
    ep(db, "cont", RAAD, "2024-12-31")
    ep(db, "jan1", RAAD, "2025-01-01")
    ep(db, "kid", RAAD, "2025-05-01", fy=2010)
    ep(db, "fut", RAAD, "2026-01-05")
    assert count(fig(db, "nye_borgere")) == 2


def test_nye_borgere_in_a_quarter_excludes_a_citizen_who_started_earlier_in_the_year(db):
    # Period 2025-Q2 (Apr-Jun). q1 first episode 2025-02-01..2025-03-01, second 2025-05-01: active in Q2,
    # earliest episode in Q1 -> not new. q2 starts 2025-04-15 -> new. => 1
    ep(db, "q1", RAAD, "2025-02-01", "2025-03-01")
    ep(db, "q1", MENTOR, "2025-05-01")
    ep(db, "q2", RAAD, "2025-04-15")
    assert count(fig(db, "nye_borgere", "2025-Q2")) == 1


def test_tidlig_rette_indsats_uses_first_episode_with_lowest_step_on_a_tie(db):
    # Denominator: new citizens (earliest episode ever in 2025).
    #   m2   first Mentor (2)                                     -> yes
    #   tie  Forsorgshjem (5) and Rådgivning (1) same first day    -> lowest step 1 -> yes
    #   hi   Forsorgshjem (5), later Bostøtte (3)                 -> first is 5 -> no
    #   s3   Bostøtte (3)                                         -> yes (3 <= 3)
    #   s4   Housing First – ACT (4)                              -> no
    #   tie6 Forsorgshjem (5) and Længerevarende (6) same day     -> lowest 5 -> no
    #   old  Rådgivning 2022 then Rådgivning 2025 (not new)       -> excluded
    # => 3 of 6
    ep(db, "m2", MENTOR, "2025-02-01")
    ep(db, "tie", FORSORG, "2025-03-01")
    ep(db, "tie", RAAD, "2025-03-01")
    ep(db, "hi", FORSORG, "2025-03-01")
    ep(db, "hi", BOSTOETTE, "2025-04-01")
    ep(db, "s3", BOSTOETTE, "2025-01-10")
    ep(db, "s4", HF_ACT, "2025-05-01")
    ep(db, "tie6", FORSORG, "2025-06-01")
    ep(db, "tie6", LAENGERE, "2025-06-01")
    ep(db, "old", RAAD, "2022-01-01", "2022-03-01")
    ep(db, "old", RAAD, "2025-02-01")
    assert kn(fig(db, "tidlig_rette_indsats")) == (3, 6)


# ---------------------------------------------------------------- hjemloese_andel

# Every scenario adds an anchor citizen who is homeless (Gade, 2025-01-10), so the expected
# (numerator, denominator) is (1, 1) when the scenario citizen is excluded, (1, 2) when counted
# as not homeless, (2, 2) when counted as homeless.
EXCLUDED, NOT_HOMELESS, HOMELESS = (1, 1), (1, 2), (2, 2)


def _anchor(con):
    ep(con, "anchor", RAAD, "2025-01-10", bolig_start="Gade")


HOUSING_SCENARIOS = {
    "start_status_homeless": ([(RAAD, "2025-01-10", None, "Sofasover", None)], HOMELESS),
    "end_status_replaces_start_status": ([(RAAD, "2024-06-01", "2025-06-01", "Gade", "Egen bolig")], NOT_HOMELESS),
    "end_after_period_end_is_ignored": ([(RAAD, "2025-02-01", "2026-02-01", "Sofasover", "Egen bolig")], HOMELESS),
    "status_change_after_period_end_is_ignored": (
        [(RAAD, "2025-04-01", "2026-01-15", "Egen bolig", "Gade")],
        NOT_HOMELESS,
    ),
    "ukendt_is_not_an_observation": (
        [
            (RAAD, "2024-01-01", "2025-03-01", "Forsorgshjem/herberg", "Ukendt"),
            (MENTOR, "2025-03-01", None, None, None),
        ],
        HOMELESS,
    ),
    "tie_end_not_homeless_start_homeless": (
        [(RAAD, "2024-01-01", "2025-05-01", "Gade", "Egen bolig"), (MENTOR, "2025-05-01", None, "Gade", None)],
        HOMELESS,
    ),
    "tie_end_homeless_start_not_homeless": (
        [
            (RAAD, "2024-01-01", "2025-05-01", "Egen bolig", "Sofasover"),
            (MENTOR, "2025-05-01", None, "Egen bolig", None),
        ],
        HOMELESS,
    ),
    "tie_within_one_episode": ([(RAAD, "2025-07-01", "2025-07-01", "Gade", "Botilbud")], HOMELESS),
    "status_from_an_old_inactive_episode": (
        [(RAAD, "2020-01-01", "2020-06-01", "Egen bolig", "Gade"), (MENTOR, "2025-01-01", None, None, None)],
        HOMELESS,
    ),
    "institution_is_known_and_not_homeless": (
        [(RAAD, "2025-01-01", None, "Institution/hospital/fængsel", None)],
        NOT_HOMELESS,
    ),
    "no_status_at_all_is_excluded": ([(RAAD, "2025-01-01", None, None, None)], EXCLUDED),
    "only_ukendt_is_excluded": ([(RAAD, "2025-01-01", "2025-06-01", "Ukendt", "Ukendt")], EXCLUDED),
    "only_status_after_period_end_is_excluded": ([(RAAD, "2025-11-01", "2026-01-10", None, "Gade")], EXCLUDED),
    "later_homeless_start_beats_earlier_own_home": (
        [
            (RAAD, "2023-01-01", "2024-01-01", "Gade", "Egen bolig"),
            (MENTOR, "2025-02-01", None, "Forsorgshjem/herberg", None),
        ],
        HOMELESS,
    ),
}


@pytest.mark.parametrize("scenario", list(HOUSING_SCENARIOS))
def test_hjemloese_andel_latest_known_status_on_or_before_period_end(db, scenario):
    episodes, expected = HOUSING_SCENARIOS[scenario]
    _anchor(db)
    for indsats, start, slut, b_start, b_slut in episodes:
        ep(db, "case", indsats, start, slut, bolig_start=b_start, bolig_slut=b_slut)
    assert kn(fig(db, "hjemloese_andel")) == expected


def test_hjemloese_andel_combined_fixture(db):
    # All 14 scenarios above as separate citizens plus one homeless citizen out of range (born 2010).
    # 3 scenarios are excluded (no status, only Ukendt, only a status after period_end), 3 are not
    # homeless (end status replaces start, change after period_end ignored, institution), 8 homeless.
    # Counted: anchor + 11 = 12; homeless: anchor + 8 = 9.
    _anchor(db)
    for i, (episodes, _) in enumerate(HOUSING_SCENARIOS.values()):
        for indsats, start, slut, b_start, b_slut in episodes:
            ep(db, f"c{i:02d}", indsats, start, slut, bolig_start=b_start, bolig_slut=b_slut)
    ep(db, "teen", RAAD, "2025-01-01", fy=2010, bolig_start="Gade")
    assert kn(fig(db, "hjemloese_andel")) == (9, 12)


# ---------------------------------------------------------------- egen_bolig_efter_hf


def test_egen_bolig_efter_hf_counts_housing_first_episodes_ending_in_period_with_known_bolig_slut(db):
    # CTI ends 2025 Egen bolig -> yes; ICM ends 2025 Botilbud -> no; ACT ends 2025 Egen bolig -> yes;
    # CTI ends 2025 Ukendt -> excluded; CTI ends 2025 empty -> excluded; Bostøtte (not HF) Egen bolig
    # -> excluded; CTI ends 2026-01-01 -> excluded; CTI ongoing -> excluded; CTI of a 15-year-old -> excluded.
    # => 2 of 3
    ep(db, "h1", HF_CTI, "2024-01-01", "2025-03-01", bolig_slut="Egen bolig")
    ep(db, "h2", HF_ICM, "2024-01-01", "2025-04-01", bolig_slut="Botilbud")
    ep(db, "h3", HF_ACT, "2024-01-01", "2025-12-31", bolig_slut="Egen bolig")
    ep(db, "h4", HF_CTI, "2024-01-01", "2025-05-01", bolig_slut="Ukendt")
    ep(db, "h5", HF_CTI, "2024-01-01", "2025-05-01")
    ep(db, "h6", BOSTOETTE, "2024-01-01", "2025-05-01", bolig_slut="Egen bolig")
    ep(db, "h7", HF_CTI, "2024-01-01", "2026-01-01", bolig_slut="Egen bolig")
    ep(db, "h8", HF_CTI, "2024-01-01", bolig_start="Gade")
    ep(db, "h9", HF_CTI, "2024-01-01", "2025-05-01", fy=2010, bolig_slut="Egen bolig")
    assert kn(fig(db, "egen_bolig_efter_hf")) == (2, 3)


# ---------------------------------------------------------------- behandling_inden_14_dage


def test_behandling_inden_14_dage_share_and_median_wait(db):
    # Treatment episodes (catalogue flag: Stofmisbrug, Alkohol) starting in 2025 with a henvisningsdato:
    #   waits 0, 14, 7 (<= 14 -> yes), 15, 30 (no) -> 3 of 5; median of [0, 7, 14, 15, 30] = 14.
    # Excluded: no henvisningsdato; Bostøtte (not treatment) with wait 3; treatment starting 2024-12-31;
    # treatment of a 15-year-old.
    start = date(2025, 6, 1)
    for i, wait in enumerate((0, 14, 15, 30, 7)):
        ep(db, f"t{i}", STOF if i % 2 else ALKO, start, henvisningsdato=start - timedelta(days=wait))
    ep(db, "nohenv", STOF, start)
    ep(db, "nontreat", BOSTOETTE, start, henvisningsdato=start - timedelta(days=3))
    ep(db, "prev", ALKO, "2024-12-31", henvisningsdato="2024-12-20")
    ep(db, "teen", ALKO, start, fy=2010, henvisningsdato=start - timedelta(days=1))
    res = fig(db, "behandling_inden_14_dage")
    assert kn(res) == (3, 5)
    assert res.extra["median_ventetid"] == 14.0


@pytest.mark.parametrize(("wait", "in_time"), [(13, True), (14, True), (15, False)])
def test_behandling_inden_14_dage_boundary(db, wait, in_time):
    ep(db, "w", STOF, "2025-03-20", henvisningsdato=date(2025, 3, 20) - timedelta(days=wait))
    assert kn(fig(db, "behandling_inden_14_dage")) == (1 if in_time else 0, 1)


def test_behandling_median_wait_of_an_even_count_is_the_mean_of_the_middle_two(db):
    # waits [2, 9, 15, 40] -> median (9 + 15) / 2 = 12; in time 2 of 4.
    start = date(2025, 9, 1)
    for i, wait in enumerate((40, 2, 15, 9)):
        ep(db, f"e{i}", ALKO, start, henvisningsdato=start - timedelta(days=wait))
    res = fig(db, "behandling_inden_14_dage")
    assert kn(res) == (2, 4)
    assert res.extra["median_ventetid"] == 12.0


# ---------------------------------------------------------------- unge_job_uddannelse


def test_unge_job_uddannelse_among_episodes_of_under_30s_ending_in_period_with_known_status(db):
    # born 2000 (25) Job -> yes; born 2000 Uddannelse -> yes; born 1996 (29) Ledig -> no;
    # born 2009 (16) Sygemeldt -> no; born 1995 (30) Job -> excluded (not under 30);
    # born 2000 Ukendt -> excluded; born 2000 empty -> excluded; born 2010 (15) Job -> out of range;
    # born 2000 Job ending 2026-01-02 -> not in period.  => 2 of 4
    ep(db, "j1", MENTOR, "2024-01-01", "2025-02-01", fy=2000, beskaeftigelse_slut="Job")
    ep(db, "j2", MENTOR, "2024-01-01", "2025-03-01", fy=2000, beskaeftigelse_slut="Uddannelse")
    ep(db, "j3", MENTOR, "2024-01-01", "2025-04-01", fy=1996, beskaeftigelse_slut="Ledig")
    ep(db, "j4", MENTOR, "2024-01-01", "2025-05-01", fy=2009, beskaeftigelse_slut="Sygemeldt")
    ep(db, "j5", MENTOR, "2024-01-01", "2025-06-01", fy=1995, beskaeftigelse_slut="Job")
    ep(db, "j6", MENTOR, "2024-01-01", "2025-07-01", fy=2000, beskaeftigelse_slut="Ukendt")
    ep(db, "j7", MENTOR, "2024-01-01", "2025-08-01", fy=2000)
    ep(db, "j8", MENTOR, "2024-01-01", "2025-09-01", fy=2010, beskaeftigelse_slut="Job")
    ep(db, "j9", MENTOR, "2024-01-01", "2026-01-02", fy=2000, beskaeftigelse_slut="Job")
    assert kn(fig(db, "unge_job_uddannelse")) == (2, 4)


# ---------------------------------------------------------------- lokale_tilbud, handleplan, kontaktperson


def test_lokale_tilbud_counts_active_episodes_with_known_provider(db):
    # Episodes (not citizens): l1 has two active Egen kommune episodes (2), l2 Anden kommune, l3 Region,
    # l4 empty -> excluded, l5 Egen kommune ended 2024 -> not active, l6 Egen kommune age 15 -> out.
    # => 2 of 4
    ep(db, "l1", RAAD, "2025-01-01", leverandoer="Egen kommune")
    ep(db, "l1", MENTOR, "2025-02-01", leverandoer="Egen kommune")
    ep(db, "l2", RAAD, "2025-01-01", leverandoer="Anden kommune")
    ep(db, "l3", RAAD, "2025-01-01", leverandoer="Region")
    ep(db, "l4", RAAD, "2025-01-01")
    ep(db, "l5", RAAD, "2024-01-01", "2024-12-31", leverandoer="Egen kommune")
    ep(db, "l6", RAAD, "2025-01-01", fy=2010, leverandoer="Egen kommune")
    assert kn(fig(db, "lokale_tilbud")) == (2, 4)


def test_handleplan_andel_only_steps_3_and_up_with_handleplan_filled_in(db):
    # Bostøtte (3) Ja -> yes; Forsorgshjem (5) Nej -> no; Længerevarende (6) Ja -> yes;
    # Mentor (2) Ja -> excluded (step < 3); ACT (4) empty -> excluded; Rådgivning (1) Nej -> excluded;
    # Bostøtte (3) Ja ended 2024 -> not active.  => 2 of 3
    ep(db, "p1", BOSTOETTE, "2025-01-01", handleplan=True)
    ep(db, "p2", FORSORG, "2025-01-01", handleplan=False)
    ep(db, "p3", LAENGERE, "2025-01-01", handleplan=True)
    ep(db, "p4", MENTOR, "2025-01-01", handleplan=True)
    ep(db, "p5", HF_ACT, "2025-01-01")
    ep(db, "p6", RAAD, "2025-01-01", handleplan=False)
    ep(db, "p7", BOSTOETTE, "2024-01-01", "2024-12-31", handleplan=True)
    assert kn(fig(db, "handleplan_andel")) == (2, 3)


def test_stabil_kontaktperson_at_most_one_change_among_episodes_ending_in_period(db):
    # Ending in 2025 with a value: 0 (yes, ends 2025-01-01), 1 (yes), 2 (no), 5 (no, ends 2025-12-31).
    # Excluded: empty; ongoing 0; ended 2024-12-31 with 0; ended 2026-01-01 with 0.  => 2 of 4
    ep(db, "k0", RAAD, "2024-01-01", "2025-01-01", skift_kontaktperson=0)
    ep(db, "k1", RAAD, "2024-01-01", "2025-05-01", skift_kontaktperson=1)
    ep(db, "k2", RAAD, "2024-01-01", "2025-05-01", skift_kontaktperson=2)
    ep(db, "k5", RAAD, "2024-01-01", "2025-12-31", skift_kontaktperson=5)
    ep(db, "kn", RAAD, "2024-01-01", "2025-05-01")
    ep(db, "ko", RAAD, "2024-01-01", skift_kontaktperson=0)
    ep(db, "kp", RAAD, "2024-01-01", "2024-12-31", skift_kontaktperson=0)
    ep(db, "kf", RAAD, "2024-01-01", "2026-01-01", skift_kontaktperson=0)
    assert kn(fig(db, "stabil_kontaktperson")) == (2, 4)


# ---------------------------------------------------------------- sammenhaengende_overgange


def _transition(con, borger, next_offset, ended=BOSTOETTE, nxt=FORSORG, reason=MINDRE, slut="2025-06-30"):
    """An episode 2024-01-01..slut ending as a transition, and a next episode starting slut + next_offset days."""
    end = _d(slut)
    ep(con, borger, ended, "2024-01-01", end, afslutningsaarsag=reason)
    if next_offset is not None:
        ep(con, borger, nxt, end + timedelta(days=next_offset))


@pytest.mark.parametrize(
    ("offset", "seamless"),
    [(0, True), (14, True), (15, False), (-90, True), (-91, False), (-30, True), (100, False)],
)
def test_sammenhaengende_overgange_window_is_90_days_before_to_14_days_after_slutdato(db, offset, seamless):
    # One transition ending 2025-06-30; the next episode starts offset days from the slutdato.
    # 14 after and 90 before are inside (2025-07-14, 2025-04-01); 15 after and 91 before are not.
    _transition(db, "s", offset)
    assert kn(fig(db, "sammenhaengende_overgange")) == (1 if seamless else 0, 1)


def test_sammenhaengende_next_episode_must_start_after_the_ended_episodes_startdato(db):
    # Ended 2025-01-01..2025-03-01; another episode starting 2025-01-01 (same day as the ended
    # episode's start, 59 days before its end) is not after its startdato -> not seamless: 0 of 1.
    ep(db, "s", BOSTOETTE, "2025-01-01", "2025-03-01", afslutningsaarsag=MINDRE)
    ep(db, "s", MENTOR, "2025-01-01")
    assert kn(fig(db, "sammenhaengende_overgange")) == (0, 1)


def test_sammenhaengende_next_episode_the_day_after_the_ended_start_counts(db):
    # Ended 2025-01-01..2025-03-01; next starts 2025-01-02: after its start, 58 days before its end -> 1 of 1.
    ep(db, "s", BOSTOETTE, "2025-01-01", "2025-03-01", afslutningsaarsag=MINDRE)
    ep(db, "s", MENTOR, "2025-01-02")
    assert kn(fig(db, "sammenhaengende_overgange")) == (1, 1)


def test_sammenhaengende_next_episode_after_period_end_still_makes_it_seamless(db):
    # Ends 2025-12-31 (in period); next starts 2026-01-14 (14 days later). The contract does not limit
    # the next episode to the period -> seamless, 1 of 1.
    _transition(db, "s", 14, slut="2025-12-31")
    assert kn(fig(db, "sammenhaengende_overgange")) == (1, 1)


def test_sammenhaengende_overgange_combined_fixture(db):
    # Transitions ending in 2025 (denominator):
    #   a +14 seamless; b +15 no; c -90 seamless; d -91 no; e +0 seamless; f MERE +10 seamless;
    #   g next episode belongs to another citizen -> no; h no other episode -> no.
    # Not transitions: i 'Mål nået' with a next episode; j ended 2024-12-31; k 15-year-old; l ongoing.
    # => 4 of 8
    _transition(db, "a", 14)
    _transition(db, "b", 15)
    _transition(db, "c", -90)
    _transition(db, "d", -91)
    _transition(db, "e", 0)
    _transition(db, "f", 10, reason=MERE, ended=MENTOR, nxt=BOSTOETTE)
    _transition(db, "g", None)
    ep(db, "other", FORSORG, "2025-07-03")
    _transition(db, "h", None)
    _transition(db, "i", 3, reason="Mål nået")
    _transition(db, "j", 3, slut="2024-12-31")
    ep(db, "k", BOSTOETTE, "2024-01-01", "2025-06-30", fy=2010, afslutningsaarsag=MINDRE)
    ep(db, "k", FORSORG, "2025-07-01", fy=2010)
    ep(db, "l", BOSTOETTE, "2024-01-01")
    assert kn(fig(db, "sammenhaengende_overgange")) == (4, 8)


# ---------------------------------------------------------------- trappe_ned

TRAPPE_SCENARIOS = {
    # ended episode, [(next indsats, offset from slutdato)], expected (numerator, denominator)
    "next_lower": (FORSORG, [(BOSTOETTE, 9)], (1, 1)),
    "next_higher": (BOSTOETTE, [(FORSORG, 9)], (0, 1)),
    "next_same_step": (BOSTOETTE, [(HF_CTI, 9)], (0, 1)),
    "earliest_in_window_decides_not_the_lowest": (FORSORG, [(LAENGERE, -28), (MENTOR, 4)], (0, 1)),
    "tie_on_start_takes_the_lowest_step": (FORSORG, [(LAENGERE, 4), (MENTOR, 4)], (1, 1)),
    "episode_before_the_window_is_ignored": (BOSTOETTE, [(RAAD, -151), (FORSORG, 9)], (0, 1)),
    "episode_after_the_window_is_ignored": (FORSORG, [(LAENGERE, 10), (MENTOR, 20)], (0, 1)),
    "non_seamless_transition_is_not_counted": (FORSORG, [(MENTOR, 20)], "empty"),
}


@pytest.mark.parametrize("scenario", list(TRAPPE_SCENARIOS))
def test_trappe_ned_compares_the_step_of_the_next_episode(db, scenario):
    ended, nexts, expected = TRAPPE_SCENARIOS[scenario]
    end = date(2025, 6, 30)
    ep(db, "t", ended, "2024-01-01", end, afslutningsaarsag=MINDRE)
    for indsats, offset in nexts:
        ep(db, "t", indsats, end + timedelta(days=offset))
    res = fig(db, "trappe_ned")
    if expected == "empty":
        assert res.suppressed and res.numerator is None and res.denominator is None
    else:
        assert kn(res) == expected


def test_trappe_ned_combined_fixture(db):
    # Seamless transitions: next_lower (down), next_higher, next_same_step, earliest_in_window (6, not
    # down), tie (2, down), before_window (5, not down), after_window (6, not down); one more
    # Længerevarende (6) -> Bostøtte (3) +13 days (down). Non-seamless one is left out.
    # => 3 of 8
    end = date(2025, 6, 30)
    for i, (ended, nexts, _) in enumerate(TRAPPE_SCENARIOS.values()):
        ep(db, f"t{i}", ended, "2024-01-01", end, afslutningsaarsag=MINDRE)
        for indsats, offset in nexts:
            ep(db, f"t{i}", indsats, end + timedelta(days=offset))
    ep(db, "t9", LAENGERE, "2024-01-01", "2025-05-01", afslutningsaarsag=MINDRE)
    ep(db, "t9", BOSTOETTE, "2025-05-14")
    assert kn(fig(db, "trappe_ned")) == (3, 8)


# ---------------------------------------------------------------- breakdowns and filters


def _target_groups(con):
    # A  Alkohol + Sindslidelse on two active episodes -> Alkohol, Sindslidelse, Dobbeltdiagnose
    # B  Dobbeltdiagnose listed                         -> Dobbeltdiagnose
    # C  Sindslidelse only                              -> Sindslidelse
    # D  no groups                                      -> Uoplyst
    # E  Hash + Sindslidelse on one episode             -> Hash, Sindslidelse, Dobbeltdiagnose
    # F  Alkohol only on an old inactive episode, Sindslidelse active -> Sindslidelse only
    ep(con, "A", RAAD, "2025-01-01", maalgrupper=["Alkohol"])
    ep(con, "A", MENTOR, "2025-02-01", maalgrupper=["Sindslidelse"])
    ep(con, "B", RAAD, "2025-01-01", maalgrupper=["Dobbeltdiagnose"])
    ep(con, "C", RAAD, "2025-01-01", maalgrupper=["Sindslidelse"])
    ep(con, "D", RAAD, "2025-01-01")
    ep(con, "E", RAAD, "2025-01-01", maalgrupper=["Hash", "Sindslidelse"])
    ep(con, "F", RAAD, "2020-01-01", "2020-12-31", maalgrupper=["Alkohol"])
    ep(con, "F", MENTOR, "2025-01-01", maalgrupper=["Sindslidelse"])


def test_target_group_breakdown_counts_a_citizen_in_each_group_and_derives_dual_diagnosis(db):
    # Alkohol 1 (A); Sindslidelse 4 (A, C, E, F); Dobbeltdiagnose 3 (A, B, E); Hash 1 (E); Uoplyst 1 (D).
    # Total 6: the groups sum to 10, not 6, and the results say so (multi_membership).
    _target_groups(db)
    groups = by(db, "aktive_borgere", "målgruppe")
    got = {g: r.value for g, r in groups.items() if r.value}
    assert got == {"Alkohol": 1, "Sindslidelse": 4, "Dobbeltdiagnose": 3, "Hash": 1, "Uoplyst": 1}
    assert all(r.multi_membership for r in groups.values())
    assert count(fig(db, "aktive_borgere")) == 6


def test_target_group_filter_dual_diagnosis_includes_derived_members(db):
    # Filter Dobbeltdiagnose: A, B, E -> 3.
    _target_groups(db)
    assert count(fig(db, "aktive_borgere", filters={"målgruppe": ["Dobbeltdiagnose"]})) == 3


def test_target_group_share_breakdown_uses_the_citizen_union_of_groups(db):
    # andel_unge by target group: A born 2000 (young), E born 1990; Dobbeltdiagnose = {A, B, E} with
    # B born 1990 -> 1 of 3 young. Sindslidelse = {A, C, E, F} (C, F born 1990) -> 1 of 4.
    ep(db, "A", RAAD, "2025-01-01", fy=2000, maalgrupper=["Alkohol"])
    ep(db, "A", MENTOR, "2025-02-01", fy=2000, maalgrupper=["Sindslidelse"])
    ep(db, "B", RAAD, "2025-01-01", maalgrupper=["Dobbeltdiagnose"])
    ep(db, "C", RAAD, "2025-01-01", maalgrupper=["Sindslidelse"])
    ep(db, "E", RAAD, "2025-01-01", maalgrupper=["Hash", "Sindslidelse"])
    ep(db, "F", RAAD, "2020-01-01", "2020-12-31", maalgrupper=["Alkohol"])
    ep(db, "F", MENTOR, "2025-01-01", maalgrupper=["Sindslidelse"])
    groups = by(db, "andel_unge", "målgruppe")
    assert kn(groups["Dobbeltdiagnose"]) == (1, 3)
    assert kn(groups["Sindslidelse"]) == (1, 4)
    assert kn(groups["Alkohol"]) == (1, 1)


def test_homeless_citizen_by_housing_status_is_in_the_target_group_hjemloeshed(db):
    # Interpretation of "Dual diagnosis and homelessness as in the data contract": a citizen whose
    # latest known housing status is homeless (Gade) counts in the target group Hjemløshed even
    # when the episode does not list it. H1 listed, H2 by status (Gade), H3 listed nothing, Egen bolig.
    ep(db, "H1", RAAD, "2025-01-01", maalgrupper=["Hjemløshed"])
    ep(db, "H2", RAAD, "2025-01-01", bolig_start="Gade")
    ep(db, "H3", RAAD, "2025-01-01", bolig_start="Egen bolig")
    groups = by(db, "aktive_borgere", "målgruppe")
    assert groups["Hjemløshed"].value == 2


def test_focus_area_breakdown_counts_a_citizen_under_each_focus_area(db):
    # X: Bostøtte (Stabile rammer) + Mentor (At kunne selv); Y: Gruppeforløb (At være noget for nogen);
    # Z: Rådgivning (At kunne selv). Stabile rammer 1, At kunne selv 2, At være noget for nogen 1; total 3.
    ep(db, "X", BOSTOETTE, "2025-01-01")
    ep(db, "X", MENTOR, "2025-01-01")
    ep(db, "Y", GRUPPE, "2025-01-01")
    ep(db, "Z", RAAD, "2025-01-01")
    groups = by(db, "aktive_borgere", "fokusområde")
    got = {g: r.value for g, r in groups.items() if r.value}
    assert got == {"Stabile rammer": 1, "At kunne selv": 2, "At være noget for nogen": 1}


def test_age_band_breakdown_uses_age_at_period_end(db):
    # Born 2009 -> 16 (16-17), 2007 -> 18 (18-24), 1996 -> 29 (25-29), 1995 -> 30 (30-39), 1965 -> 60 (60+).
    for borger, fy in (("a2009", 2009), ("a2007", 2007), ("a1996", 1996), ("a1995", 1995), ("a1965", 1965)):
        ep(db, borger, RAAD, "2025-01-01", fy=fy)
    groups = by(db, "aktive_borgere", "aldersgruppe")
    got = {g: r.value for g, r in groups.items() if r.value}
    assert got == {"16-17": 1, "18-24": 1, "25-29": 1, "30-39": 1, "60+": 1}


def test_citizen_whose_latest_known_status_is_homeless_is_in_the_target_group_hjemloeshed(db):
    # DATA_CONTRACT: "A citizen counts as homeless when the housing status is Forsorgshjem/herberg,
    # Sofasover or Gade"; INDICATORS.md: target group membership includes "homelessness as in the data
    # contract", and the citizen's housing status on period_end is the latest known status (the one
    # hjemloese_andel uses). 'old': an episode 2020-01-01..2020-06-01 ending Gade, nothing known since,
    # active in 2025 via Rådgivning without status -> latest known status Gade -> homeless: counted as
    # homeless by hjemloese_andel (1 of 1) and so in the target group Hjemløshed (1 citizen).
    ep(db, "old", MENTOR, "2020-01-01", "2020-06-01", bolig_slut="Gade")
    ep(db, "old", RAAD, "2025-01-01")
    assert kn(fig(db, "hjemloese_andel")) == (1, 1)
    groups = by(db, "aktive_borgere", "målgruppe")
    assert "Hjemløshed" in groups and groups["Hjemløshed"].value == 1
    assert count(fig(db, "aktive_borgere", filters={"målgruppe": ["Hjemløshed"]})) == 1
