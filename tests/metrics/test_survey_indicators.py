"""Given/expect tests of the survey indicators (period 2025; answers' own fødselsår decide the age)."""

from __future__ import annotations

import pytest

from tests.metrics.conftest import add_answer, figure, groups

LIKERT = {
    "princip_ressourcer": "p_ressourcer",
    "princip_oensker": "p_oensker",
    "princip_kompetente": "p_kompetente",
    "princip_kommunikation": "p_kommunikation",
    "oplevet_stabile_rammer": "stabile_rammer",
    "oplevet_kan_selv": "kan_selv",
    "oplevet_faellesskab": "noget_for_nogen",
}


@pytest.mark.parametrize("indicator", list(LIKERT))
def test_likert_share_agree_among_non_missing_answers(con, indicator):
    col = LIKERT[indicator]
    add_answer(con, "A001", "2025-03-01", foedselsaar=1990, **{col: 5})  # agree
    add_answer(con, "A002", "2025-03-01", foedselsaar=1990, **{col: 4})  # agree
    add_answer(con, "A003", "2025-03-01", foedselsaar=1990, **{col: 3})  # not
    add_answer(con, "A004", "2025-03-01", foedselsaar=1990)  # missing: out
    add_answer(con, "A005", "2024-12-31", foedselsaar=1990, **{col: 5})  # before the period
    add_answer(con, "A006", "2025-03-01", foedselsaar=2010, **{col: 5})  # aged 15: out
    add_answer(con, "A007", "2025-03-01", **{col: 1})  # no birth year: counted, not agree
    add_answer(con, "A008", "2025-03-01", foedselsaar=1958, **{col: 5})  # 67 = pension age: out
    res = figure(con, indicator)
    # Denominator A001, A002, A003, A007 = 4; agree A001, A002 = 2.
    assert (res.numerator, res.denominator) == (2, 4)


def _who5(con, answer_id, items, **cols):
    add_answer(
        con, answer_id, "2025-05-01", **{f"who5_{i + 1}": v for i, v in enumerate(items) if v is not None}, **cols
    )


def test_who5_mean_and_low_wellbeing(con):
    _who5(con, "W001", [5, 5, 5, 5, 5])  # 4 × 25 = 100
    _who5(con, "W002", [2, 3, 2, 3, 2])  # 4 × 12 = 48 ≤ 50: low
    _who5(con, "W003", [3, 3, 3, 3, 3])  # 60
    _who5(con, "W004", [2, 3, 3, 2, 3])  # 52: not low
    _who5(con, "W005", [5, 5, 5, 5, None])  # an item missing: out
    mean = figure(con, "trivsel_who5")
    # (100 + 48 + 60 + 52) / 4 = 65.0; a mean has no numerator, its denominator is the number of answers.
    assert (mean.numerator, mean.denominator, mean.value, mean.display) == (None, 4, 65.0, "65,0")
    low = figure(con, "lav_trivsel")
    assert (low.numerator, low.denominator) == (1, 4)


def test_ensomhed_sum_of_three_items_at_least_7(con):
    add_answer(con, "E001", "2025-05-01", ensom_1=3, ensom_2=3, ensom_3=1)  # 7: yes
    add_answer(con, "E002", "2025-05-01", ensom_1=2, ensom_2=2, ensom_3=2)  # 6: no
    add_answer(con, "E003", "2025-05-01", ensom_1=3, ensom_2=3, ensom_3=3)  # 9: yes
    add_answer(con, "E004", "2025-05-01", ensom_1=1, ensom_2=1)  # incomplete: out
    res = figure(con, "ensomhed")
    assert (res.numerator, res.denominator) == (2, 3)


def test_survey_breakdowns_use_the_answers_own_fields_and_uoplyst(con):
    add_answer(con, "G001", "2025-05-01", foedselsaar=2000, maalgrupper=["Sindslidelse", "Hash"], p_ressourcer=5)
    add_answer(con, "G002", "2025-05-01", foedselsaar=1980, maalgrupper=["Alkohol"], p_ressourcer=2, indsats="Mentor")
    add_answer(con, "G003", "2025-05-01", p_ressourcer=4)  # nothing known: total and 'Uoplyst'
    by_age = groups(con, "princip_ressourcer", "aldersgruppe")
    # 2025 − 2000 = 25 → '25-29'; 1980 → 45 → '40-49'; missing → 'Uoplyst' (listed last).
    assert list(by_age) == ["25-29", "40-49", "Uoplyst"]
    assert [(r.numerator, r.denominator) for r in by_age.values()] == [(1, 1), (0, 1), (1, 1)]
    by_group = groups(con, "princip_ressourcer", "målgruppe")
    # G001: Sindslidelse + Hash → also derived Dobbeltdiagnose; G002 Alkohol; G003 'Uoplyst'.
    assert {g: r.denominator for g, r in by_group.items()} == {
        "Alkohol": 1,
        "Hash": 1,
        "Sindslidelse": 1,
        "Dobbeltdiagnose": 1,
        "Uoplyst": 1,
    }
    assert all(r.multi_membership for r in by_group.values())
    by_provider = groups(con, "princip_ressourcer", "leverandør")
    assert {g: r.denominator for g, r in by_provider.items()} == {"Uoplyst": 3}  # answers carry no provider
    by_ind = groups(con, "princip_ressourcer", "indsats")
    assert {g: r.denominator for g, r in by_ind.items()} == {"Mentor": 1, "Uoplyst": 2}
    assert figure(con, "princip_ressourcer", filters={"indsats": ["Mentor"]}).denominator == 1
    assert figure(con, "princip_ressourcer", filters={"fokusområde": ["At kunne selv"]}).denominator == 1
    assert figure(con, "princip_ressourcer", filters={"målgruppe": ["Dobbeltdiagnose"]}).denominator == 1
