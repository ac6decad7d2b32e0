"""Where the store lives and how to open it: DuckLake (SQLite or PostgreSQL catalogue) or one DuckDB file.

This is the one module that knows the engine. A store is named by one string (`PEJLING_STORE`):

- a local path (the default `data/pejling`): a DuckLake store in that folder, its catalogue in
  `catalogue.sqlite` and its data files (Parquet) in `files/`; several processes on one machine share it;
- `postgresql://user@host:5432/dbname?data_path=/srv/pejling/files`: a DuckLake store whose catalogue is a
  PostgreSQL database, for several machines serving one municipality (data path on shared storage,
  or `s3://bucket/prefix` with DuckDB's httpfs extension installed);
- the path of an existing DuckDB file (the earlier layout): opened as that single file (one writing process);
  `python cli.py migrate` moves it into a DuckLake store;
- `:memory:`: a throw-away in-memory DuckDB database.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import duckdb

LAKE = "pejling"  # the name the lake is attached under; USE makes table names resolve in it
CATALOGUE_FILE = "catalogue.sqlite"
FILES_DIR = "files"
_DUCKDB_MAGIC = b"DUCK"

# DuckDB may not download extensions here: they come from pip packages pinned to DuckDB's version.
_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


class StoreError(RuntimeError):
    """The store could not be opened (a Danish message for people, no secrets)."""


@dataclass(frozen=True)
class Location:
    """A parsed store name: kind is 'memory', 'duckdb', 'sqlite' (local lake) or 'postgres' (shared lake)."""

    kind: str
    target: str  # path of the DuckDB file or the lake folder, or the PostgreSQL connection string
    data_path: str = ""

    @property
    def is_lake(self) -> bool:
        """True for a DuckLake store (several processes may use it at once)."""
        return self.kind in ("sqlite", "postgres")

    def describe(self) -> str:
        """A printable name without secrets (no password, no user)."""
        if self.kind != "postgres":
            return self.target
        parts = urlsplit(self.target)
        host = parts.hostname or "localhost"
        port = f":{parts.port}" if parts.port else ""
        return f"postgresql://{host}{port}{parts.path}"


def is_duckdb_file(path: Path) -> bool:
    """True when `path` is a file in DuckDB's own format (the earlier, single-file layout)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(12)[8:12] == _DUCKDB_MAGIC
    except (IsADirectoryError, FileNotFoundError, PermissionError):
        return False


def parse(spec: str | Path, *, engine: str | None = None) -> Location:
    """Parse a store name (see the module docstring); engine='duckdb' asks for a single-file store at a new path."""
    text = str(spec)
    if text == ":memory:":
        return Location("memory", text)
    if text.startswith(("postgresql://", "postgres://")):
        return _parse_postgres(text)
    path = Path(text).expanduser().resolve()
    if engine == "duckdb" or is_duckdb_file(path):
        return Location("duckdb", str(path))
    if path.is_file():
        raise StoreError(f"{path} er hverken en Pejling-database eller en mappe med et Pejling-lager.")
    return Location("sqlite", str(path), str(path / FILES_DIR))


def _parse_postgres(text: str) -> Location:
    parts = urlsplit(text)
    query = parse_qsl(parts.query, keep_blank_values=True)
    data = [v for k, v in query if k == "data_path"]
    if not data or not data[0]:
        raise StoreError("PEJLING_STORE med PostgreSQL skal angive datamappen, fx ?data_path=/srv/pejling/filer.")
    rest = [(k, v) for k, v in query if k != "data_path"]
    target = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(rest), ""))
    return Location("postgres", target, data[0])


def exists(loc: Location) -> bool:
    """True when the store has been created (always true for PostgreSQL and memory: created on first use)."""
    if loc.kind == "duckdb":
        return Path(loc.target).exists()
    if loc.kind == "sqlite":
        return (Path(loc.target) / CATALOGUE_FILE).exists()
    return True


