"""`trend` gives exactly the results of `compute` year by year, on a small fixture spanning 2023-2025."""

from __future__ import annotations

import pytest

from metrics.engine import compute, trend
from metrics.registry import INDICATORS
from tests.metrics.conftest import add_answer, add_episode, add_measure

YEARS = [2023, 2024, 2025]
MENTOR = "Mentor"  # step 2
BOST = "Bostøtte (SEL §85)"  # step 3
RAAD = "Rådgivning og vejledning"  # step 1
HF = "Housing First – CTI"  # step 3, Housing First
STOF = "Stofmisbrugsbehandling (SEL §101)"  # step 3, treatment
ALKO = "Alkoholbehandling (SUL §141)"  # step 3, treatment
FORSORG = "Forsorgshjem (SEL §110)"  # step 5
GRUPPE = "Gruppeforløb"  # step 1


@pytest.fixture
def years3(con):
    """Seven citizens whose episodes, measurements and answers fall in 2023, 2024 and 2025 (see the comments)."""
    # T001 (1990, Kvinde): Mentor in 2023 ending with a seamless step down to Bostøtte (open); active every year.
    add_episode(
        con,
        "T001",
        1990,
        MENTOR,
        "2023-03-01",
        "2023-12-15",
        koen="Kvinde",
        maalgrupper=["Alkohol"],
        leverandoer="Egen kommune",
        afslutningsaarsag="Overgang til mindre indgribende indsats",
        bolig_start="Sofasover",
        handleplan=True,
    )
    add_episode(con, "T001", 1990, BOST, "2023-12-20", koen="Kvinde", maalgrupper=["Alkohol"], handleplan=False)
    # T002 (2008): aged 15 in 2023 (outside the range), 16 in 2024, 17 in 2025; active 2024 and 2025.
    add_episode(con, "T002", 2008, RAAD, "2023-06-01", maalgrupper=["Sindslidelse"], leverandoer="Region")
    # T003 (1960, pension age 67): Bostøtte 2024-02-01..2025-03-31 ending in own housing; active 2024 and 2025.
    add_episode(
        con,
        "T003",
        1960,
        BOST,
        "2024-02-01",
        "2025-03-31",
        koen="Mand",
        bolig_slut="Egen bolig",
        beskaeftigelse_slut="Ledig",
        skift_kontaktperson=1,
        handleplan=True,
    )
    # T004 (1998): treatment in 2025 after 9 days' wait; an old 2021 episode ended on the street; active 2025.
    add_episode(con, "T004", 1998, MENTOR, "2021-01-01", "2021-06-30", bolig_slut="Gade")
    add_episode(con, "T004", 1998, ALKO, "2025-01-10", henvisningsdato="2025-01-01", leverandoer="Egen kommune")
    # T005 (2000): Housing First 2023-01-01..2024-06-30 ending in own housing and a job; active 2023 and 2024.
    add_episode(
        con,
        "T005",
        2000,
        HF,
        "2023-01-01",
        "2024-06-30",
        bolig_start="Gade",
        bolig_slut="Egen bolig",
        beskaeftigelse_slut="Job",
        skift_kontaktperson=3,
    )
    # T006 (1985, Mand): treatment 2023 (45 days' wait) ending with a step up; Forsorgshjem from 2024-01-10 is
    # outside the 14-day window (not seamless); active every year.
    add_episode(
        con,
        "T006",
        1985,
        STOF,
        "2023-02-15",
        "2023-11-30",
        koen="Mand",
        maalgrupper=["Stoffer", "Hjemløshed"],
        henvisningsdato="2023-01-01",
        afslutningsaarsag="Overgang til mere indgribende indsats",
        leverandoer="Privat/selvejende",
    )
    add_episode(con, "T006", 1985, FORSORG, "2024-01-10", koen="Mand", maalgrupper=["Stoffer"], bolig_start="Gade")
    # T007 (1970, pension age 69): a group course from 2025-05-01; active 2025.
    add_episode(con, "T007", 1970, GRUPPE, "2025-05-01", koen="Kvinde", maalgrupper=["Ensomhed"])
    # Progression: T001 improves by 3 in housing (2023-01-10 → 2024-03-01); T006 unchanged in economy.
    add_measure(con, "T001", "2023-01-10", "Bolig", 3)
    add_measure(con, "T001", "2023-06-01", "Bolig", 5)
    add_measure(con, "T001", "2024-03-01", "Bolig", 6)
    add_measure(con, "T006", "2024-02-01", "Økonomi", 2)
    add_measure(con, "T006", "2025-02-01", "Økonomi", 2)
    # Survey answers, one to two per year.
    likert = {"stabile_rammer": 4, "kan_selv": 2, "noget_for_nogen": 5, "p_oensker": 4}
    who5 = {f"who5_{i}": v for i, v in enumerate((3, 2, 4, 1, 5), start=1)}
    ensom = {"ensom_1": 3, "ensom_2": 2, "ensom_3": 3}
    add_answer(con, "S1", "2023-05-01", foedselsaar=1990, koen="Kvinde", indsats=MENTOR, **likert, **who5, **ensom)
    add_answer(con, "S2", "2024-05-01", foedselsaar=2008, indsats=RAAD, kan_selv=5, **who5)
    add_answer(con, "S3", "2024-09-01", foedselsaar=1950, stabile_rammer=1, **ensom)  # outside the age range
    add_answer(con, "S4", "2025-02-01", maalgrupper=["Alkohol"], noget_for_nogen=3, who5_1=1)
    return con


def _per_year(con, filters=None, by=None, min_n=None) -> list:
    """What `trend` must equal: `compute` for each year in turn (exact figures when min_n is None)."""
    return [
        r for y in YEARS for r in compute(con, list(INDICATORS), str(y), filters, by, min_n, protect=min_n is not None)
    ]


@pytest.mark.parametrize(
    "filters",
    [None, {"målgruppe": ["Hjemløshed", "Alkohol"]}, {"leverandør": ["Egen kommune", "Privat/selvejende"]}],
)
@pytest.mark.parametrize("by", [None, "aldersgruppe"])
@pytest.mark.parametrize("min_n", [None, 3])
def test_trend_equals_compute_year_by_year(years3, filters, by, min_n):
    got = trend(years3, list(INDICATORS), filters, by, YEARS, min_n, protect=min_n is not None)
    assert got == _per_year(years3, filters, by, min_n)


def test_trend_handworked_active_citizens_per_year(years3):
    got = {r.period: r.value for r in trend(years3, ["aktive_borgere"], years=YEARS, protect=False)}
    # 2023: T001, T005, T006 (T002 is 15); 2024: T001-T003, T005, T006; 2025: T001-T004, T006, T007.
    assert got == {"2023": 3, "2024": 5, "2025": 6}
    homeless = {
        r.period: r.value
        for r in trend(years3, ["aktive_borgere"], {"målgruppe": ["Hjemløshed"]}, years=YEARS, protect=False)
    }
    # 2023: T001 (Sofasover at the start), T005 (Gade at the start), T006 (listed). 2024: T001 (latest known
    # status Sofasover), T005 (Gade at the start of the active episode), T006 (Gade at the start); T003's own
    # housing lies after 2024. 2025: T001, T004 (latest known status Gade, on a 2021 episode), T006; T003 ended
    # in own housing.
    assert homeless == {"2023": 3, "2024": 3, "2025": 3}


def test_trend_keeps_year_order_and_skips_far_future_years(years3):
    got = trend(years3, ["aktive_borgere"], years=[2025, 2023, 2999], protect=False)
    assert [r.period for r in got] == ["2025", "2023"]
