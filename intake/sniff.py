"""Decide a file's type from its content and refuse unsafe or unreadable files before any parsing."""

from __future__ import annotations

import io
import zipfile

import settings
from intake.result import Refused

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
MAX_ZIP_ENTRIES = 10_000
MAX_RATIO = 1_000  # deflate cannot exceed ~1032:1; a larger claimed ratio is a crafted archive
_PROLOG_BYTES = 64 * 1024
_CHUNK = 1 << 20

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


def detect_format(data: bytes) -> str:
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
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text (Excel's "Unicode-tekst")
        return "csv"
    if b"\x00" in data[:8192]:
        raise Refused("Filen er ikke et regneark (.xlsx) eller en tekstfil (.csv) og kan ikke læses.")
    return "csv"


def check_xlsx(data: bytes) -> None:
    """Refuse a zip that is corrupt, not a workbook, macro-enabled, a zip bomb or holds XML with a DTD."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise Refused(
            "Filen er beskadiget og kan ikke åbnes som Excel-fil. Gem den igen i Excel og upload den."
        ) from None
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise Refused("Filen er et Word-dokument, ikke et regneark. Upload en .xlsx- eller .csv-fil.")
        raise Refused("Filen er en zip-fil, men ikke en Excel-projektmappe (.xlsx). Upload en .xlsx- eller .csv-fil.")
    _check_bomb(infos)
    if "xl/vbaProject.bin" in names or any(n.lower().endswith("vbaproject.bin") for n in names):
        raise Refused(f"Filen indeholder makroer (.xlsm) og afvises af sikkerhedshensyn. {SAVE_AS_XLSX}")
    try:
        content_types = zf.read("[Content_Types].xml")
        if MACRO_CONTENT_TYPE in content_types:
            raise Refused(
                f"Filen er en makroaktiveret projektmappe (.xlsm) og afvises af sikkerhedshensyn. {SAVE_AS_XLSX}"
            )
        for info in infos:
            if info.filename.endswith((".xml", ".rels", ".vml")):
                _check_entry(zf, info)
    except Refused:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        raise Refused(
            "Filen er beskadiget og kan ikke åbnes som Excel-fil. Gem den igen i Excel og upload den."
        ) from None


def _check_bomb(infos: list[zipfile.ZipInfo]) -> None:
    limit_mb = int(settings.get("max_unpacked_mb"))
    bomb = (
        f"Filen afvises: udpakket ville den fylde mere end de tilladte {limit_mb} MB "
        "(den kan være en såkaldt zip-bombe). Del data op i flere filer, eller kontakt en administrator."
    )
    if len(infos) > MAX_ZIP_ENTRIES:
        raise Refused(f"Filen afvises: den indeholder usædvanligt mange dele ({len(infos)}).")
    total = sum(i.file_size for i in infos)
    if total > limit_mb * 1024 * 1024:
        raise Refused(bomb)
    for i in infos:
        if i.file_size > 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise Refused(bomb)


def _check_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Stream one part: refuse a DTD/entity declaration; the CRC check proves the declared size true."""
    with zf.open(info) as fh:
        head = fh.read(_PROLOG_BYTES)
        low = head.replace(b"\x00", b"").lower()  # also catches UTF-16 XML
        if b"<!doctype" in low or b"<!entity" in low:
            raise Refused("Filen afvises: den indeholder XML med DTD/entiteter, som ikke er tilladt i en Excel-fil.")
        # Reading to the end makes zipfile verify the CRC; data beyond the declared size is never produced.
        while fh.read(_CHUNK):
            pass
