"""Unexpected errors become a Danish message with a reference (details only in the server log)."""

from __future__ import annotations

import logging

from streamlit.testing.v1 import AppTest


def _failing_app() -> None:
    import streamlit as st

    from ui.guard import run_guarded

    st.title("Side")

    def body() -> None:
        st.write("før fejlen")
        raise RuntimeError("/work/hemmelig/sti.py 0101901234")

    run_guarded(body)


def test_an_error_in_a_page_shows_a_danish_message_with_a_reference_and_no_details(caplog):
    at = AppTest.from_function(_failing_app)
    with caplog.at_level(logging.ERROR, logger="pejling"):
        at.run(timeout=60)
    assert len(at.exception) == 0
    [error] = at.error
    assert error.value.startswith("**Der skete en uventet fejl")
    assert "hemmelig" not in error.value and "RuntimeError" not in error.value
    reference = error.value.split("referencen **")[1].split("**")[0]
    assert reference.startswith("F-") and len(reference) == 8
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert reference in logged and "RuntimeError" in logged  # the details, for an administrator
    assert "0101901234" not in logged and "010190-****" in logged  # CPR-like numbers masked in the log


def test_clear_cache_from_a_browser_is_ignored():
    from streamlit.runtime.app_session import AppSession

    from ui.guard import neutralise_clear_cache

    neutralise_clear_cache()
    neutralise_clear_cache()  # idempotent
    assert AppSession._handle_clear_cache_request.__name__ == "_ignore_clear_cache"
