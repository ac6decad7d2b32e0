"""The padding route: whoever may upload adds four fake citizens to a hidden cell, reads, and undoes.

On the tiny database (tests/privacy/tiny.py) aktive_borgere 2025, age 16-17 has 2 citizens and is hidden.
Four fake 17-year-olds make it 6, which is shown; before protection 6 - 4 = 2 gave the hidden figure away.
With perturbation the padded cell is published as 6 +- D, so one round must leave several candidates.
"""

from __future__ import annotations

import pandas as pd

from store.imports import undo
from tests.privacy.data import import_frame
from tests.privacy.harness import AGE, Collector, Key, certain
from tests.privacy.knowledge import Cands, load_knowledge
from tests.privacy.oracle import Oracle
from tests.privacy.test_routes import Y2025
from tests.privacy.tiny import INDSATS_COLS, episode, tiny_db

CELL = Key("aktive_borgere", "n", Y2025, ((AGE, frozenset({"16-17"})),))


def _read(con) -> tuple[Collector, Cands, int | None]:
    col = Collector(con, load_knowledge(), Oracle(con))
    col.compute(["aktive_borgere"], "2025", None, AGE)
    known = col.store.cells[CELL]
    return col, known.cands, known.shown


def test_one_padding_round_is_inconclusive(tmp_path):
    """Pad the hidden 16-17 cell with four fake citizens via the real import, read it, undo: the published
    padded figure minus 4 must not pin the original count (2) with certainty."""
    con = tiny_db(tmp_path / "pad.duckdb")
    try:
        col, before, shown_before = _read(con)
        assert col.oracle.truth[CELL] == 2
        fakes = pd.DataFrame([episode(f"PAD-{i}", 2008) for i in range(4)], columns=INDSATS_COLS)
        result = import_frame(con, fakes, "indsatser", "padding")
        assert result.status == "imported"
        padded_col, padded, shown_padded = _read(con)
        assert padded_col.oracle.truth[CELL] == 6
        assert undo(con, result.batch, user="harness").status == "undone"
        after_col, after, shown_after = _read(con)
        assert after_col.oracle.truth[CELL] == 2
        assert (after, shown_after) == (before, shown_before), "undo must restore the published figure"
        # The attacker's inference: original = padded - 4, within the original's own published constraint.
        original = (padded + Cands.point(-4)) & before
        assert 2 in original
        got = certain(original, col.know.min_n)
        assert got is None, f"one padding round pinned the hidden count: published {shown_padded}, 4 added -> {got}"
    finally:
        con.close()
