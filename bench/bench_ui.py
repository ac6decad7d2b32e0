"""UI benchmark: a real server on ~1M episodes, driven by Chromium; prints page-settle times.

    .venv/bin/python bench/bench_ui.py [--episodes 1000000] [--rebuild] [--runs 6] [--only new|pages|all]

Builds `bench/out/ui-lager` (the demo data, its episodes replicated under new pseudonyms until
the target count), starts `streamlit run app.py` on a free port with PEJLING_DB set, and times:
a fresh session opening a filtered link (cold server cache, then warm), a filter change, and
links with a filter combination nobody opened before on a warm server (Overblik and Fokusområder,
five each, then every other page). "Settled" means the app reports `data-test-script-state="notRunning"`
after the run and the page's content is drawn (no skeleton left, tests/browser/server.settle).
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

from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, Server, settle  # noqa: E402

OUT = ROOT / "bench" / "out"
FIRST_FIGURES: list[float] = []  # time until the first figure is on screen, per _open()
GOALS = {"filter_again": 1.0, "first": 1.5, "warm": 1.5, "filter": 1.0, "new": 1.5, "page": 3.0}
URL_QUERY = f"periode=2025&aldersgruppe=18-24&maalgruppe={quote('Hjemløshed')}"

# Filter combinations nobody opened before in a run (periods and filters differ; each is used once).
NEW_COMBINATIONS: tuple[dict[str, str | list[str]], ...] = (
    {"periode": "2024", "maalgruppe": "Alkohol"},
    {"periode": "2023", "leverandoer": "Egen kommune", "aldersgruppe": "25-29"},
    {"periode": "2025-Q2", "fokusomraade": "Stabile rammer"},
    {"periode": "2022", "aldersgruppe": "Under 30"},
    {"periode": "2025", "indsats": "Mentor", "maalgruppe": ["Hjemløshed", "Stoffer"]},
    {"periode": "2024-Q4", "leverandoer": "Region"},
    {"periode": "2023", "maalgruppe": "Sindslidelse", "aldersgruppe": "30-39"},
    {"periode": "2025", "fokusomraade": "At kunne selv", "leverandoer": "Privat/selvejende"},
    {"periode": "2024", "aldersgruppe": "18-24"},
    {"periode": "2022-Q3", "maalgruppe": "Hjemløshed"},
    {"periode": "2025", "aldersgruppe": "40-49", "indsats": "Bostøtte (SEL §85)"},
    {"periode": "2023-Q1", "leverandoer": "Anden kommune"},
    {"periode": "2024", "maalgruppe": "Ensomhed", "aldersgruppe": "30 og derover"},
    {"periode": "2025-Q1", "fokusomraade": "At være noget for nogen"},
    {"periode": "2023", "indsats": "Gruppeforløb"},
    {"periode": "2024-Q1", "aldersgruppe": "50-59"},
    {"periode": "2022", "leverandoer": "Egen kommune", "maalgruppe": "Alkohol"},
    {"periode": "2025-Q3", "maalgruppe": "Hash"},
    {"periode": "2024", "indsats": "Rådgivning og vejledning", "aldersgruppe": "Under 30"},
    {"periode": "2023-Q4", "fokusomraade": "Stabile rammer", "maalgruppe": "Stoffer"},
    {"periode": "2021", "maalgruppe": "Hjemløshed"},
    {"periode": "2022-Q2", "aldersgruppe": "18-24"},
    {"periode": "2024-Q3", "leverandoer": "Privat/selvejende"},
    {"periode": "2021", "aldersgruppe": "25-29", "leverandoer": "Egen kommune"},
    {"periode": "2023-Q3", "maalgruppe": "Sindslidelse"},
    {"periode": "2022-Q4", "indsats": "Mentor"},
    {"periode": "2021-Q4", "aldersgruppe": "Under 30"},
    {"periode": "2024-Q2", "maalgruppe": "Alkohol", "aldersgruppe": "30-39"},
    {"periode": "2022-Q1", "leverandoer": "Region"},
    {"periode": "2021-Q2", "maalgruppe": "Stoffer"},
)
# The other pages, by URL path, timed after Overblik and Fokusområder.
OTHER_PAGES = (
    "maalgrupper",
    "indsatstrappen",
    "borgeroplevelse",
    "moedevisning",
    "importhistorik",
    "maal",
    "om-tallene",
)

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


# A style-only st.html as every Pejling page has one (ui/style.py): settle() waits for it to apply.
_BASELINE_APP = """import streamlit as st
st.html('<style>[data-testid="stFileUploaderDropzone"] button { font-size: inherit; }</style>')
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


def _settle(page, metric: bool = True) -> None:
    settle(page, timeout=120_000)
    if metric:
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


def _query(combo: dict[str, str | list[str]]) -> str:
    parts = []
    for key, value in combo.items():
        for v in [value] if isinstance(value, str) else value:
            parts.append(f"{key}={quote(v)}")
    return "&".join(parts)


SERVER: Server | None = None  # the running server (its log says when the year tables are ready)
SERVER_PID: int | None = None  # the server's process id, for its CPU time per link
HEIGHTS: dict[str, list[int]] = {}  # page path -> height in px of the settled page per link
_HEIGHT = """() => Math.max(document.documentElement.scrollHeight,
  ...[...document.querySelectorAll('[data-testid="stMainBlockContainer"]')].map(e => e.scrollHeight))"""


