"""Sign-in and roles in AppTest: the gate pages, navigation per role, and every write function refused
on the server for a role that lacks the right (called directly, as a forged request would)."""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import ROOT, new_app, texts
from tests.app.files import good_indsatser_xlsx
from ui.nav import PAGES

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "en-lang-hemmelighed-til-testen-0123456789",
    "testidp": {
        "client_id": "pejling",
        "client_secret": "hemmelig",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    },
}
ROLES = {"roles": {"claim": "groups", "values": {"g-laes": "læser", "g-ana": "analytiker", "g-adm": "administrator"}}}
PEOPLE = {
    "læser": ("Lise Læser", "lise@kommune.dk", ["g-laes"]),
    "analytiker": ("Anna Analytiker", "anna@kommune.dk", ["g-ana"]),
    "administrator": ("Adam Admin", "adam@kommune.dk", ["g-laes", "g-adm"]),
    "ingen": ("Ib Ingen", "ib@kommune.dk", ["g-andet"]),
}
FILE = {p.url_path: p.file for p in PAGES}  # page files by URL path (the folder may be renamed)
FOLLOW_UP = {p.file for p in PAGES if p.section in ("Opfølgning", "Om")} | {FILE["handleplan"]}  # plan: read
ANALYST = {FILE["upload"], FILE["importhistorik"]}
ADMIN = {FILE["maal"], FILE["administration"]}
EXPECTED_PAGES = {"læser": FOLLOW_UP, "analytiker": FOLLOW_UP | ANALYST, "administrator": FOLLOW_UP | ANALYST | ADMIN}


def _claims(who: str, signed_in_at: float | None = None) -> dict:
    name, email, groups = PEOPLE[who]
    return {
        "is_logged_in": True,
        "name": name,
        "email": email,
        "sub": email.split("@")[0],
        "groups": groups,
        "iat": int(signed_in_at if signed_in_at is not None else time.time()),
    }


def _with_sign_in(at: AppTest, user: dict | None) -> AppTest:
    at.secrets["auth"] = AUTH
    at.secrets["pejling"] = ROLES
    at.user = user if user is not None else {"is_logged_in": False}
    return at


def signed_in(who: str, **kw) -> AppTest:
    """The real app with sign-in configured and `who` signed in (a forged st.user, as AppTest allows)."""
    return _with_sign_in(new_app(), _claims(who, **kw))


def registered(at: AppTest) -> set[str]:
    """The page files st.navigation registered in the last run."""
    found = set()
    for p in PAGES:
        try:
            at.switch_page(p.file)
        except ValueError:
            continue
        found.add(p.file)
    return found


def test_local_mode_says_so_and_gives_every_page(demo_db):
    at = new_app().run()
    assert not at.exception
    assert "Lokal tilstand uden login" in " ".join(c.value for c in at.sidebar.caption)
    assert registered(at) == {p.file for p in PAGES}


def test_required_login_without_oidc_refuses_to_start(tmp_path, monkeypatch):
    path = tmp_path / "aldrig.duckdb"
    monkeypatch.setenv("PEJLING_DB", str(path))
    monkeypatch.setenv("PEJLING_REQUIRE_LOGIN", "1")
    at = new_app().run()
    assert not at.exception
    assert at.title[0].value == "Pejling kræver login"
    assert "PEJLING_REQUIRE_LOGIN" in texts(at)
    assert not at.metric and not at.selectbox and not at.sidebar.caption
    assert registered(at) == set(), "no page of the dashboard is reachable"
    assert not path.exists(), "the database is not even opened"


def test_signed_out_sees_only_the_sign_in_page(demo_db):
    at = _with_sign_in(new_app(), None).run()
    assert not at.exception
    assert at.title[0].value == "Pejling"
    assert [b.label for b in at.button] == ["Log ind"]
    assert not at.metric and not at.selectbox
    assert registered(at) == set()


def test_an_incomplete_auth_section_is_explained_and_nobody_gets_in(demo_db):
    at = new_app()
    at.secrets["auth"] = {k: v for k, v in AUTH.items() if k != "cookie_secret"}
    at.user = _claims("administrator")
    at.run()
    assert at.title[0].value == "Login er ikke sat korrekt op"
    assert "[auth] mangler cookie_secret." in texts(at)
    assert registered(at) == set()


