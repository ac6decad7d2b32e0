"""Sign-in and roles on the server: who is here (st.user or local mode), what they may see and write.

OpenID Connect is Streamlit's own (`st.login` / `st.user` / `st.logout`, configured under `[auth]`
in `.streamlit/secrets.toml`); the roles come from one claim through `[pejling.roles]`. Without an
`[auth]` section Pejling runs in local mode: one person on this machine, with every role.

Every check reads the identity afresh from `st.user` (a cookie signed with the server's secret) on
the server, never from session state or widgets, so a forged rerun cannot raise anyone's role.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st

import settings
from ui.roles import Role, RoleConfigError, RoleMapping, identity_text, mapping_from_config, role_for_claims

LOCAL_MODE_TEXT = "Lokal tilstand uden login"
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
# Authlib keeps a started sign-in as `_state_<provider>_<code>` in Streamlit's session cookie until
# the callback completes; a fresh one on a signed-out page means the sign-in did not go through.
SESSION_COOKIE = "_streamlit_session"
STATE_LIFETIME_S = 3600  # Authlib's FrameworkIntegration.expires_in
RECENT_ATTEMPT_S = 600


class Forbidden(PermissionError):
    """The signed-in person's role does not allow this (the message is Danish and safe to show)."""


@dataclass(frozen=True)
class Identity:
    """Who is using this session: the name recorded on changes, the role (None: no access), the mode."""

    user: str
    role: Role | None
    local: bool = False
    signed_in: bool = False
    expired: bool = False

    def allows(self, role: Role) -> bool:
        """True when this person has `role` or a higher one."""
        return self.role is not None and self.role >= role


# --- Configuration (secrets.toml) --------------------------------------------------------------


def _secrets() -> Mapping:
    try:
        if not st.secrets.load_if_toml_exists():
            return {}
        return st.secrets
    except Exception:  # an unreadable secrets file is reported by Streamlit itself; treat as none
        return {}


def auth_section() -> Mapping | None:
    """The `[auth]` section of secrets.toml, or None when sign-in is not configured (local mode)."""
    section = _secrets().get("auth")
    return section if section else None


def providers(section: Mapping) -> list[str]:
    """The configured sign-in providers: `default` (keys directly under [auth]) and each [auth.NAME]."""
    found = ["default"] if any(k in section for k in PROVIDER_KEYS) else []
    found += [k for k, v in section.items() if isinstance(v, Mapping) and any(p in v for p in PROVIDER_KEYS)]
    return found


def config_problems(section: Mapping) -> list[str]:
    """What is missing in [auth] for sign-in to work, in Danish (empty when it is complete)."""
    problems = [f"[auth] mangler {key}." for key in ("redirect_uri", "cookie_secret") if not section.get(key)]
    names = providers(section)
    if not names:
        problems.append("[auth] nævner ingen udbyder (client_id, client_secret og server_metadata_url).")
    for name in names:
        keys = section if name == "default" else section[name]
        label = "[auth]" if name == "default" else f"[auth.{name}]"
        problems += [f"{label} mangler {key}." for key in PROVIDER_KEYS if not keys.get(key)]
        if "_" in name:
            problems.append(f"{label}: udbyderens navn må ikke indeholde understregning (_).")
    try:
        role_mapping()
    except RoleConfigError as exc:
        problems.append(str(exc))
    return problems


def role_mapping() -> RoleMapping:
    """The claim-to-role mapping from `[pejling.roles]` (raises RoleConfigError when it is wrong)."""
    pejling = _secrets().get("pejling") or {}
    return mapping_from_config(pejling.get("roles") if isinstance(pejling, Mapping) else None)


# --- Who is here -------------------------------------------------------------------------------


def _is_local_connection() -> bool:
    """True when the browser runs on this machine (Streamlit reports no address for localhost).

    Without a Streamlit server (AppTest, bare runs) there is no connection at all, and no address
    as text: the script runs in this very process, so it counts as local.
    """
    try:
        address = st.context.ip_address
    except Exception:
        return True
    return not isinstance(address, str) or is_loopback(address)


def is_loopback(address: str) -> bool:
    """True for this machine's own addresses, also written IPv4-in-IPv6 (`::ffff:127.0.0.1`)."""
    import ipaddress

    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return (mapped or ip).is_loopback


