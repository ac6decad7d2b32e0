"""Hostile uploads built from scratch with zlib and struct: the files of issue 10, for tests and the benchmark."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable

from openpyxl.utils import get_column_letter

HEADER = ["borger_id", "fødselsår", "køn", "indsats", "startdato", "slutdato", "afslutningsårsag", "målgrupper"]
ESCAPES = "\x1b[2J\x1b[1;31mALT ER OK\x1b[0m"  # clears a terminal and prints a red "ALT ER OK"
RLO_HEADER = "note\u202etxt.exe"  # shows as "noteexe.txt" where bidi controls are honoured

_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships '
    b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?><workbook '
    b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    b'<sheet name="Indsatser" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships '
    b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    b'Target="worksheets/sheet1.xml"/></Relationships>'
)


def zip_bytes(entries: list[tuple[str, bytes, int | None]]) -> bytes:
    """A deflated zip written by hand; an entry's third item, when given, is the unpacked size it declares.

    A declared size smaller than the data is the lie: the header then carries that size and the CRC of
    that many leading bytes, so a reader that trusts it (and checks the CRC of what it declared) is satisfied,
    while the deflate stream itself holds all of the data.
    """
    local, central = bytearray(), bytearray()
    for name, data, declared in entries:
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        packed = packer.compress(data) + packer.flush()
        size = len(data) if declared is None else declared
        crc = zlib.crc32(data[:size])
        raw_name = name.encode()
        offset = len(local)
        local += struct.pack(
            "<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(packed), size, len(raw_name), 0
        )
        local += raw_name + packed
        central += struct.pack(
            "<4sHHHHHHIIIHHHHHII",
            b"PK\x01\x02",
            20,
            20,
            0,
            8,
            0,
            0x21,
            crc,
            len(packed),
            size,
            len(raw_name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += raw_name
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(local), 0)
    return bytes(local + central + end)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sheet_xml(rows: Iterable[tuple[int, list[object]]]) -> bytes:
    """Worksheet XML for (Excel row number, values) pairs; text as inline strings, numbers as numbers."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    ]
    for r, values in rows:
        cells = []
        for i, v in enumerate(values):
            if v is None:
                continue
            ref = f"{get_column_letter(i + 1)}{r}"
            if isinstance(v, int | float):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{_escape(str(v))}</t></is></c>')
        parts.append(f'<row r="{r}">{"".join(cells)}</row>')
    parts.append("</sheetData></worksheet>")
    return "".join(parts).encode()


def workbook(sheet: bytes, declared_sheet_size: int | None = None) -> bytes:
    """A one-sheet workbook ('Indsatser') around the given worksheet XML."""
    return zip_bytes(
        [
            ("[Content_Types].xml", _CONTENT_TYPES, None),
            ("_rels/.rels", _RELS, None),
            ("xl/workbook.xml", _WORKBOOK, None),
            ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS, None),
            ("xl/worksheets/sheet1.xml", sheet, declared_sheet_size),
        ]
    )


def good_row(i: int) -> list[object]:
    """One valid Indsatser row for citizen i."""
    return [f"B{i:06d}", 1960 + i % 40, "K", "Mentor", "05.01.2024", None, None, "Alkohol"]


def lying_zip(real_mb: int = 100, declared_mb: int = 1) -> bytes:
    """A workbook whose sheet declares `declared_mb` unpacked while its deflate stream holds `real_mb`."""
    head = sheet_xml([(1, HEADER)])[: -len(b"</sheetData></worksheet>")]
    row = sheet_xml([(2, good_row(2))])
    row = row[row.index(b"<row") : row.index(b"</sheetData>")]
    body = bytearray(head)
    n = 2
    while len(body) < real_mb * 1024 * 1024:
        body += row  # the same row again and again: it packs to almost nothing (row numbers are not checked)
        n += 1
    body += b"</sheetData></worksheet>"
    return workbook(bytes(body), declared_sheet_size=declared_mb * 1024 * 1024)


def wide_rows(columns: int = 16_384, rows: int = 100) -> list[list[object]]:
    """A header of `columns` names (the contract's first, then unknown ones) and `rows` rows of numbers."""
    header = [*HEADER, *(f"kolonne {i}" for i in range(len(HEADER), columns))]
    return [header, *([*good_row(r)[: len(HEADER)], *range(len(HEADER), columns)] for r in range(rows))]


def wide_csv(columns: int = 16_384, rows: int = 100) -> bytes:
    """A semicolon CSV `columns` wide."""
    return "\n".join(";".join("" if v is None else str(v) for v in r) for r in wide_rows(columns, rows)).encode()


def wide_xlsx(columns: int = 16_384, rows: int = 100) -> bytes:
    """An .xlsx `columns` wide."""
    return workbook(sheet_xml(enumerate(wide_rows(columns, rows), start=1)))


def sparse_extent_xlsx(last_row: int = 100_000, last_col: int = 400) -> bytes:
    """A tiny .xlsx with a header in row 1 and one cell far away: a reader would allocate the whole rectangle."""
    far = [None] * last_col + ["x"]
    return workbook(sheet_xml([(1, HEADER), (2, good_row(2)), (last_row, far)]))


def escapes_csv() -> bytes:
    """A CSV with terminal escapes, a bidi override in a header, and a 1 MB cell."""
    rows = [
        [*HEADER, RLO_HEADER],
        ["AB12", ESCAPES, "K", "Mentor", "05.01.2024", "", "", "Alkohol", "x"],
        ["CD34", "1990", "K", "x" * (1024 * 1024), "05.01.2024", "", "", "Alkohol", "y"],
    ]
    return "\n".join(";".join(f'"{v}"' if ";" in v else v for v in r) for r in rows).encode()


def header_on_row_csv(row: int = 500) -> bytes:
    """A CSV whose header stands on `row` under a title and blank-ish rows."""
    lines = ["Udtræk fra fagsystemet"] + [f"note {i}" for i in range(2, row)]
    lines += [";".join(HEADER), ";".join(str(v or "") for v in good_row(1))]
    return "\n".join(lines).encode()


HOSTILE = {
    "zip med løgnagtige størrelser (1 MB angivet, 100 MB reelt)": ("lying.xlsx", lambda: lying_zip(100, 1)),
    "16.384 kolonner × 100 rækker, CSV": ("wide.csv", lambda: wide_csv()),
    "16.384 kolonner × 100 rækker, xlsx": ("wide.xlsx", lambda: wide_xlsx()),
    "celle i ZZ100000 (tæt udstrækning)": ("sparse.xlsx", lambda: sparse_extent_xlsx()),
    "escapes, bidi og 1 MB celle": ("escapes.csv", lambda: escapes_csv()),
    "overskrift i række 500": ("header500.csv", lambda: header_on_row_csv(500)),
}
