"""Independent contract review: progression, the survey indicators and the small-number rule.

Expected figures are worked out by hand from INDICATORS.md (comments show how). Period 2025
(period_end 2025-12-31) unless stated otherwise; citizens and answers born 1990 (age 35).
"""

from __future__ import annotations

from datetime import date

import pytest

from metrics.engine import compute
from store.db import connect
from tests.metrics.review_rows import ans, by, ep, fig, kn, meas

RAAD = "Rådgivning og vejledning"
MENTOR = "Mentor"


@pytest.fixture
def db(tmp_path):
    con = connect(tmp_path / "review.duckdb", engine_kind="duckdb")
    yield con
    con.close()


# ---------------------------------------------------------------- progression


def test_progression_combined_fixture(db):
    # All citizens below have an ongoing episode since 2024-01-01 (active in 2025) unless noted.
    #   P1  Bolig 2024-06-01: 3 -> 2025-06-01: 4 (365 days)             change +1.0 -> yes (>= 1.0)
    #   P2  Bolig 2025-01-01: 3 -> 2025-03-31: 6 (89 days)               no qualifying domain -> not counted
    #   P3  Bolig 2025-01-01: 3 -> 2025-04-01: 4 (90 days)               +1.0 -> yes
    #   P4  Bolig +1 and Økonomi 0 (both 2024-01-01 -> 2025-05-01)       mean 0.5 -> no
    #   P5  Bolig 2024-01-01: 2 -> 2025-02-01: 4 (+2); Netværk 2025-01-15: 5 -> 2025-03-01: 1 (45 days,
    #       not qualifying, left out of the mean)                        +2.0 -> yes
    #   P6  Bolig 2023-01-01 -> 2024-06-01: latest measurement not in 2025 -> not counted
    #   P7  Bolig 2024-01-01: 5, 2025-03-01: 5, 2026-03-01: 9 (after period_end, ignored) -> 0 -> no
    #   P9  qualifying +3 but no active episode in 2025                  -> not counted
    #   P10 qualifying +3 but born 2010 (age 15)                         -> not counted
    #   P11 Bolig 2024-01-01: 6 -> 2025-06-01: 4                         -2 -> no
    # => counted P1, P3, P4, P5, P7, P11 = 6; in progress P1, P3, P5 = 3
    for b in ("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P11"):
        ep(db, b)
    ep(db, "P9", start="2022-01-01", slut="2024-06-30")
    ep(db, "P10", fy=2010)
    meas(db, "P1", "2024-06-01", "Bolig", 3)
    meas(db, "P1", "2025-06-01", "Bolig", 4)
    meas(db, "P2", "2025-01-01", "Bolig", 3)
    meas(db, "P2", "2025-03-31", "Bolig", 6)
    meas(db, "P3", "2025-01-01", "Bolig", 3)
    meas(db, "P3", "2025-04-01", "Bolig", 4)
    meas(db, "P4", "2024-01-01", "Bolig", 5)
    meas(db, "P4", "2025-05-01", "Bolig", 6)
    meas(db, "P4", "2024-01-01", "Økonomi", 5)
    meas(db, "P4", "2025-05-01", "Økonomi", 5)
    meas(db, "P5", "2024-01-01", "Bolig", 2)
    meas(db, "P5", "2025-02-01", "Bolig", 4)
    meas(db, "P5", "2025-01-15", "Netværk og relationer", 5)
    meas(db, "P5", "2025-03-01", "Netværk og relationer", 1)
    meas(db, "P6", "2023-01-01", "Bolig", 3)
    meas(db, "P6", "2024-06-01", "Bolig", 8)
    meas(db, "P7", "2024-01-01", "Bolig", 5)
    meas(db, "P7", "2025-03-01", "Bolig", 5)
    meas(db, "P7", "2026-03-01", "Bolig", 9)
    for b in ("P9", "P10"):
        meas(db, b, "2024-01-01", "Bolig", 3)
        meas(db, b, "2025-06-01", "Bolig", 6)
    meas(db, "P11", "2024-01-01", "Bolig", 6)
    meas(db, "P11", "2025-06-01", "Bolig", 4)
    assert kn(fig(db, "progression")) == (3, 6)


@pytest.mark.parametrize(("days_apart", "qualifies"), [(89, False), (90, True)])
def test_progression_first_and_latest_must_be_at_least_90_days_apart(db, days_apart, qualifies):
    # 2025-01-01 + 89 days = 2025-03-31, + 90 days = 2025-04-01. A single domain with change +2:
    # qualifying -> 1 of 1; not qualifying -> no counted citizen at all.
    ep(db, "Q")
    meas(db, "Q", "2025-01-01", "Bolig", 3)
    meas(db, "Q", date.fromordinal(date(2025, 1, 1).toordinal() + days_apart), "Bolig", 5)
    res = fig(db, "progression")
    if qualifies:
        assert kn(res) == (1, 1)
    else:
        assert res.suppressed and res.denominator is None


