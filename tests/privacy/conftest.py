"""Fixtures of the attacker harness: the tiny hand-made database and a small demo-generated one."""

from __future__ import annotations

import pytest

from tests.privacy.harness import Collector
from tests.privacy.knowledge import load_knowledge
from tests.privacy.oracle import Oracle


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """(read-only connection, path) of the tiny database described in tests/privacy/tiny.py (read-only, so
    that the CLI can open it in a subprocess at the same time)."""
    from store.db import connect
    from tests.privacy.tiny import tiny_db

    path = tmp_path_factory.mktemp("tiny") / "tiny.duckdb"
    tiny_db(path).close()
    con = connect(path, read_only=True)
    yield con, path
    con.close()


@pytest.fixture
def attacker(tiny):
    """A fresh collector (attacker) with its oracle (scorer) on the tiny database."""
    con, path = tiny
    return Collector(con, load_knowledge(), Oracle(con), path)
