"""Given/expect tests of the citizen-level intervention indicators (period 2025, age = 2025 − fødselsår)."""

from __future__ import annotations

from metrics.population import pension_age
from tests.metrics.conftest import add_episode, figure

MENTOR = "Mentor"  # step 2
BOSTOETTE = "Bostøtte (SEL §85)"  # step 3
SKAEV = "Skæv bolig med social vicevært"  # step 4
FORSORG = "Forsorgshjem (SEL §110)"  # step 5
SEL108 = "Længerevarende botilbud (SEL §108)"  # step 6


def test_aktive_borgere_counts_active_citizens_in_the_target_range(con):
    add_episode(con, "A001", 2009, MENTOR, "2025-03-01")  # age 16: counted
    add_episode(con, "B001", 2010, MENTOR, "2025-03-01")  # age 15: left out
    add_episode(con, "C001", 1958, MENTOR, "2020-01-01")  # age 67 = pension age for 1955-62: left out
    add_episode(con, "D001", 1959, MENTOR, "2020-01-01")  # age 66 < 67: counted
    add_episode(con, "E001", 1980, MENTOR, "2024-01-01", "2024-12-31")  # ended before the period
    add_episode(con, "F001", 1980, MENTOR, "2024-01-01", "2025-01-01")  # ends on the first day: active
    add_episode(con, "F001", 1980, BOSTOETTE, "2025-02-01")  # second active episode: still one citizen
    add_episode(con, "G001", 1980, MENTOR, "2025-12-31")  # starts on the last day: active
    add_episode(con, "H001", 1980, MENTOR, "2026-01-01")  # starts after the period
    # Counted: A001, D001, F001, G001 = 4.
    res = figure(con, "aktive_borgere")
    assert (res.numerator, res.denominator, res.value, res.display) == (4, None, 4, "4")


def test_pension_age_table_and_boundaries_for_other_birth_years(con):
    assert [pension_age(y) for y in (1953, 1954, 1955, 1962, 1963, 1966, 1967, 1970, 1971, 1990)] == [
        65,
        66,
        67,
        67,
        68,
        68,
        69,
        69,
        70,
        70,
    ]
    add_episode(con, "P001", 1953, MENTOR, "2015-01-01")  # 2018: age 65 = 65 → out; 2017: 64 → in
    add_episode(con, "P002", 1954, MENTOR, "2015-01-01")  # 2019: age 65 < 66 → in; 2020: 66 → out
    add_episode(con, "P003", 1971, MENTOR, "2015-01-01")  # 2040: age 69 < 70 → in; 2041: 70 → out
    add_episode(con, "P004", 1970, MENTOR, "2015-01-01")  # 2039: age 69 = 69 → out
    assert figure(con, "aktive_borgere", "2017").value == 4  # P001 (64), P002 (63), P003 (46), P004 (47)
    assert figure(con, "aktive_borgere", "2018").value == 3  # P002, P003, P004
    assert figure(con, "aktive_borgere", "2019").value == 3  # P002 (65), P003, P004
    assert figure(con, "aktive_borgere", "2020").value == 2  # P003, P004
    assert figure(con, "aktive_borgere", "2039").value == 1  # P003 only
    assert figure(con, "aktive_borgere", "2040").value == 1  # P003 (69)
    assert figure(con, "aktive_borgere", "2041").value == 0


def test_nye_borgere_earliest_episode_in_all_data_starts_in_the_period(con):
    add_episode(con, "N001", 1990, MENTOR, "2025-02-01")  # new
    add_episode(con, "N002", 1990, MENTOR, "2023-01-01", "2024-03-01")  # earlier episode in 2023
    add_episode(con, "N002", 1990, BOSTOETTE, "2025-04-01")  # → not new
    add_episode(con, "N003", 1990, MENTOR, "2024-06-01")  # active, started before: not new
    add_episode(con, "N004", 2010, MENTOR, "2025-05-01")  # new but aged 15: left out
    add_episode(con, "N005", 1990, MENTOR, "2025-07-01", "2025-08-01")  # new, ended within the year
    assert figure(con, "nye_borgere").value == 2  # N001, N005
    assert figure(con, "nye_borgere", "2025-Q1").value == 1  # N001 (Feb); N005 starts in Q3
    assert figure(con, "nye_borgere", "2025-07").value == 1  # N005


