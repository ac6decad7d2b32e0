"""Unprotected aggregates of prepared periods, kept for every request of the process (issue 11, speed).

An entry is one indicator's unprotected total and groups for a period, filters and breakdown, as
`metrics.engine._raws` returns them (cell keys included), or its cells of a cross table by two dimensions.
Right after a data version's year tables are built, every indicator's breakdowns by each dimension (and for
the trend's years, by each pair of dimensions) are kept here (engine.keep_aggregates). They are the zero
rule's most common neighbours (metrics.zeros), the same for every filter value and every page, and they hold
the totals under one value on one or two dimensions: engine._served reads those figures from here instead of
running a query. Nothing leaves this module unprotected: the engine publishes through metrics.suppression as
it does a query's rows.

Entries are keyed by the prepared tables' attached database (one per data version, metrics.yearly): figures
of a newer version never meet entries of an older one, and `forget` drops a version's entries when its
tables are detached. The live path (no prepared tables) does not use this cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from metrics.suppression import Raw

# Bounded by the aggregates held, least recently used dropped first: about 570 bytes each (measured with
# tracemalloc), so about 85 MB at most; at 1M episodes a warm process holds 97,000 (55 MB).
MAX_RAWS = 150_000
_LOCK = threading.Lock()
# (schema, cell definition, indicator) → (total, groups); a cross table's entry has no total, its cells as groups.
_ENTRIES: OrderedDict[tuple, tuple[Raw | None, list[Raw]]] = OrderedDict()
_HELD = [0]  # aggregates held by _ENTRIES


def get(schema: str, cell: tuple, indicator: str) -> tuple[Raw, list[Raw]] | None:
    """The indicator's (total, groups) for the cell definition `cell` in these prepared tables, or None."""
    with _LOCK:
        got = _ENTRIES.get((schema, cell, indicator))
        if got is None:
            return None
        _ENTRIES.move_to_end((schema, cell, indicator))
        return got[0], list(got[1])


def get_grid(schema: str, cell: tuple, indicator: str) -> list[Raw] | None:
    """The indicator's cells of the cross table `cell` (engine.grid_key) in these prepared tables, or None."""
    got = get(schema, cell, indicator)
    return None if got is None else got[1]


def put(schema: str, cell: tuple, totals: dict[str, Raw | None], groups: dict[str, list[Raw]]) -> None:
    """Keep every indicator's total (and its groups) of one query for the cell definition `cell`."""
    with _LOCK:
        for indicator, total in totals.items():
            _drop((schema, cell, indicator))
            _ENTRIES[(schema, cell, indicator)] = entry = (total, list(groups.get(indicator, [])))
            _HELD[0] += _held(entry)
        while _HELD[0] > MAX_RAWS:
            _drop(next(iter(_ENTRIES)))


def put_grid(schema: str, cell: tuple, grids: dict[str, dict[tuple[str, str], Raw]]) -> None:
    """Keep every indicator's cells of one cross table (engine.grid_key; cells nobody is in are not listed)."""
    put(schema, cell, {i: None for i in grids}, {i: list(cells.values()) for i, cells in grids.items()})


def forget(schema: str) -> None:
    """Drop the entries of prepared tables that are gone."""
    with _LOCK:
        for key in [k for k in _ENTRIES if k[0] == schema]:
            _drop(key)


def clear() -> None:
    """Drop every entry (tests start from an empty cache)."""
    with _LOCK:
        _ENTRIES.clear()
        _HELD[0] = 0


def held() -> int:
    """How many aggregates the entries hold (the bound is MAX_RAWS)."""
    with _LOCK:
        return _HELD[0]


def _held(entry: tuple[Raw | None, list[Raw]]) -> int:
    return (entry[0] is not None) + len(entry[1])


def _drop(key: tuple) -> None:
    if (old := _ENTRIES.pop(key, None)) is not None:
        _HELD[0] -= _held(old)


def size() -> int:
    """How many entries are kept (for tests and the log)."""
    with _LOCK:
        return len(_ENTRIES)
