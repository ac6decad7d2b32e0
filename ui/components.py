"""Small reusable pieces of the interface: banner, status badge, figures, empty state, login."""

from __future__ import annotations

import hmac
import secrets

import streamlit as st

import settings
from textsafe import safe
from ui import data, fmt
from ui.throttle import Throttle, wait_text

EMPTY_TEXT = "Ingen data endnu – upload et udtræk på siden Upload."
SUPPRESSION_HELP = (
    "Tallet er skjult for at beskytte borgerne (diskretionering): antal under {n} vises som '<{n}', "
    "og andele med færre end {n} borgere bag vises ikke. Alle viste antal er desuden justeret en smule."
)

# Status label -> Streamlit badge colour (colour, icon and word are always shown together).
_STATUS_COLOURS = {
    "På sporet": "blue",
    "Tæt på": "orange",
    "Ikke på sporet": "red",
    "For få data": "gray",
}


def status_colour(status) -> str:
    """The badge colour name of a status."""
    return _STATUS_COLOURS.get(getattr(status, "label", ""), "gray")


def status_markdown(status) -> str:
    """A status as a coloured badge with icon and word, e.g. `:green-badge[✅ På sporet]`."""
    if status is None:
        return ":gray-badge[Intet mål]"
    icon = getattr(status, "icon", "") or ""
    text = f"{icon} {status.label}".strip()
    if getattr(status, "uncertain", False):
        text += " (usikker)"
    return f":{status_colour(status)}-badge[{text}]"


def status_help(status) -> str | None:
    """A hover text explaining a status (its note)."""
    return getattr(status, "note", None) or None


def basis_text(result) -> str:
    """Danish hover text about what a figure rests on (only what the result exposes)."""
    if result is None:
        return "Ingen beregning."
    if result.suppressed:
        reason = result.reason or SUPPRESSION_HELP.format(n=settings.min_n())
        return f"{reason} {SUPPRESSION_HELP.format(n=settings.min_n())}" if result.reason else reason
    parts = []
    if result.denominator is not None:
        parts.append(f"Grundlag: {fmt.number(result.denominator)}")
    if result.numerator is not None and result.denominator is not None:
        parts.append(f"heraf {fmt.number(result.numerator)}")
    if result.ci_low is not None and result.ci_high is not None:
        parts.append(f"95 %-interval {fmt.percent(result.ci_low)} – {fmt.percent(result.ci_high)}")
    return ", ".join(parts) or "Beregnet for perioden."


def demo_banner() -> None:
    """The visible notice that the figures are synthetic demo data."""
    st.warning(
        "**Syntetiske demodata** – tallene er opdigtede og viser kun, hvordan Pejling virker. "
        "Upload rigtige udtræk på siden Upload.",
        icon=":material/science:",
    )


def source_caption() -> None:
    """The date and file of the latest import."""
    latest = data.latest_import()
    if latest is None:
        st.caption("Ingen importerede udtræk endnu.")
        return
    when, file, extract = latest
    st.caption(f"Seneste import: {fmt.timestamp(when)} · {fmt.md(safe(file))} ({fmt.md(extract)})")


def empty_state() -> bool:
    """Show the friendly empty-database text; return True when the page should stop."""
    if data.has_data():
        return False
    st.info(EMPTY_TEXT, icon=":material/upload_file:")
    st.page_link("views/file_upload.py", label="Gå til Upload", icon=":material/upload:")
    return True


def _password() -> str:
    configured = settings.get("password")
    if configured:
        return configured
    try:
        return str(st.secrets.get("password", "") or "")
    except Exception:  # no secrets file: no login
        return ""


LOGIN_THROTTLE = Throttle()  # one per process: every session's wrong passwords count


def _client_key() -> str:
    """Who is guessing: the client's address when Streamlit knows it, else this browser session."""
    try:
        address = st.context.ip_address
    except Exception:  # not in a running app (AppTest)
        address = None
    if isinstance(address, str) and address:
        return f"ip:{address}"
    token = st.session_state.setdefault("_pejling_client", secrets.token_hex(8))  # this browser session
    return f"session:{token}"


def may_edit() -> bool:
    """True when this user may edit goals, comments and the action plan (today: the Mål page's login).

    The one gate for every edit; swap its body when roles arrive.
    """
    return not _password() or bool(st.session_state.get("_pejling_logged_in"))


def require_login() -> bool:
    """Ask for the password when one is configured; return True when the page may be shown.

    Wrong guesses are limited (`ui.throttle`): after a few from one client, and after many from all,
    the next try must wait, and no password is checked while waiting.
    """
    password = _password()
    if may_edit():
        return True
    st.info("Denne side kræver adgangskode.", icon=":material/lock:")
    with st.form("login"):
        given = st.text_input("Adgangskode", type="password")
        ok = st.form_submit_button("Log ind")
    if ok:
        client = _client_key()
        wait = LOGIN_THROTTLE.wait_seconds(client)
        if wait > 0:
            st.error(f"For mange forkerte forsøg på at logge ind. {wait_text(wait)}", icon=":material/timer:")
            return False
        if hmac.compare_digest(given.encode(), password.encode()):
            LOGIN_THROTTLE.success(client)
            st.session_state["_pejling_logged_in"] = True
            st.rerun()
        LOGIN_THROTTLE.failure(client)
        st.error("Forkert adgangskode.")
    return False


def figure(label: str, result, status=None, expected: str | None = None, note: str | None = None) -> None:
    """One figure as a metric with its status badge; suppressed figures say why on hover.

    `note` says why there is no status, e.g. 'Målet gælder alle borgere i målgruppen' for a subgroup.
    """
    value = result.display if result is not None else "–"
    st.metric(label, value, help=basis_text(result))
    if result is not None and result.suppressed:
        st.caption(f":material/visibility_off: {result.reason or 'Skjult: for få borgere'}")
    line = status_markdown(status) if status is not None else ""
    if expected:
        line = f"{line} Forventet: {expected}".strip()
    if line:
        st.markdown(line, help=status_help(status))
    if note:
        st.caption(f":material/groups: {note}")
