"""Decide a file's type from its content and refuse unsafe or unreadable files before any parsing."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

import settings
from intake import limits
from intake.result import Refused

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
MAX_ZIP_ENTRIES = 10_000
MAX_RATIO = 1_000  # deflate cannot exceed ~1032:1; a larger claimed ratio is a crafted archive
_PROLOG_BYTES = 64 * 1024
_CHUNK = 1 << 20  # bytes of unpacked output per step: memory for the check stays at a few MB
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_EXCEL_NAMES = (".xlsx", ".xlsm", ".xltx", ".xls")
DAMAGED = "Filen er beskadiget og kan ikke åbnes som Excel-fil. Gem den igen i Excel og upload den."
# Cell references that can widen or lengthen a sheet's extent: columns with two or more letters (AA…) and rows
# with five or more digits (10.000…). Smaller references cannot make the extent exceed the cell limit.
_WIDE_REF = re.compile(rb'<c r="([A-Z]{2,3})[0-9]')
_DEEP_REF = re.compile(rb'<c r="[A-Z]{1,3}([0-9]{5,7})"')
_ANY_REF = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
_ROW_REF = re.compile(rb'<row r="([0-9]{5,7})"')

SAVE_AS_XLSX = "Gem filen som .xlsx i Excel via Filer > Gem som > Excel-projektmappe (*.xlsx), og upload den igen."
MACRO_CONTENT_TYPE = b"macroEnabled"

_OTHER_MAGIC = {
    b"%PDF": "en PDF-fil",
    b"\x89PNG": "et billede",
    b"\xff\xd8\xff": "et billede",
    b"GIF8": "et billede",
    b"\x1f\x8b": "en komprimeret fil",
    b"{\\rtf": "et Word-dokument (RTF)",
}


def detect_format(data: bytes, filename: str = "") -> str:
    """Return 'xlsx' or 'csv' for an acceptable file; raise Refused with a Danish message otherwise."""
    max_mb = int(settings.get("max_upload_mb"))
    if len(data) > max_mb * 1024 * 1024:
        raise Refused(f"Filen er for stor ({len(data) / 1024 / 1024:.1f} MB). Den største tilladte fil er {max_mb} MB.")
    if not data.strip():
        raise Refused("Filen er tom.")
    if data.startswith(OLE2_MAGIC):
        if "EncryptionInfo".encode("utf-16-le") in data or b"EncryptedPackage" in data.replace(b"\x00", b""):
            raise Refused(
                "Filen er beskyttet med adgangskode. Fjern adgangskoden i Excel (Filer > Oplysninger > "
                "Beskyt projektmappe > Kryptér med adgangskode, slet adgangskoden), gem og upload igen."
            )
        raise Refused(f"Filen er i det gamle Excel-format (.xls), som ikke kan læses. {SAVE_AS_XLSX}")
    if data.startswith((ZIP_MAGIC, b"PK\x05\x06", b"PK\x07\x08")):
        check_xlsx(data)
        return "xlsx"
    for magic, what in _OTHER_MAGIC.items():
        if data.startswith(magic):
            raise Refused(f"Filen er ikke et regneark, men ser ud til at være {what}. Upload en .xlsx- eller .csv-fil.")
    if filename.lower().endswith(_EXCEL_NAMES):
        # A text file renamed to .xlsx: reading it as CSV would only report missing columns.
        raise Refused(
            "Filen hedder .xlsx, men er ikke en Excel-fil (den ser ud til at være en tekstfil). Åbn den i Excel og "
            "gem den som Excel-projektmappe (*.xlsx), eller giv den endelsen .csv, hvis den er en CSV-fil."
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text (Excel's "Unicode-tekst")
        return "csv"
    if b"\x00" in data[:8192]:
        raise Refused("Filen er ikke et regneark (.xlsx) eller en tekstfil (.csv) og kan ikke læses.")
    return "csv"


def check_xlsx(data: bytes) -> None:
    """Refuse a zip that is corrupt, not a workbook, macro-enabled, holds XML with a DTD, or unpacks too far.

    Every part is unpacked here, a MB at a time, and its real bytes are counted: the sizes a zip declares
    are not trusted. A part that unpacks to more than it declares, or a workbook whose parts unpack to more
    than the limit, is refused before any parser sees it; so is a sheet whose cell references span more
    rows, columns or rows × columns than allowed (the reader would allocate that whole rectangle).
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise Refused(DAMAGED) from None
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise Refused("Filen er et Word-dokument, ikke et regneark. Upload en .xlsx- eller .csv-fil.")
        raise Refused("Filen er en zip-fil, men ikke en Excel-projektmappe (.xlsx). Upload en .xlsx- eller .csv-fil.")
    _check_declared(infos)
    if "xl/vbaProject.bin" in names or any(n.lower().endswith("vbaproject.bin") for n in names):
        raise Refused(f"Filen indeholder makroer (.xlsm) og afvises af sikkerhedshensyn. {SAVE_AS_XLSX}")
    try:
        if MACRO_CONTENT_TYPE in zf.read("[Content_Types].xml")[: limits.max_unpacked_bytes()]:
            raise Refused(
                f"Filen er en makroaktiveret projektmappe (.xlsm) og afvises af sikkerhedshensyn. {SAVE_AS_XLSX}"
            )
    except Refused:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError, zlib.error):
        raise Refused(DAMAGED) from None
    budget = limits.max_unpacked_bytes()
    extent = _Extent()
    for info in infos:
        budget -= _unpack_counted(data, info, budget, extent)
    extent.check()


