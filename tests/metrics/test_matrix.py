"""A cross table (target group × age band) keeps the small-number rule along rows and columns."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metrics.engine import compute, compute_matrix
from metrics.suppression import HIDDEN, is_exposed
from schemas.extracts import MAALGRUPPER
from store.db import connect
from tests.metrics.review_rows import ep
from tests.metrics.test_properties import _con, _load, citizen

# Period 2025: born 2003 → 22 (18-24), 1998 → 27 (25-29), 1990 → 35 (30-39).
#            18-24  25-29  30-39 | row total (published on the target-group breakdown)
# Alkohol      6      2      7   | 15
# Hash         8      9     10   | 27
# column total 14     11     17    (published on the age-band breakdown)
# No citizen here has a record key (counts as 0), so every cell key is 0 and every published count gets the
# lowest deviation of its p-table row (metrics/data/ptable.csv): 6 → 5 (−1), 7 → 5 (−2), 8 and up → −3.
# The zeros beside the one small cell (Alkohol, 25-29) = 2 are shown like it (metrics.zeros): the rest of
# row Alkohol (16-17, 40-49, 50-59, 60+) and the rest of column 25-29 (every other target group, Uoplyst too).
MASKED_ZEROS = {("Alkohol", a) for a in ("16-17", "40-49", "50-59", "60+")} | {
    (g, "25-29") for g in [*MAALGRUPPER, "Uoplyst"] if g not in ("Alkohol", "Hash")
}
LAYOUT = {
    ("Alkohol", 2003): 6,
    ("Alkohol", 1998): 2,
    ("Alkohol", 1990): 7,
    ("Hash", 2003): 8,
    ("Hash", 1998): 9,
    ("Hash", 1990): 10,
}


@pytest.fixture
def con(tmp_path):
    con = connect(tmp_path / "matrix.duckdb", engine_kind="duckdb")
    n = 0
    for (group, born), count in LAYOUT.items():
        for _ in range(count):
            n += 1
            ep(con, f"B-{n:04d}", start="2024-01-01", fy=born, maalgrupper=[group])
    yield con
    con.close()


def test_raw_cells_are_the_hand_counts(con):
    cells = compute_matrix(con, "aktive_borgere", "2025", protect=False)
    assert cells[("Alkohol", "25-29")].value == 2
    assert cells[("Hash", "30-39")].value == 10


def test_one_hidden_cell_is_joined_by_a_second_in_its_row_and_its_column(con):
    # Primary: (Alkohol, 25-29) = 2 → '<5'. Its column (total 11) hides the only partner, (Hash, 25-29) = 9.
    # Row Alkohol (total 15) then hides the smallest safe partner, (Alkohol, 18-24) = 6; row Hash (total 27)
    # hides (Hash, 18-24) = 8. Column 18-24 then has two hidden cells; 30-39 none. Stable.
    cells = compute_matrix(con, "aktive_borgere", "2025", min_n=5)
    shown = {key: res.display for key, res in cells.items() if key[0] in ("Alkohol", "Hash")}
    assert shown == {
        ("Alkohol", "18-24"): HIDDEN,
        ("Alkohol", "25-29"): "<5",
        ("Alkohol", "30-39"): "5",  # 7 − 2
        ("Hash", "18-24"): HIDDEN,
        ("Hash", "25-29"): HIDDEN,
        ("Hash", "30-39"): "7",  # 10 − 3
        **{key: "<5" for key in MASKED_ZEROS if key[0] in ("Alkohol", "Hash")},
    }
    assert {key: res.display for key, res in cells.items() if key[0] not in ("Alkohol", "Hash")} == {
        key: "<5" for key in MASKED_ZEROS if key[0] not in ("Alkohol", "Hash")
    }


def test_no_hidden_cell_can_be_worked_out_from_the_published_totals(con):
    # With the row totals (15, 27) and column totals (14, 11, 17) known, the hidden cells satisfy
    # A18 + A25 = 8, H18 + H25 = 17, A18 + H18 = 14, A25 + H25 = 11: one free parameter, so every
    # hidden cell takes several values (A25 = t for t = 1..4 are all consistent).
    # Even someone who knew the exact totals could not: the published ones are further perturbed (−3 each).
    cells = compute_matrix(con, "aktive_borgere", "2025", min_n=5)
    row_totals = {r.group["målgruppe"]: r.value for r in compute(con, ["aktive_borgere"], "2025", by="målgruppe")}
    col_totals = {r.group["aldersgruppe"]: r.value for r in compute(con, ["aktive_borgere"], "2025", by="aldersgruppe")}
    assert row_totals == {"Alkohol": 12, "Hash": 24}
    assert {k: v for k, v in col_totals.items() if v} == {"18-24": 11, "25-29": 8, "30-39": 14}
    solutions = []
    for t in range(0, 9):
        a25, a18, h18, h25 = t, 8 - t, 6 + t, 11 - t
        if min(a25, a18, h18, h25) >= 0 and 1 <= a25 <= 4:
            solutions.append((a18, a25, h18, h25))
    assert len(solutions) > 1
    hidden = {key for key, res in cells.items() if res.suppressed}
    assert hidden == {("Alkohol", "18-24"), ("Alkohol", "25-29"), ("Hash", "18-24"), ("Hash", "25-29")} | MASKED_ZEROS


def test_a_filter_on_the_column_dimension_limits_the_columns(con):
    cells = compute_matrix(con, "aktive_borgere", "2025", {"aldersgruppe": ["30-39"]}, min_n=5)
    assert {key[1] for key in cells} == {"30-39"}
    assert cells[("Alkohol", "30-39")].display == "5"  # 7, cell key 0 → −2


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(citizens=st.lists(citizen, max_size=25), n_min=st.integers(3, 6))
def test_no_row_of_a_random_cross_table_has_exactly_one_hidden_cell(citizens, n_min):
    # Age bands are disjoint, so a row's published total minus its shown cells would pin a lone hidden cell.
    con = _con()
    _load(con, citizens, [])
    cells = compute_matrix(con, "aktive_borgere", "2025", min_n=n_min)
    row_totals = {
        r.group["målgruppe"]: r for r in compute(con, ["aktive_borgere"], "2025", by="målgruppe", min_n=n_min)
    }
    for res in cells.values():
        assert res.suppressed or not is_exposed(res.value, n_min)
    exact = compute_matrix(con, "aktive_borgere", "2025", protect=False)
    for group, total in row_totals.items():
        row = [res for (g, _), res in cells.items() if g == group]
        # A 0 shown like a small figure (metrics.zeros) holds nobody: the row total minus the rest gives 0
        # plus noise, nobody's figure, so it needs no partner; hidden cells WITH units must not be alone.
        hidden = [res for (g, c), res in cells.items() if g == group and res.suppressed and (g, c) in exact]
        shown_nonzero = [res for res in row if not res.suppressed and res.value]
        if not total.suppressed and (hidden or shown_nonzero):
            assert len(hidden) != 1, (group, [(r.group, r.display) for r in row])


def test_the_row_partner_is_not_a_cell_alone_in_its_column(tmp_path):
    # Period 2025.     18-24  25-29  30-39 | row total
    # Alkohol            6      2      9   | 17
    # Hash               0      0     10   | 10
    # (Alkohol, 25-29) = 2 is hidden; its column has no other non-zero cell and a total of 2 (itself hidden).
    # Row Alkohol needs a second hidden cell. (Alkohol, 18-24) = 6 is the smaller, but it is alone in its
    # column (Hash shows 0 there), so the column total 6 would give it away: the partner is (Alkohol, 30-39) = 9,
    # whose column also shows Hash = 10. Column 30-39 then has one hidden cell → (Hash, 30-39) is hidden
    # too (the only candidate). Row Hash has no other non-zero cell to hide: the limit of cell suppression
    # when a group lives in one age band (see the closing note).
    con = connect(tmp_path / "alone.duckdb", engine_kind="duckdb")
    n = 0
    for (group, born), count in {
        ("Alkohol", 2003): 6,
        ("Alkohol", 1998): 2,
        ("Alkohol", 1990): 9,
        ("Hash", 1990): 10,
    }.items():
        for _ in range(count):
            n += 1
            ep(con, f"B-{n:04d}", start="2024-01-01", fy=born, maalgrupper=[group])
    cells = compute_matrix(con, "aktive_borgere", "2025", min_n=5)
    assert cells[("Alkohol", "18-24")].display == "5"  # 6, cell key 0 → −1
    assert cells[("Alkohol", "25-29")].display == "<5"
    assert cells[("Alkohol", "30-39")].display == HIDDEN
    assert cells[("Hash", "30-39")].display == HIDDEN
