"""Settings as data with help text; each is read from the environment (or Streamlit secrets for the login)."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Setting:
    """One configurable value: its environment variable, default and help text."""

    env: str
    default: str
    help: str
    kind: type = str

    def value(self):
        """Return the current value, from the environment or the default."""
        raw = os.environ.get(self.env, self.default)
        return self.kind(raw)


SETTINGS: dict[str, Setting] = {
    "db_path": Setting(
        "PEJLING_DB",
        str(ROOT / "data" / "pejling.duckdb"),
        "Path of the DuckDB database file. Created and filled with synthetic demo data if missing.",
    ),
    "min_n": Setting(
        "PEJLING_MIN_N",
        "5",
        "Small-number threshold N: counts 1..N-1 are shown as '<N', shares with a denominator under N are hidden.",
        int,
    ),
    "max_upload_mb": Setting(
        "PEJLING_MAX_UPLOAD_MB",
        "50",
        "Largest upload accepted, in MB (the file as uploaded).",
        int,
    ),
    "max_unpacked_mb": Setting(
        "PEJLING_MAX_UNPACKED_MB",
        "400",
        "Largest unpacked size of an .xlsx file, in MB (guards against zip bombs).",
        int,
    ),
    "max_rows": Setting(
        "PEJLING_MAX_ROWS",
        "2000000",
        "Largest number of data rows accepted in one file.",
        int,
    ),
    "password": Setting(
        "PEJLING_PASSWORD",
        "",
        "If set (or `password` in .streamlit/secrets.toml), the Upload, Importhistorik and Mål pages ask for it.",
    ),
    "user": Setting(
        "PEJLING_USER",
        "",
        "Name recorded on imports and goal changes when none is given (defaults to the OS user).",
    ),
}


def get(name: str):
    """Return the current value of a setting by name."""
    return SETTINGS[name].value()


def db_path() -> Path:
    """Return the configured database path."""
    return Path(get("db_path"))


def min_n() -> int:
    """Return the small-number threshold N."""
    return max(1, int(get("min_n")))


def current_user() -> str:
    """Return the user name recorded on changes: PEJLING_USER, else the OS user (also when $USER is not set)."""
    configured = get("user")
    if configured:
        return configured
    try:
        return getpass.getuser()  # LOGNAME, USER, LNAME, USERNAME, then the password database
    except Exception:  # no name for this uid (e.g. a container's anonymous user)
        return "ukendt"