def test_progression_citizen_latest_measurement_in_period_may_be_in_another_domain(db):
    # Bolig 2023-01-01: 2 -> 2024-06-01: 5 qualifies (+3). Økonomi has one measurement 2025-02-01
    # (first = latest, 0 days: not qualifying). The citizen's latest measurement on or before
    # period_end is 2025-02-01, inside 2025 -> counted; change = mean over qualifying domains = +3 -> 1 of 1.
    ep(db, "R")
    meas(db, "R", "2023-01-01", "Bolig", 2)
    meas(db, "R", "2024-06-01", "Bolig", 5)
    meas(db, "R", "2025-02-01", "Økonomi", 4)
    assert kn(fig(db, "progression")) == (1, 1)


def test_progression_mean_over_three_domains_just_below_one_is_not_progress(db):
    # Changes +1, +1, +0 over three qualifying domains -> mean 0.667 < 1.0 -> 0; a second citizen with
    # +2, +0 -> mean 1.0 -> 1. => 1 of 2
    ep(db, "S1")
    ep(db, "S2")
    for domain, delta in (("Bolig", 1), ("Økonomi", 1), ("Rusmidler", 0)):
        meas(db, "S1", "2024-01-01", domain, 4)
        meas(db, "S1", "2025-06-01", domain, 4 + delta)
    for domain, delta in (("Bolig", 2), ("Økonomi", 0)):
        meas(db, "S2", "2024-01-01", domain, 4)
        meas(db, "S2", "2025-06-01", domain, 4 + delta)
    assert kn(fig(db, "progression")) == (1, 2)


# ---------------------------------------------------------------- survey: Likert shares

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
def test_likert_share_agree_among_non_missing_answers_in_period_and_range(db, indicator):
    col = LIKERT[indicator]
    # Counted: 5 (2025-01-01), 4, 3, 1, 4 (no fødselsår: counted), 5 (born 2009, age 16),
    #          5 (born 1959, age 66, pension 67), 2 (2025-12-31)
    # Excluded: missing (NULL), 5 dated 2024-12-31, 5 dated 2026-01-01, 5 born 2010 (15),
    #           5 born 1958 (67 = pension age).
    # Agree (4-5): 5, 4, 4, 5, 5 = 5 of 8.
    ans(db, "2025-01-01", **{col: 5})
    ans(db, **{col: 4})
    ans(db, **{col: 3})
    ans(db, **{col: 1})
    ans(db, fy=None, **{col: 4})
    ans(db, fy=2009, **{col: 5})
    ans(db, fy=1959, **{col: 5})
    ans(db, "2025-12-31", **{col: 2})
    ans(db)
    ans(db, "2024-12-31", **{col: 5})
    ans(db, "2026-01-01", **{col: 5})
    ans(db, fy=2010, **{col: 5})
    ans(db, fy=1958, **{col: 5})
    assert kn(fig(db, indicator)) == (5, 8)


def test_likert_item_only_reads_its_own_column(db):
    # p_ressourcer answers 5, 5; the same answers have p_oensker 1 and missing ->
    # princip_ressourcer 2 of 2, princip_oensker 0 of 1.
    ans(db, p_ressourcer=5, p_oensker=1)
    ans(db, p_ressourcer=5)
    assert kn(fig(db, "princip_ressourcer")) == (2, 2)
    assert kn(fig(db, "princip_oensker")) == (0, 1)


# ---------------------------------------------------------------- WHO-5 and loneliness


def _who(con, items, **kw):
    ans(con, **{f"who5_{i + 1}": v for i, v in enumerate(items)}, **kw)


def test_who5_mean_of_four_times_sum_over_complete_answers(db):
    # Complete answers: (5,5,5,5,5) 100; (3,3,3,3,3) 60; (2,2,3,3,2) sum 12 -> 48; (2,3,3,2,3) 13 -> 52;
    # (0,0,0,0,0) 0. Excluded: one missing item; born 2010; dated 2024.
    # Mean (100 + 60 + 48 + 52 + 0) / 5 = 52.0 over 5 answers.
    # lav_trivsel (score <= 50): 48 and 0 -> 2 of 5.
    _who(db, (5, 5, 5, 5, 5))
    _who(db, (3, 3, 3, 3, 3))
    _who(db, (2, 2, 3, 3, 2))
    _who(db, (2, 3, 3, 2, 3))
    _who(db, (0, 0, 0, 0, 0))
    _who(db, (4, 4, 4, 4, None))
    _who(db, (5, 5, 5, 5, 5), fy=2010)
    _who(db, (5, 5, 5, 5, 5), dato="2024-06-01")
    who = fig(db, "trivsel_who5")
    assert not who.suppressed
    assert who.value == pytest.approx(52.0)
    assert who.denominator == 5
    assert kn(fig(db, "lav_trivsel")) == (2, 5)


