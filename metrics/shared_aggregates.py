"""Unprotected aggregates of prepared periods, kept for every request of the process (issue 11, speed).

The zero rule (metrics.zeros) compares a figure's zeros with neighbouring cells: most often the breakdown of
the same period by the filtered dimension without that filter. Those neighbours are the same for every
filter value and every page, so they are computed once per data version and reused. Nothing here is
shown: an entry is one indicator's total and groups for a period, filters and breakdown, as
`metrics.engine._raws` returns them, and it feeds only the zero rule's decisions.

Entries are keyed by the prepared tables' attached database (one per data version, metrics.yearly): figures
of a newer version never meet entries of an older one, and `forget` drops a version's entries when its
tables are detached. The live path (no prepared tables) does not use this cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from metrics.suppression import Raw

MAX_ENTRIES = 10_000  # one per indicator and cell definition: about 3.4 KB each (35 MB at most; 1,848 at 1M warm)
_LOCK = threading.Lock()
_ENTRIES: OrderedDict[tuple, tuple[Raw, list[Raw]]] = OrderedDict()


def get(schema: str, cell: tuple, indicator: str) -> tuple[Raw, list[Raw]] | None:
    """The indicator's (total, groups) for the cell definition `cell` in these prepared tables, or None."""
    with _LOCK:
        got = _ENTRIES.get((schema, cell, indicator))
        if got is None:
            return None
        _ENTRIES.move_to_end((schema, cell, indicator))
        return got[0], list(got[1])


def put(schema: str, cell: tuple, totals: dict[str, Raw], groups: dict[str, list[Raw]]) -> None:
    """Keep every indicator's total (and its groups) of one query for the cell definition `cell`."""
    with _LOCK:
        for indicator, total in totals.items():
            _ENTRIES[(schema, cell, indicator)] = (total, list(groups.get(indicator, [])))
            _ENTRIES.move_to_end((schema, cell, indicator))
        while len(_ENTRIES) > MAX_ENTRIES:
            _ENTRIES.popitem(last=False)


def forget(schema: str) -> None:
    """Drop the entries of prepared tables that are gone."""
    with _LOCK:
        for key in [k for k in _ENTRIES if k[0] == schema]:
            del _ENTRIES[key]


def clear() -> None:
    """Drop every entry (tests start from an empty cache)."""
    with _LOCK:
        _ENTRIES.clear()


def size() -> int:
    """How many entries are kept (for tests and the log)."""
    with _LOCK:
        return len(_ENTRIES)