def test_signed_in_without_a_mapped_role_sees_a_danish_message_and_nothing_else(demo_db):
    at = signed_in("ingen").run()
    assert not at.exception
    assert at.title[0].value == "Du har ikke adgang til Pejling"
    assert "Ib Ingen <ib@kommune.dk>" in texts(at).replace("\\", ""), "markdown-escaped on screen"
    assert [b.label for b in at.button] == ["Log ud"]
    assert not at.metric and not at.selectbox
    assert registered(at) == set()


@pytest.mark.parametrize("role", ["læser", "analytiker", "administrator"])
def test_each_role_is_shown_exactly_its_pages(demo_db, role):
    at = signed_in(role).run()
    assert not at.exception, [e.value for e in at.exception]
    assert registered(at) == EXPECTED_PAGES[role]
    name, email, _ = PEOPLE[role]
    sidebar = " ".join(c.value for c in at.sidebar.caption)
    assert f"{name} <{email}>" in sidebar.replace("\\", "") and role in sidebar
    assert "Lokal tilstand" not in sidebar
    assert any(b.label == "Log ud" for b in at.sidebar.button)


def test_an_old_sign_in_has_expired(demo_db, monkeypatch):
    monkeypatch.setenv("PEJLING_SESSION_HOURS", "12")
    at = signed_in("administrator", signed_in_at=time.time() - 13 * 3600).run()
    assert at.title[0].value == "Din session er udløbet"
    assert [b.label for b in at.button] == ["Log ind igen"]
    assert registered(at) == set()


@pytest.mark.parametrize(
    ("url_path", "role"),
    [
        ("upload", "læser"),
        ("importhistorik", "læser"),
        ("maal", "læser"),
        ("maal", "analytiker"),
    ],
)
def test_a_page_file_run_on_its_own_refuses_a_role_without_the_right(demo_db, url_path, role):
    at = _with_sign_in(AppTest.from_file(str(ROOT / FILE[url_path]), default_timeout=60), _claims(role)).run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Du har ikke adgang til denne side" in texts(at)
    assert not at.file_uploader and not at.data_editor and not at.dataframe
    assert not any(b.key in ("undo_go", "goal_save", "upload_confirm") for b in at.button)


# --- Every write function, called directly by every role ---------------------------------------


def _write(action: str) -> None:
    """A script that calls one write function directly, as a forged request would reach it."""
    import streamlit as st

    from tests.app.files import good_indsatser_xlsx, natcafe_catalogue
    from ui import admin, auth, data, goals, history, intake

    try:
        if action == "preview":
            intake.preview(good_indsatser_xlsx("FORGE"), "nye.xlsx", "auto")
        elif action == "import":
            intake.commit(good_indsatser_xlsx("FORGE"), "nye.xlsx", "auto")
        elif action == "undo":
            with data.cursor() as cur:
                batch = cur.execute("SELECT max(batch) FROM imports WHERE status = 'imported'").fetchone()[0]
            history.undo(batch)
        elif action == "goal":
            strategy = data.strategies()["plads_til_alle"]
            before = goals.editor_frame(strategy)
            after = before.copy()
            after.loc["hjemloese_andel", "Mål 2029"] = 12.5
            goals.save(strategy, before, after)
        elif action == "goal_xlsx":
            strategy = data.strategies()["plads_til_alle"]
            goals.from_xlsx(strategy, goals.to_xlsx(strategy))
        elif action == "catalogue":
            result = admin.catalogue_commit(natcafe_catalogue(admin.catalogue_xlsx()), "katalog.xlsx")
            assert result.status == "imported", result.errors
        st.success("udført")
    except auth.Forbidden as refusal:
        st.error(str(refusal))


WRITES = {"preview": "analytiker", "import": "analytiker", "undo": "analytiker", "goal": "administrator"}
WRITES.update({"goal_xlsx": "administrator", "catalogue": "administrator"})
RANK = {"ingen": 0, "læser": 1, "analytiker": 2, "administrator": 3}


def _state(db) -> tuple:
    from store.db import connect

    with connect(db, read_only=True) as con:
        return (
            con.execute("SELECT count(*), count(undone_at) FROM imports").fetchone(),
            con.execute("SELECT count(*) FROM maal_historik").fetchone()[0],
            con.execute("SELECT count(*) FROM katalog_historik").fetchone()[0],
            con.execute("SELECT count(*) FROM indsatser").fetchone()[0],
        )


