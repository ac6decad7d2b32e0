"""The zero rule (metrics.zeros) by hand: a 0 beside a figure of 1..N-1 is shown like it, the same way in
every output that shows that cell."""

from __future__ import annotations

from tests.metrics.conftest import add_episode, figure, groups

# Active citizens in 2025: 2 aged 20 (18-24), 7 aged 35 (30-39); nobody aged 16-17. N = 5.


def _load(con) -> None:
    for i in range(2):
        add_episode(con, f"Y{i}", 2005, "Mentor", "2025-01-01")
    for i in range(7):
        add_episode(con, f"O{i}", 1990, "Mentor", "2025-01-01")


def test_an_empty_band_beside_a_small_one_looks_like_it_in_a_breakdown_and_as_a_filtered_total(con):
    _load(con)
    by_age = groups(con, "aktive_borgere", "aldersgruppe", min_n=5)
    assert by_age["18-24"].display == "<5"  # 2
    assert by_age["16-17"].display == "<5"  # 0, beside the 2 of 18-24
    assert figure(con, "aktive_borgere", filters={"aldersgruppe": ["16-17"]}, min_n=5).display == "<5"


def test_a_breakdown_filtered_on_its_own_dimension_still_sees_the_neighbours_outside_the_filter(con):
    # Filter 16-17 and 30-39, broken down by age: 16-17 holds nobody, but 18-24 (outside the filter) holds 2,
    # so 16-17 is shown as '<5' here too, as in the unfiltered breakdown and the filtered total above.
    _load(con)
    shown = groups(con, "aktive_borgere", "aldersgruppe", filters={"aldersgruppe": ["16-17", "30-39"]}, min_n=5)
    assert shown["16-17"].display == "<5"


def test_without_a_small_neighbour_a_zero_stays_zero(con):
    for i in range(7):
        add_episode(con, f"O{i}", 1990, "Mentor", "2025-01-01")
    assert figure(con, "aktive_borgere", filters={"aldersgruppe": ["16-17"]}, min_n=5).display == "0"
    assert "16-17" not in groups(con, "aktive_borgere", "aldersgruppe", min_n=5)  # a 0 group is left out


def test_a_zero_shown_like_a_small_figure_alone_in_its_breakdown_gets_a_partner_as_a_small_figure_would(con):
    # 6 aged 20 (Under 30), 6 aged 35 and 2 aged 55 (30 og derover: 8), nobody of unknown age; N = 5. Uoplyst's
    # neighbours are the age bands, and 50-59 holds 2, so its 0 is shown as '<5'. It is the breakdown's only
    # hidden group beside a shown total: a small figure there gets a second group hidden (or total minus the
    # shown groups would give it), and so must the zero, or the missing partner would tell it is a zero.
    for i in range(6):
        add_episode(con, f"Y{i}", 2005, "Mentor", "2025-01-01")
        add_episode(con, f"O{i}", 1990, "Mentor", "2025-01-01")
    for i in range(2):
        add_episode(con, f"S{i}", 1970, "Mentor", "2025-01-01")
    assert not figure(con, "aktive_borgere", min_n=5).suppressed
    shown = groups(con, "aktive_borgere", "under30", min_n=5)
    assert shown["Uoplyst"].display == "<5"
    hidden = {g for g, r in shown.items() if r.suppressed}
    assert hidden in ({"Uoplyst", "Under 30"}, {"Uoplyst", "30 og derover"})