def _signed_in_at(claims: Mapping) -> float | None:
    """When this sign-in to Pejling happened: the ID token's `iat`.

    Not `auth_time`: with single sign-on that is when the person last typed a password at the
    provider, possibly days ago, and signing in again would not renew it.
    """
    for key in ("iat", "auth_time"):
        value = claims.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    return None


def session_expired(claims: Mapping, now: float | None = None) -> bool:
    """True when the sign-in is older than PEJLING_SESSION_HOURS (0: only the 30-day cookie limits it)."""
    hours = settings.session_hours()
    at = _signed_in_at(claims)
    if hours <= 0 or at is None:
        return False
    return (now if now is not None else time.time()) - at > hours * 3600


def current() -> Identity:
    """The identity of this session, read afresh on the server on every call."""
    section = auth_section()
    if not section:
        if settings.require_login():
            return Identity("", None)
        # Local mode: the person at this machine has every role; another machine may only read.
        role = Role.ADMINISTRATOR if _is_local_connection() else Role.LAESER
        return Identity(settings.current_user(), role, local=True)
    try:
        claims = st.user.to_dict()
    except Exception:
        claims = {}
    if not claims.get("is_logged_in"):
        return Identity("", None)
    who = identity_text(claims)
    if session_expired(claims):
        return Identity(who, None, signed_in=True, expired=True)
    try:
        role = role_for_claims(claims, role_mapping())
    except RoleConfigError:
        role = None
    return Identity(who, role, signed_in=True)


def require(role: Role, action: str = "gøre dette") -> Identity:
    """The identity when it has `role`; otherwise raise Forbidden. Every write function calls this first."""
    identity = current()
    if not identity.allows(role):
        if identity.expired:
            raise Forbidden("Din session er udløbet. Log ind igen – intet er ændret.")
        raise Forbidden(f"Du har ikke ret til at {action} (kræver rollen {role.label}). Intet er ændret.")
    return identity


def require_page(role: Role) -> Identity:
    """At the top of a page: show a Danish refusal and stop unless the person has `role`."""
    identity = current()
    if not identity.allows(role):
        st.error(
            f"Du har ikke adgang til denne side. Den kræver rollen **{role.label}**.",
            icon=":material/lock:",
        )
        st.stop()
    return identity


def refusal_page(page_def) -> st.Page:
    """A stand-in for a page the person's role may not open: same URL, a Danish refusal, no page code."""
    role = page_def.role

    def refused() -> None:
        st.title(page_def.title)
        st.error(
            f"Du har ikke adgang til denne side. Den kræver rollen **{role.label}**.",
            icon=":material/lock:",
        )

    refused.__name__ = f"refused_{page_def.url_path.replace('-', '_')}"
    return st.Page(refused, title=page_def.title, url_path=page_def.url_path)


def hide_refused(pages: list) -> None:
    """Keep the refusal stand-ins out of the sidebar menu (they only answer typed-in URLs)."""
    if not pages:
        return
    selectors = ", ".join(f'[data-testid="stSidebarNav"] li:has(a[href$="/{p.url_path}"])' for p in pages)
    st.html(f"<style>{selectors} {{ display: none; }}</style>")


# --- Failed sign-in ----------------------------------------------------------------------------


def pending_sign_in(cookie: str | None, now: float | None = None) -> bool:
    """True when Streamlit's session cookie holds a sign-in started in the last minutes and never completed.

    Only chooses which Danish text a signed-out person sees; it grants nothing, so the cookie's
    signature is not checked here.
    """
    if not cookie:
        return False
    try:
        payload = cookie.split(".", 1)[0]
        data = json.loads(base64.b64decode(payload + "=" * (-len(payload) % 4)))
    except (ValueError, TypeError):
        return False
    if not isinstance(data, dict):
        return False
    now = now if now is not None else time.time()
    for key, value in data.items():
        if key.startswith("_state_") and isinstance(value, dict):
            exp = value.get("exp")
            if isinstance(exp, (int, float)) and now - RECENT_ATTEMPT_S < exp - STATE_LIFETIME_S <= now:
                return True
    return False


# --- The frame's gate --------------------------------------------------------------------------


