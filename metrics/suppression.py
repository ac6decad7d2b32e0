"""Small-number rule (diskretionering): the one policy every figure passes before anyone sees it.

With threshold N:
- a count 1..N-1 is shown as `<N` (0 is shown);
- a share with denominator < N is `For få data`;
- a share whose numerator k or complement n-k is 1..N-1 is shown as a band. The band depends only on
  the denominator n and N, never on k: `under X %` with X the smallest of 1, 2, 5, 10, 20, …, 100 with
  X/100 >= N/n (every k in 1..N-1 gives k/n < N/n), and `over X %` with X the largest of 0, 10, …, 90,
  95, 98, 99 with X/100 <= 1 - N/n. So every hidden k maps to the same text; when both k and n-k are
  1..N-1 the share is `For få data`;
- a mean (and a median) with fewer than N units behind it is `For få data`;
- secondary suppression: in a breakdown whose total is shown, where exactly one group with units is
  hidden, a second group is hidden too (`Skjult`), so the hidden one cannot be found as the total minus
  the others. The partner is the shown group with the fewest units among those whose counts (units, and
  numerator and complement for shares) all exceed N, else among those with non-zero counts, else any: with
  such a partner the pair's sum (total minus the shown groups) never pins the hidden value down, even for
  someone who knows that a shown count is either 0 or at least N. It is applied to every breakdown, also where one
  citizen can count in several groups (target group, focus area): there the groups do not sum to the
  total, so subtraction gives no exact figure anyway; hiding a second group costs little and is safe.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from metrics.format import format_count, format_days, format_number, format_share
from metrics.stats import wilson_interval
from metrics.types import Result

_UNDER = (1, 2, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100)
_OVER = (99, 98, 95, 90, 80, 70, 60, 50, 40, 30, 20, 10, 0)

FEW_DATA = "For få data"
HIDDEN = "Skjult"
REASON_COUNT = "Tallet er mellem 1 og {m} og vises derfor kun som '<{n}' for at beskytte den enkelte borger."
REASON_FEW = "Færre end {n} ligger bag tallet, så det vises ikke for at beskytte den enkelte borger."
REASON_NONE = "Ingen data i perioden med de valgte filtre."
REASON_BAND = (
    "Mellem 1 og {m} af de talte {side}, så andelen vises kun som et interval for at beskytte den enkelte borger."
)
REASON_SECONDARY = (
    "Skjult, fordi et andet tal i samme opdeling er skjult: ellers kunne det regnes ud ved at trække de viste "
    "tal fra totalen."
)


@dataclass(frozen=True)
class Raw:
    """An unsuppressed aggregate from the engine: n units, k of them in the numerator, mean and median."""

    indicator: str
    period: str
    group: dict
    kind: str  # 'count' | 'share' | 'mean'
    n: int
    k: int = 0
    mean: float | None = None
    median: float | None = None
    extras: tuple[str, ...] = ()
    multi_membership: bool = False


def band_under(n: int, min_n: int) -> str:
    """The band shown for a share whose numerator is 1..N-1 (depends only on n and N)."""
    bound = 100 * min_n / n
    return f"under {next(x for x in _UNDER if x >= bound - 1e-9)} %"


def band_over(n: int, min_n: int) -> str:
    """The band shown for a share whose complement n-k is 1..N-1 (depends only on n and N)."""
    bound = 100 * (1 - min_n / n)
    return f"over {next(x for x in _OVER if x <= bound + 1e-9)} %"


def _small(x: int, min_n: int) -> bool:
    return 1 <= x < min_n


def _hidden(raw: Raw, display: str, reason: str) -> Result:
    return Result(
        raw.indicator,
        raw.period,
        dict(raw.group),
        None,
        None,
        None,
        display,
        True,
        reason,
        multi_membership=raw.multi_membership,
    )


def _extras(raw: Raw, min_n: int) -> dict:
    if "median_ventetid" in raw.extras and raw.n >= min_n and raw.median is not None:
        return {"median_ventetid": float(raw.median), "median_ventetid_display": format_days(raw.median)}
    return {}


def primary(raw: Raw, min_n: int) -> Result:
    """Apply the per-cell rules to one aggregate and return what users may see."""
    m = min_n - 1
    if raw.kind == "count":
        if _small(raw.n, min_n):
            return _hidden(raw, f"<{min_n}", REASON_COUNT.format(m=m, n=min_n))
        return Result(
            raw.indicator,
            raw.period,
            dict(raw.group),
            raw.n,
            None,
            raw.n,
            format_count(raw.n),
            False,
            multi_membership=raw.multi_membership,
        )
    if raw.n == 0:
        return _hidden(raw, FEW_DATA, REASON_NONE)
    if raw.kind == "mean":
        if raw.n < min_n or raw.mean is None:
            return _hidden(raw, FEW_DATA, REASON_FEW.format(n=min_n))
        return Result(
            raw.indicator,
            raw.period,
            dict(raw.group),
            None,
            raw.n,
            float(raw.mean),
            format_number(raw.mean, 1),
            False,
            multi_membership=raw.multi_membership,
        )
    n, k = raw.n, raw.k
    rest = n - k
    if n < min_n or (_small(k, min_n) and _small(rest, min_n)):
        result = _hidden(raw, FEW_DATA, REASON_FEW.format(n=min_n))
    elif _small(k, min_n):
        result = _hidden(raw, band_under(n, min_n), REASON_BAND.format(m=m, side="indgår i andelen"))
    elif _small(rest, min_n):
        result = _hidden(raw, band_over(n, min_n), REASON_BAND.format(m=m, side="indgår ikke i andelen"))
    else:
        lo, hi = wilson_interval(k, n)
        result = Result(
            raw.indicator,
            raw.period,
            dict(raw.group),
            k,
            n,
            k / n,
            format_share(k / n),
            False,
            ci_low=lo,
            ci_high=hi,
            multi_membership=raw.multi_membership,
        )
    if n >= min_n:
        result.extra.update(_extras(raw, min_n))
    return result


def _all_nonzero(raw: Raw) -> bool:
    return raw.n > 0 and (raw.kind != "share" or 0 < raw.k < raw.n)


def _safe_partner(raw: Raw, min_n: int) -> bool:
    """A partner whose every count (n, and k and n-k for shares) exceeds N: the pair's sum then never pins
    the hidden cell down, even for someone who knows that a shown count is 0 or at least N."""
    return raw.n > min_n and (raw.kind != "share" or (raw.k > min_n and raw.n - raw.k > min_n))


def secondary(
    cells: list[tuple[Raw, Result]],
    total: Result,
    min_n: int = 1,
    prefer: Callable[[tuple[Raw, Result]], tuple] = lambda _: (),
) -> None:
    """Hide a second group where exactly one group with units is hidden and the total is shown (in place).

    `prefer` ranks equally safe partners (lower first), e.g. a cross table's preference for a partner
    whose column keeps other shown cells."""
    if total.suppressed:
        return
    hidden = [res for raw, res in cells if res.suppressed and raw.n > 0]
    if len(hidden) != 1:
        return
    candidates = [(raw, res) for raw, res in cells if not res.suppressed and raw.n > 0]
    if not candidates:
        return
    raw, res = min(
        candidates, key=lambda c: (not _safe_partner(c[0], min_n), not _all_nonzero(c[0]), *prefer(c), c[0].n)
    )
    hide_secondary(res)


def hide_secondary(res: Result) -> None:
    """Hide a shown result as the second cell of a row or column (in place)."""
    res.numerator = res.denominator = res.value = res.ci_low = res.ci_high = None
    res.display, res.suppressed, res.reason = HIDDEN, True, REASON_SECONDARY
    res.extra.clear()


def suppress(raws: list[Raw], min_n: int, total: Raw | None = None) -> list[Result]:
    """Primary rules on every aggregate, then secondary suppression against the total (if given)."""
    cells = [(raw, primary(raw, min_n)) for raw in raws]
    if total is not None:
        secondary(cells, primary(total, min_n), min_n)
    return [res for _, res in cells]


def suppress_counts(counts: list[int], min_n: int, total: int | None) -> list[tuple[int | None, str]]:
    """Suppress a column of counts that sums to `total` (when given): (value or None, display) per count."""
    raws = [Raw("", "", {}, "count", int(c)) for c in counts]
    total_raw = Raw("", "", {}, "count", int(total)) if total is not None else None
    return [(r.value if not r.suppressed else None, r.display) for r in suppress(raws, min_n, total_raw)]


def is_exposed(count: float | int | None, min_n: int) -> bool:
    """True when a number is (within rounding) a count 1..N-1: used by the property tests."""
    if count is None:
        return False
    near = round(count)
    return math.isclose(count, near, abs_tol=1e-6) and 1 <= near < min_n