@pytest.mark.parametrize("who", ["ingen", "læser", "analytiker", "administrator"])
@pytest.mark.parametrize("action", list(WRITES))
def test_every_write_function_checks_the_role_on_the_server(demo_db, action, who):
    import streamlit as st

    at = _with_sign_in(AppTest.from_function(_write, args=(action,), default_timeout=90), _claims(who))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    st.cache_resource.clear()  # release the app's connection so the file can be read here
    allowed = RANK[who] >= RANK[WRITES[action]]
    if allowed:
        assert [s.value for s in at.success] == ["udført"]
    else:
        assert not at.success
        assert "Du har ikke ret til at" in at.error[0].value and "Intet er ændret" in at.error[0].value
        assert WRITES[action] in at.error[0].value


def test_a_refused_write_changes_nothing(demo_db):
    import streamlit as st

    before = _state(demo_db)
    for action in WRITES:
        at = _with_sign_in(AppTest.from_function(_write, args=(action,), default_timeout=90), _claims("læser"))
        at.run()
        assert at.error, action
    st.cache_resource.clear()
    assert _state(demo_db) == before


def test_the_signed_in_identity_is_recorded_on_import_undo_and_goals(demo_db):
    at = signed_in("analytiker").run()
    at.switch_page(FILE["upload"]).run()
    at.file_uploader(key="upload_file").set_value(
        ("nye.xlsx", good_indsatser_xlsx("TESTID"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    ).run()
    at.button(key="upload_confirm").click().run()
    assert "Importeret som kørsel" in texts(at)
    at.switch_page(FILE["importhistorik"]).run()
    at.checkbox(key="undo_sure").check().run()
    at.button(key="undo_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value
    newest = table.iloc[0]
    assert newest["Bruger"] == "Anna Analytiker <anna@kommune.dk>"
    assert newest["Fortrudt"].endswith("af Anna Analytiker <anna@kommune.dk>")

    admin = signed_in("administrator").run()
    admin.switch_page(FILE["maal"]).run()
    admin.session_state["goal_editor_plads_til_alle"] = {
        "edited_rows": {0: {"Mål 2029": 12.5}},
        "added_rows": [],
        "deleted_rows": [],
    }
    admin.run()
    admin.button(key="goal_save").click().run()
    assert not admin.exception, [e.value for e in admin.exception]
    assert admin.dataframe[-1].value.iloc[0]["Bruger"] == "Adam Admin <adam@kommune.dk>"


def test_an_administrator_changes_the_catalogue_on_its_page_and_is_recorded(demo_db):
    from tests.app.files import natcafe_catalogue
    from ui import admin

    at = signed_in("administrator").run()
    at.switch_page(FILE["administration"]).run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Natcafé" not in set(at.dataframe[0].value["Indsats"])
    at.file_uploader(key="catalogue_file").set_value(
        (
            "katalog.xlsx",
            natcafe_catalogue(admin.catalogue_xlsx()),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    ).run()
    assert "Nye indsatser: **1**" in texts(at)
    at.button(key="catalogue_confirm").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Indsatskataloget er opdateret." in texts(at)
    at.run()
    assert "Natcafé" in set(at.dataframe[0].value["Indsats"])
    log = at.dataframe[1].value
    assert (log.iloc[0]["Bruger"], log.iloc[0]["Ændring"], log.iloc[0]["Indsats"]) == (
        "Adam Admin <adam@kommune.dk>",
        "tilføjet",
        "Natcafé",
    )


def test_a_session_that_expires_between_two_runs_cannot_write(demo_db, monkeypatch):
    """The undo was prepared while signed in; the click comes after the sign-in expired: nothing is undone."""
    import streamlit as st

    monkeypatch.setenv("PEJLING_SESSION_HOURS", "12")
    at = signed_in("analytiker", signed_in_at=time.time() - 11 * 3600).run()
    at.switch_page(FILE["importhistorik"]).run()
    at.checkbox(key="undo_sure").check().run()
    assert not at.button(key="undo_go").disabled
    at.user = _claims("analytiker", signed_in_at=time.time() - 13 * 3600)
    at.button(key="undo_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Din session er udløbet"
    st.cache_resource.clear()
    from store.db import connect

    with connect(demo_db, read_only=True) as con:
        assert con.execute("SELECT count(undone_at) FROM imports").fetchone()[0] == 0
