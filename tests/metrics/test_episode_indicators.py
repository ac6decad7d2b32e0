"""Given/expect tests of the episode-level intervention indicators (period 2025; fødselsår 1990 = age 35)."""

from __future__ import annotations

from tests.metrics.conftest import add_episode, figure

MENTOR = "Mentor"  # step 2
BOSTOETTE = "Bostøtte (SEL §85)"  # step 3
SKAEV = "Skæv bolig med social vicevært"  # step 4
FORSORG = "Forsorgshjem (SEL §110)"  # step 5
SEL108 = "Længerevarende botilbud (SEL §108)"  # step 6
STOF = "Stofmisbrugsbehandling (SEL §101)"  # treatment
ALKO = "Alkoholbehandling (SUL §141)"  # treatment
MINDRE = "Overgang til mindre indgribende indsats"
MERE = "Overgang til mere indgribende indsats"


def test_egen_bolig_efter_hf_housing_first_episodes_ending_in_the_period(con):
    add_episode(con, "HF01", 1990, "Housing First – CTI", "2024-01-01", "2025-05-01", bolig_slut="Egen bolig")  # yes
    add_episode(con, "HF02", 1990, "Housing First – ACT", "2024-01-01", "2025-06-01", bolig_slut="Botilbud")  # no
    add_episode(con, "HF03", 1990, "Housing First – ICM", "2024-01-01", "2025-07-01", bolig_slut="Ukendt")  # out
    add_episode(con, "HF04", 1990, "Housing First – ICM", "2024-01-01", "2025-08-01")  # bolig_slut empty: out
    add_episode(con, "HF05", 1990, "Housing First – CTI", "2024-01-01")  # ongoing: out
    add_episode(con, "HF06", 1990, BOSTOETTE, "2024-01-01", "2025-05-01", bolig_slut="Egen bolig")  # not HF: out
    add_episode(con, "HF07", 1990, "Housing First – CTI", "2024-01-01", "2024-12-31", bolig_slut="Egen bolig")  # 2024
    add_episode(con, "HF08", 2010, "Housing First – CTI", "2024-01-01", "2025-05-01", bolig_slut="Egen bolig")  # 15
    res = figure(con, "egen_bolig_efter_hf")
    # Denominator HF01, HF02 = 2; Egen bolig: HF01 = 1.
    assert (res.numerator, res.denominator, res.value) == (1, 2, 0.5)


def test_behandling_inden_14_dage_exactly_14_days_counts_and_median_wait(con):
    add_episode(con, "BH01", 1990, STOF, "2025-03-15", henvisningsdato="2025-03-01")  # 14 days: yes
    add_episode(con, "BH02", 1990, ALKO, "2025-03-16", henvisningsdato="2025-03-01")  # 15 days: no
    add_episode(con, "BH03", 1990, ALKO, "2025-04-01", henvisningsdato="2025-04-01")  # 0 days: yes
    add_episode(con, "BH04", 1990, STOF, "2025-05-01")  # no henvisningsdato: out
    add_episode(con, "BH05", 1990, STOF, "2024-12-20", henvisningsdato="2024-12-01")  # started 2024: out
    add_episode(con, "BH06", 1990, MENTOR, "2025-05-01", henvisningsdato="2025-01-01")  # not treatment: out
    add_episode(con, "BH07", 1990, ALKO, "2025-06-30", henvisningsdato="2025-05-01")  # 60 days: no
    res = figure(con, "behandling_inden_14_dage")
    # Denominator BH01, BH02, BH03, BH07 = 4; within 14 days: BH01, BH03 = 2.
    assert (res.numerator, res.denominator) == (2, 4)
    # Waits 0, 14, 15, 60 → median (14 + 15) / 2 = 14.5 days.
    assert res.extra["median_ventetid"] == 14.5
    assert res.extra["median_ventetid_display"] == "14,5 dage"


