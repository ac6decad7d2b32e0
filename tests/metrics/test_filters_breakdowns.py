"""Target-group membership (incl. derived groups), filters and breakdowns on a small fixture (period 2025)."""

from __future__ import annotations

import pytest

from metrics.engine import compute
from tests.metrics.conftest import add_episode, figure, groups

MENTOR = "Mentor"  # step 2, focus area 'At kunne selv'
BOST = "Bostøtte (SEL §85)"  # step 3, focus area 'Stabile rammer'


@pytest.fixture
def people(con):
    """Five active citizens with several target groups (see the comments)."""
    # M001, 25 years, Kvinde: Sindslidelse + Alkohol (→ derived Dobbeltdiagnose) and Hjemløshed listed.
    add_episode(
        con,
        "M001",
        2000,
        MENTOR,
        "2025-01-01",
        koen="Kvinde",
        maalgrupper=["Sindslidelse", "Alkohol"],
        leverandoer="Egen kommune",
    )
    add_episode(con, "M001", 2000, BOST, "2025-02-01", koen="Kvinde", maalgrupper=["Hjemløshed"], leverandoer="Region")
    # M002, 45, Kvinde: Ensomhed; 'Sofasover' at the start of an active episode → derived Hjemløshed.
    add_episode(
        con,
        "M002",
        1980,
        BOST,
        "2025-01-01",
        koen="Kvinde",
        maalgrupper=["Ensomhed"],
        bolig_start="Sofasover",
        leverandoer="Egen kommune",
    )
    # M003, 45, sex unknown: no target group in the period (Stoffer only on an inactive 2019 episode) → 'Uoplyst'.
    add_episode(con, "M003", 1980, MENTOR, "2025-01-01", leverandoer="Egen kommune")
    add_episode(con, "M003", 1980, BOST, "2019-01-01", "2019-06-01", maalgrupper=["Stoffer"])
    # M004, 35: Dobbeltdiagnose listed.
    add_episode(con, "M004", 1990, MENTOR, "2025-01-01", maalgrupper=["Dobbeltdiagnose"])
    # M005, 35: Sindslidelse; 'Gade' at the end (2025-06-01) of an episode ending in the period → Hjemløshed.
    add_episode(con, "M005", 1990, MENTOR, "2025-01-01", maalgrupper=["Sindslidelse"], leverandoer="Anden kommune")
    add_episode(con, "M005", 1990, BOST, "2024-01-01", "2025-06-01", bolig_slut="Gade")
    return con


def test_target_group_breakdown_is_union_over_active_episodes_with_derived_groups(people):
    by = groups(people, "aktive_borgere", "målgruppe")
    # Sindslidelse M001, M005; Alkohol M001; Dobbeltdiagnose M001 (derived), M004 (listed);
    # Hjemløshed M001 (listed), M002 (Sofasover), M005 (Gade); Ensomhed M002; Uoplyst M003; no Stoffer.
    assert {g: r.value for g, r in by.items()} == {
        "Alkohol": 1,
        "Sindslidelse": 2,
        "Dobbeltdiagnose": 2,
        "Ensomhed": 1,
        "Hjemløshed": 3,
        "Uoplyst": 1,
    }
    assert list(by)[-1] == "Uoplyst"
    assert all(r.multi_membership for r in by.values())


def test_derived_homelessness_ignores_an_end_status_after_period_end(con):
    add_episode(con, "Q001", 1990, BOST, "2025-01-01", "2026-02-01", bolig_slut="Gade")
    assert set(groups(con, "aktive_borgere", "målgruppe")) == {"Uoplyst"}  # 2025: the Gade end is in 2026
    assert figure(con, "aktive_borgere", "2026", filters={"målgruppe": ["Hjemløshed"]}).value == 1


def test_citizen_filters_restrict_citizens(people):
    assert figure(people, "aktive_borgere").value == 5
    assert figure(people, "aktive_borgere", filters={"målgruppe": ["Hjemløshed"]}).value == 3
    assert figure(people, "aktive_borgere", filters={"maalgruppe": ["Alkohol", "Ensomhed"]}).value == 2  # M001, M002
    assert figure(people, "aktive_borgere", filters={"køn": ["Kvinde"]}).value == 2
    assert figure(people, "aktive_borgere", filters={"køn": ["Uoplyst"]}).value == 3
    assert figure(people, "aktive_borgere", filters={"aldersgruppe": ["40-49"]}).value == 2  # M002, M003
    assert figure(people, "aktive_borgere", filters={"under30": ["Under 30"]}).value == 1  # M001


