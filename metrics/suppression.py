"""Protection of every published figure (diskretionering + cell-key perturbation): the one policy every
figure passes before anyone sees it.

With threshold N and largest deviation D (see metrics.ptable):
- cell-key perturbation: every citizen and every survey answer has a stable random record key (0..255,
  store.record_keys). A published count's cell key is the sum of its contributors' keys mod 256, and the
  p-table gives the deviation for (count, cell key). The same contributors therefore give the same published
  figure everywhere (pages, trends, breakdowns, views, downloads, reports, the CLI), so repeating or
  rephrasing a query gains nothing, and a difference of two published figures carries the noise of both;
- a count 1..N-1 is shown as `<N` (0 is shown as 0, and a count of N or more is never published below N);
  a 0 with a neighbour of 1..N-1 is shown like one (`<N`, a band, `For få data`: see metrics.zeros), so
  that `<N` does not tell that a part of a hidden whole holds anyone;
- a share is the perturbed numerator over the perturbed denominator. A share with denominator < N is
  `For få data`; a share whose numerator k or complement n-k is 1..N-1 is shown as a band that depends
  only on the published denominator and N, never on k: `under X %` with X the smallest of 1, 2, 5, 10, 20,
  …, 100 with X/100 >= N/n, and `over X %` with X the largest of 0, 10, …, 90, 95, 98, 99 with
  X/100 <= 1 - N/n. When both k and n-k are 1..N-1 the share is `For få data`;
- a mean with fewer than N units behind it is `For få data`; otherwise the sum behind it is perturbed by
  (deviation × the indicator's score step) from an independent second key, so the difference of two means
  over sets that differ by one person does not give that person's score. A median (waiting time) needs N
  units, is rounded to whole days and moved by at most one day by the second key;
- the Wilson interval of a share is computed from the published figures and widened by the perturbation's
  spread;
- secondary suppression: in a breakdown whose total is shown, where exactly one group with units is
  hidden, a second group is hidden too (`Skjult`), so the hidden one cannot be found as the total minus
  the others even before the noise. The partner is the shown group with the fewest units among those whose
  counts (units, and numerator and complement for shares) all exceed N, else among those with non-zero
  counts, else any.
Decisions to hide use the true counts (so the hidden status is the same everywhere); every number that is
shown is a perturbed one.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import settings
from metrics.format import format_count, format_days, format_number, format_share
from metrics.ptable import KEY_RANGE, PTable, ptable_for
from metrics.stats import widen_for_noise, wilson_interval
from metrics.types import Result

_UNDER = (1, 2, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100)
_OVER = (99, 98, 95, 90, 80, 70, 60, 50, 40, 30, 20, 10, 0)

FEW_DATA = "For få data"
HIDDEN = "Skjult"
REASON_COUNT = "Tallet er under {n} og vises derfor kun som '<{n}' for at beskytte den enkelte borger."
REASON_FEW = "Færre end {n} ligger bag tallet, så det vises ikke for at beskytte den enkelte borger."
REASON_NONE = "Ingen data i perioden med de valgte filtre."
REASON_BAND = (
    "Færre end {n} af de talte {side}, så andelen vises kun som et interval for at beskytte den enkelte borger."
)


def protection_note(min_n: int | None = None) -> str:
    """The protection in one plain Danish paragraph (for footnotes of documents and exports)."""
    n = settings.min_n() if min_n is None else min_n
    return (
        f"Små tal er beskyttet (diskretionering): antal fra 1 til {n - 1} vises som '<{n}' (og et 0 ved siden af sådan et "
        f"tal ligeså), og andele med for få borgere bag vises ikke eller kun som et interval. "
        f"{NOISE_NOTE.format(d=settings.max_deviation())}"
    )


NOISE_NOTE = (
    "Alle viste antal er justeret en smule (højst ±{d}), så ingen borger kan regnes ud ved at trække tal fra "
    "hinanden. De samme borgere giver altid det samme tal, og andele er beregnet af de justerede tal. Derfor "
    "summerer dele ikke altid præcist til totalen."
)
REASON_SECONDARY = (
    "Skjult, fordi et andet tal i samme opdeling er skjult: ellers kunne det regnes ud ved at trække de viste "
    "tal fra totalen."
)


@dataclass(frozen=True, slots=True)
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
    ck_n: int = 0  # cell key of the n units (sum of their record keys mod 256)
    ck_k: int = 0  # cell key of the k units in the numerator
    ck_v: int = 0  # cell key from the units' second record keys: the noise of means and medians
    step: float = 1.0  # a mean's score step (the unit of its perturbation)
    masked: frozenset = frozenset()  # zero measures ('n', 'k', 'r') shown like 1..N-1 (metrics.zeros)


def ptable(min_n: int) -> PTable:
    """The p-table for threshold N and the configured D and V."""
    return ptable_for(min_n, settings.max_deviation(), settings.noise_variance())


def publish_count(count: int, ckey: int, min_n: int) -> int:
    """The published value of a true count of 0 or N and more: count + its p-table deviation."""
    return count + ptable(min_n).deviation(count, ckey)


def _value_noise(ckey: int, min_n: int) -> int:
    """A deviation -D..D with mean zero and variance V from the second cell key."""
    return ptable(min_n).free_row()[ckey % KEY_RANGE]


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
        shift = round(_value_noise(raw.ck_v, min_n) / 3)
        days = float(max(0, round(float(raw.median)) + shift))
        return {"median_ventetid": days, "median_ventetid_display": format_days(days)}
    return {}


def _shown_numerator(raw: Raw, n_pub: int, min_n: int) -> int | None:
    """The published numerator of a shown share: perturbed, and kept at least N from both ends (numerator and
    complement are both N or more, as in the true figures); None when the published denominator leaves no
    room for that (then the share is not shown)."""
    if raw.k == 0:
        return 0
    if raw.k == raw.n:
        return n_pub  # same contributors, same published figure
    if n_pub < 2 * min_n:
        return None
    return max(min_n, min(publish_count(raw.k, raw.ck_k, min_n), n_pub - min_n))


def _hidden_small(raw: Raw, measure: str, value: int, min_n: int) -> bool:
    """A count shown like 1..N-1: it is 1..N-1, or a 0 beside such a figure (metrics.zeros)."""
    return _small(value, min_n) or (value == 0 and measure in raw.masked)


def primary(raw: Raw, min_n: int) -> Result:
    """Apply the per-cell rules and the perturbation to one aggregate and return what users may see."""
    if raw.kind == "count":
        if _hidden_small(raw, "n", raw.n, min_n):
            return _hidden(raw, f"<{min_n}", REASON_COUNT.format(n=min_n))
        n_pub = publish_count(raw.n, raw.ck_n, min_n)
        return Result(
            raw.indicator,
            raw.period,
            dict(raw.group),
            n_pub,
            None,
            n_pub,
            format_count(n_pub),
            False,
            multi_membership=raw.multi_membership,
        )
    if raw.n == 0:
        masked = "n" in raw.masked
        return _hidden(raw, FEW_DATA, REASON_FEW.format(n=min_n) if masked else REASON_NONE)
    if raw.kind == "mean":
        if raw.n < min_n or raw.mean is None:
            return _hidden(raw, FEW_DATA, REASON_FEW.format(n=min_n))
        mean = round(float(raw.mean) + _value_noise(raw.ck_v, min_n) * raw.step / raw.n, 1)
        n_pub = publish_count(raw.n, raw.ck_n, min_n)
        return Result(
            raw.indicator,
            raw.period,
            dict(raw.group),
            None,
            n_pub,
            mean,
            format_number(mean, 1),
            False,
            multi_membership=raw.multi_membership,
        )
    n, k = raw.n, raw.k
    rest = n - k
    small_k, small_r = _hidden_small(raw, "k", k, min_n), _hidden_small(raw, "r", rest, min_n)
    if n < min_n or (small_k and small_r):
        return _hidden(raw, FEW_DATA, REASON_FEW.format(n=min_n))
    n_pub = publish_count(n, raw.ck_n, min_n)
    if small_k:
        result = _hidden(raw, band_under(n_pub, min_n), REASON_BAND.format(n=min_n, side="indgår i andelen"))
    elif small_r:
        result = _hidden(raw, band_over(n_pub, min_n), REASON_BAND.format(n=min_n, side="indgår ikke i andelen"))
    elif (k_pub := _shown_numerator(raw, n_pub, min_n)) is None:
        result = _hidden(raw, FEW_DATA, REASON_FEW.format(n=min_n))
    else:
        share = k_pub / n_pub
        lo, hi = widen_for_noise(wilson_interval(k_pub, n_pub), share, n_pub, settings.noise_variance())
        result = Result(
            raw.indicator,
            raw.period,
            dict(raw.group),
            k_pub,
            n_pub,
            share,
            format_share(share),
            False,
            ci_low=lo,
            ci_high=hi,
            multi_membership=raw.multi_membership,
        )
    result.extra.update(_extras(raw, min_n))
    return result


def exact(raw: Raw) -> Result:
    """The unprotected figure of an aggregate. For the tests' hand-worked definitions and the attacker
    harness's scorer only: no page, download, report or command may call it (a test enforces this)."""
    if raw.kind != "count" and (raw.n == 0 or (raw.kind == "mean" and raw.mean is None)):
        return _hidden(raw, FEW_DATA, REASON_NONE)
    extra = {}
    if "median_ventetid" in raw.extras and raw.median is not None:
        extra = {"median_ventetid": float(raw.median), "median_ventetid_display": format_days(raw.median)}
    if raw.kind == "count":
        return Result(raw.indicator, raw.period, dict(raw.group), raw.n, None, raw.n, format_count(raw.n), False,
                      multi_membership=raw.multi_membership)  # fmt: skip
    if raw.kind == "mean":
        return Result(raw.indicator, raw.period, dict(raw.group), None, raw.n, float(raw.mean),
                      format_number(raw.mean, 1), False, multi_membership=raw.multi_membership)  # fmt: skip
    lo, hi = wilson_interval(raw.k, raw.n)
    return Result(raw.indicator, raw.period, dict(raw.group), raw.k, raw.n, raw.k / raw.n,
                  format_share(raw.k / raw.n), False, ci_low=lo, ci_high=hi, extra=extra,
                  multi_membership=raw.multi_membership)  # fmt: skip


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
    # A zero shown like a small figure (metrics.zeros) alone in its line gets a partner as a small figure
    # would: a missing partner would tell it is a zero.
    like_small = [res for raw, res in cells if res.suppressed and raw.n == 0 and raw.masked]
    if len(hidden or like_small) != 1:
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


