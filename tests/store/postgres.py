"""A real PostgreSQL server on a temporary data directory (Debian's postgresql package), for the store tests."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

from tests.browser.server import free_port


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_server_user(cmd: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run the server tools as the `postgres` system user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


class Postgres:
    """initdb + pg_ctl start on 127.0.0.1:<free port>, trust authentication; stop() removes everything."""

    def __init__(self) -> None:
        bins = _bin_dir()
        if bins is None:
            raise RuntimeError("PostgreSQL is not installed: scripts/test.sh installs Debian's postgresql package.")
        self.bin = bins
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="pejling-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
        self.data = self.root / "data"
        subprocess.run(
            _as_server_user(
                [str(bins / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            _as_server_user(
                [str(bins / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def create_database(self) -> str:
        """A new, empty database; return its name."""
        name = "lager_" + uuid.uuid4().hex[:10]
        for _ in range(50):
            done = subprocess.run(
                [str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name],
                capture_output=True,
            )
            if done.returncode == 0:
                return name
            time.sleep(0.1)
        raise RuntimeError(done.stderr.decode(errors="replace"))

    def store_name(self, database: str, data_path: Path) -> str:
        """The PEJLING_STORE string for a lake with its catalogue in `database` and its files in `data_path`."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}?data_path={data_path}"

    def stop(self) -> None:
        """Stop the server and remove its directory."""
        subprocess.run(
            _as_server_user([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(self.root, ignore_errors=True)
