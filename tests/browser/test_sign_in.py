"""Sign-in through a real OpenID Connect provider in Chromium: each role sees its pages, every page URL
is tried by every role (refused ones never show their content), writes by the roles that may, the
identity in the history, log-out, a failed sign-in and a person without a role."""

from __future__ import annotations

import re

import pytest

from tests.app.files import good_indsatser_xlsx
from tests.browser.conftest import shot
from tests.browser.oidc import ROLE_OF, USERS, provider, write_secrets
from tests.browser.server import CHROMIUM, Server, free_port, settle
from ui.nav import PAGES, url_of
from ui.roles import parse_role

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("signin"),  # one worker runs them all against one provider and one server
    pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(), reason="no Chromium"),
]

# What a page shows in its heading, to tell which page the server actually ran.
HEADINGS = {
    "overblik": "Overblik",
    "fokusomraader": "Fokusområder",
    "maalgrupper": "Målgrupper og alder",
    "indsatstrappen": "Indsatstrappen",
    "borgeroplevelse": "Borgeroplevelse",
    "om-tallene": "Om tallene",
    "upload": "Upload af udtræk",
    "importhistorik": "Importhistorik og datakvalitet",
    "maal": "Mål",
    "administration": "Administration",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The provider and a dashboard configured for it (secrets in a temporary file, not the repository's)."""
    from demo.bootstrap import open_database

    tmp = tmp_path_factory.mktemp("signin")
    db = tmp / "demo.duckdb"
    open_database(db, with_demo=True).close()
    with provider() as issuer:
        port = free_port()
        secrets = write_secrets(tmp / "secrets.toml", issuer, port)
        srv = Server(db, port=port, extra_args=["--secrets.files", str(secrets)])
        try:
            srv.wait()
            srv.issuer = issuer
            yield srv
        finally:
            srv.stop()


@pytest.fixture
def tab(browser, site):
    """A fresh browser (no cookies) at 1280×720."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="da-DK")
    yield context.new_page()
    context.close()


def sign_in(tab, site, sub: str, button: str = "Log ind") -> None:
    """Open Pejling, press the sign-in button, choose `sub` at the provider, land back signed in."""
    tab.goto(site.url + "/")
    settle(tab)
    tab.get_by_role("button", name=button).click()
    tab.wait_for_url(re.compile(re.escape(site.issuer) + ".*"), timeout=30_000)
    tab.get_by_role("button", name=sub, exact=True).click()
    tab.wait_for_url(re.compile(re.escape(site.url) + "/?$"), timeout=30_000)
    settle(tab)


def heading(tab) -> str:
    """The main heading of the page the server ran."""
    return tab.locator('[data-testid="stMainBlockContainer"] h1').first.inner_text().strip()


def sidebar_pages(tab) -> set[str]:
    """The page titles in the sidebar navigation (each link's last line; the icon's name comes first)."""
    links = tab.locator('[data-testid="stSidebarNav"] a:visible')
    return {t.strip().splitlines()[-1].strip() for t in links.all_inner_texts()}


def test_a_signed_out_visitor_sees_only_the_sign_in_page_at_every_url(site, tab):
    for p in PAGES:
        tab.goto(f"{site.url}/{url_of(p)}")
        settle(tab)
        assert heading(tab) == "Pejling", p.url_path
        assert tab.get_by_role("button", name="Log ind").is_visible()
        assert tab.locator('[data-testid="stMetric"]').count() == 0
        assert tab.locator('[data-testid="stFileUploader"]').count() == 0
    shot(tab, "login-signed-out")


@pytest.mark.parametrize("sub", list(ROLE_OF))
def test_each_role_signs_in_and_is_shown_exactly_its_pages(site, tab, sub):
    sign_in(tab, site, sub)
    role = parse_role(ROLE_OF[sub])
    name, email, _ = USERS[sub]
    sidebar = tab.locator('[data-testid="stSidebar"]').inner_text()
    assert f"{name} <{email}>" in sidebar and ROLE_OF[sub] in sidebar
    assert "Lokal tilstand" not in sidebar
    assert sidebar_pages(tab) == {p.title for p in PAGES if role >= p.role}
    shot(tab, f"login-{ROLE_OF[sub]}")


@pytest.mark.parametrize("sub", list(ROLE_OF))
def test_every_page_url_is_tried_by_every_role(site, tab, sub):
    """A typed-in URL is a request the menu would not send: the server runs a refused page never."""
    sign_in(tab, site, sub)
    role = parse_role(ROLE_OF[sub])
    for p in PAGES:
        if p.url_path not in HEADINGS:
            continue
        tab.goto(f"{site.url}/{url_of(p)}")
        settle(tab)
        shown = heading(tab)
        assert tab.get_by_text("Page not found").count() == 0, (sub, p.url_path)
        if role >= p.role:
            assert shown == HEADINGS[p.url_path], (sub, p.url_path)
        else:
            main = tab.locator('[data-testid="stMainBlockContainer"]').inner_text()
            assert "Du har ikke adgang til denne side" in main, (sub, p.url_path)
            assert f"kræver rollen {p.role.label}" in main
            assert tab.locator('[data-testid="stFileUploader"]').count() == 0
            assert tab.locator('[data-testid="stDataFrame"]').count() == 0
            assert tab.get_by_role("button", name="Fortryd import").count() == 0
            assert tab.get_by_role("button", name="Gem ændringer").count() == 0


def test_an_analyst_imports_and_undoes_and_is_recorded_by_name(site, tab, tmp_path):
    sign_in(tab, site, "anna")
    tab.goto(f"{site.url}/upload")
    settle(tab)
    file = tmp_path / "nye.xlsx"
    file.write_bytes(good_indsatser_xlsx("BROWSERID"))
    tab.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(file))
    tab.get_by_role("button", name="Bekræft og importér").click(timeout=60_000)
    tab.get_by_text("Importeret som kørsel").wait_for(timeout=60_000)
    tab.goto(f"{site.url}/importhistorik")
    settle(tab)
    tab.get_by_text("Ja, fortryd kørsel").click()
    tab.get_by_role("button", name="Fortryd import").click()
    tab.get_by_text("er fortrudt").wait_for(timeout=60_000)
    settle(tab)
    csv = _table_text(tab)
    assert "Anna Analytiker <anna@kommune.dk>" in csv
    shot(tab, "login-analytiker-historik")


def _table_text(tab) -> str:
    """The first data frame's cells as text (Streamlit draws it on a canvas; read its accessible grid)."""
    cells = tab.locator('[data-testid="stDataFrame"]').first.locator('[role="gridcell"]')
    cells.first.wait_for(state="attached", timeout=30_000)
    return "\n".join(cells.all_text_contents())


def test_a_person_without_a_role_sees_one_danish_page(site, tab):
    sign_in(tab, site, "ib")
    assert heading(tab) == "Du har ikke adgang til Pejling"
    assert "Ib Ingen" in tab.locator('[data-testid="stMainBlockContainer"]').inner_text()
    for path in ("upload", "maal", "om-tallene"):
        tab.goto(f"{site.url}/{path}")
        settle(tab)
        assert heading(tab) == "Du har ikke adgang til Pejling"
    assert tab.locator('[data-testid="stMetric"]').count() == 0
    shot(tab, "login-ingen-rolle")


def test_a_denied_sign_in_gets_a_danish_page_and_can_try_again(site, tab):
    tab.goto(site.url + "/")
    settle(tab)
    tab.get_by_role("button", name="Log ind").click()
    tab.wait_for_url(re.compile(re.escape(site.issuer) + ".*"), timeout=30_000)
    tab.get_by_role("button", name="Deny").click()
    tab.wait_for_url(re.compile(re.escape(site.url) + "/?$"), timeout=30_000)
    settle(tab)
    assert "Log ind blev ikke gennemført" in tab.locator('[data-testid="stMainBlockContainer"]').inner_text()
    shot(tab, "login-afvist")
    sign_in_again = tab.get_by_role("button", name="Prøv igen")
    sign_in_again.click()
    tab.wait_for_url(re.compile(re.escape(site.issuer) + ".*"), timeout=30_000)
    tab.get_by_role("button", name="adam", exact=True).click()
    tab.wait_for_url(re.compile(re.escape(site.url) + "/?$"), timeout=30_000)
    settle(tab)
    assert heading(tab) == "Overblik"


def test_logging_out_returns_to_the_sign_in_page(site, tab):
    sign_in(tab, site, "adam")
    tab.locator('[data-testid="stSidebar"]').get_by_role("button", name="Log ud").click()
    # Streamlit ends the provider's session too (RP-initiated logout); the provider asks to confirm.
    tab.wait_for_url(re.compile(re.escape(site.issuer) + "/oauth2/end_session.*"), timeout=30_000)
    tab.get_by_role("button", name="End session").click()
    tab.wait_for_url(re.compile(re.escape(site.url) + "/?$"), timeout=30_000)
    settle(tab)
    assert heading(tab) == "Pejling"
    assert tab.get_by_role("button", name="Log ind").is_visible()
    tab.goto(f"{site.url}/maal")
    settle(tab)
    assert heading(tab) == "Pejling", "the sign-in cookie is gone"


def test_required_sign_in_without_oidc_shows_one_danish_page_and_opens_no_database(browser, tmp_path):
    db = tmp_path / "aldrig.duckdb"
    srv = Server(
        db,
        extra_env={"PEJLING_REQUIRE_LOGIN": "1"},
        extra_args=["--secrets.files", str(tmp_path / "ingen-secrets.toml")],
    )
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="da-DK")
    try:
        srv.wait()
        tab = context.new_page()
        for path in ("", "upload", "maal"):
            tab.goto(f"{srv.url}/{path}")
            settle(tab)
            assert heading(tab) == "Pejling kræver login"
            assert tab.locator('[data-testid="stMetric"]').count() == 0
            assert tab.locator('[data-testid="stSidebarNav"] a:visible').count() == 0
        shot(tab, "login-kraevet-uden-oidc")
        assert not db.exists(), "the database was never opened"
    finally:
        context.close()
        srv.stop()
