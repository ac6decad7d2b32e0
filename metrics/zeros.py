"""Zeros beside a hidden small figure are shown like it (issue 7: a hidden whole split into hidden parts).

A published 0 says that a cell holds nobody. Beside figures shown as `<N` that is enough to work one out:
a hidden whole (1..N-1) split into N-1 parts shown as `<N`, the other parts shown as 0, makes every hidden
part exactly 1, whatever the noise; a multi-select filter on exactly the hidden values does the same. So
a 0 is shown exactly like a figure from 1 to N-1 (same text, same reason) when one of its neighbours is
1..N-1: then `<N` may be 0, and no part of a hidden whole is known to hold anyone.

A cell's neighbours depend on its definition only, so one cell is shown the same way in every output:
- along each dimension the cell is restricted on (a filter or its breakdown group): the same cell with
  that dimension's selection replaced by one other value (every union of the selection with other values
  is small exactly when one of those values is, because the cell itself holds nobody);
- along time: the quarter, half-year and year that contain its period.
This is checked for every measure a figure reveals: the units (n), and for shares the numerator (k) and
the rest (n - k). A 0 without a small neighbour is shown as 0, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from metrics.dimensions import Dimension, get_dimension
from metrics.periods import half_period, quarter_period, year_period
from metrics.population import AGE_BANDS, UNDER30, UNKNOWN
from metrics.suppression import Raw
from metrics.types import Period


class Fetch(Protocol):
    """Unprotected aggregates (totals, groups) of indicators for a period, filters and breakdown."""

    def __call__(
        self, per: Period, flt: dict[str, list[str]], dim: Dimension | None, inds: list[str]
    ) -> tuple[dict[str, Raw], dict[str, list[Raw]]]: ...

    def grid(
        self, per: Period, flt: dict[str, list[str]], rows: Dimension, cols: Dimension, inds: list[str]
    ) -> dict[str, dict[tuple[str, str], Raw]]:
        """Unprotected cross tables (row value, column value) → aggregate of indicators for a period and filters."""
        ...


Cell = tuple[str, str | None]  # (indicator, group value; None for the total)


def measures(raw: Raw) -> dict[str, int]:
    """The counts a figure reveals: units, and for shares the numerator and the rest."""
    if raw.kind != "share":
        return {"n": raw.n}
    return {"n": raw.n, "k": raw.k, "r": raw.n - raw.k}


def _zero_measures(raw: Raw) -> set[str]:
    got = measures(raw)
    if got["n"] == 0:
        return {"n"}
    return {m for m, v in got.items() if v == 0}


def _small(raw: Raw | None, measure: str, min_n: int) -> bool:
    return raw is not None and 1 <= measures(raw)[measure] < min_n


def enclosing_periods(per: Period) -> list[Period]:
    """The quarter, half-year and year that strictly contain a period of whole months."""
    if per.start.day != 1 or per.start.year != per.end.year:
        return []
    y, m1 = per.start.year, per.start.month
    out = [quarter_period(y, (m1 - 1) // 3 + 1), half_period(y, 1 if m1 <= 6 else 2), year_period(y)]
    return [p for p in out if p.start <= per.start and p.end >= per.end and _months(p) > _months(per)]


def _months(per: Period) -> int:
    return (per.end.year - per.start.year) * 12 + per.end.month - per.start.month + 1


def atoms(dim_id: str, values: list[str]) -> tuple[str, set[str]]:
    """The dimension whose single values are a cell's neighbours, and the cell's values in it: 'Under 30' is
    the young age bands, so its neighbours are the other age bands (as for the age bands themselves)."""
    if dim_id != "under30":
        return dim_id, set(values)
    young = {b for b, _lo, hi in AGE_BANDS if hi is not None and hi < 30}
    old = {b for b, *_ in AGE_BANDS} - young
    groups = {UNDER30[0]: young, UNDER30[1]: old, UNKNOWN: {UNKNOWN}}
    return "aldersgruppe", set().union(*(groups.get(v, {v}) for v in values))


def mask_zeros(
    fetch: Fetch,
    values_of: Callable[[str], list[str]],
    per: Period,
    flt: dict[str, list[str]],
    dim: Dimension | None,
    totals: dict[str, Raw],
    groups: dict[str, list[Raw]],
    min_n: int,
    multi_of: Callable[[str], bool] = lambda _ind: False,
) -> tuple[dict[str, Raw], dict[str, list[Raw]]]:
    """Mark the zero measures that have a small neighbour (`Raw.masked`); groups a breakdown did not list
    are added as zero cells when they are marked. `values_of(dim_id)` lists a dimension's values."""
    cells: dict[Cell, Raw] = {(i, None): r for i, r in totals.items()}
    absent: set[Cell] = set()
    if dim is not None:
        for ind, raws in groups.items():
            for r in raws:
                cells[(ind, r.group[dim.id])] = r
            for value in _domain(values_of, dim.id, flt):
                if (ind, value) not in cells:
                    cells[(ind, value)] = replace(
                        totals[ind], group={dim.id: value}, n=0, k=0, mean=None, median=None, ck_n=0, ck_k=0,
                        ck_v=0, multi_membership=multi_of(ind),
                    )  # fmt: skip
                    absent.add((ind, value))
    pending: dict[Cell, set[str]] = {c: z for c, r in cells.items() if (z := _zero_measures(r))}
    masked: dict[Cell, set[str]] = {}

    def check(cell: Cell, neighbours: list[Raw]) -> None:
        for m in list(pending.get(cell, ())):
            if any(_small(nb, m, min_n) for nb in neighbours):
                masked.setdefault(cell, set()).add(m)
                pending[cell].discard(m)
        if cell in pending and not pending[cell]:
            del pending[cell]

    def group_cells() -> list[Cell]:
        return [c for c in pending if c[1] is not None]

    if dim is not None:  # along the breakdown: every other value of its dimension (also outside a filter on it)
        axis, _ = atoms(dim.id, [])
        inds = sorted({i for i, _ in group_cells()})
        if inds:
            _, table = fetch(per, {k: v for k, v in flt.items() if k != dim.id}, get_dimension(axis), inds)
            for ind, value in group_cells():
                own = atoms(dim.id, [value])[1]
                check((ind, value), [r for r in table.get(ind, []) if r.group[axis] not in own])
    for d, chosen in flt.items():
        axis, own = atoms(d, chosen)
        others = [v for v in _domain(values_of, axis, {}) if v not in own]
        rest = {k: v for k, v in flt.items() if k != d}
        inds = sorted({i for i, g in pending if g is None})
        if inds and others:  # the totals: one breakdown by the axis without this filter
            _, by_axis = fetch(per, rest, get_dimension(axis), inds)
            for ind, _ in [c for c in pending if c[1] is None]:
                check((ind, None), [r for r in by_axis.get(ind, []) if r.group[axis] not in own])
        if dim is None or dim.id == d:
            continue
        # The groups: one cross table of the axis by the breakdown without this filter; a group's neighbours
        # are its cells in the other values of the axis.
        inds = sorted({i for i, _ in group_cells()})
        if inds and others:
            grid = fetch.grid(per, rest, get_dimension(axis), dim, inds)
            for ind, value in group_cells():
                check((ind, value), [r for (a, g), r in grid.get(ind, {}).items() if g == value and a not in own])
    for outer in enclosing_periods(per):  # along time: the quarter, half-year and year around the period
        if not pending:
            break
        inds = sorted({i for i, _ in pending})
        o_totals, o_groups = fetch(outer, flt, dim, inds)
        for ind, value in list(pending):
            if value is None:
                check((ind, None), [o_totals[ind]] if ind in o_totals else [])
            else:
                check((ind, value), [r for r in o_groups.get(ind, []) if r.group[dim.id] == value])

    new_totals = {i: _with_mask(r, masked.get((i, None))) for i, r in totals.items()}
    new_groups: dict[str, list[Raw]] = {}
    for ind, raws in groups.items():
        keep = [_with_mask(r, masked.get((ind, r.group[dim.id]))) for r in raws]
        keep += [_with_mask(cells[c], masked[c]) for c in sorted(absent) if c[0] == ind and c in masked]
        new_groups[ind] = keep
    return new_totals, new_groups


def _domain(values_of: Callable[[str], list[str]], dim_id: str, flt: dict[str, list[str]]) -> list[str]:
    """The values a dimension's cells can take (the filter's values when it filters that dimension)."""
    if dim_id in flt:
        return list(dict.fromkeys(flt[dim_id]))
    values = list(values_of(dim_id))
    if UNKNOWN not in values:
        values.append(UNKNOWN)
    return values


def _with_mask(raw: Raw, measures_: set[str] | None) -> Raw:
    return replace(raw, masked=frozenset(measures_)) if measures_ else raw
