"""Several processes on one store: two dashboards serve it at once while `cli.py import` writes to it, and an
open page shows the other process's import on its next run."""

from __future__ import annotations

import subprocess
import sys

import pytest

from store import db
from tests.browser.server import ROOT, Server, settle

HEADER = "borger_id;fødselsår;køn;indsats;startdato;slutdato;afslutningsårsag;målgrupper"


def _csv(path, prefix: str, n: int = 30):
    lines = [HEADER] + [f"{prefix}{i:04d};1985;M;Mentor;0{1 + i % 9}.02.2025;;;Hjemløshed" for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _import(store, file) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "import", str(file), "--db", str(store), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    """Two dashboard processes on one new store holding one import (første.csv)."""
    folder = tmp_path_factory.mktemp("concurrency")
    store = folder / "lager"
    db.connect(store).close()
    assert _import(store, _csv(folder / "første.csv", "F")).returncode == 0
    servers = [Server(store), Server(store)]
    try:
        for srv in servers:
            srv.wait(timeout=120)
        yield store, servers, folder
    finally:
        for srv in servers:
            srv.stop()


# The history table is drawn on a canvas; the undo box names the newest batch in text: "Ja, fortryd kørsel N".
def _newest(batch: int) -> str:
    return f"Ja, fortryd kørsel {batch}."


def _history_text(browser, url: str) -> str:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    try:
        tab = context.new_page()
        tab.goto(f"{url}/importhistorik")
        settle(tab)
        tab.get_by_text("Ja, fortryd kørsel").wait_for(timeout=60_000)
        assert tab.locator('[data-testid="stException"]').count() == 0
        return tab.inner_text('[data-testid="stMainBlockContainer"]')
    finally:
        context.close()


def test_two_dashboard_processes_serve_the_same_store_at_once(two_servers, browser):
    _store, servers, _folder = two_servers
    assert all(srv.proc.poll() is None for srv in servers)
    for srv in servers:
        assert _newest(1) in _history_text(browser, srv.url)


def test_cli_import_while_dashboards_serve_shows_on_the_open_pages_next_run(two_servers, browser):
    store, servers, folder = two_servers
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    try:
        tab = context.new_page()
        tab.goto(f"{servers[0].url}/importhistorik")
        settle(tab)
        main = '[data-testid="stMainBlockContainer"]'
        tab.get_by_text(_newest(1)).wait_for(timeout=60_000)
        assert _newest(2) not in tab.inner_text(main)
        done = _import(store, _csv(folder / "anden.csv", "A"))
        assert done.returncode == 0, done.stderr
        assert '"status": "imported"' in done.stdout
        tab.reload()  # the page's next run
        settle(tab)
        tab.get_by_text(_newest(2)).wait_for(timeout=60_000)
        assert _newest(1) not in tab.inner_text(main)
    finally:
        context.close()
    assert _newest(2) in _history_text(browser, servers[1].url)  # the other dashboard process too
