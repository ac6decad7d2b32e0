"""Settings as data with help text; each is read from the environment (or Streamlit secrets for the login)."""

from __future__ import annotations

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
    "store": Setting(
        "PEJLING_STORE",
        str(ROOT / "data" / "pejling"),
        "The store: a local folder (a DuckLake with its catalogue in SQLite; created with synthetic demo data if "
        "missing), or postgresql://USER@HOST:PORT/DB?data_path=FOLDER (catalogue in PostgreSQL, Parquet files in "
        "FOLDER, shared by several machines; password from PGPASSWORD, PEJLING_STORE_PASSWORD or store_password in "
        ".streamlit/secrets.toml), or the path of a DuckDB file of the earlier layout (one process).",
    ),
    "db_path": Setting(
        "PEJLING_DB",
        "",
        "A local store at this path, as --db does on the command line (kept for scripts and scheduled jobs); "
        "overrides PEJLING_STORE when set.",
    ),
    "store_password": Setting(
        "PEJLING_STORE_PASSWORD",
        "",
        "Password for the PostgreSQL catalogue when PEJLING_STORE does not carry one (never put it in the repository).",
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


def store() -> str:
    """Return the configured store name (PEJLING_DB if set, else PEJLING_STORE, else the local default folder)."""
    return get("db_path") or get("store")


LEGACY_DB = ROOT / "data" / "pejling.duckdb"  # the earlier layout's default file, moved by `cli.py migrate`


def min_n() -> int:
    """Return the small-number threshold N."""
    return max(1, int(get("min_n")))


def current_user() -> str:
    """Return the user name recorded on changes."""
    return get("user") or os.environ.get("USER") or os.environ.get("USERNAME") or "ukendt"
