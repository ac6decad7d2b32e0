"""The small-number rule with N = 5 (INDICATORS.md, Small numbers).

These tests are about the rules, not the noise: their aggregates carry cell key 128, which the default
p-table (metrics/data/ptable.csv, V = 1) maps to deviation 0 in every row (rows 6, 7 and 8+ give 0 for cell
keys 81-187, 78-179 and 77-178; row 5 is always 0). tests/metrics/test_perturbation.py covers the noise."""

from __future__ import annotations

from metrics.suppression import Raw, band_over, band_under, primary, suppress, suppress_counts
from tests.metrics.conftest import add_episode, figure, groups, set_keys

N = 5
ZERO = 128  # a cell key with deviation 0 in every row of the default p-table


def _count(n):
    return Raw("x", "2025", {}, "count", n, ck_n=ZERO)


def _share(n, k, group=None):
    return Raw("x", "2025", group or {}, "share", n, k, ck_n=ZERO, ck_k=ZERO, ck_v=ZERO)


def test_counts_1_to_n_minus_1_show_as_less_than_n_and_zero_is_shown():
    assert [primary(_count(n), N).display for n in (0, 1, 4, 5, 1234)] == ["0", "<5", "<5", "5", "1.234"]
    hidden = primary(_count(3), N)
    assert hidden.suppressed and (hidden.numerator, hidden.denominator, hidden.value) == (None, None, None)
    assert "<5" in hidden.reason or "beskytte" in hidden.reason


def test_share_with_small_denominator_is_too_little_data():
    for n, k in ((0, 0), (1, 1), (4, 0), (4, 4)):
        res = primary(_share(n, k), N)
        assert res.suppressed and res.display == "For få data"


def test_share_with_small_numerator_or_complement_is_a_band_not_revealing_the_count():
    # n = 10: k 1..4 → k/n ≤ 40 % < 5/10 = 50 % → 'under 50 %' for every k.
    assert {primary(_share(10, k), N).display for k in range(1, 5)} == {"under 50 %"}
    # n = 10: complement 1..4 (k 6..9) → share ≥ 60 % > 1 − 5/10 → 'over 50 %'.
    assert {primary(_share(10, k), N).display for k in range(6, 10)} == {"over 50 %"}
    # k = 5 of 10: both numerator and complement are 5 → shown.
    assert primary(_share(10, 5), N).display == "50,0 %"
    # n = 100: 'under 5 %' and 'over 95 %' (the example of INDICATORS.md style); n = 1000 → 'under 1 %'.
    assert primary(_share(100, 2), N).display == "under 5 %"
    assert primary(_share(100, 97), N).display == "over 95 %"
    assert primary(_share(1000, 1), N).display == "under 1 %"
    # n = 6, k = 3: both sides 1..4 → no band can hide it → 'For få data'.
    assert primary(_share(6, 3), N).display == "For få data"
    # 0 and 100 % are shown (counts of 0 may be shown).
    assert primary(_share(10, 0), N).display == "0,0 %"
    assert primary(_share(10, 10), N).display == "100,0 %"


def test_bands_depend_only_on_denominator_and_always_contain_the_share():
    for n_min in (2, 3, 5, 10):
        for n in range(n_min, 400):
            under, over = band_under(n, n_min), band_over(n, n_min)
            bound_u = float(under.split()[1])
            bound_o = float(over.split()[1])
            for k in range(1, n_min):
                if k < n:
                    assert 100 * k / n < bound_u
                    assert 100 * (n - k) / n > bound_o


def test_shown_share_has_wilson_interval_and_suppressed_has_none():
    shown = primary(_share(40, 10), N)
    assert shown.value == 0.25 and shown.ci_low < 0.25 < shown.ci_high
    hidden = primary(_share(40, 2), N)
    assert hidden.ci_low is None and hidden.value is None and hidden.denominator is None