def test_andel_unge_under_30_at_period_end(con):
    add_episode(con, "U001", 1996, MENTOR, "2025-01-01")  # 29: young
    add_episode(con, "U002", 1995, MENTOR, "2025-01-01")  # 30: not young
    add_episode(con, "U003", 2009, MENTOR, "2025-01-01")  # 16: young
    add_episode(con, "U004", 2010, MENTOR, "2025-01-01")  # 15: outside the range, left out
    res = figure(con, "andel_unge")
    # 2 young of 3 active citizens.
    assert (res.numerator, res.denominator) == (2, 3)
    assert abs(res.value - 2 / 3) < 1e-12


def test_hjemloese_andel_latest_known_status_tie_goes_to_homeless(con):
    # H001: Gade at start (2024-01-01), Egen bolig at end (2025-03-01): latest is Egen bolig → not homeless.
    add_episode(con, "H001", 1980, MENTOR, "2024-01-01", "2025-03-01", bolig_start="Gade", bolig_slut="Egen bolig")
    # H002: 'Egen bolig' at the start of one episode and 'Sofasover' at the end of another, same day → homeless.
    add_episode(con, "H002", 1980, MENTOR, "2024-06-01", "2025-02-01", bolig_slut="Sofasover")
    add_episode(con, "H002", 1980, BOSTOETTE, "2025-02-01", bolig_start="Egen bolig")
    # H003: only 'Ukendt' and empty: no known status → not in the denominator.
    add_episode(con, "H003", 1980, MENTOR, "2025-01-10", bolig_start="Ukendt")
    # H004: homeless at start in 2025; 'Egen bolig' at an end after period_end is not seen yet → homeless.
    add_episode(con, "H004", 1980, MENTOR, "2025-05-01", bolig_start="Forsorgshjem/herberg")
    add_episode(con, "H004", 1980, BOSTOETTE, "2025-06-01", "2026-02-01", bolig_slut="Egen bolig")
    # H005: latest known status is from an old, inactive episode (Gade 2019-12-01) → homeless.
    add_episode(con, "H005", 1980, MENTOR, "2019-01-01", "2019-12-01", bolig_slut="Gade")
    add_episode(con, "H005", 1980, BOSTOETTE, "2025-01-15")
    # H006: 'Institution/hospital/fængsel' is known and not homeless.
    add_episode(con, "H006", 1980, MENTOR, "2025-01-15", bolig_start="Institution/hospital/fængsel")
    res = figure(con, "hjemloese_andel")
    # Denominator: H001, H002, H004, H005, H006 = 5; homeless: H002, H004, H005 = 3.
    assert (res.numerator, res.denominator) == (3, 5)


def test_tidlig_rette_indsats_first_episode_step_with_tie_on_lowest_step(con):
    add_episode(con, "T001", 1990, MENTOR, "2025-02-01")  # new, first step 2 → yes
    add_episode(con, "T002", 1990, FORSORG, "2025-03-01")  # new, same day step 5 and 3 → lowest 3 → yes
    add_episode(con, "T002", 1990, BOSTOETTE, "2025-03-01")
    add_episode(con, "T003", 1990, SKAEV, "2025-04-01")  # new, first step 4 → no (later Mentor irrelevant)
    add_episode(con, "T003", 1990, MENTOR, "2025-05-01")
    add_episode(con, "T004", 1990, SEL108, "2025-06-01")  # new, step 6 → no
    add_episode(con, "T005", 1990, MENTOR, "2024-06-01")  # not new: excluded
    res = figure(con, "tidlig_rette_indsats")
    # New citizens T001-T004 = 4; first step ≤ 3: T001, T002 = 2.
    assert (res.numerator, res.denominator) == (2, 4)
