"""Chromium against a real server, as an attacker would: forged browser messages and a fresh server's deep link."""

from __future__ import annotations

import re
import time
import urllib.request

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg

from tests.browser.server import Server, settle

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
MAIN = '[data-testid="stMainBlockContainer"]'
# What a traceback or an internal detail looks like on a page.
LEAKS = re.compile(r"Traceback|File \"|/work/|site-packages|\.py\b|Error:|Exception")


def test_a_deep_link_on_a_freshly_started_server_shows_no_page_not_found(server, browser):
    fresh = Server(server.db)  # a second server, started just now, on the same store (a lake has many readers)
    try:
        fresh.wait()
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(f"{fresh.url}/upload")  # the first visit after the start, straight to a page that is not the root
        settle(tab)
        time.sleep(1.5)  # the dialog, when it comes, follows the first run's messages
        assert tab.get_by_text("Page not found").count() == 0
        assert tab.locator("h1").first.inner_text() == "Upload af udtræk"
        context.close()
    finally:
        fresh.stop()


def _forge_widgets(raw: bytes) -> bytes:
    """A rerun request whose every widget value is of the wrong type and out of range."""
    msg = BackMsg()
    msg.ParseFromString(raw)
    if msg.WhichOneof("type") != "rerun_script":
        return raw
    for widget in msg.rerun_script.widget_states.widgets:
        widget.json_value = '{"\u001b[31m": ../../etc/passwd'
        widget.int_value = 987654321
    # ... and a query string no link of ours would carry.
    msg.rerun_script.query_string = "strategi=%1B%5B31m&periode=99999-Q7&aldersgruppe=" + "x" * 5000
    return msg.SerializeToString()


def test_forged_browser_messages_show_no_traceback_or_path(server, page):
    forged: list[str] = []

    def route(ws):
        upstream = ws.connect_to_server()

        def outgoing(message):
            if isinstance(message, bytes) and forged == ["armed"]:
                upstream.send(_forge_widgets(message))
                forged.append("sent")
            else:
                upstream.send(message)

        ws.on_message(outgoing)

    page.route_web_socket(re.compile(r".*/_stcore/stream"), route)
    page.goto(f"{server.url}/upload")
    settle(page)
    forged.append("armed")
    page.get_by_role("combobox", name="Udtræk").click()  # any widget change sends every widget's value
    page.get_by_role("option").nth(1).click()
    page.wait_for_timeout(2500)
    assert forged[-1] == "sent"
    text = page.locator("body").inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0  # not Streamlit's own error box
    assert re.search(r"Der skete en uventet fejl.*referencen F-[A-Z0-9]{6}", text, re.S)  # a Danish message instead
    assert not LEAKS.search(text), LEAKS.search(text).group(0)


def _cache_entries(url: str) -> int:
    """How many `st.cache_data` entries the server holds for the indicator computations."""
    with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=10) as r:
        body = r.read().decode()
    return sum(1 for line in body.splitlines() if line.startswith("cache_memory_bytes") and "_compute" in line)


def test_clear_cache_from_one_browser_leaves_another_sessions_figures_and_caches(server, browser):
    viewer = browser.new_context().new_page()
    viewer.goto(f"{server.url}/")
    settle(viewer)
    viewer.wait_for_timeout(2000)  # the page has settled: every figure drawn
    figures = viewer.locator(MAIN).inner_text()
    assert re.search(r"\d", figures)
    cached = _cache_entries(server.url)
    assert cached > 0

    attacker_context = browser.new_context()
    attacker = attacker_context.new_page()
    sockets = []

    def route(ws):
        sockets.append(ws.connect_to_server())  # pass everything through, keep the socket to send on

    attacker.route_web_socket(re.compile(r".*/_stcore/stream"), route)
    attacker.goto(f"{server.url}/om-tallene")  # a page that computes no figures itself
    settle(attacker)
    clear = BackMsg()
    clear.clear_cache = True
    sockets[-1].send(clear.SerializeToString())  # what the ⋮ menu's "Clear cache" would send, or a forged frame
    attacker.wait_for_timeout(1500)
    assert _cache_entries(server.url) >= cached  # nothing was emptied
    viewer.reload()
    settle(viewer)
    viewer.wait_for_timeout(2000)
    assert viewer.locator(MAIN).inner_text() == figures
    attacker_context.close()
