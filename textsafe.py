"""The one gate for text from a file or the store on its way to a person: no control or bidi characters, bounded length.

Every value echoed to a terminal, a page, a report or JSON passes through `safe`: terminal escape
sequences (which can clear a screen or fake colours), other C0/C1 control characters and the Unicode
bidirectional controls (which can make `note<RLO>txt.exe` read as `noteexe.txt`) are removed, line
breaks and tabs become spaces, and the text is cut to a length with "…". Importing nothing from the
project, it can be used by intake/, store/, metrics/, ui/ and the CLI alike.
"""

from __future__ import annotations

import re

DEFAULT_LIMIT = 200  # characters shown of one value (a cell, a header, a file name)
MESSAGE_LIMIT = 2_000  # characters of one whole message built from such values
ELLIPSIS = "…"

# ESC-initiated sequences first (CSI `ESC [ … final`, OSC/DCS/PM/APC strings up to BEL or ST, two-byte
# escapes), then the 8-bit CSI, so that a colour code disappears whole instead of leaving "[1;31m".
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, DCS, SOS, PM, APC strings
    r"|\x1b[ -/]*[0-~]?"  # other escapes (ESC c, ESC ( B, …)
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # 8-bit CSI
)
_SPACES = re.compile(r"[\t\n\r\v\f\x85\u2028\u2029]+")
# C0 and DEL, C1, the bidi embeddings/overrides/isolates and marks, and the byte-order mark.
_INVISIBLE = re.compile("[\x00-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff]")


def safe(value: object, limit: int = DEFAULT_LIMIT) -> str:
    """`value` as text fit to show a person: control and bidi characters removed, at most `limit` characters."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if len(text) > 4 * limit + 64:  # never scan a megabyte to show two hundred characters
        text = text[: 4 * limit + 64]
        clipped = True
    else:
        clipped = False
    text = _ESCAPES.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    if len(text) > limit:
        return text[: max(limit - 1, 0)].rstrip() + ELLIPSIS
    return text + ELLIPSIS if clipped else text


def safe_message(value: object) -> str:
    """A whole message (which may quote several values) fit to show: as `safe`, with the longer message limit."""
    return safe(value, MESSAGE_LIMIT)