def test_episode_filters_count_citizens_with_a_matching_active_episode(people):
    assert figure(people, "aktive_borgere", filters={"indsats": [MENTOR]}).value == 4  # M001, M003, M004, M005
    assert figure(people, "aktive_borgere", filters={"indsats": [BOST]}).value == 3  # M001, M002, M005
    assert figure(people, "aktive_borgere", filters={"fokusområde": ["Stabile rammer"]}).value == 3
    assert figure(people, "aktive_borgere", filters={"leverandør": ["Egen kommune"]}).value == 3  # M001-M003
    # Combined: Hjemløshed (M001, M002, M005) with an active Mentor episode (M001, M005).
    assert figure(people, "aktive_borgere", filters={"målgruppe": ["Hjemløshed"], "indsats": [MENTOR]}).value == 2


def test_breakdown_of_citizens_by_episode_dimension_counts_each_citizen_per_value(people):
    by = groups(people, "aktive_borgere", "indsats")
    assert {g: r.value for g, r in by.items()} == {MENTOR: 4, BOST: 3}
    assert all(r.multi_membership for r in by.values())
    by_focus = groups(people, "aktive_borgere", "fokusområde")
    assert {g: r.value for g, r in by_focus.items()} == {"Stabile rammer": 3, "At kunne selv": 4}
    assert list(by_focus) == ["Stabile rammer", "At kunne selv"]  # the strategy's order


def test_episode_indicator_filters_and_breakdowns(people):
    # Active episodes with a known provider: M001 Mentor (Egen), M001 Bost (Region), M002 (Egen), M003 (Egen),
    # M005 Mentor (Anden) = 5; Egen kommune 3.
    res = figure(people, "lokale_tilbud")
    assert (res.numerator, res.denominator) == (3, 5)
    # målgruppe=Hjemløshed restricts citizens: M001 ×2 (1 Egen), M002 (Egen), M005 Mentor (Anden) → 2 of 4.
    res = figure(people, "lokale_tilbud", filters={"målgruppe": ["Hjemløshed"]})
    assert (res.numerator, res.denominator) == (2, 4)
    # indsats=Mentor restricts episodes: M001 (Egen), M003 (Egen), M005 (Anden) → 2 of 3.
    res = figure(people, "lokale_tilbud", filters={"indsats": [MENTOR]})
    assert (res.numerator, res.denominator) == (2, 3)
    by_age = groups(people, "lokale_tilbud", "aldersgruppe")
    # 25-29: M001's two episodes (1 Egen); 30-39: M005 (0 of 1); 40-49: M002, M003 (2 of 2).
    assert {g: (r.numerator, r.denominator) for g, r in by_age.items()} == {
        "25-29": (1, 2),
        "30-39": (0, 1),
        "40-49": (2, 2),
    }
    assert not any(r.multi_membership for r in by_age.values())
    by_ind = groups(people, "lokale_tilbud", "indsats")
    assert {g: (r.numerator, r.denominator) for g, r in by_ind.items()} == {MENTOR: (2, 3), BOST: (1, 2)}
    assert not any(r.multi_membership for r in by_ind.values())


def test_filter_values_accept_url_params_and_unknown_dimension_is_a_danish_error(people):
    assert figure(people, "aktive_borgere", filters={"koen": ["Kvinde"], "leverandoer": []}).value == 2
    with pytest.raises(ValueError, match="Ukendt dimension"):
        compute(people, ["aktive_borgere"], "2025", {"farve": ["blå"]})
    with pytest.raises(ValueError, match="Ukendt dimension"):
        compute(people, ["aktive_borgere"], "2025", None, by="farve")
    with pytest.raises(ValueError, match="Ukendt indikator"):
        compute(people, ["findes_ikke"], "2025")


def test_derived_homelessness_includes_the_latest_known_status_before_the_period(con):
    # Q002 ended an episode in 2020 on the street (Gade), nothing known since; active in 2025 without a status.
    # The latest known status is homeless: counted by hjemloese_andel and so in the target group Hjemløshed.
    add_episode(con, "Q002", 1990, MENTOR, "2020-01-01", "2020-06-01", bolig_slut="Gade")
    add_episode(con, "Q002", 1990, BOST, "2025-01-01")
    # Q003 was on the street in 2020 but in own home since 2021 (latest known) → not homeless.
    add_episode(con, "Q003", 1990, MENTOR, "2020-01-01", "2021-06-01", bolig_start="Gade", bolig_slut="Egen bolig")
    add_episode(con, "Q003", 1990, BOST, "2025-01-01")
    assert (figure(con, "hjemloese_andel").numerator, figure(con, "hjemloese_andel").denominator) == (1, 2)
    assert {g: r.value for g, r in groups(con, "aktive_borgere", "målgruppe").items()} == {
        "Hjemløshed": 1,
        "Uoplyst": 1,
    }
    assert figure(con, "aktive_borgere", filters={"målgruppe": ["Hjemløshed"]}).value == 1
