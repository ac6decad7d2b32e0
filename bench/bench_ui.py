"""UI benchmark: a real server on ~1M episodes, driven by Chromium; prints page-settle times.

    .venv/bin/python bench/bench_ui.py [--episodes 1000000] [--rebuild] [--runs 6]

Builds `bench/out/ui-lager` (the demo data, its episodes replicated under new pseudonyms until
the target count), starts `streamlit run app.py` on a free port with PEJLING_DB set, and times:
a fresh session opening a filtered link (cold server cache, then warm), and a filter change.
"Settled" means the app reports `data-test-script-state="notRunning"` and the page's content is on screen.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, READY, Server  # noqa: E402

OUT = ROOT / "bench" / "out"
FIRST_FIGURES: list[float] = []  # time until the first figure is on screen, per _open()
GOALS = {"filter_again": 1.0, "first": 1.5, "warm": 1.5, "filter": 1.0}
URL_QUERY = f"periode=2025&aldersgruppe=18-24&maalgruppe={quote('Hjemløshed')}"

_WATCH_RUN = """() => { window.__settled = new Promise(res => {
  const el = document.querySelector('[data-testid="stApp"]'); let seen = false;
  new MutationObserver(() => { const s = el.getAttribute('data-test-script-state');
    if (s === 'running') seen = true; if (seen && s === 'notRunning') res(true); })
  .observe(el, {attributes: true}); }); }"""


def _replicate(con, table: str, key: str, copies: int) -> None:
    """Append copies-1 copies of every row of `table`, each with `key` suffixed `x<k>` to keep it unique."""
    cols = [
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [table],
        ).fetchall()
    ]
    select = ", ".join(f"{c} || 'x' || k::VARCHAR" if c == key else c for c in cols)
    con.execute(f"INSERT INTO {table} SELECT {select} FROM {table}, range(1, {copies}) t(k)")


def build_db(path: Path, episodes: int) -> int:
    """Create the benchmark database: demo data with episodes replicated to about `episodes` rows."""
    import shutil

    from demo.bootstrap import open_database
    from store.db import checkpoint, write
    from store.record_keys import refresh_record_keys

    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(path, ignore_errors=True)  # a local store is a folder
    con = open_database(path, with_demo=True)
    base = con.execute("SELECT count(*) FROM indsatser").fetchone()[0]
    copies = max(1, -(-episodes // base))
    _replicate(con, "indsatser", "borger_id", copies)
    _replicate(con, "borgeroplevelse", "besvarelse_id", min(copies, 20))
    _replicate(con, "progression", "borger_id", copies)
    write(con, lambda: refresh_record_keys(con))  # keys for the copies' new ids
    checkpoint(con)
    total = con.execute("SELECT count(*) FROM indsatser").fetchone()[0]
    con.close()
    return total


_BASELINE_APP = """import streamlit as st
with st.sidebar:
    st.selectbox("Periode", ["2025"])