def test_lav_trivsel_boundary_sum_12_is_low_and_13_is_not(db):
    # 4 x 12 = 48 <= 50 (low); 4 x 13 = 52 > 50. => 1 of 2
    _who(db, (3, 3, 3, 3, 0))
    _who(db, (3, 3, 3, 3, 1))
    assert kn(fig(db, "lav_trivsel")) == (1, 2)


def test_ensomhed_share_with_sum_at_least_7_among_complete_answers(db):
    # (3,3,3) 9 yes; (2,2,3) 7 yes; (1,3,3) 7 yes; (2,2,2) 6 no; (1,1,1) 3 no; (3,3,None) excluded;
    # (3,3,3) born 2010 excluded. => 3 of 5
    for items in ((3, 3, 3), (2, 2, 3), (1, 3, 3), (2, 2, 2), (1, 1, 1), (3, 3, None)):
        ans(db, **{f"ensom_{i + 1}": v for i, v in enumerate(items)})
    ans(db, fy=2010, ensom_1=3, ensom_2=3, ensom_3=3)
    assert kn(fig(db, "ensomhed")) == (3, 5)


# ---------------------------------------------------------------- survey breakdowns


def test_survey_age_breakdown_shows_answers_without_birth_year_as_uoplyst(db):
    # born 1990 (30-39): 5, 4; born 2000 (25-29): 1; no fødselsår: 5, 2. Total 3 agree of 5.
    # Groups: 30-39 2/2, 25-29 0/1, Uoplyst 1/2.
    ans(db, p_ressourcer=5)
    ans(db, p_ressourcer=4)
    ans(db, fy=2000, p_ressourcer=1)
    ans(db, fy=None, p_ressourcer=5)
    ans(db, fy=None, p_ressourcer=2)
    assert kn(fig(db, "princip_ressourcer")) == (3, 5)
    groups = by(db, "princip_ressourcer", "aldersgruppe")
    assert kn(groups["30-39"]) == (2, 2)
    assert kn(groups["25-29"]) == (0, 1)
    assert kn(groups["Uoplyst"]) == (1, 2)


def test_survey_target_group_breakdown_uses_the_answers_own_groups(db):
    # a1 [Alkohol, Sindslidelse] agree; a2 [Sindslidelse] not agree; a3 no groups agree.
    # Alkohol 1/1, Sindslidelse 1/2, Uoplyst 1/1; total 2 of 3.
    ans(db, maalgrupper=["Alkohol", "Sindslidelse"], kan_selv=5)
    ans(db, maalgrupper=["Sindslidelse"], kan_selv=2)
    ans(db, kan_selv=4)
    assert kn(fig(db, "oplevet_kan_selv")) == (2, 3)
    groups = by(db, "oplevet_kan_selv", "målgruppe")
    assert kn(groups["Alkohol"]) == (1, 1)
    assert kn(groups["Sindslidelse"]) == (1, 2)
    assert kn(groups["Uoplyst"]) == (1, 1)


def test_survey_target_group_breakdown_derives_dual_diagnosis_from_the_answer(db):
    # Interpretation: "Dual diagnosis ... as in the data contract" applied to the answer's own groups:
    # [Alkohol, Sindslidelse] -> also Dobbeltdiagnose; [Dobbeltdiagnose] -> Dobbeltdiagnose;
    # [Sindslidelse] -> not. Dobbeltdiagnose: 2 answers, both agree -> 2 of 2.
    ans(db, maalgrupper=["Alkohol", "Sindslidelse"], kan_selv=5)
    ans(db, maalgrupper=["Dobbeltdiagnose"], kan_selv=4)
    ans(db, maalgrupper=["Sindslidelse"], kan_selv=2)
    groups = by(db, "oplevet_kan_selv", "målgruppe")
    assert kn(groups["Dobbeltdiagnose"]) == (2, 2)


# ---------------------------------------------------------------- small numbers (default N = 5)


def test_count_between_1_and_4_is_shown_as_under_5(db):
    for b in ("c1", "c2", "c3"):
        ep(db, b)
    res = fig(db, "aktive_borgere", min_n=5)
    assert res.suppressed and res.display == "<5" and res.value is None and res.numerator is None


