"""Small statistics used by the engine and the goal status (Wilson interval)."""

from __future__ import annotations

import math


def wilson_interval(successes: int, n: int, z: float = 1.959963984540054) -> tuple[float, float] | None:
    """Return the Wilson score interval (95 % by default) for a share, or None when n is 0."""
    if n <= 0:
        return None
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def widen_for_noise(
    interval: tuple[float, float] | None, share: float, n: int, variance: float, z: float = 1.959963984540054
) -> tuple[float | None, float | None]:
    """Widen a share's interval by the spread that perturbing numerator and denominator (variance V each)
    adds: z·sqrt(V·(1 + p²))/n on each side, kept within 0..1."""
    if interval is None or n <= 0:
        return None, None
    extra = z * math.sqrt(variance * (1 + share * share)) / n
    return max(0.0, interval[0] - extra), min(1.0, interval[1] + extra)
