"""Settings for the whole test run."""

from __future__ import annotations

import os

# The dashboard prepares period tables in a background thread per store (ui/yearly.py). A page test copies a
# store for every test, so they are off by default here, and on where they are tested: the engine and the
# lifecycle in tests/metrics/test_yearly.py, and the browser tests' server.
os.environ.setdefault("PEJLING_YEAR_TABLES", "0")
