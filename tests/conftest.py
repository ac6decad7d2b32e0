"""Settings for the whole test run."""

from __future__ import annotations

import os

# The dashboard prepares period tables in a background thread per store (ui/yearly.py). A page test copies a
# store for every test, so they are off by default here, and on where they are tested: the engine and the
# lifecycle in tests/metrics/test_yearly.py, and the browser tests' server.
os.environ.setdefault("PEJLING_YEAR_TABLES", "0")


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _no_shared_aggregates_from_other_tests():
    """Each test starts without the zero rule's shared neighbours of earlier tests (metrics.shared_aggregates):
    a test's figures then come from its own store, however the tests are ordered or grouped on workers."""
    from metrics import shared_aggregates

    shared_aggregates.clear()
    yield
