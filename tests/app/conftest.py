"""Fixtures for the AppTest page tests: a demo database built once per worker and copied per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory) -> Path:
    """A database with the synthetic demo data, built once per test worker."""
    from demo.bootstrap import open_database

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    open_database(path, with_demo=True).close()
    return path


@pytest.fixture
def demo_db(demo_db_file, tmp_path, monkeypatch) -> Path:
    """A private copy of the demo database, configured through PEJLING_DB."""
    path = tmp_path / "pejling.duckdb"
    shutil.copytree(demo_db_file, path)  # a local store is a folder
    monkeypatch.setenv("PEJLING_DB", str(path))
    monkeypatch.delenv("PEJLING_REQUIRE_LOGIN", raising=False)
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def empty_db(tmp_path, monkeypatch) -> Path:
    """A database with the layout but no imports."""
    from demo.bootstrap import open_database

    path = tmp_path / "empty.duckdb"
    open_database(path, with_demo=False).close()
    monkeypatch.setenv("PEJLING_DB", str(path))
    monkeypatch.delenv("PEJLING_REQUIRE_LOGIN", raising=False)
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


def new_app() -> AppTest:
    """An AppTest of the real entry point with a generous timeout (the first run opens the database)."""
    return AppTest.from_file(APP, default_timeout=90)


def texts(at: AppTest) -> str:
    """Every visible text of the current run, joined (for 'the page says X' assertions)."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts.extend(str(e.value) for e in getattr(at, kind))
    parts.extend(f"{m.label} {m.value}" for m in at.metric)
    return "\n".join(parts)