def suppress(raws: list[Raw], min_n: int, total: Raw | None = None, protect: bool = True) -> list[Result]:
    """Primary rules on every aggregate, then secondary suppression against the total (if given).

    `protect=False` gives the exact figures (see `exact`): for tests only."""
    if not protect:
        return [exact(raw) for raw in raws]
    cells = [(raw, primary(raw, min_n)) for raw in raws]
    if total is not None:
        secondary(cells, primary(total, min_n), min_n)
    return [res for _, res in cells]


def suppress_counts(
    counts: list[tuple[int, int]], min_n: int, total: tuple[int, int] | None, protect: bool = True
) -> list[tuple[int | None, str]]:
    """Protect a column of (count, cell key) pairs that sums to `total` (count, cell key) when given:
    (published value or None, display) per count."""
    beside_small = any(_small(int(c), min_n) for c, _ in counts)  # zeros beside a 1..N-1 are shown like it
    zero = frozenset({"n"}) if beside_small else frozenset()
    raws = [Raw("", "", {}, "count", int(c), ck_n=int(ck), masked=zero) for c, ck in counts]
    total_raw = Raw("", "", {}, "count", int(total[0]), ck_n=int(total[1])) if total is not None else None
    return [(r.value if not r.suppressed else None, r.display) for r in suppress(raws, min_n, total_raw, protect)]


def is_exposed(count: float | int | None, min_n: int) -> bool:
    """True when a number is (within rounding) a count 1..N-1: used by the property tests."""
    if count is None:
        return False
    near = round(count)
    return math.isclose(count, near, abs_tol=1e-6) and 1 <= near < min_n