def _transitions(con):
    # S1: step 3 ends 2025-03-01; next Mentor (2) starts 2025-03-15 = end + 14 → seamless, lower.
    add_episode(con, "X001", 1990, BOSTOETTE, "2024-01-01", "2025-03-01", afslutningsaarsag=MINDRE)
    add_episode(con, "X001", 1990, MENTOR, "2025-03-15")
    # S2: next starts end + 15 → not seamless.
    add_episode(con, "X002", 1990, BOSTOETTE, "2024-05-01", "2025-04-01", afslutningsaarsag=MINDRE)
    add_episode(con, "X002", 1990, MENTOR, "2025-04-16")
    # S3: Mentor (2) ends 2025-06-30; Bostøtte (3) started 2025-04-01 = end − 90 and after the start → seamless,
    # higher.
    add_episode(con, "X003", 1990, MENTOR, "2025-01-01", "2025-06-30", afslutningsaarsag=MERE)
    add_episode(con, "X003", 1990, BOSTOETTE, "2025-04-01")
    # S4: the other episode started 2025-03-31 = end − 91 → not seamless.
    add_episode(con, "X004", 1990, MENTOR, "2025-01-01", "2025-06-30", afslutningsaarsag=MERE)
    add_episode(con, "X004", 1990, BOSTOETTE, "2025-03-31")
    # S5: step 3 ends; two next episodes on the same day, steps 4 and 2 → lowest (2) → lower.
    add_episode(con, "X005", 1990, BOSTOETTE, "2025-01-10", "2025-05-01", afslutningsaarsag=MINDRE)
    add_episode(con, "X005", 1990, SKAEV, "2025-05-10")
    add_episode(con, "X005", 1990, MENTOR, "2025-05-10")
    # S6: step 3 ends; Forsorgshjem (5) starts 2025-05-05 before Mentor (2) on 2025-05-08 → earliest is 5 → not lower.
    add_episode(con, "X006", 1990, BOSTOETTE, "2025-01-10", "2025-05-01", afslutningsaarsag=MERE)
    add_episode(con, "X006", 1990, FORSORG, "2025-05-05")
    add_episode(con, "X006", 1990, MENTOR, "2025-05-08")
    # S7: ended with 'Mål nået' → not a transition.
    add_episode(con, "X007", 1990, BOSTOETTE, "2025-01-10", "2025-05-01", afslutningsaarsag="Mål nået")
    add_episode(con, "X007", 1990, MENTOR, "2025-05-02")
    # S8: the other episode started before the ended episode's start → does not count → not seamless.
    add_episode(con, "X008", 1990, BOSTOETTE, "2025-02-01", "2025-06-01", afslutningsaarsag=MINDRE)
    add_episode(con, "X008", 1990, MENTOR, "2025-01-15")
    # S9: a transition ending in 2024 is outside the period.
    add_episode(con, "X009", 1990, BOSTOETTE, "2024-02-01", "2024-12-01", afslutningsaarsag=MINDRE)
    add_episode(con, "X009", 1990, MENTOR, "2024-12-05")


def test_sammenhaengende_overgange_14_and_90_day_window(con):
    _transitions(con)
    res = figure(con, "sammenhaengende_overgange")
    # Transitions S1-S6, S8 = 7; seamless S1, S3, S5, S6 = 4.
    assert (res.numerator, res.denominator) == (4, 7)


def test_trappe_ned_next_episode_earliest_then_lowest_step(con):
    _transitions(con)
    res = figure(con, "trappe_ned")
    # Seamless S1 (3→2 lower), S3 (2→3), S5 (3→2 on the tie), S6 (3→5) → 2 of 4.
    assert (res.numerator, res.denominator) == (2, 4)


