"""The one text gate: no control or bidi characters and a bounded length, for every echoed value."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from textsafe import ELLIPSIS, safe, safe_message


def test_terminal_escapes_disappear_whole():
    assert safe("\x1b[2J\x1b[1;31mALT ER OK\x1b[0m") == "ALT ER OK"
    assert safe("a\x1b]0;titel\x07b") == "ab"  # an OSC window-title sequence
    assert safe("a\x9b31mb") == "ab"  # the 8-bit CSI


def test_bidi_controls_and_other_control_characters_are_removed():
    assert safe("note\u202etxt.exe") == "notetxt.exe"
    assert safe("a\u2066b\u2069c\u200ed\u200fe\u061cf") == "abcdef"
    assert safe("a\x00b\x07c\x7fd\x85e") == "ab" + "c" + "d" + " e"  # NEL counts as a line break
    assert safe("linje 1\nlinje 2\tslut") == "linje 1 linje 2 slut"


def test_length_is_capped_with_an_ellipsis():
    assert safe("x" * 10, limit=5) == "xxxx" + ELLIPSIS
    assert safe("x" * 5, limit=5) == "xxxxx"
    assert len(safe("x" * 1_000_000)) == 200
    assert len(safe_message("y" * 1_000_000)) == 2_000


def test_none_and_numbers():
    assert safe(None) == ""
    assert safe(12) == "12"


@given(st.text())
def test_nothing_unsafe_survives_and_the_length_holds(text):
    out = safe(text, limit=50)
    assert len(out) <= 50
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in out)
    assert not any(c in out for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