def test_count_of_5_is_shown(db):
    for b in ("c1", "c2", "c3", "c4", "c5"):
        ep(db, b)
    res = fig(db, "aktive_borgere", min_n=5)
    assert not res.suppressed and res.value == 5


def test_count_of_zero_is_shown_as_zero(db):
    res = fig(db, "aktive_borgere", min_n=5)
    assert not res.suppressed and res.value == 0


def test_default_threshold_is_5_when_min_n_is_not_given(db, monkeypatch):
    monkeypatch.delenv("PEJLING_MIN_N", raising=False)
    for b in ("c1", "c2", "c3", "c4"):
        ep(db, b)
    (res,) = compute(db, ["aktive_borgere"], "2025")
    assert res.suppressed and res.display == "<5"


def test_share_with_denominator_under_5_is_for_faa_data(db):
    # 4 answers, 2 agree: denominator 4 < 5.
    for v in (5, 5, 1, 1):
        ans(db, kan_selv=v)
    res = fig(db, "oplevet_kan_selv", min_n=5)
    assert res.suppressed and res.display == "For få data"
    assert res.numerator is None and res.denominator is None and res.value is None


def test_share_with_small_numerator_is_only_a_band(db):
    # 10 answers, 3 agree: 3 is 1..4 -> band, never 30 %; the band's bound is >= 5/10 = 50 %.
    for v in (5, 5, 5, 1, 1, 1, 1, 1, 1, 1):
        ans(db, kan_selv=v)
    res = fig(db, "oplevet_kan_selv", min_n=5)
    assert res.suppressed and res.numerator is None and res.value is None
    assert "30" not in res.display and res.display.startswith("under")


def test_share_with_small_complement_is_only_a_band(db):
    # 10 answers, 8 agree: complement 2 is 1..4 -> band 'over ...', never 80 %.
    for v in (5, 5, 5, 5, 4, 4, 4, 4, 1, 2):
        ans(db, kan_selv=v)
    res = fig(db, "oplevet_kan_selv", min_n=5)
    assert res.suppressed and res.numerator is None and res.value is None
    assert "80" not in res.display and res.display.startswith("over")


def test_share_with_5_and_5_is_shown(db):
    for v in (5, 5, 5, 5, 5, 1, 1, 1, 1, 1):
        ans(db, kan_selv=v)
    # Both 5 and 5 reach N. With record keys (one answer 128, the rest 0) both cell keys are 128 →
    # deviation 0: shown as 5/10. Without keys (cell key 0) the 10 would be published as 7, leaving no room
    # for 5 and 5: then 'For få data' (see test_perturbation).
    first = db.execute("SELECT min(besvarelse_id) FROM borgeroplevelse WHERE kan_selv = 5").fetchone()[0]
    db.execute("INSERT INTO besvarelse_keys VALUES (?, 128, 0)", [first])
    res = fig(db, "oplevet_kan_selv", min_n=5)
    assert kn(res) == (5, 10) and res.value == pytest.approx(0.5)


def test_who5_mean_over_fewer_than_5_answers_is_hidden(db):
    for _ in range(4):
        _who(db, (3, 3, 3, 3, 3))
    res = fig(db, "trivsel_who5", min_n=5)
    assert res.suppressed and res.value is None and res.display == "For få data"


def test_breakdown_with_one_hidden_group_hides_a_second(db):
    # Active citizens by sex: Kvinde 6, Mand 7, Andet 2. Andet (2) is '<5'; without a second hidden
    # cell it could be worked out as 15 - 6 - 7, so at least one more group must be hidden.
    for i in range(6):
        ep(db, f"k{i}", koen="Kvinde")
    for i in range(7):
        ep(db, f"m{i}", koen="Mand")
    for i in range(2):
        ep(db, f"a{i}", koen="Andet")
    groups = by(db, "aktive_borgere", "køn", min_n=5)
    hidden = [g for g, r in groups.items() if r.suppressed]
    assert "Andet" in hidden and len(hidden) >= 2
    assert groups["Andet"].display == "<5"
    assert all(r.value is None for r in groups.values() if r.suppressed)


def test_breakdown_small_group_of_a_share_is_not_shown(db):
    # lokale_tilbud by provider is not meaningful; use andel_unge by sex: Mand 3 citizens -> denominator
    # 3 < 5 -> For få data (or hidden); Kvinde 10 citizens, 5 young -> 5 of 10 may be shown.
    for i in range(10):
        ep(db, f"k{i}", koen="Kvinde", fy=2000 if i < 5 else 1990)
    for i in range(3):
        ep(db, f"m{i}", koen="Mand")
    groups = by(db, "andel_unge", "køn", min_n=5)
    assert groups["Mand"].suppressed and groups["Mand"].denominator is None