def load_extension(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """LOAD an extension from its pip package (duckdb_extension_<name>), matching the installed DuckDB."""
    module = importlib.import_module(f"duckdb_extension_{name}")
    folder = Path(module.__path__[0]) / "extensions" / f"v{duckdb.__version__}"
    found = sorted(folder.glob("*.duckdb_extension"))
    if not found:
        raise StoreError(f"DuckDB-udvidelsen {name} passer ikke til DuckDB {duckdb.__version__}.")
    con.execute(f"LOAD '{found[0]}'")


def _password_conninfo(target: str) -> str:
    """Add the password from the environment or secrets.toml unless the string or PGPASSWORD already has one."""
    parts = urlsplit(target)
    if parts.password or os.environ.get("PGPASSWORD"):
        return target
    password = os.environ.get("PEJLING_STORE_PASSWORD") or _secret("store_password")
    if not password:
        return target
    query = parse_qsl(parts.query, keep_blank_values=True) + [("password", password)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def _secret(key: str) -> str:
    """A value from .streamlit/secrets.toml (never from the repository; the file is git-ignored)."""
    import tomllib

    for folder in (Path.cwd(), Path(__file__).resolve().parent.parent):
        path = folder / ".streamlit" / "secrets.toml"
        if path.is_file():
            try:
                value = tomllib.loads(path.read_text(encoding="utf-8")).get(key, "")
            except (OSError, tomllib.TOMLDecodeError):
                return ""
            return str(value or "")
    return ""


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def open_connection(loc: Location, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a connection on the store; for a lake it is attached as `pejling` and made the default (USE)."""
    if loc.kind == "memory":
        return duckdb.connect(":memory:", config=dict(_CONFIG))
    if loc.kind == "duckdb":
        if not read_only:
            Path(loc.target).parent.mkdir(parents=True, exist_ok=True)
        return duckdb.connect(loc.target, read_only=read_only, config=dict(_CONFIG))
    con = duckdb.connect(":memory:", config=dict(_CONFIG))
    try:
        load_extension(con, "ducklake")
        if loc.kind == "sqlite":
            folder = Path(loc.target)
            folder.mkdir(parents=True, exist_ok=True)
            catalogue = folder / CATALOGUE_FILE
            _prepare_sqlite(catalogue)
            load_extension(con, "sqlite_scanner")
            source = f"ducklake:sqlite:{catalogue}"
            Path(loc.data_path).mkdir(parents=True, exist_ok=True)
        else:
            load_extension(con, "postgres_scanner")
            source = f"ducklake:postgres:{_password_conninfo(loc.target)}"
            if "://" not in loc.data_path:
                Path(loc.data_path).mkdir(parents=True, exist_ok=True)
        data = loc.data_path.rstrip("/") + "/"
        options = f"DATA_PATH {_sql_text(data)}"
        if loc.kind == "sqlite":  # the folder may have been moved or renamed: its files are always in files/
            options += ", OVERRIDE_DATA_PATH true"
        if read_only:
            options += ", READ_ONLY"
        con.execute(f"ATTACH {_sql_text(source)} AS {LAKE} ({options})")
        con.execute(f"USE {LAKE}")
    except BaseException:
        con.close()
        raise
    return con


def _prepare_sqlite(catalogue: Path) -> None:
    """Put a new SQLite catalogue in WAL mode: readers never block the writer, and the mode stays in the file."""
    if catalogue.exists():
        return
    import sqlite3

    with sqlite3.connect(catalogue) as db:
        db.execute("PRAGMA journal_mode=WAL")
    db.close()


def use_store(cur: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Make a cursor's unqualified table names resolve in the store (a cursor starts in the default catalogue)."""
    if is_lake(cur):
        cur.execute(f"USE {LAKE}")
    return cur


def is_lake(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the connection's store is a DuckLake."""
    # By type, not only by name: a single file called pejling.duckdb is also a database named "pejling".
    found = con.execute(
        "SELECT count(*) FROM duckdb_databases() WHERE database_name = ? AND type = 'ducklake'", [LAKE]
    ).fetchone()[0]
    return bool(found)


def is_conflict(exc: BaseException) -> bool:
    """True when a commit lost against another writer (try the whole transaction again)."""
    text = str(exc).lower()
    return isinstance(exc, duckdb.Error) and (
        "conflict" in text or "database is locked" in text or "could not serialize" in text or "busy" in text
    )
