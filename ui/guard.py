"""Keep internals off the page: unexpected errors become a Danish message with a reference, and the browser's
`clear_cache` message is ignored.

Error details (the traceback, with CPR-like numbers masked) go to the server log under the same reference,
so a user can quote it and an administrator can find it; the page shows no traceback and no path.

`clear_cache` is a message any browser can send (Streamlit's "Clear cache" menu item or a forged
WebSocket frame). Streamlit answers it by emptying *every* user's `st.cache_data` and `st.cache_resource`,
including the shared database connection. Pejling's caches are keyed by the data version, so they never
need clearing by hand: `neutralise_clear_cache` replaces Streamlit's handler
(`AppSession._handle_clear_cache_request` in streamlit/runtime/app_session.py) with one that only logs.
"""

from __future__ import annotations

import logging
import secrets
import traceback
from collections.abc import Callable

import streamlit as st
import streamlit.runtime.scriptrunner.exec_code as exec_code
from streamlit.runtime.app_session import AppSession

from intake.cpr import mask_cpr

LOG = logging.getLogger("pejling")


def setup_log() -> None:
    """Send Pejling's server log (errors with their reference, the year tables' progress) to stderr, once."""
    if not LOG.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s pejling %(levelname)s %(message)s"))
        LOG.addHandler(handler)
        LOG.setLevel(logging.INFO)


_MARK = "_pejling_clear_cache_ignored"


def new_reference() -> str:
    """A short reference a user can quote, e.g. `F-7K2Q9C`."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "F-" + "".join(secrets.choice(alphabet) for _ in range(6))


def log_exception(exc: BaseException, reference: str) -> None:
    """Write the exception with its traceback to the server log, CPR-like numbers masked."""
    details = mask_cpr("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    LOG.error("Uventet fejl %s:\n%s", reference, details)


def error_message(reference: str) -> str:
    """The Danish message shown instead of an error's details."""
    return (
        "**Der skete en uventet fejl, og siden kunne ikke vises helt.** Intet er ændret i data. "
        f"Prøv igen, eller kontakt en administrator og oplys referencen **{reference}**."
    )


def run_guarded(body: Callable[[], None]) -> None:
    """Run a page (or the frame around it); an unexpected error shows a Danish message with a reference."""
    try:
        body()
    except Exception as exc:  # st.stop/st.rerun are BaseExceptions and pass through
        reference = new_reference()
        log_exception(exc, reference)
        st.error(error_message(reference), icon=":material/error:")


def _uncaught(exc: Exception, on_script_error: object = None) -> None:
    """Streamlit's handler for an error outside any page (e.g. a forged widget value it cannot read)."""
    reference = new_reference()
    log_exception(exc, reference)
    st.error(error_message(reference), icon=":material/error:")


def guard_uncaught_errors() -> None:
    """Errors Streamlit raises before or around the script (widget callbacks, forged widget values) get the
    same Danish message and reference instead of Streamlit's English text; the details go to the log,
    masked (idempotent). Patches `handle_user_script_exception` as `exec_code` sees it (streamlit 1.67)."""
    exec_code.handle_user_script_exception = _uncaught


def _ignore_clear_cache(self: AppSession) -> None:
    LOG.warning("A browser asked to clear every cache (clear_cache); ignored, see README 'Caches'.")


def neutralise_clear_cache() -> None:
    """Make the browser's `clear_cache` message a no-op for this server process (idempotent)."""
    if not getattr(AppSession, _MARK, False):
        AppSession._handle_clear_cache_request = _ignore_clear_cache
        setattr(AppSession, _MARK, True)