def _only(render) -> None:
    """Show one page and nothing else (no sidebar pages, no data), then stop.

    Every page's URL leads to it, so a bookmarked link shows this page rather than "page not found".
    """
    from ui.nav import DEFAULT_URL_PATH, PAGES

    def at(url_path: str):
        def show() -> None:
            render()

        show.__name__ = f"gate_{url_path.replace('-', '_')}"
        return st.Page(show, title="Pejling", url_path=url_path, default=url_path == DEFAULT_URL_PATH)

    st.navigation([at(p.url_path) for p in PAGES], position="hidden").run()
    st.stop()


def _login_buttons(label: str) -> None:
    section = auth_section() or {}
    names = providers(section)
    for name in names:
        text = label if len(names) == 1 else f"{label} med {name}"
        if st.button(text, type="primary", icon=":material/login:", key=f"login_{name}"):
            try:
                st.login(name)
            except Exception:
                st.error("Login kunne ikke startes. Bed administratoren om at tjekke opsætningen af login.")


def _page_require_login_without_oidc() -> None:
    st.title("Pejling kræver login")
    st.error(
        "Pejling er sat til at kræve login (PEJLING_REQUIRE_LOGIN=1), men der er ikke sat login op med "
        "OpenID Connect i `.streamlit/secrets.toml`. Pejling viser derfor ingen data. "
        "Administratoren finder vejledningen i README, afsnittet *Sign-in and roles*.",
        icon=":material/lock:",
    )


def _page_misconfigured() -> None:
    st.title("Login er ikke sat korrekt op")
    st.error(
        "Opsætningen af login i `.streamlit/secrets.toml` er ufuldstændig, så ingen kan logge ind:",
        icon=":material/error:",
    )
    for problem in config_problems(auth_section() or {}):
        st.markdown(f"- {problem}")


def _page_sign_in() -> None:
    st.title("Pejling")
    cookie = None
    try:
        cookie = st.context.cookies.get(SESSION_COOKIE)
    except Exception:
        cookie = None
    if pending_sign_in(cookie):
        st.error(
            "**Log ind blev ikke gennemført.** Login-tjenesten afviste eller afbrød login, så du er ikke "
            "logget ind. Prøv igen; sker det igen, så kontakt din it-afdeling.",
            icon=":material/error:",
        )
        _login_buttons("Prøv igen")
        return
    st.markdown("Log ind med din kommunes konto for at se opfølgningen på strategierne.")
    _login_buttons("Log ind")


def _page_expired() -> None:
    st.title("Din session er udløbet")
    st.info(
        f"Du blev logget ind for mere end {_hours_text()} siden. Log ind igen for at fortsætte.",
        icon=":material/schedule:",
    )
    _login_buttons("Log ind igen")


def _page_no_role() -> None:
    identity = current()
    st.title("Du har ikke adgang til Pejling")
    st.warning(
        f"Du er logget ind som **{_md(identity.user)}**, men din konto har ingen rolle i Pejling. "
        "Bed din leder eller it-afdelingen om at give dig rollen læser, analytiker eller administrator.",
        icon=":material/block:",
    )
    if st.button("Log ud", icon=":material/logout:", key="logout_norole"):
        st.logout()


def _hours_text() -> str:
    hours = settings.session_hours()
    return f"{hours:g} timer".replace(".", ",") if hours != 1 else "1 time"


def _md(text: str) -> str:
    from ui import fmt

    return fmt.md(text)


def gate() -> Identity:
    """Let the session in with its identity, or show the one Danish page that applies and stop."""
    section = auth_section()
    if not section:
        if settings.require_login():
            _only(_page_require_login_without_oidc)
        return current()
    if config_problems(section):
        _only(_page_misconfigured)
    identity = current()
    if not identity.signed_in:
        _only(_page_sign_in)
    if identity.expired:
        _only(_page_expired)
    if identity.role is None:
        _only(_page_no_role)
    return identity


def sidebar(identity: Identity) -> None:
    """Who is signed in with which role, and the log-out button (or the local-mode notice)."""
    with st.sidebar:
        if identity.local:
            st.caption(
                f":material/person: **{LOCAL_MODE_TEXT}** · {_md(identity.user)} · "
                + ("alle roller" if identity.allows(Role.ADMINISTRATOR) else "kun læser fra en anden maskine"),
                help="Der er ikke sat login op. Se README, afsnittet om login og roller.",
            )
            return
        st.caption(f":material/person: {_md(identity.user)} · {identity.role.label if identity.role else ''}")
        if st.button("Log ud", icon=":material/logout:", key="logout"):
            st.logout()
