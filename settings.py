"""Settings as data with help text; each is read from the environment (sign-in itself lives in secrets.toml)."""

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
        "A store at this path (a folder, or a DuckDB file of the earlier layout) that overrides PEJLING_STORE when "
        "set (kept for scripts, scheduled jobs and tests); like PEJLING_STORE, a missing one is created with demo "
        "data by the dashboard and by `cli.py import`. On the command line --db overrides both (a new --db path "
        "starts empty).",
    ),
    "store_password": Setting(
        "PEJLING_STORE_PASSWORD",
        "",
        "Password for the PostgreSQL catalogue when PEJLING_STORE does not carry one (never put it in the repository).",
    ),
    "min_n": Setting(
        "PEJLING_MIN_N",
        "5",
        "Small-number threshold N: counts 1..N-1 are shown as '<N', shares with a denominator under N are hidden. "
        "Never below 3 (Danmarks Statistik's floor): a lower value is refused.",
        int,
    ),
    "max_deviation": Setting(
        "PEJLING_MAX_DEVIATION",
        "3",
        "Largest adjustment D (1-3) that cell-key perturbation adds to a published count (see 'Small numbers').",
        int,
    ),
    "noise_variance": Setting(
        "PEJLING_NOISE_VARIANCE",
        "1.0",
        "Variance V of the cell-key adjustment for counts well above N (below D squared); larger V needs more "
        "averaging to undo but moves figures more.",
        float,
    ),
    "max_filter_values": Setting(
        "PEJLING_MAX_FILTER_VALUES",
        "3",
        "Most values one filter may select at once (at least 1). Many values at once, such as every age band "
        "but one, would give an attacker many independent routes to average a hidden figure out of the noise "
        "(see 'Small numbers').",
        int,
    ),
    "year_tables": Setting(
        "PEJLING_YEAR_TABLES",
        "1",
        "1: after every data change the dashboard prepares each calendar year's episode tables in memory (in the "
        "background; figures are computed from the stored tables until they are ready), so a year's figures read "
        "small tables. It takes about 7 s and 0.3 GB of memory per million episodes and process. 0: always compute "
        "from the stored tables. The figures are the same either way.",
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
    "max_columns": Setting(
        "PEJLING_MAX_COLUMNS",
        "500",
        "Largest number of columns accepted in one sheet or CSV file (checked before the columns are read).",
        int,
    ),
    "max_cells": Setting(
        "PEJLING_MAX_CELLS",
        "4000000",
        "Largest extent (rows × columns, counted from the cell references) of an .xlsx sheet; bounds the reader's memory.",
        int,
    ),
    "require_login": Setting(
        "PEJLING_REQUIRE_LOGIN",
        "0",
        "1: refuse to show anything (one Danish page) unless sign-in with OpenID Connect is configured "
        "under [auth] in .streamlit/secrets.toml. 0: without [auth], run in local mode (no sign-in, every role).",
    ),
    "session_hours": Setting(
        "PEJLING_SESSION_HOURS",
        "12",
        "Hours a sign-in lasts before Pejling asks the person to sign in again (0: until Streamlit's "
        "30-day cookie runs out).",
        float,
    ),
    "user": Setting(
        "PEJLING_USER",
        "",
        "Name recorded by the CLI and in local mode on imports, undo, goal, comment and action-plan changes "
        "(defaults to the OS user); signed-in people are recorded by their identity.",
    ),
}


def get(name: str):
    """Return the current value of a setting by name."""
    return SETTINGS[name].value()


def store() -> str:
    """Return the configured store name (PEJLING_DB if set, else PEJLING_STORE, else the local default folder)."""
    return get("db_path") or get("store")


LEGACY_DB = ROOT / "data" / "pejling.duckdb"  # the earlier layout's default file, moved by `cli.py migrate`


class SettingError(ValueError):
    """A setting with a value the product refuses (the message is Danish)."""


def _number(name: str):
    setting = SETTINGS[name]
    try:
        return setting.value()
    except ValueError:
        raise SettingError(f"Indstillingen {setting.env}={os.environ.get(setting.env)!r} er ikke et tal.") from None


def min_n() -> int:
    """Return the small-number threshold N (refused below 3, Danmarks Statistik's floor)."""
    value = _number("min_n")
    if value < 3:
        raise SettingError(
            f"Grænsen for små tal (PEJLING_MIN_N) er {value}, men den må ikke være under 3: "
            "så små tal kan pege på enkelte borgere."
        )
    return value


def max_deviation() -> int:
    """Return the largest perturbation D (1..3)."""
    value = _number("max_deviation")
    if not 1 <= value <= 3:
        raise SettingError(f"PEJLING_MAX_DEVIATION skal være 1, 2 eller 3 (er {value}).")
    return value


def max_filter_values() -> int:
    """Return how many values one filter may select at once (at least 1)."""
    value = _number("max_filter_values")
    if value < 1:
        raise SettingError(f"PEJLING_MAX_FILTER_VALUES skal være mindst 1 (er {value}).")
    return value


def noise_variance() -> float:
    """Return the perturbation variance V (0 < V < D²)."""
    value = _number("noise_variance")
    if not 0 < value < max_deviation() ** 2:
        raise SettingError(f"PEJLING_NOISE_VARIANCE skal være over 0 og under {max_deviation() ** 2} (er {value}).")
    return value


def year_tables() -> bool:
    """Return whether the dashboard prepares year tables (PEJLING_YEAR_TABLES, 1 or 0)."""
    value = str(get("year_tables")).strip()
    if value not in ("0", "1"):
        raise SettingError(f"PEJLING_YEAR_TABLES skal være 0 eller 1 (er {value!r}).")
    return value == "1"


def current_user() -> str:
    """Return the user name recorded on changes: PEJLING_USER, else the OS user (also when $USER is not set)."""
    configured = get("user")
    if configured:
        return configured
    try:
        return getpass.getuser()  # LOGNAME, USER, LNAME, USERNAME, then the password database
    except Exception:  # no name for this uid (e.g. a container's anonymous user)
        return "ukendt"


def require_login() -> bool:
    """True when Pejling must not run without OpenID Connect sign-in configured."""
    return str(get("require_login")).strip().lower() in {"1", "true", "yes", "ja"}


def session_hours() -> float:
    """Hours a sign-in lasts (0 or less: no limit of Pejling's own)."""
    try:
        return float(get("session_hours"))
    except ValueError:
        return float(SETTINGS["session_hours"].default)