def test_survey_intervention_and_focus_breakdowns_use_the_answers_own_indsats(db):
    # Mentor (At kunne selv) agree; Gruppeforløb (At være noget for nogen) agree; Mentor not agree;
    # no indsats agree. By indsats: Mentor 1/2, Gruppeforløb 1/1, Uoplyst 1/1.
    # By focus area: At kunne selv 1/2, At være noget for nogen 1/1, Uoplyst 1/1. Total 3 of 4.
    ans(db, indsats=MENTOR, noget_for_nogen=5)
    ans(db, indsats="Gruppeforløb", noget_for_nogen=4)
    ans(db, indsats=MENTOR, noget_for_nogen=2)
    ans(db, noget_for_nogen=5)
    assert kn(fig(db, "oplevet_faellesskab")) == (3, 4)
    per_indsats = by(db, "oplevet_faellesskab", "indsats")
    assert kn(per_indsats[MENTOR]) == (1, 2)
    assert kn(per_indsats["Gruppeforløb"]) == (1, 1)
    assert kn(per_indsats["Uoplyst"]) == (1, 1)
    per_focus = by(db, "oplevet_faellesskab", "fokusområde")
    assert kn(per_focus["At kunne selv"]) == (1, 2)
    assert kn(per_focus["At være noget for nogen"]) == (1, 1)
    assert kn(per_focus["Uoplyst"]) == (1, 1)


def test_survey_under30_breakdown_and_filter(db):
    # born 1996 (29) agree, born 1995 (30) not, no fødselsår agree.
    # By under30: Under 30 1/1, 30 og derover 0/1, Uoplyst 1/1. Filter 'Under 30' -> 1 of 1.
    ans(db, fy=1996, p_kommunikation=5)
    ans(db, fy=1995, p_kommunikation=1)
    ans(db, fy=None, p_kommunikation=4)
    groups = by(db, "princip_kommunikation", "under30")
    assert kn(groups["Under 30"]) == (1, 1)
    assert kn(groups["30 og derover"]) == (0, 1)
    assert kn(groups["Uoplyst"]) == (1, 1)
    assert kn(fig(db, "princip_kommunikation", filters={"under30": ["Under 30"]})) == (1, 1)


def test_who5_breakdown_by_age_band_has_means_per_group(db):
    # 30-39: 100 and 60 -> 80; Uoplyst: 40. Total (100 + 60 + 40) / 3 = 66.67.
    _who(db, (5, 5, 5, 5, 5))
    _who(db, (3, 3, 3, 3, 3))
    _who(db, (2, 2, 2, 2, 2), fy=None)
    assert fig(db, "trivsel_who5").value == pytest.approx(200 / 3)
    groups = by(db, "trivsel_who5", "aldersgruppe")
    assert groups["30-39"].value == pytest.approx(80.0)
    assert groups["Uoplyst"].value == pytest.approx(40.0)


def _share_display(tmp_path, k, n, min_n=5):
    con = connect(tmp_path / f"band-{k}-{n}.duckdb", engine_kind="duckdb")
    try:
        for i in range(n):
            ans(con, kan_selv=5 if i < k else 1)
        return fig(con, "oplevet_kan_selv", min_n=min_n)
    finally:
        con.close()


@pytest.mark.parametrize("n", [10, 12, 40])
def test_band_does_not_reveal_the_count_and_is_true(tmp_path, n):
    # For every hidden numerator k = 1..4 the text is the same ('under X %') and true (k/n < X %); for
    # every hidden complement c = 1..4 the text is the same ('over Y %') and true ((n-c)/n > Y %).
    # No figure and no Wilson interval (which would give k away) is returned.
    unders = [_share_display(tmp_path, k, n) for k in range(1, 5)]
    assert len({r.display for r in unders}) == 1
    bound = int(unders[0].display.split()[1])
    assert unders[0].display.startswith("under") and all(100 * k / n < bound for k in range(1, 5))
    overs = [_share_display(tmp_path, n - c, n) for c in range(1, 5)]
    assert len({r.display for r in overs}) == 1
    low = int(overs[0].display.split()[1])
    assert overs[0].display.startswith("over") and all(100 * (n - c) / n > low for c in range(1, 5))
    for r in unders + overs:
        assert r.suppressed and r.value is None and r.numerator is None and r.denominator is None
        assert r.ci_low is None and r.ci_high is None
