"""Start and stop the dashboard exactly as the README does, for browser tests and the UI benchmark."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`python -m streamlit run app.py --server.headless true --server.port PORT` with PEJLING_DB set."""

    def __init__(
        self,
        db: Path,
        port: int | None = None,
        extra_env: dict[str, str] | None = None,
        extra_args: list[str] | None = None,
    ) -> None:
        self.db = db
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, PEJLING_DB=str(db), **(extra_env or {}))
        self.log = tempfile.TemporaryFile("a+b")  # appends: reading it never moves where the server writes
        python = ROOT / ".venv" / "bin" / "python"
        self.proc = subprocess.Popen(
            [
                str(python if python.exists() else sys.executable),
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless",
                "true",
                "--server.port",
                str(self.port),
                *(extra_args or []),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,  # a file, not a pipe: nobody reads a pipe while the server runs, and a full one blocks it
        )

    def wait(self, timeout: float = 60) -> None:
        """Block until the health endpoint answers."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit stopped: {self.stderr()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise TimeoutError("streamlit did not start")

    def stderr(self) -> str:
        """What the server has written to stderr so far."""
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def stop(self) -> None:
        """Terminate the server process we started."""
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


# Streamlit draws a skeleton for an element until that element's lazily loaded code has arrived, which can
# be after the script has finished: a page is on screen when no skeleton is left in its main block.
_NO_SKELETON = """() => !document.querySelector('[data-testid="stMainBlockContainer"] [data-testid="stSkeleton"]')"""


# The frame's style sheet (ui/style.py, with the Danish texts that replace the library's English) is an
# `st.html` element, drawn by code that may also arrive after the script has finished.
_STYLED = """() => [...document.querySelectorAll('style')].some(s => s.textContent.includes('stFileUploaderDropzone'))"""


def settle(page, timeout: float = 60_000) -> None:
    """Wait until the script has finished running, the main content is drawn and the frame's style applies."""
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=timeout)
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_function(_NO_SKELETON, timeout=timeout)
    page.wait_for_function(_STYLED, timeout=timeout)