def test_means_and_medians_need_n_units():
    keys = {"ck_n": ZERO, "ck_k": ZERO, "ck_v": ZERO}
    mean4 = primary(Raw("m", "2025", {}, "mean", 4, 0, 60.0, **keys), N)
    assert mean4.suppressed and mean4.display == "For få data"
    mean5 = primary(Raw("m", "2025", {}, "mean", 5, 0, 60.0, **keys), N)
    assert (mean5.value, mean5.denominator, mean5.display) == (60.0, 5, "60,0")
    wait4 = primary(Raw("w", "2025", {}, "share", 4, 4, None, 9.0, ("median_ventetid",), **keys), N)
    assert "median_ventetid" not in wait4.extra
    wait5 = primary(Raw("w", "2025", {}, "share", 5, 0, None, 9.0, ("median_ventetid",), **keys), N)
    assert wait5.extra["median_ventetid"] == 9.0


def test_secondary_suppression_hides_a_second_cell_when_one_is_hidden():
    cells = [_share(3, 1, {"g": "a"}), _share(10, 5, {"g": "b"}), _share(20, 10, {"g": "c"})]
    out = suppress(cells, N, _share(33, 16))
    # 'a' is primary (n = 3). 'b' has numerator and complement exactly 5 = N (not above N), so the partner is
    # 'c' (10 and 10), the smallest group whose counts all exceed N.
    assert [r.display for r in out] == ["For få data", "50,0 %", "Skjult"]
    assert out[2].numerator is None and out[2].reason
    cells = [_share(3, 1, {"g": "a"}), _share(14, 7, {"g": "b"}), _share(20, 10, {"g": "c"})]
    assert [r.display for r in suppress(cells, N, _share(37, 18))] == ["For få data", "Skjult", "50,0 %"]
    # Two primary cells already: nothing more hidden.
    cells = [_share(3, 1, {"g": "a"}), _share(2, 1, {"g": "b"}), _share(20, 10, {"g": "c"})]
    assert [r.suppressed for r in suppress(cells, N, _share(25, 12))] == [True, True, False]
    # Total hidden: the single hidden cell cannot be found by subtraction; no secondary hiding.
    cells = [_share(3, 1, {"g": "a"}), _share(1, 0, {"g": "b"})]
    assert [r.suppressed for r in suppress(cells, N, _share(4, 1))] == [True, True]
    z = ZERO
    assert suppress_counts([(3, z), (10, z), (20, z)], N, (33, z)) == [(None, "<5"), (None, "Skjult"), (20, "20")]
    assert suppress_counts([(0, 0), (10, z), (20, z)], N, (30, z)) == [(0, "0"), (10, "10"), (20, "20")]
    # Partner choice: hiding 5 next to 1 would leave 1 + 5 = 6, and since a hidden shown-eligible count is
    # 0 or at least 5, 6 = 1 + 5 gives both away. A partner above N (9) leaves 10 = a + b with a in 1..4.
    assert suppress_counts([(1, z), (5, z), (9, z)], N, (15, z)) == [(None, "<5"), (5, "5"), (None, "Skjult")]


def test_engine_applies_suppression_with_default_threshold(con):
    # 7 active citizens: 2 aged 25 (young), 5 aged 35.
    for i in range(2):
        add_episode(con, f"Y{i:03d}", 2000, "Mentor", "2025-01-01", koen="Kvinde")
    for i in range(5):
        add_episode(con, f"O{i:03d}", 1990, "Mentor", "2025-01-01", koen="Mand")
    # O000's record key is 128 and the others' 0: every set containing O000 has cell key 128 (deviation 0).
    set_keys(con, {"O000": ZERO})
    assert figure(con, "aktive_borgere", min_n=5).display == "7"
    young = figure(con, "andel_unge", min_n=5)
    # 2 of 7 young: numerator 2 is 1..4 → band 'under 80 %' (5/7 = 71 % → next bound 80).
    assert (young.suppressed, young.display, young.numerator, young.denominator) == (True, "under 80 %", None, None)
    by_sex = groups(con, "aktive_borgere", "køn", min_n=5)
    # Kvinde 2 → '<5'; Mand 5 would be 7 − 2: hidden as well ('Skjult'). Andet and Uoplyst (0) sit beside
    # Kvinde's 2, so they are shown like it.
    assert {g: r.display for g, r in by_sex.items()} == {
        "Kvinde": "<5",
        "Mand": "Skjult",
        "Andet": "<5",
        "Uoplyst": "<5",
    }