def _check_declared(infos: list[zipfile.ZipInfo]) -> None:
    """Cheap early refusal on the declared sizes (the real sizes are counted afterwards)."""
    if len(infos) > MAX_ZIP_ENTRIES:
        raise Refused(f"Filen afvises: den indeholder usædvanligt mange dele ({len(infos)}).")
    if sum(i.file_size for i in infos) > limits.max_unpacked_bytes():
        raise limits.too_large_unpacked()
    for i in infos:
        if i.file_size > 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise limits.too_large_unpacked()


@dataclass
class _Extent:
    """The largest row and column any cell reference in the workbook names (only the large ones are read)."""

    max_row: int = 0  # 0 when no reference names a row from 10.000 on
    max_col: int = 0  # 0-based

    def scan(self, chunk: bytes) -> None:
        wide = set(_WIDE_REF.findall(chunk))
        if wide:
            self.max_col = max(self.max_col, *(_col_index(w) for w in wide))
        elif self.max_col < 25:  # single letters: find the last one present (a fast substring search each)
            for i in range(25, self.max_col, -1):
                if b'<c r="' + bytes([65 + i]) in chunk:
                    self.max_col = i
                    break
        cells = chunk.count(b"<c ") + chunk.count(b"<c>")
        if cells > chunk.count(b'<c r="'):  # unusual writers: references after other attributes, or none at all
            for col, row in _ANY_REF.findall(chunk):
                self.max_col = max(self.max_col, _col_index(col))
                self.max_row = max(self.max_row, int(row))
            # A cell without a reference takes the next column: count the cells of each row.
            widest = max(row.count(b"<c ") + row.count(b"<c>") for row in chunk.split(b"<row"))
            self.max_col = max(self.max_col, widest - 1)
        deep = set(_DEEP_REF.findall(chunk)) | set(_ROW_REF.findall(chunk))
        if deep:
            self.max_row = max(self.max_row, *(int(d) for d in deep))
        if self.max_col + 1 > limits.max_columns() or self.max_row > limits.max_rows() + limits.HEADER_SCAN_ROWS:
            self.check()  # refuse now: no need to unpack the rest of a file that is already too large

    def check(self) -> None:
        columns = self.max_col + 1
        if columns > limits.max_columns():
            raise limits.too_many_columns(self.max_col + 1)
        if self.max_row > limits.max_rows() + limits.HEADER_SCAN_ROWS:
            raise limits.too_many_rows(self.max_row)
        rows = self.max_row or 9_999
        if rows * columns > limits.max_cells():
            raise limits.too_large_extent(rows, columns)


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n - 1


def _unpack_counted(data: bytes, info: zipfile.ZipInfo, budget: int, extent: _Extent) -> int:
    """Unpack one part from its raw stream, a MB at a time; return its real size or refuse.

    The stream is read from the local header the way any reader finds it, so what is counted here is what a
    reader would get: more than the declared size (a lying zip) or more than the budget is refused.
    """
    if info.flag_bits & 0x1:
        raise Refused("Filen er krypteret og kan ikke læses. Gem den igen i Excel uden adgangskode og upload den.")
    offset = info.header_offset
    try:
        sig, *_rest, name_len, extra_len = _LOCAL_HEADER.unpack_from(data, offset)
    except struct.error:
        raise Refused(DAMAGED) from None
    if sig != b"PK\x03\x04":
        raise Refused(DAMAGED)
    start = offset + _LOCAL_HEADER.size + name_len + extra_len
    raw = memoryview(data)[start : start + info.compress_size]
    if len(raw) != info.compress_size:
        raise Refused(DAMAGED)
    xml = info.filename.endswith((".xml", ".rels", ".vml"))
    allowed = min(info.file_size, budget)
    crc, real, head, tail = 0, 0, b"", b""
    try:
        if info.compress_type == zipfile.ZIP_STORED:
            pieces = (bytes(raw[i : i + _CHUNK]) for i in range(0, len(raw), _CHUNK))
            finished = lambda: True  # noqa: E731
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            inflater = zlib.decompressobj(-15)
            pieces = _inflate(inflater, raw)
            finished = lambda: inflater.eof  # noqa: E731
        else:
            raise Refused(DAMAGED)
        for piece in pieces:
            real += len(piece)
            if real > allowed:
                if real > budget:
                    raise limits.too_large_unpacked()
                raise Refused(
                    "Filen afvises: en del af den fylder mere udpakket, end den selv angiver (en manipuleret "
                    "zip-fil). Gem filen igen i Excel og upload den."
                )
            crc = zlib.crc32(piece, crc)
            if xml:
                if len(head) < _PROLOG_BYTES:
                    head += piece[: _PROLOG_BYTES - len(head)]
                window = tail + piece  # a reference cut between two pieces is seen whole
                extent.scan(window)
                tail = piece[-32:]
        if not finished() or real != info.file_size or crc != info.CRC:
            raise Refused(DAMAGED)
    except zlib.error:
        raise Refused(DAMAGED) from None
    low = head.replace(b"\x00", b"").lower()  # also catches UTF-16 XML
    if xml and (b"<!doctype" in low or b"<!entity" in low):
        raise Refused("Filen afvises: den indeholder XML med DTD/entiteter, som ikke er tilladt i en Excel-fil.")
    return real


def _inflate(inflater: zlib._Decompress, raw: memoryview):
    """Yield the unpacked bytes of a raw deflate stream at most a MB at a time."""
    for i in range(0, len(raw), _CHUNK):
        pending = bytes(raw[i : i + _CHUNK])
        while pending:
            out = inflater.decompress(pending, _CHUNK)
            if out:
                yield out
            pending = inflater.unconsumed_tail
            if inflater.eof:
                return
    while not inflater.eof:
        out = inflater.decompress(b"", _CHUNK)
        if not out:
            return
        yield out