def server_cpu() -> float:
    """CPU seconds the server process has used so far (all its threads, DuckDB's included); 0 when unknown."""
    if SERVER_PID is None:
        return 0.0
    import os

    fields = Path(f"/proc/{SERVER_PID}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def open_new_links(browser, base_url: str, path: str, combos, metric: bool = True) -> list[tuple[float, float]]:
    """(settle time, server CPU seconds) of links with new filter combinations, each in a new tab of a
    context with cached assets. Server CPU hardly moves with other jobs on the machine; settle time does."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    warmup = context.new_page()  # the browser's cache of Streamlit's static files (not the server's results)
    warmup.goto(f"{base_url}/om-tallene")
    _settle(warmup, metric=False)
    warmup.close()
    out = []
    for combo in combos:
        page = context.new_page()
        t0, c0 = time.perf_counter(), server_cpu()
        page.goto(f"{base_url}/{path}?{_query(combo)}")
        try:
            _settle(page, metric)
        except Exception:
            page.screenshot(path=str(OUT / "bench_failure.png"), full_page=True)
            raise
        out.append((time.perf_counter() - t0, server_cpu() - c0))
        HEIGHTS.setdefault(path, []).append(int(page.evaluate(_HEIGHT)))
        page.close()
    context.close()
    return out


def new_combinations(browser, base_url: str, runs: int) -> dict[str, list[tuple[float, float]]]:
    """Overblik and Fokusområder on `runs` new combinations each, then every other page on two new ones."""
    combos = iter(NEW_COMBINATIONS * 4)
    out = {
        "Overblik": open_new_links(browser, base_url, "", [next(combos) for _ in range(runs)]),
        "Fokusområder": open_new_links(browser, base_url, "fokusomraader", [next(combos) for _ in range(runs)]),
    }
    for path in OTHER_PAGES:
        out[path] = open_new_links(browser, base_url, path, [next(combos) for _ in range(2)], metric=False)
    return out


def main(argv: list[str] | None = None) -> int:
    """Build the database if needed, run the browser timings and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--runs", type=int, default=6)
    parser.add_argument(
        "--only",
        choices=("all", "new"),
        default="all",
        help="new: only the links with new filter combinations (Overblik, Fokusområder, every other page)",
    )
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

    global SERVER, SERVER_PID
    server = Server(db)
    SERVER, SERVER_PID = server, server.proc.pid
    try:
        t0 = time.perf_counter()
        server.wait(timeout=120)
        print(f"server up in {time.perf_counter() - t0:.1f} s on {server.url}")
        url = f"{server.url}/?{URL_QUERY}"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            if args.only == "new":
                return _report_new(browser, server.url, url, args.runs)
            first, ctx, _ = _open(browser, url)
            ctx.close()
            print(f"first load {first:.2f} s")
            wait_for_year_tables()
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
            new = new_combinations(browser, server.url, min(args.runs, 5))
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
    print_new(new, figures["base"])
    return 0


def print_new(new: dict[str, list[tuple[float, float]]], base: float | None = None) -> None:
    """Print the new-combination timings: median settle time per page against its goal (and the ratio to
    the bare Streamlit page), and the median server CPU per link."""
    for name, samples in new.items():
        goal = GOALS["new"] if name == "Overblik" else GOALS["page"]
        walls = [w for w, _ in samples]
        cpus = [c for _, c in samples]
        label = f"{name}: link with a new filter combination, warm server (med/{len(samples)})"
        ratio = f", {statistics.median(walls) / base:.1f} x bare page" if base else ""
        print(
            f"{label:<72}: {statistics.median(walls):5.2f} s (goal {goal} s{ratio}); "
            f"server CPU {statistics.median(cpus):.2f} s  {[round(x, 2) for x in walls]}"
        )
    if HEIGHTS.get("fokusomraader"):
        print(f"{'Fokusområder: page height (px) per link':<72}: {HEIGHTS['fokusomraader']}")


def wait_for_year_tables(timeout: float = 300.0) -> None:
    """Wait until the server says its prepared tables are complete (a warm server has them; ui/yearly.py)."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if SERVER is not None and "Forberedte tabeller klar" in SERVER.stderr():
            print(f"year tables ready after another {time.perf_counter() - t0:.1f} s")
            return
        time.sleep(0.5)
    print("year tables not ready: timings below compute from the stored tables")


def _report_new(browser, base_url: str, url: str, runs: int) -> int:
    """Warm the server with one link, then time only the new-combination links."""
    t0 = time.perf_counter()
    _, ctx, _ = _open(browser, url)
    ctx.close()
    print(f"first load (warms the server) {time.perf_counter() - t0:.2f} s")
    wait_for_year_tables()
    try:
        new = new_combinations(browser, base_url, min(runs, 5))
    except Exception:
        print(SERVER.stderr()[-4000:] if SERVER else "")
        raise
    base = statistics.median(baseline(browser, runs))
    browser.close()
    print_new(new, base)
    print(f"{'bare Streamlit page on this machine, new tab (med/' + str(runs) + ')':<72}: {base:5.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
