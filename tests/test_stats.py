"""Wilson interval against values worked out by hand."""

import pytest

from metrics.stats import wilson_interval


def test_wilson_interval_matches_hand_computation_for_8_of_10():
    # p=0.8, n=10, z=1.96: centre=(0.8+0.19208)/1.38416=0.71674, half=1.96*sqrt(0.016+0.0009604)/1.38416=0.18441
    low, high = wilson_interval(8, 10)
    assert low == pytest.approx(0.4902, abs=1e-3)
    assert high == pytest.approx(0.9433, abs=1e-3)


def test_wilson_interval_stays_within_zero_and_one_at_the_edges():
    assert wilson_interval(0, 20)[0] == 0.0
    assert wilson_interval(20, 20)[1] == 1.0


def test_wilson_interval_is_none_without_answers():
    assert wilson_interval(0, 0) is None