def test_unge_job_uddannelse_under_30_with_known_employment(con):
    add_episode(con, "J001", 2000, MENTOR, "2024-01-01", "2025-02-01", beskaeftigelse_slut="Job")  # 25: yes
    add_episode(con, "J002", 1996, MENTOR, "2024-01-01", "2025-02-01", beskaeftigelse_slut="Uddannelse")  # 29: yes
    add_episode(con, "J003", 1996, MENTOR, "2024-01-01", "2025-02-01", beskaeftigelse_slut="Ledig")  # 29: no
    add_episode(con, "J004", 1995, MENTOR, "2024-01-01", "2025-02-01", beskaeftigelse_slut="Job")  # 30: out
    add_episode(con, "J005", 2005, MENTOR, "2024-01-01", "2025-02-01", beskaeftigelse_slut="Ukendt")  # out
    add_episode(con, "J006", 2005, MENTOR, "2024-01-01", "2025-02-01")  # empty: out
    add_episode(con, "J007", 2005, MENTOR, "2024-01-01", beskaeftigelse_slut="Job")  # ongoing: out
    add_episode(con, "J008", 2003, MENTOR, "2024-01-01", "2025-02-01", beskaeftigelse_slut="Førtidspension")  # no
    res = figure(con, "unge_job_uddannelse")
    # Denominator J001, J002, J003, J008 = 4; job/education J001, J002 = 2.
    assert (res.numerator, res.denominator) == (2, 4)


def test_lokale_tilbud_counts_active_episodes_with_known_provider(con):
    add_episode(con, "L001", 1990, MENTOR, "2025-01-01", leverandoer="Egen kommune")  # yes
    add_episode(con, "L001", 1990, BOSTOETTE, "2025-01-01", leverandoer="Anden kommune")  # no (same citizen)
    add_episode(con, "L002", 1990, MENTOR, "2025-01-01", leverandoer="Region")  # no
    add_episode(con, "L003", 1990, MENTOR, "2025-01-01")  # unknown provider: out
    add_episode(con, "L004", 1990, MENTOR, "2024-01-01", "2024-06-01", leverandoer="Egen kommune")  # inactive
    add_episode(con, "L005", 1990, MENTOR, "2025-01-01", leverandoer="Privat/selvejende")  # no
    add_episode(con, "L006", 2010, MENTOR, "2025-01-01", leverandoer="Egen kommune")  # aged 15: out
    res = figure(con, "lokale_tilbud")
    # Episodes: L001×2, L002, L005 = 4; Egen kommune: 1.
    assert (res.numerator, res.denominator) == (1, 4)


def test_handleplan_andel_active_episodes_at_step_3_or_more(con):
    add_episode(con, "P001", 1990, BOSTOETTE, "2025-01-01", handleplan=True)  # step 3: yes
    add_episode(con, "P002", 1990, SKAEV, "2025-01-01", handleplan=False)  # step 4: no
    add_episode(con, "P003", 1990, SEL108, "2020-01-01", handleplan=True)  # step 6, active: yes
    add_episode(con, "P004", 1990, MENTOR, "2025-01-01", handleplan=True)  # step 2: out
    add_episode(con, "P005", 1990, BOSTOETTE, "2025-01-01")  # not filled in: out
    res = figure(con, "handleplan_andel")
    # Denominator P001, P002, P003 = 3; Ja: 2.
    assert (res.numerator, res.denominator) == (2, 3)


def test_stabil_kontaktperson_at_most_one_change(con):
    add_episode(con, "K001", 1990, MENTOR, "2024-01-01", "2025-03-01", skift_kontaktperson=0)  # yes
    add_episode(con, "K002", 1990, MENTOR, "2024-01-01", "2025-03-01", skift_kontaktperson=1)  # yes
    add_episode(con, "K003", 1990, MENTOR, "2024-01-01", "2025-03-01", skift_kontaktperson=2)  # no
    add_episode(con, "K004", 1990, MENTOR, "2024-01-01", "2025-03-01")  # not filled in: out
    add_episode(con, "K005", 1990, MENTOR, "2024-01-01", skift_kontaktperson=0)  # ongoing: out
    add_episode(con, "K006", 1990, MENTOR, "2024-01-01", "2024-12-01", skift_kontaktperson=0)  # ended 2024: out
    res = figure(con, "stabil_kontaktperson")
    assert (res.numerator, res.denominator) == (2, 3)