st.title("Overblik")
st.metric("Tal", "1")
"""


def baseline(browser, runs: int) -> list[float]:
    """Settle times of a bare Streamlit page (title, one metric) on this machine: the floor under any page."""
    import subprocess
    import urllib.request

    from tests.browser.server import free_port

    app = OUT / "baseline_app.py"
    app.write_text(_BASELINE_APP, encoding="utf-8")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless", "true", "--server.port", str(port)],
        cwd=OUT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        warmup = context.new_page()
        warmup.goto(f"http://127.0.0.1:{port}/")
        _settle(warmup)
        warmup.close()
        out = []
        for _ in range(runs):
            page = context.new_page()
            t0 = time.perf_counter()
            page.goto(f"http://127.0.0.1:{port}/")
            _settle(page)
            out.append(time.perf_counter() - t0)
            page.close()
        context.close()
        return out
    finally:
        proc.terminate()
        proc.wait()


def _settle(page) -> None:
    page.wait_for_selector(READY, timeout=120_000)
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=120_000)
    page.wait_for_selector('[data-testid="stMetric"]', timeout=120_000)


def _open(browser, url: str) -> tuple[float, object, object]:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_selector('[data-testid="stMetric"]', timeout=120_000)
    FIRST_FIGURES.append(time.perf_counter() - t0)
    _settle(page)
    return time.perf_counter() - t0, context, page


def _change_filter(page, option: str) -> float:
    page.evaluate(_WATCH_RUN)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stMultiSelect"]').filter(has_text="Leverandør").locator("input").click()
    page.keyboard.type(option)
    t0 = time.perf_counter()
    page.keyboard.press("Enter")
    page.evaluate("() => window.__settled")
    _settle(page)
    elapsed = time.perf_counter() - t0
    page.keyboard.press("Escape")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    """Build the database if needed, run the browser timings and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--runs", type=int, default=6)
    args = parser.parse_args(argv)

    db = OUT / "ui-lager"
    if args.rebuild or not db.exists():
        t0 = time.perf_counter()
        n = build_db(db, args.episodes)
        print(f"database: {n:,} episodes built in {time.perf_counter() - t0:.1f} s -> {db}")
    else:
        from store.db import connect

        con = connect(db, read_only=True)
        n = con.execute("SELECT count(*) FROM indsatser").fetchone()[0]
        con.close()
        print(f"database: {n:,} episodes (reused {db}; --rebuild to rebuild)")

    from playwright.sync_api import sync_playwright

    server = Server(db)
    try:
        t0 = time.perf_counter()
        server.wait(timeout=120)
        print(f"server up in {time.perf_counter() - t0:.1f} s on {server.url}")
        url = f"{server.url}/?{URL_QUERY}"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            first, ctx, _ = _open(browser, url)
            ctx.close()
            print(f"first load {first:.2f} s")
            warm, tab, filt = [], [], []
            shared = browser.new_context(viewport={"width": 1280, "height": 720})
            shared.new_page().goto(url)  # fills the browser's cache of Streamlit's static files
            for _ in range(args.runs):
                page = shared.new_page()
                t0 = time.perf_counter()
                page.goto(url)
                _settle(page)
                tab.append(time.perf_counter() - t0)
                page.close()
            shared.close()
            options = ["Egen kommune", "Anden kommune", "Region", "Privat/selvejende"]
            for i in range(args.runs):
                t, ctx, page = _open(browser, url)
                warm.append(t)
                try:
                    filt.append(_change_filter(page, options[i % len(options)]))
                except Exception:
                    page.screenshot(path=str(OUT / "bench_failure.png"))
                    raise
                ctx.close()
            base = baseline(browser, args.runs)
            browser.close()
    finally:
        server.stop()

    figures = {
        "first": first,
        "warm": statistics.median(warm),
        "tab": statistics.median(tab),
        "filter": statistics.median(filt[: len(options)]),
        "filter_again": statistics.median(filt[len(options) :]) if len(filt) > len(options) else float("nan"),
        "base": statistics.median(base),
    }
    runs = args.runs

    def line(label: str, key: str, samples: list[float] | None = None) -> None:
        tail = f"  {[round(x, 2) for x in samples]}" if samples else ""
        print(f"{label:<58}: {figures[key]:5.2f} s (goal {GOALS.get(key, GOALS['warm'])} s){tail}")

    print(f"URL: /?{URL_QUERY}  (Overblik)")
    line("fresh session, cold server cache, new browser profile", "first")
    line(f"fresh session, warm server, new browser profile (med/{runs})", "warm", warm)
    line(f"fresh session, warm server, new tab, cached assets (med/{runs})", "tab", tab)
    new = filt[: len(options)]
    line(f"filter change to a new combination (med/{len(new)})", "filter", new)
    if len(filt) > len(options):
        line(
            f"filter change to a combination seen before (med/{len(filt) - len(options)})",
            "filter_again",
            filt[len(options) :],
        )
    line(f"bare Streamlit page on this machine, new tab (med/{runs})", "base", base)
    print(f"{'first figure on screen (cold, then warm runs)':<58}: {[round(x, 2) for x in FIRST_FIGURES]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
