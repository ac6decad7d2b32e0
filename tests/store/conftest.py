"""Store fixtures: every store test runs against both DuckLake catalogues, SQLite and a real PostgreSQL."""

from __future__ import annotations

import pytest

from tests.store.postgres import Postgres


@pytest.fixture(scope="session")
def postgres():
    """One PostgreSQL server per test worker."""
    server = Postgres()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def store_name(request, tmp_path) -> str:
    """A new, empty store: a local folder (SQLite catalogue) or a PostgreSQL database plus a data folder."""
    if request.param == "sqlite":
        return str(tmp_path / "lager")
    server = request.getfixturevalue("postgres")
    return server.store_name(server.create_database(), tmp_path / "filer")
